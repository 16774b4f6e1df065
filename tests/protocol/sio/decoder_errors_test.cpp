// sio::decoder: every malformed case socket.io-parser 4.2.7 rejects
// (PROTOCOL.md §3.2), and the few it accepts that sioring refuses.

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/sio/decoder.hpp>

#include "decode_both.hpp"

namespace {

using namespace sio::proto::sio;
using sio_test::decode;
using sio_test::error_of;

// --- malformed input -------------------------------------------------------

TEST(SioDecoderErrors, EmptyAndType) {
  EXPECT_EQ(error_of(""), errc::empty);
  EXPECT_EQ(error_of("abc"), errc::bad_type);  // EIO "4abc"
  EXPECT_EQ(error_of("7"), errc::bad_type);
  EXPECT_EQ(error_of("9[\"a\"]"), errc::bad_type);
  EXPECT_EQ(error_of(" 2[\"a\"]"), errc::bad_type);
  EXPECT_EQ(error_of("-"), errc::bad_type);
}

TEST(SioDecoderErrors, EventPayloadShape) {
  EXPECT_EQ(error_of("2{}"), errc::bad_payload);  // EIO "42{}"
  EXPECT_EQ(error_of("2[]"), errc::bad_payload);
  EXPECT_EQ(error_of("2[null]"), errc::bad_payload);
  EXPECT_EQ(error_of("2[true]"), errc::bad_payload);
  EXPECT_EQ(error_of("2[[\"a\"]]"), errc::bad_payload);
  EXPECT_EQ(error_of("2[{\"a\":1}]"), errc::bad_payload);
  EXPECT_EQ(error_of("2\"chat\""), errc::bad_payload);
  EXPECT_EQ(error_of("212"), errc::bad_payload);  // no payload: no event name
  EXPECT_EQ(error_of("2"), errc::bad_payload);
  EXPECT_EQ(error_of("2/chat,"), errc::bad_payload);
  EXPECT_EQ(error_of("5"
                     "1-"),
            errc::bad_payload);
  EXPECT_EQ(error_of("51-{}"), errc::bad_payload);
}

TEST(SioDecoderErrors, GarbageWhereIdOrPayloadIsExpected) {
  // EIO '42abc["message-with-ack",1,"2",{"3":[false]}]'
  EXPECT_EQ(error_of(R"(2abc["message-with-ack",1,"2",{"3":[false]}])"), errc::bad_json);
  EXPECT_EQ(error_of(R"(2["a")"), errc::bad_json);
  EXPECT_EQ(error_of(R"(2["a"]x)"), errc::bad_json);
  EXPECT_EQ(error_of(R"(2['a'])"), errc::bad_json);
  EXPECT_EQ(error_of(R"(0{token:1})"), errc::bad_json);
  EXPECT_EQ(error_of("2[\"\xff\"]"), errc::bad_json);  // not UTF-8
  EXPECT_EQ(error_of("2[1e400]"), errc::bad_json);     // JSON.parse: Infinity; refused here
  EXPECT_EQ(error_of("2/a[\"x,y\"]"), errc::bad_json);
}

TEST(SioDecoderErrors, ReservedNames) {
  for (std::string_view name : reserved_events) {
    std::string text = "2[\"" + std::string(name) + "\",1]";
    EXPECT_EQ(error_of(text), errc::reserved_event) << text;
    text = "51-[\"" + std::string(name) + "\",{\"_placeholder\":true,\"num\":0}]";
    EXPECT_EQ(error_of(text), errc::reserved_event) << text;
  }
  // Escapes are undone before the check, as JSON.parse does.
  EXPECT_EQ(error_of(R"(2["conn\u0065ct"])"), errc::reserved_event);
  decoder d;
  EXPECT_TRUE(d.decode(R"(2["Connect"])"));
  EXPECT_TRUE(d.decode(R"(2["connect "])"));
  EXPECT_TRUE(d.decode(R"(3["connect"])"));  // acks carry no name
}

TEST(SioDecoderErrors, Attachments) {
  std::string eleven = R"(511-["a",{"_placeholder":true,"num":0}])";
  EXPECT_EQ(error_of(eleven), errc::too_many_attachments);
  EXPECT_EQ(error_of(R"(5-["a"])"), errc::bad_attachments);
  EXPECT_EQ(error_of("5x-"), errc::bad_attachments);
  EXPECT_EQ(error_of("5"), errc::bad_attachments);
  EXPECT_EQ(error_of("51"), errc::bad_attachments);  // no '-'
  EXPECT_EQ(error_of(R"(51["a"])"), errc::bad_attachments);
  EXPECT_EQ(error_of(R"(5/a,1-["a"])"), errc::bad_attachments);
  EXPECT_EQ(error_of(R"(6x-1[])"), errc::bad_attachments);
  // socket.io-parser 4.2.7 refuses a count of 0 ("Illegal attachments").
  EXPECT_EQ(error_of(R"(50-["a"])"), errc::bad_attachments);
  EXPECT_EQ(error_of(R"(600-1[])"), errc::bad_attachments);
  EXPECT_EQ(error_of(R"(599999999999999999999999-["a"])"), errc::too_many_attachments);
  decoder d;
  EXPECT_TRUE(d.decode(R"(510-["a"])"));
  EXPECT_TRUE(d.decode(R"(601-1[])"));  // leading zero, as Number("01")
  decoder three(decoder_options{.max_attachments = 3});
  EXPECT_TRUE(three.decode(R"(53-["a"])"));
  auto r = three.decode(R"(54-["a"])");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::too_many_attachments);
}

