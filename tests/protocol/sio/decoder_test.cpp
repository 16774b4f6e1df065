// sio::decoder: the socket.io-protocol v5 examples, the PROTOCOL.md §3
// examples and the socket.io-parser 4.2.7 behaviours that look odd.

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/sio/decoder.hpp>

#include "decode_both.hpp"

namespace {

using namespace sio::proto::sio;
using sio_test::decode;
using sio_test::error_of;

class SioDecoder : public ::testing::Test {
 protected:
  decoder d;
};

TEST_F(SioDecoder, SpecConnectMain) {
  auto r = decode(d, "0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_EQ(r->ack_id, no_ack);
  EXPECT_EQ(r->payload, "");
}

TEST_F(SioDecoder, SpecConnectCustomWithPayload) {
  auto r = decode(d, R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect);
  EXPECT_EQ(r->nsp, "/admin");
  EXPECT_EQ(r->payload, R"({"sid":"oSO0OpakMV_3jnilAAAA"})");
  std::string_view sid;
  ASSERT_EQ(r->json["sid"].get(sid), simdjson::SUCCESS);
  EXPECT_EQ(sid, "oSO0OpakMV_3jnilAAAA");
}

TEST_F(SioDecoder, SpecConnectError) {
  auto r = decode(d, R"(4{"message":"Not authorized"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect_error);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_TRUE(r->json.is_object());
}

TEST_F(SioDecoder, SpecEventMain) {
  auto r = decode(d, R"(2["foo"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::event);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_EQ(r->event, "foo");
  EXPECT_EQ(r->args, "");
  EXPECT_EQ(r->ack_id, no_ack);
}

TEST_F(SioDecoder, SpecEventCustom) {
  auto r = decode(d, R"(2/admin,["bar"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/admin");
  EXPECT_EQ(r->event, "bar");
}

TEST_F(SioDecoder, SpecBinaryEvent) {
  auto r = decode(d, R"(51-["baz",{"_placeholder":true,"num":0}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::binary_event);
  EXPECT_EQ(r->attachments, 1u);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_EQ(r->event, "baz");
  EXPECT_EQ(r->args, R"({"_placeholder":true,"num":0})");
}

TEST_F(SioDecoder, SpecBinaryEventTwoAttachmentsCustomNamespace) {
  auto r =
      decode(d, R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->attachments, 2u);
  EXPECT_EQ(r->nsp, "/admin");
  EXPECT_EQ(r->args, R"({"_placeholder":true,"num":0},{"_placeholder":true,"num":1})");
}

TEST_F(SioDecoder, SpecEventWithAck) {
  auto r = decode(d, R"(212["foo"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 12u);
  EXPECT_EQ(r->event, "foo");
}

TEST_F(SioDecoder, SpecAckCustom) {
  auto r = decode(d, R"(3/admin,13["bar"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::ack);
  EXPECT_EQ(r->nsp, "/admin");
  EXPECT_EQ(r->ack_id, 13u);
  EXPECT_EQ(r->args, R"("bar")");
  EXPECT_EQ(r->event, "");
}

TEST_F(SioDecoder, SpecBinaryAck) {
  auto r = decode(d, R"(61-15["bar",{"_placeholder":true,"num":0}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::binary_ack);
  EXPECT_EQ(r->attachments, 1u);
  EXPECT_EQ(r->ack_id, 15u);
  EXPECT_EQ(r->args, R"("bar",{"_placeholder":true,"num":0})");
}

TEST_F(SioDecoder, SpecDisconnect) {
  auto r = decode(d, "1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::disconnect);
  EXPECT_EQ(r->nsp, "/");
  r = decode(d, "1/admin,");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/admin");
}

TEST_F(SioDecoder, SuiteNamespaceWithoutComma) {
  auto r = decode(d, "0/custom");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect);
  EXPECT_EQ(r->nsp, "/custom");
  EXPECT_EQ(r->payload, "");
  r = decode(d, "1/custom");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::disconnect);
  EXPECT_EQ(r->nsp, "/custom");
  r = decode(d, "0/random");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/random");
}

TEST_F(SioDecoder, SuiteConnectWithAuth) {
  auto r = decode(d, R"(0{"token":"123"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_EQ(r->payload, R"({"token":"123"})");
  r = decode(d, R"(0/custom,{"token":"abc"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/custom");
  EXPECT_EQ(r->payload, R"({"token":"abc"})");
  r = decode(d, "0/custom,");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/custom");
  EXPECT_EQ(r->payload, "");
}

TEST_F(SioDecoder, SuiteServerReplies) {
  auto r = decode(d, R"(0{"sid":"9PzDrxj2N-wlWkiyAADP"})");
  ASSERT_TRUE(r);
  r = decode(d, R"(4/random,{"message":"Invalid namespace"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect_error);
  EXPECT_EQ(r->nsp, "/random");
  std::string_view message;
  ASSERT_EQ(r->json["message"].get(message), simdjson::SUCCESS);
  EXPECT_EQ(message, "Invalid namespace");
  r = decode(d, R"(4/admin,{"message":"Not authorized","data":{"code":7}})");
  ASSERT_TRUE(r);
}

TEST_F(SioDecoder, SuiteMessage) {
  auto r = decode(d, R"(2["message",1,"2",{"3":[true]}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event, "message");
  EXPECT_EQ(r->args, R"(1,"2",{"3":[true]})");
  r = decode(d, R"(2["message","message to main namespace"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->args, R"("message to main namespace")");
}

TEST_F(SioDecoder, SuiteMessageWithAck) {
  auto r = decode(d, R"(2456["message-with-ack",1,"2",{"3":[false]}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 456u);
  EXPECT_EQ(r->event, "message-with-ack");
  EXPECT_EQ(r->args, R"(1,"2",{"3":[false]})");
  r = decode(d, R"(3456[1,"2",{"3":[false]}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::ack);
  EXPECT_EQ(r->ack_id, 456u);
  EXPECT_EQ(r->args, R"(1,"2",{"3":[false]})");
}

TEST_F(SioDecoder, SuiteBinaryWithAck) {
  auto r = decode(
      d,
      R"(52-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::binary_event);
  EXPECT_EQ(r->attachments, 2u);
  EXPECT_EQ(r->ack_id, 789u);
  EXPECT_EQ(r->event, "message-with-ack");
  r = decode(d, R"(62-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::binary_ack);
  EXPECT_EQ(r->ack_id, 789u);
  EXPECT_EQ(r->args, R"({"_placeholder":true,"num":0},{"_placeholder":true,"num":1})");
}

TEST_F(SioDecoder, RecoveryConnect) {
  auto r = decode(d, R"(0{"pid":"abc","offset":"Q80tE5Q","token":"x"})");
  ASSERT_TRUE(r);
  r = decode(d, R"(2["tick",1,"Q80tE5Q"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->args, R"(1,"Q80tE5Q")");
}

// --- what socket.io-parser accepts that looks odd ---------------------------

TEST_F(SioDecoder, ReferenceQuirksMirrored) {
  // "4" + "1" is an ack id, nothing follows: accepted (no payload to check).
  auto r = decode(d, "41");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::connect_error);
  EXPECT_EQ(r->ack_id, 1u);
  // A string CONNECT_ERROR payload (the v4 protocol form).
  r = decode(d, R"(4/admin,"Not authorized")");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->json.is_string());
  // Ack ids parse for every type.
  r = decode(d, "1/custom,5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 5u);
  r = decode(d, "05{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 5u);
  // An ack with no payload is an ack with no arguments.
  r = decode(d, "37");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, packet_type::ack);
  EXPECT_EQ(r->args, "");
  // The namespace runs to the first ','.
  r = decode(d, R"(2/a/b,["x"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/a/b");
  r = decode(d, R"(2/,["x"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/");
  // Anything that is not '/' right after the header is not a namespace.
  r = decode(d, R"(2 ["x"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsp, "/");
  EXPECT_EQ(r->event, "x");
}

}  // namespace
