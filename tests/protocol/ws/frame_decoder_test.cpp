// ws::frame_decoder: RFC 6455 §5.7 examples, the §5-§8 receiving rules, and every
// input again split at each byte boundary and byte by byte (decode_harness.hpp).

#include <sio/proto/ws/frame_decoder.hpp>

#include "protocol/ws/decode_harness.hpp"
#include "protocol/ws/frame_builder.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sio::proto::ws::test {
namespace {

constexpr uint8_t fin = 0x80;
constexpr uint8_t text_op = 0x1;
constexpr uint8_t binary_op = 0x2;
constexpr uint8_t close_op = 0x8;
constexpr uint8_t ping_op = 0x9;
constexpr uint8_t pong_op = 0xA;

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7 + 3) & 0xFF);
  return s;
}

// --- §5.7 examples ---------------------------------------------------------------

TEST(FrameDecoderRfcExamples, SingleFrameUnmaskedText) {
  expect_decodes(bytes({0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}), client_side(), {text("Hello")});
}

TEST(FrameDecoderRfcExamples, SingleFrameMaskedText) {
  expect_decodes(bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}),
                 server_side(), {text("Hello")});
}

TEST(FrameDecoderRfcExamples, FragmentedUnmaskedText) {
  expect_decodes(bytes({0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f}), client_side(),
                 {text("Hello")});
}

TEST(FrameDecoderRfcExamples, UnmaskedPingAndMaskedPong) {
  expect_decodes(bytes({0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}), client_side(), {ping("Hello")});
  expect_decodes(bytes({0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}),
                 server_side(), {pong("Hello")});
}

TEST(FrameDecoderRfcExamples, Binary256BytesIn16BitLength) {
  const std::string payload = pattern(256);
  expect_decodes(bytes({0x82, 0x7E, 0x01, 0x00}) + payload, client_side(), {binary(payload)});
}

TEST(FrameDecoderRfcExamples, Binary64KiBIn64BitLength) {
  const std::string payload = pattern(65536);
  expect_decodes(bytes({0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0}) + payload, client_side(),
                 {binary(payload)});
}

// --- §5.4 fragmentation -----------------------------------------------------------

TEST(FrameDecoderFragmentation, ContinuationWithoutMessageIs1002) {
  expect_decodes(client_frame(fin | 0x0, "x"), server_side(), {error(1002)});
  expect_decodes(client_frame(0x0, "x"), server_side(), {error(1002)});
}

TEST(FrameDecoderFragmentation, ContinuationAfterFinishedMessageIs1002) {
  expect_decodes(client_frame(fin | text_op, "a") + client_frame(fin | 0x0, "b"), server_side(),
                 {text("a"), error(1002)});
}

TEST(FrameDecoderFragmentation, NewDataFrameInsideFragmentedMessageIs1002) {
  expect_decodes(client_frame(text_op, "a") + client_frame(fin | text_op, "b"), server_side(),
                 {error(1002)});
  expect_decodes(client_frame(binary_op, "a") + client_frame(binary_op, "b"), server_side(),
                 {error(1002)});
}

TEST(FrameDecoderFragmentation, ManyFragmentsMakeOneMessage) {
  expect_decodes(client_frame(binary_op, "ab") + client_frame(0x0, "") + client_frame(0x0, "cd") +
                     client_frame(fin | 0x0, "e"),
                 server_side(), {binary("abcde")});
}

TEST(FrameDecoderFragmentation, EmptyFragmentsMakeAnEmptyMessage) {
  expect_decodes(client_frame(text_op, "") + client_frame(fin | 0x0, ""), server_side(),
                 {text("")});
}

TEST(FrameDecoderFragmentation, ControlFramesInsideMessageDeliveredImmediately) {
  expect_decodes(client_frame(text_op, "Hel") + client_frame(fin | ping_op, "p1") +
                     client_frame(0x0, "l") + client_frame(fin | pong_op, "p2") +
                     client_frame(fin | 0x0, "o") + client_frame(fin | binary_op, "next"),
                 server_side(), {ping("p1"), pong("p2"), text("Hello"), binary("next")});
}

TEST(FrameDecoderFragmentation, CloseInsideMessageEndsDecoding) {
  expect_decodes(client_frame(text_op, "Hel") + client_frame(fin | close_op, bytes({0x03, 0xE8})) +
                     client_frame(fin | 0x0, "lo"),
                 server_side(), {close(1000)});
}

// --- §5.2 header fields -------------------------------------------------------------

