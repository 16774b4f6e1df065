// sio::binary_assembler: header + attachments sequences (socket.io-protocol
// v5 §"Binary data"; PROTOCOL.md §3.3).

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <sio/proto/sio/binary_assembler.hpp>
#include <sio/proto/sio/decoder.hpp>

namespace {

using namespace sio::proto::sio;

std::span<const uint8_t> bytes(const std::vector<uint8_t>& v) {
  return {v.data(), v.size()};
}

class SioBinaryAssembler : public ::testing::Test {
 protected:
  // Decodes `text` with a decoder that is then reused (and so invalidates
  // the header's views), as the runtime's per-shard decoder would.
  errc start(std::string_view text) {
    auto r = header_decoder.decode(text);
    EXPECT_TRUE(r) << text;
    if (!r) return r.error();
    errc e = a.start(*r);
    EXPECT_TRUE(header_decoder.decode(R"(2["other","packet"])"));
    return e;
  }

  decoder header_decoder;
  binary_assembler a;
};

TEST_F(SioBinaryAssembler, SuiteTwoAttachments) {
  ASSERT_EQ(start(R"(52-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"),
            errc::ok);
  EXPECT_TRUE(a.collecting());
  EXPECT_FALSE(a.complete());
  EXPECT_EQ(a.add(bytes({1, 2, 3})), errc::ok);
  EXPECT_TRUE(a.collecting());
  EXPECT_EQ(a.received(), 1u);
  EXPECT_EQ(a.add(bytes({4, 5, 6})), errc::ok);
  EXPECT_FALSE(a.collecting());
  ASSERT_TRUE(a.complete());
  const packet& p = a.packet_view();
  EXPECT_EQ(p.type, packet_type::binary_event);
  EXPECT_EQ(p.event, "message");
  EXPECT_EQ(p.nsp, "/");
  EXPECT_EQ(p.attachments, 2u);
  EXPECT_EQ(p.args, R"({"_placeholder":true,"num":0},{"_placeholder":true,"num":1})");
  ASSERT_EQ(a.attachments().size(), 2u);
  EXPECT_EQ(a.attachments()[0], std::string("\x01\x02\x03"));
  EXPECT_EQ(a.attachments()[1], std::string("\x04\x05\x06"));
  // The placeholders in the parsed payload resolve to the attachments.
  simdjson::dom::array arr = p.json.get_array().value();
  EXPECT_EQ(placeholder_index(arr.at(1).value()), 0);
  EXPECT_EQ(placeholder_index(arr.at(2).value()), 1);
  // One more attachment is one too many.
  EXPECT_EQ(a.add(bytes({7})), errc::unexpected_binary);
  a.reset();
  EXPECT_FALSE(a.complete());
  EXPECT_FALSE(a.collecting());
}

TEST_F(SioBinaryAssembler, SuiteBinaryAckWithNamespaceAndId) {
  ASSERT_EQ(
      start(R"(62-/custom,789[{"_placeholder":true,"num":1},{"x":{"_placeholder":true,"num":0}}])"),
      errc::ok);
  EXPECT_EQ(a.add(bytes({})), errc::ok);  // empty attachments are attachments
  EXPECT_EQ(a.add(bytes({9})), errc::ok);
  ASSERT_TRUE(a.complete());
  EXPECT_EQ(a.packet_view().type, packet_type::binary_ack);
  EXPECT_EQ(a.packet_view().nsp, "/custom");
  EXPECT_EQ(a.packet_view().ack_id, 789u);
  EXPECT_EQ(a.attachments()[0].size(), 0u);
}

TEST_F(SioBinaryAssembler, AddWhenIdle) {
  EXPECT_EQ(a.add(bytes({1})), errc::unexpected_binary);
  EXPECT_FALSE(a.collecting());
}

TEST_F(SioBinaryAssembler, StartWhileCollecting) {
  ASSERT_EQ(start(R"(51-["a",{"_placeholder":true,"num":0}])"), errc::ok);
  EXPECT_EQ(start(R"(51-["b",{"_placeholder":true,"num":0}])"), errc::unexpected_text);
  // The first packet is still being collected.
  EXPECT_EQ(a.packet_view().event, "a");
  EXPECT_EQ(a.add(bytes({1})), errc::ok);
  ASSERT_TRUE(a.complete());
  // Once complete, a new start begins the next packet.
  ASSERT_EQ(start(R"(51-["b",{"_placeholder":true,"num":0}])"), errc::ok);
  EXPECT_EQ(a.packet_view().event, "b");
  EXPECT_EQ(a.attachments().size(), 0u);
}

TEST_F(SioBinaryAssembler, PlaceholderChecks) {
  const char* bad[] = {
      R"(51-["a",{"_placeholder":true,"num":1}])",  // out of range
      R"(52-["a",{"_placeholder":true,"num":2}])",
      R"(51-["a",{"_placeholder":true,"num":-1}])",    // negative
      R"(51-["a",{"_placeholder":true,"num":0.5}])",   // not an integer
      R"(51-["a",{"_placeholder":true,"num":"0"}])",   // not a number
      R"(51-["a",{"_placeholder":true}])",             // no num
      R"(51-["a",{"_placeholder":true,"num":1e10}])",  // far too large
      R"(51-["a",{"_placeholder":true,"num":18446744073709551615}])",
      R"(51-["a",[[{"k":{"_placeholder":true,"num":3}}]]])",  // nested deep
      R"(61-1[{"_placeholder":true,"num":1}])",
  };
  for (const char* text : bad) {
    EXPECT_EQ(start(text), errc::bad_placeholder) << text;
    EXPECT_FALSE(a.collecting()) << text;
    EXPECT_EQ(a.add(bytes({1})), errc::unexpected_binary);
  }
}

TEST_F(SioBinaryAssembler, NotPlaceholdersAreData) {
  const char* good[] = {
      R"(51-["a",{"_placeholder":false,"num":5}])",
      R"(51-["a",{"_placeholder":"true","num":5}])",
      R"(51-["a",{"_placeholder":1,"num":5}])",
      R"(51-["a",{"num":5}])",
      R"(51-["a",{"_placeholder":true,"num":0.0}])",  // JS: 0.0 === 0
      R"(51-["a",{"_placeholder":true,"num":0,"extra":1}])",
      R"(51-["a","{\"_placeholder\":true,\"num\":9}"])",
      R"(51-["a"])",  // announced attachments need not be referenced
  };
  for (const char* text : good) {
    EXPECT_EQ(start(text), errc::ok) << text;
    EXPECT_EQ(a.add(bytes({1})), errc::ok);
    EXPECT_TRUE(a.complete());
    a.reset();
  }
}

