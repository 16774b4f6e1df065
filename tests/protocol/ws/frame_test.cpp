// ws frame writer: RFC 6455 §5.7 examples byte for byte, and writer -> decoder round
// trips in both directions.

#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/frame_decoder.hpp>
#include <sio/proto/ws/unmask.hpp>

#include "protocol/ws/decode_harness.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace sio::proto::ws::test {
namespace {

std::string header(opcode op, uint64_t len, bool fin = true, const uint8_t* mask = nullptr) {
  uint8_t out[max_header_size];
  const size_t n = write_header(out, op, len, fin, mask);
  EXPECT_EQ(n, header_size(len, mask != nullptr));
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 13 + 1) & 0xFF);
  return s;
}

TEST(FrameWriterRfcExamples, SingleFrameUnmaskedText) {
  std::string out;
  append_frame(out, opcode::text, "Hello");
  EXPECT_EQ(out, bytes({0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
}

TEST(FrameWriterRfcExamples, SingleFrameMaskedText) {
  std::string out;
  append_masked_frame(out, opcode::text, "Hello", 0x37fa213d);
  EXPECT_EQ(out, bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
}

TEST(FrameWriterRfcExamples, FragmentedUnmaskedText) {
  const std::string out =
      header(opcode::text, 3, false) + "Hel" + header(opcode::continuation, 2, true) + "lo";
  EXPECT_EQ(out, bytes({0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f}));
}

TEST(FrameWriterRfcExamples, UnmaskedPingAndMaskedPong) {
  std::string ping_frame;
  append_frame(ping_frame, opcode::ping, "Hello");
  EXPECT_EQ(ping_frame, bytes({0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
  std::string pong_frame;
  append_masked_frame(pong_frame, opcode::pong, "Hello", 0x37fa213d);
  EXPECT_EQ(pong_frame, bytes({0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
}

TEST(FrameWriterRfcExamples, Binary256BytesIn16BitLength) {
  std::string out;
  append_frame(out, opcode::binary, pattern(256));
  EXPECT_EQ(out, bytes({0x82, 0x7E, 0x01, 0x00}) + pattern(256));
}

TEST(FrameWriterRfcExamples, Binary64KiBIn64BitLength) {
  std::string out;
  append_frame(out, opcode::binary, pattern(65536));
  EXPECT_EQ(out, bytes({0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0}) + pattern(65536));
}

TEST(FrameWriter, LengthBoundaries) {
  EXPECT_EQ(header(opcode::binary, 125), bytes({0x82, 125}));
  EXPECT_EQ(header(opcode::binary, 126), bytes({0x82, 126, 0, 126}));
  EXPECT_EQ(header(opcode::binary, 65535), bytes({0x82, 126, 0xFF, 0xFF}));
  EXPECT_EQ(header(opcode::binary, 65536), bytes({0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(header(opcode::binary, 0x0102030405060708ull),
            bytes({0x82, 127, 1, 2, 3, 4, 5, 6, 7, 8}));
  const uint8_t key[4] = {1, 2, 3, 4};
  EXPECT_EQ(header(opcode::text, 70000, false, key),
            bytes({0x01, 0xFF, 0, 0, 0, 0, 0, 1, 0x11, 0x70, 1, 2, 3, 4}));
}

TEST(FrameWriter, AppendsToExistingContent) {
  std::string out = "prefix";
  append_frame(out, opcode::text, "a");
  EXPECT_EQ(out, "prefix" + bytes({0x81, 0x01, 'a'}));
}

TEST(FrameWriter, CloseFrames) {
  std::string out;
  append_close(out, close_code::normal, "bye");
  EXPECT_EQ(out, bytes({0x88, 0x05, 0x03, 0xE8, 'b', 'y', 'e'}));
  out.clear();
  append_close(out, close_code::no_status);
  EXPECT_EQ(out, bytes({0x88, 0x00}));
  out.clear();
  const uint32_t key = 0x01020304;
  append_close(out, close_code::going_away, {}, &key);
  EXPECT_EQ(out, bytes({0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xE9 ^ 2}));
}

TEST(FrameWriter, LongCloseReasonCutAtCodePoint) {
  std::string reason(121, 'r');
  reason += "\xe2\x82\xac";  // 124 bytes: the euro sign does not fit whole
  std::string out;
  append_close(out, 1000, reason);
  EXPECT_EQ(out.size(), 2u + 2u + 121u);
  EXPECT_EQ(decode_chunks(out, client_side(), {}),
            std::vector<event_record>{close(1000, std::string(121, 'r'))});
}

// Writer -> decoder, both directions, for a spread of sizes and opcodes.
TEST(FrameRoundTrip, ServerToClientAndClientToServer) {
  std::mt19937_64 rng(42);
  for (size_t n : {0, 1, 3, 4, 5, 125, 126, 127, 1000, 65535, 65536, 70001}) {
    SCOPED_TRACE(n);
    std::string payload(n, '\0');
    for (auto& c : payload) c = static_cast<char>(rng());
    const std::string text_payload(n, 'T');
    std::string to_client;
    append_frame(to_client, opcode::binary, payload);
    append_frame(to_client, opcode::text, text_payload);
    std::string to_server;
    const auto key = static_cast<uint32_t>(rng());
    append_masked_frame(to_server, opcode::binary, payload, key);
    append_masked_frame(to_server, opcode::text, text_payload, key ^ 0x5555);
    const std::vector<event_record> want{binary(payload), text(text_payload)};
    EXPECT_EQ(decode_chunks(to_client, client_side(), {}), want);
    EXPECT_EQ(decode_chunks(to_server, server_side(), {}), want);
    // Again with the input cut into 3 uneven pieces.
    const std::vector<size_t> cuts{to_server.size() / 3, to_server.size() * 2 / 3};
    EXPECT_EQ(decode_chunks(to_server, server_side(), cuts), want);
  }
}

TEST(FrameRoundTrip, FragmentedAndControlFrames) {
  // Client side: a masked fragmented text with a ping in between, then a close.
  const uint8_t key[4] = {0xA1, 0xB2, 0xC3, 0xD4};
  std::string wire;
  auto fragment = [&](opcode op, std::string payload, bool fin) {
    wire += header(op, payload.size(), fin, key);
    unmask(reinterpret_cast<uint8_t*>(payload.data()), payload.size(), key);
    wire += payload;
  };
  fragment(opcode::text, "Hello, ", false);
  append_masked_frame(wire, opcode::ping, "are you there", 7);
  fragment(opcode::continuation, "wor", false);
  fragment(opcode::continuation, "ld", true);
  const uint32_t close_key = 99;
  append_close(wire, close_code::going_away, "done", &close_key);
  expect_decodes(wire, server_side(),
                 {ping("are you there"), text("Hello, world"), close(1001, "done")});
}

}  // namespace
}  // namespace sio::proto::ws::test