TEST(FrameDecoderHeader, ReservedBitsAre1002) {
  for (uint8_t rsv : {0x40, 0x20, 0x10, 0x70}) {
    expect_decodes(client_frame(fin | rsv | text_op, "x"), server_side(), {error(1002)});
    expect_decodes(client_frame(fin | rsv | ping_op, "x"), server_side(), {error(1002)});
  }
}

TEST(FrameDecoderHeader, UnknownOpcodesAre1002) {
  for (uint8_t op : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
    SCOPED_TRACE(op);
    expect_decodes(client_frame(fin | op, "x"), server_side(), {error(1002)});
    expect_decodes(server_frame(fin | op, ""), client_side(), {error(1002)});
  }
}

TEST(FrameDecoderHeader, ServerRejectsUnmaskedFrames) {
  expect_decodes(server_frame(fin | text_op, "Hello"), server_side(), {error(1002)});
  expect_decodes(server_frame(fin | ping_op, ""), server_side(), {error(1002)});
}

TEST(FrameDecoderHeader, ClientRejectsMaskedFrames) {
  expect_decodes(client_frame(fin | text_op, "Hello"), client_side(), {error(1002)});
  expect_decodes(client_frame(fin | pong_op, ""), client_side(), {error(1002)});
}

TEST(FrameDecoderHeader, ControlFrameOver125BytesIs1002) {
  expect_decodes(client_frame(fin | ping_op, pattern(125)), server_side(), {ping(pattern(125))});
  expect_decodes(client_frame(fin | ping_op, pattern(126)), server_side(), {error(1002)});
  // 125 bytes, but in the 16-bit form: the 7-bit field says 126, which is too long.
  expect_decodes(client_frame(fin | pong_op, pattern(5), length_form::len16), server_side(),
                 {error(1002)});
  expect_decodes(client_frame(fin | close_op, pattern(2), length_form::len64), server_side(),
                 {error(1002)});
}

TEST(FrameDecoderHeader, ControlFrameWithoutFinIs1002) {
  for (uint8_t op : {ping_op, pong_op, close_op}) {
    expect_decodes(client_frame(op, ""), server_side(), {error(1002)});
  }
}

TEST(FrameDecoderHeader, AllThreeLengthEncodings) {
  for (size_t n : {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
    SCOPED_TRACE(n);
    const std::string p = pattern(n);
    const auto events = decode_chunks(client_frame(fin | binary_op, p), server_side(), {});
    EXPECT_EQ(events, std::vector<event_record>{binary(p)});
  }
}

TEST(FrameDecoderHeader, NonMinimalLengthsAccepted) {
  expect_decodes(client_frame(fin | text_op, "Hello", length_form::len16), server_side(),
                 {text("Hello")});
  expect_decodes(client_frame(fin | text_op, "Hello", length_form::len64), server_side(),
                 {text("Hello")});
  expect_decodes(server_frame(fin | binary_op, pattern(300), length_form::len64), client_side(),
                 {binary(pattern(300))});
}

TEST(FrameDecoderHeader, SixtyFourBitLengthWithTopBitIs1002) {
  raw_frame f{fin | binary_op, "", true};
  f.form = length_form::len64;
  f.declared = uint64_t{1} << 63;
  expect_decodes(build(f), server_side(), {error(1002)});
  f.declared = UINT64_MAX - 1;
  expect_decodes(build(f), server_side(), {error(1002)});
}

// --- §10.4 message size limit -----------------------------------------------------

TEST(FrameDecoderLimit, MessageOfExactlyTheLimitAccepted) {
  expect_decodes(client_frame(fin | binary_op, pattern(100)), server_side(100),
                 {binary(pattern(100))});
  expect_decodes(
      client_frame(text_op, std::string(60, 'a')) + client_frame(fin | 0x0, std::string(40, 'b')),
      server_side(100), {text(std::string(60, 'a') + std::string(40, 'b'))});
}

TEST(FrameDecoderLimit, SingleFrameOverLimitIs1009) {
  expect_decodes(client_frame(fin | binary_op, pattern(101)), server_side(100), {error(1009)});
}

TEST(FrameDecoderLimit, FragmentsOverLimitAre1009) {
  expect_decodes(client_frame(text_op, std::string(60, 'a')) + client_frame(fin | ping_op, "p") +
                     client_frame(fin | 0x0, std::string(41, 'b')),
                 server_side(100), {ping("p"), error(1009)});
}

TEST(FrameDecoderLimit, CheckedFromHeaderBeforeBuffering) {
  // Only the header of a 1 TiB frame arrives: refused at once, nothing buffered.
  raw_frame f{fin | binary_op, "", true};
  f.declared = uint64_t{1} << 40;
  const std::string header = build(f);
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink, server_side());
  std::string buf = header + std::string(padding, '\0');
  decoder.feed(std::span<uint8_t>(reinterpret_cast<uint8_t*>(buf.data()), header.size()));
  EXPECT_EQ(sink.events, std::vector<event_record>{error(1009)});
  EXPECT_EQ(decoder.buffered(), 0u);
  expect_decodes(header, server_side(), {error(1009)});
}