TEST_F(SioBinaryAssembler, RejectsNonBinaryHeaders) {
  decoder d;
  auto r = d.decode(R"(2["a"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(a.start(*r), errc::bad_type);
  packet p = *r;
  p.type = packet_type::binary_event;
  p.attachments = 0;
  EXPECT_EQ(a.start(p), errc::bad_attachments);
  p.attachments = 11;
  EXPECT_EQ(a.start(p), errc::too_many_attachments);
  p.attachments = 1;
  EXPECT_EQ(a.start(p), errc::ok);
}

TEST_F(SioBinaryAssembler, ReusesBuffersAcrossPackets) {
  std::vector<uint8_t> big(65536, 0xab);
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(start(R"(51-["up",{"_placeholder":true,"num":0}])"), errc::ok);
    ASSERT_EQ(a.add(bytes(big)), errc::ok);
    ASSERT_TRUE(a.complete());
    EXPECT_EQ(a.attachments()[0].size(), big.size());
    a.reset();
  }
  a.release();
  EXPECT_EQ(a.add(bytes(big)), errc::unexpected_binary);
  ASSERT_EQ(start(R"(51-["up",{"_placeholder":true,"num":0}])"), errc::ok);
  EXPECT_EQ(a.add(bytes(big)), errc::ok);
  EXPECT_TRUE(a.complete());
}

TEST_F(SioBinaryAssembler, TenAttachmentsIsTheDefaultLimit) {
  std::string text = R"(510-["many")";
  for (int i = 0; i < 10; ++i) text += R"(,{"_placeholder":true,"num":)" + std::to_string(i) + "}";
  text += "]";
  ASSERT_EQ(start(text), errc::ok);
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(a.collecting());
    EXPECT_EQ(a.add(bytes({static_cast<uint8_t>(i)})), errc::ok);
  }
  ASSERT_TRUE(a.complete());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.attachments()[i][0], static_cast<char>(i));
}

TEST(SioPlaceholder, Index) {
  simdjson::dom::parser p;
  auto idx = [&](const char* json) {
    return placeholder_index(p.parse(simdjson::padded_string(std::string(json))).value());
  };
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":0})"), 0);
  EXPECT_EQ(idx(R"({"num":7,"_placeholder":true})"), 7);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":2.0})"), 2);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":2147483647})"), 2147483647);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":2147483648})"), -2);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":-1})"), -2);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":1.5})"), -2);
  EXPECT_EQ(idx(R"({"_placeholder":true,"num":null})"), -2);
  EXPECT_EQ(idx(R"({"_placeholder":true})"), -2);
  EXPECT_EQ(idx(R"({"_placeholder":false,"num":0})"), -1);
  EXPECT_EQ(idx(R"({"num":0})"), -1);
  EXPECT_EQ(idx(R"([0])"), -1);
  EXPECT_EQ(idx(R"("x")"), -1);
}

}  // namespace