TEST(SioDecoderErrors, AckId) {
  decoder d;
  auto r = d.decode(R"(29007199254740991["a"])");  // 2^53 - 1
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, max_ack_id);
  EXPECT_EQ(error_of(R"(29007199254740992["a"])"), errc::bad_ack_id);
  EXPECT_EQ(error_of(R"(2123456789012345678901234567890["a"])"), errc::bad_ack_id);
  EXPECT_EQ(error_of("399999999999999999999999999[]"), errc::bad_ack_id);
  r = d.decode(R"(20["a"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 0u);
  r = d.decode(R"(2007["a"])");  // Number("007")
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 7u);
}

TEST(SioDecoderErrors, ConnectPayload) {
  EXPECT_EQ(error_of(R"(0["a"])"), errc::bad_payload);
  EXPECT_EQ(error_of(R"(0"token")"), errc::bad_payload);
  EXPECT_EQ(error_of("0null"), errc::bad_payload);
  EXPECT_EQ(error_of("0/custom,[]"), errc::bad_payload);
}

TEST(SioDecoderErrors, DisconnectTakesNoPayload) {
  EXPECT_EQ(error_of("1{}"), errc::bad_payload);
  EXPECT_EQ(error_of("1/custom,{}"), errc::bad_payload);
  EXPECT_EQ(error_of("1/custom,x"), errc::bad_payload);
  EXPECT_EQ(error_of("1 "), errc::bad_payload);
}

TEST(SioDecoderErrors, AckAndConnectErrorShapes) {
  EXPECT_EQ(error_of("3{}"), errc::bad_payload);
  EXPECT_EQ(error_of("31\"a\""), errc::bad_payload);
  EXPECT_EQ(error_of("4[]"), errc::bad_payload);
}

TEST(SioDecoderErrors, ConnectPayloadNumberAfterNamespaceIsAckId) {
  // "0/custom,1": the '1' is read as an ack id, so nothing is left to check.
  decoder d;
  auto r = d.decode("0/custom,1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, 1u);
}

// Where sioring parts from socket.io-parser 4.2.7 on purpose (no official
// client sends any of these). The reference takes "" as CONNECT, an EVENT
// with no payload, ack ids beyond 2^53 (imprecisely, or as NaN), numbers that
// overflow to Infinity, and reads whitespace after the header as an ack id
// ("3 []" is an ACK with id 0, because Number(" ") is 0).
TEST(SioDecoderErrors, DeviationsFromTheReference) {
  EXPECT_EQ(error_of(""), errc::empty);
  EXPECT_EQ(error_of("2"), errc::bad_payload);
  EXPECT_EQ(error_of("21"), errc::bad_payload);
  EXPECT_EQ(error_of("51-/x,"), errc::bad_payload);
  EXPECT_EQ(error_of("1100000000000000000"), errc::bad_ack_id);
  EXPECT_EQ(error_of(R"(2[1e400,""])"), errc::bad_json);
  decoder d;
  auto r = d.decode("3 []");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ack_id, no_ack);  // JSON whitespace, not an ack id
  r = d.decode("2\n5 [\"a\"]");
  ASSERT_FALSE(r);  // "5 [..." is not JSON
  EXPECT_EQ(r.error(), errc::bad_json);
}

TEST(SioDecoderErrors, NamesAreErrcNamed) {
  EXPECT_EQ(errc_name(errc::ok), "ok");
  EXPECT_EQ(errc_name(errc::bad_placeholder), "bad_placeholder");
  EXPECT_EQ(errc_name(static_cast<errc>(200)), "unknown");
}

}  // namespace