// --- §8.1 UTF-8 -------------------------------------------------------------------

TEST(FrameDecoderUtf8, InvalidTextIs1007) {
  expect_decodes(client_frame(fin | text_op, "ab\xff"), server_side(), {error(1007)});
  expect_decodes(client_frame(fin | text_op, "\xed\xa0\x80"), server_side(), {error(1007)});
  expect_decodes(client_frame(fin | text_op, "\xe2\x82"), server_side(), {error(1007)});
  expect_decodes(server_frame(fin | text_op, "\xc0\xaf"), client_side(), {error(1007)});
}

TEST(FrameDecoderUtf8, InvalidBinaryIsFine) {
  expect_decodes(client_frame(fin | binary_op, "ab\xff"), server_side(), {binary("ab\xff")});
}

TEST(FrameDecoderUtf8, CodePointSplitAcrossFragmentsAccepted) {
  // U+20AC (E2 82 AC) and U+1F600 (F0 9F 98 80) cut inside their sequences.
  expect_decodes(client_frame(text_op, "a\xe2") + client_frame(fin | ping_op, "") +
                     client_frame(0x0, "\x82") + client_frame(fin | 0x0, "\xac\xf0\x9f\x98\x80"),
                 server_side(), {ping(""), text("a\xe2\x82\xac\xf0\x9f\x98\x80")});
}

TEST(FrameDecoderUtf8, InvalidAcrossFragmentsIs1007) {
  expect_decodes(client_frame(text_op, "a\xe2") + client_frame(fin | 0x0, "\x28\xa1"),
                 server_side(), {error(1007)});
  // Truncated at the end of the message.
  expect_decodes(client_frame(text_op, "a") + client_frame(fin | 0x0, "\xf0\x9f\x98"),
                 server_side(), {error(1007)});
}

TEST(FrameDecoderUtf8, InvalidFragmentFailsBeforeMessageEnds) {
  // The bad first fragment is refused at once, before the ping after it.
  expect_decodes(client_frame(text_op, "ok\xff") + client_frame(fin | ping_op, "p"), server_side(),
                 {error(1007)});
  expect_decodes(client_frame(text_op, "ok\xc0") + client_frame(fin | ping_op, "p"), server_side(),
                 {error(1007)});
}

// --- §5.5.1 / §7.4 close ----------------------------------------------------------

TEST(FrameDecoderClose, EmptyPayloadIs1005) {
  expect_decodes(client_frame(fin | close_op, ""), server_side(), {close(1005)});
}

TEST(FrameDecoderClose, CodeAndReason) {
  expect_decodes(client_frame(fin | close_op, bytes({0x03, 0xE8}) + "bye \xe2\x82\xac"),
                 server_side(), {close(1000, "bye \xe2\x82\xac")});
  expect_decodes(server_frame(fin | close_op, bytes({0x0F, 0xA0})), client_side(), {close(4000)});
}

TEST(FrameDecoderClose, OneBytePayloadIs1002) {
  expect_decodes(client_frame(fin | close_op, bytes({0x03})), server_side(), {error(1002)});
}

TEST(FrameDecoderClose, InvalidCodesAre1002) {
  for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
    SCOPED_TRACE(code);
    expect_decodes(client_frame(fin | close_op, bytes({code >> 8, code & 0xFF})), server_side(),
                   {error(1002)});
  }
}

TEST(FrameDecoderClose, ValidCodesAccepted) {
  for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000,
                   3999, 4000, 4999}) {
    SCOPED_TRACE(code);
    const auto c = static_cast<uint16_t>(code);
    EXPECT_EQ(decode_chunks(client_frame(fin | close_op, bytes({code >> 8, code & 0xFF})),
                            server_side(), {}),
              std::vector<event_record>{close(c)});
  }
}

TEST(FrameDecoderClose, ReasonNotUtf8Is1007) {
  expect_decodes(client_frame(fin | close_op, bytes({0x03, 0xE8}) + "\xff"), server_side(),
                 {error(1007)});
}

TEST(FrameDecoderClose, NothingDecodedAfterClose) {
  expect_decodes(
      client_frame(fin | close_op, "") + client_frame(fin | text_op, "late") + "\xff\xff garbage",
      server_side(), {close(1005)});
}

}  // namespace
}  // namespace sio::proto::ws::test
