// sio encoders: byte for byte against the socket.io-protocol v5 examples and
// what the Node reference writes (PROTOCOL.md §3).

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/json/writer.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace {

using namespace sio::proto::sio;

TEST(SioEncoder, SpecConnect) {
  std::string out;
  append_connect(out, "/");
  EXPECT_EQ(out, "0");
  out.clear();
  append_connect(out, "/admin", R"({"sid":"oSO0OpakMV_3jnilAAAA"})");
  EXPECT_EQ(out, R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})");
  out.clear();
  append_connect(out, "/custom");
  EXPECT_EQ(out, "0/custom,");  // the encoder always ends a namespace with ','
  out.clear();
  append_connect(out, "", R"({"sid":"9PzDrxj2N-wlWkiyAADP"})");  // "" counts as "/"
  EXPECT_EQ(out, R"(0{"sid":"9PzDrxj2N-wlWkiyAADP"})");
}

TEST(SioEncoder, SpecConnectError) {
  std::string out;
  append_connect_error(out, "/", "Not authorized");
  EXPECT_EQ(out, R"(4{"message":"Not authorized"})");
  out.clear();
  append_connect_error(out, "/random", "Invalid namespace");
  EXPECT_EQ(out, R"(4/random,{"message":"Invalid namespace"})");
  out.clear();
  append_connect_error(out, "/admin", "Not \"authorized\"", R"({"code":7})");
  EXPECT_EQ(out, R"(4/admin,{"message":"Not \"authorized\"","data":{"code":7}})");
}

TEST(SioEncoder, SuiteInvalidNamespaceWithEngineIoPrefix) {
  std::string out = "4";  // the Engine.IO message type, written by the caller
  append_connect_error(out, "/random", "Invalid namespace");
  EXPECT_EQ(out, R"(44/random,{"message":"Invalid namespace"})");
}

TEST(SioEncoder, SpecDisconnect) {
  std::string out;
  append_disconnect(out, "/");
  EXPECT_EQ(out, "1");
  out.clear();
  append_disconnect(out, "/admin");
  EXPECT_EQ(out, "1/admin,");
  out.clear();
  append_disconnect(out, "/custom");
  EXPECT_EQ(out, "1/custom,");
}

TEST(SioEncoder, SpecEvents) {
  std::string out;
  append_event(out, "/", "foo", "");
  EXPECT_EQ(out, R"(2["foo"])");
  out.clear();
  append_event(out, "/admin", "bar", "");
  EXPECT_EQ(out, R"(2/admin,["bar"])");
  out.clear();
  append_event(out, "/", "foo", "", 12);
  EXPECT_EQ(out, R"(212["foo"])");
  out.clear();
  append_event(out, "/", "message-back", R"(1,"2",{"3":[true]})");
  EXPECT_EQ(out, R"(2["message-back",1,"2",{"3":[true]}])");
  out.clear();
  append_event(out, "/custom", "auth", R"({"token":"abc"})");
  EXPECT_EQ(out, R"(2/custom,["auth",{"token":"abc"}])");
  out.clear();
  append_event(out, "/", "a\"b\n", "");
  EXPECT_EQ(out, R"(2["a\"b\n"])");
  out.clear();
  append_event(out, "/", "x", "", 0);
  EXPECT_EQ(out, R"(20["x"])");
  out.clear();
  append_event(out, "/", "x", "", max_ack_id);
  EXPECT_EQ(out, R"(29007199254740991["x"])");
}

TEST(SioEncoder, SpecAcks) {
  std::string out;
  append_ack(out, "/admin", 13, R"("bar")");
  EXPECT_EQ(out, R"(3/admin,13["bar"])");
  out.clear();
  append_ack(out, "/", 456, R"(1,"2",{"3":[false]})");
  EXPECT_EQ(out, R"(3456[1,"2",{"3":[false]}])");
  out.clear();
  append_ack(out, "/", 0, "");
  EXPECT_EQ(out, "30[]");
}

TEST(SioEncoder, SpecBinary) {
  std::string args;
  args += R"("baz",)";
  std::string out;
  std::string ph0, ph1;
  append_placeholder(ph0, 0);
  append_placeholder(ph1, 1);
  EXPECT_EQ(ph0, R"({"_placeholder":true,"num":0})");
  append_binary_event(out, "/", "baz", ph0, 1);
  EXPECT_EQ(out, R"(51-["baz",{"_placeholder":true,"num":0}])");
  out.clear();
  append_binary_event(out, "/admin", "baz", ph0 + "," + ph1, 2);
  EXPECT_EQ(out,
            R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  out.clear();
  append_binary_ack(out, "/", 15, R"("bar",)" + ph0, 1);
  EXPECT_EQ(out, R"(61-15["bar",{"_placeholder":true,"num":0}])");
  out.clear();
  append_binary_event(out, "/", "message-back", ph0 + "," + ph1, 2);
  EXPECT_EQ(out,
            R"(52-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  out.clear();
  append_binary_ack(out, "/", 789, ph0 + "," + ph1, 2);
  EXPECT_EQ(out, R"(62-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  out.clear();
  append_binary_event(out, "/", "up", ph0, 1, 7);
  EXPECT_EQ(out, R"(51-7["up",{"_placeholder":true,"num":0}])");
}

TEST(SioEncoder, Header) {
  std::string out;
  append_header(out, packet_type::event, "/chat", 5);
  EXPECT_EQ(out, "2/chat,5");
  out.clear();
  append_header(out, packet_type::binary_ack, "/", 3, 10);
  EXPECT_EQ(out, "610-3");
  out.clear();
  append_header(out, packet_type::connect, "/");
  EXPECT_EQ(out, "0");
}

TEST(SioEncoder, WriterBuildsArguments) {
  std::string args;
  sio::proto::json::writer(args)
      .string("hi")
      .number(0.5)
      .begin_object()
      .key("a")
      .integer(1)
      .end_object();
  std::string out = "4";
  append_event(out, "/", "chat", args, 1);
  EXPECT_EQ(out, R"(421["chat","hi",0.5,{"a":1}])");
}

TEST(SioEncoder, RecoveryOffsetArgument) {
  std::string out;
  append_event(out, "/", "tick", R"(1,"Q80tE5Q")");
  EXPECT_EQ(out, R"(2["tick",1,"Q80tE5Q"])");
}

}  // namespace
