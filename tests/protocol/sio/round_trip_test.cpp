// encode -> decode -> encode: the encoders and the decoder agree, and
// canonical packets come back byte for byte.

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace {

using namespace sio::proto::sio;

// Re-encodes a decoded packet from its fields.
std::string reencode(const packet& p) {
  std::string out;
  switch (p.type) {
    case packet_type::connect:
      append_connect(out, p.nsp, p.payload);
      break;
    case packet_type::disconnect:
      append_disconnect(out, p.nsp);
      break;
    case packet_type::event:
      append_event(out, p.nsp, p.event, p.args, p.ack_id);
      break;
    case packet_type::ack:
      append_ack(out, p.nsp, p.ack_id, p.args);
      break;
    case packet_type::connect_error:
      append_header(out, p.type, p.nsp, p.ack_id);
      out.append(p.payload);
      break;
    case packet_type::binary_event:
      append_binary_event(out, p.nsp, p.event, p.args, p.attachments, p.ack_id);
      break;
    case packet_type::binary_ack:
      append_binary_ack(out, p.nsp, p.ack_id, p.args, p.attachments);
      break;
  }
  return out;
}

TEST(SioRoundTrip, CanonicalPacketsComeBackByteForByte) {
  const char* packets[] = {
      "0",
      R"(0{"token":"123"})",
      R"(0/custom,{"token":"abc"})",
      R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})",
      "1",
      "1/admin,",
      R"(2["foo"])",
      R"(2/admin,["bar"])",
      R"(212["foo"])",
      R"(2["message",1,"2",{"3":[true]}])",
      R"(2456["message-with-ack",1,"2",{"3":[false]}])",
      R"(2/chat,7["a\"b\\c\n\u0001",{"x":[1,2,{"y":null}]}])",
      R"(3/admin,13["bar"])",
      R"(3456[1,"2",{"3":[false]}])",
      "30[]",
      R"(4{"message":"Not authorized"})",
      R"(4/random,{"message":"Invalid namespace"})",
      R"(51-["baz",{"_placeholder":true,"num":0}])",
      R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])",
      R"(52-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])",
      R"(61-15["bar",{"_placeholder":true,"num":0}])",
      R"(62-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])",
  };
  decoder d;
  for (const char* text : packets) {
    auto r = d.decode(text);
    ASSERT_TRUE(r) << text << ": " << errc_name(r.error());
    EXPECT_EQ(reencode(*r), text);
  }
}

TEST(SioRoundTrip, NonCanonicalInputsReencodeToTheCanonicalForm) {
  const std::pair<const char*, const char*> cases[] = {
      {"0/custom", "0/custom,"},
      {"1/custom", "1/custom,"},
      {R"(2/,["x"])", R"(2["x"])"},
      {R"(2007["x"])", R"(27["x"])"},
      {R"(2[ "chat" , 1 ])", R"(2["chat",1])"},
      {R"(2["\u0063hat"])", R"(2["chat"])"},
      {"2[1.50,2]", R"(2["1.5",2])"},
  };
  decoder d;
  for (auto [in, want] : cases) {
    auto r = d.decode(in);
    ASSERT_TRUE(r) << in;
    EXPECT_EQ(reencode(*r), want) << in;
  }
}

TEST(SioRoundTrip, EncodedFieldsDecodeToTheSameFields) {
  const char* namespaces[] = {"/", "/admin", "/a/b-c_d.e", "/\xc3\xa9"};
  const char* names[] = {"chat", "", "a\"b", "with space", "\xf0\x9f\x98\x80", "\x01\x1f", "1"};
  const char* arg_lists[] = {"", "1", R"("hi",{"a":[1,2]},null,true,-0.5)", R"([[[]]])"};
  const uint64_t ids[] = {no_ack, 0, 1, 456, max_ack_id};
  decoder d;
  for (const char* nsp : namespaces) {
    for (const char* name : names) {
      for (const char* args : arg_lists) {
        for (uint64_t id : ids) {
          std::string out;
          append_event(out, nsp, name, args, id);
          auto r = d.decode(out);
          ASSERT_TRUE(r) << out;
          EXPECT_EQ(r->type, packet_type::event);
          EXPECT_EQ(r->nsp, nsp);
          EXPECT_EQ(r->event, name);
          EXPECT_EQ(r->args, args);
          EXPECT_EQ(r->ack_id, id);
          EXPECT_EQ(reencode(*r), out);
          if (id == no_ack) continue;
          out.clear();
          append_ack(out, nsp, id, args);
          r = d.decode(out);
          ASSERT_TRUE(r) << out;
          EXPECT_EQ(r->nsp, nsp);
          EXPECT_EQ(r->args, args);
          EXPECT_EQ(r->ack_id, id);
          out.clear();
          append_binary_ack(out, nsp, id, args, 3);
          r = d.decode(out);
          ASSERT_TRUE(r) << out;
          EXPECT_EQ(r->attachments, 3u);
          EXPECT_EQ(r->args, args);
        }
      }
    }
  }
}

TEST(SioRoundTrip, ConnectErrorMessagesSurviveEscaping) {
  decoder d;
  for (const char* message : {"", "Not authorized", "quote \" and \\ and \n", "\xc3\xa9"}) {
    std::string out;
    append_connect_error(out, "/admin", message, R"({"retry":false})");
    auto r = d.decode(out);
    ASSERT_TRUE(r) << out;
    std::string_view got;
    ASSERT_EQ(r->json["message"].get(got), simdjson::SUCCESS);
    EXPECT_EQ(got, message);
    bool retry = true;
    ASSERT_EQ(r->json["data"]["retry"].get(retry), simdjson::SUCCESS);
    EXPECT_FALSE(retry);
  }
}

}  // namespace
