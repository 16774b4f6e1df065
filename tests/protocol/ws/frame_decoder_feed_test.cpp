// ws::frame_decoder: how feed() behaves towards its caller and sink: zero-copy
// delivery, padding, a sink that stops, a dead decoder, buffer reuse.

#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/frame_decoder.hpp>

#include "protocol/ws/decode_harness.hpp"
#include "protocol/ws/frame_builder.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace sio::proto::ws::test {
namespace {

// The input of one feed() call, followed by ws::padding bytes.
struct padded_input {
  explicit padded_input(std::string_view s) : bytes(s.size() + padding, '\0'), size(s.size()) {
    std::memcpy(bytes.data(), s.data(), s.size());
  }
  std::span<uint8_t> span() { return {reinterpret_cast<uint8_t*>(bytes.data()), size}; }
  const uint8_t* begin() const { return reinterpret_cast<const uint8_t*>(bytes.data()); }
  std::string bytes;
  size_t size;
};

TEST(FrameDecoderFeed, WholeFrameIsHandedOutInPlace) {
  padded_input in(client_frame(0x82, "payload") + client_frame(0x81, "second"));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  EXPECT_EQ(decoder.feed(in.span()), in.size);
  ASSERT_EQ(sink.events.size(), 2u);
  // The second payload starts after two headers of 6 bytes and the first payload.
  EXPECT_EQ(sink.last_payload, in.begin() + 6 + 7 + 6);
  EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(FrameDecoderFeed, UnmasksInPlace) {
  padded_input in(bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  decoder.feed(in.span());
  EXPECT_EQ(in.bytes.substr(6, 5), "Hello");
}

TEST(FrameDecoderFeed, SplitFrameIsBufferedThenDelivered) {
  const std::string frame = client_frame(0x82, std::string(1000, 'x'));
  padded_input a(frame.substr(0, 300));
  padded_input b(frame.substr(300));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  EXPECT_EQ(decoder.feed(a.span()), a.size);
  EXPECT_TRUE(sink.events.empty());
  EXPECT_EQ(decoder.buffered(), 300u - 8u);
  EXPECT_EQ(decoder.feed(b.span()), b.size);
  EXPECT_EQ(sink.events, std::vector<event_record>{binary(std::string(1000, 'x'))});
  EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(FrameDecoderFeed, HeaderAtEndOfInputLeavesPayloadInPlace) {
  const std::string frame = client_frame(0x82, "payload");
  padded_input head(frame.substr(0, 6));
  padded_input body(frame.substr(6));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  EXPECT_EQ(decoder.feed(head.span()), head.size);
  EXPECT_EQ(decoder.feed(body.span()), body.size);
  EXPECT_EQ(sink.events, std::vector<event_record>{binary("payload")});
  EXPECT_EQ(sink.last_payload, body.begin());
}

TEST(FrameDecoderFeed, SinkStopsFeedReturnsAtOnceAndResumes) {
  const std::string first = client_frame(0x81, "one");
  const std::string input = first + client_frame(0x89, "p") + client_frame(0x81, "two");
  padded_input in(input);
  recording_sink sink;
  sink.stop_at = 1;
  frame_decoder<recording_sink> decoder(sink);
  const size_t used = decoder.feed(in.span());
  EXPECT_EQ(used, first.size());
  EXPECT_EQ(sink.events, std::vector<event_record>{text("one")});
  // The caller feeds the rest again later.
  padded_input rest(input.substr(used));
  EXPECT_EQ(decoder.feed(rest.span()), rest.size);
  EXPECT_EQ(sink.events, (std::vector<event_record>{text("one"), ping("p"), text("two")}));
}

TEST(FrameDecoderFeed, SinkStopsOnBufferedMessage) {
  const std::string input = client_frame(0x02, "ab") + client_frame(0x80, "cd");
  const std::string tail = client_frame(0x82, "ef");
  padded_input in(input + tail);
  recording_sink sink;
  sink.stop_at = 1;
  frame_decoder<recording_sink> decoder(sink);
  EXPECT_EQ(decoder.feed(in.span()), input.size());
  padded_input rest(tail);
  EXPECT_EQ(decoder.feed(rest.span()), rest.size);
  EXPECT_EQ(sink.events, (std::vector<event_record>{binary("abcd"), binary("ef")}));
}

TEST(FrameDecoderFeed, DeadAfterErrorFeedReturnsZero) {
  padded_input bad(client_frame(0xC1, "x"));  // RSV1
  padded_input good(client_frame(0x81, "x"));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  decoder.feed(bad.span());
  EXPECT_TRUE(decoder.failed());
  EXPECT_EQ(decoder.feed(good.span()), 0u);
  EXPECT_EQ(sink.events, std::vector<event_record>{error(1002)});
}

TEST(FrameDecoderFeed, ClosedConsumesEverything) {
  padded_input in(client_frame(0x88, "") + client_frame(0x81, "x"));
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  EXPECT_EQ(decoder.feed(in.span()), in.size);
  EXPECT_TRUE(decoder.closed());
  padded_input more(client_frame(0x81, "y"));
  EXPECT_EQ(decoder.feed(more.span()), more.size);
  EXPECT_EQ(sink.events, std::vector<event_record>{close(1005)});
}

TEST(FrameDecoderFeed, EmptyFeedIsHarmless) {
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  uint8_t pad[padding] = {};
  EXPECT_EQ(decoder.feed(std::span<uint8_t>(pad, 0)), 0u);
  EXPECT_EQ(decoder.feed(std::span<uint8_t>()), 0u);
  // Also between the pieces of a header and of a payload.
  const std::string frame = client_frame(0x81, "abc");
  padded_input a(frame.substr(0, 1));
  padded_input b(frame.substr(1, 6));
  padded_input c(frame.substr(7));
  decoder.feed(a.span());
  EXPECT_EQ(decoder.feed(std::span<uint8_t>()), 0u);
  decoder.feed(b.span());
  EXPECT_EQ(decoder.feed(std::span<uint8_t>()), 0u);
  decoder.feed(c.span());
  EXPECT_EQ(sink.events, std::vector<event_record>{text("abc")});
}

TEST(FrameDecoderFeed, BufferReusedAcrossManyMessages) {
  // Every message split in the middle: all go through the buffer and each is whole.
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  for (int i = 0; i < 200; ++i) {
    const std::string payload(static_cast<size_t>(i * 37 % 5000), static_cast<char>('a' + i % 26));
    const std::string frame = client_frame(0x81, payload);
    padded_input a(frame.substr(0, frame.size() / 2));
    padded_input b(frame.substr(frame.size() / 2));
    decoder.feed(a.span());
    decoder.feed(b.span());
    ASSERT_EQ(sink.events.back(), text(payload));
  }
  EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(FrameDecoderFeed, LargeFragmentedMessageThenSmallOnes) {
  std::string input = client_frame(0x02, std::string(100'000, 'a'));
  input += client_frame(0x89, "p");
  input += client_frame(0x80, std::string(100'000, 'b'));
  input += client_frame(0x82, "small");
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink);
  padded_input in(input);
  EXPECT_EQ(decoder.feed(in.span()), in.size);
  EXPECT_EQ(sink.events,
            (std::vector<event_record>{
                ping("p"), binary(std::string(100'000, 'a') + std::string(100'000, 'b')),
                binary("small")}));
}

// A sink that owns its decoder, the way a transport would.
struct owning_sink {
  frame_decoder<owning_sink> decoder{*this};
  int messages = 0;
  bool on_message(opcode, std::span<uint8_t>) { return ++messages, true; }
  bool on_ping(std::span<const uint8_t>) { return true; }
  bool on_pong(std::span<const uint8_t>) { return true; }
  bool on_close(uint16_t, std::string_view) { return true; }
  void on_protocol_error(uint16_t) {}
};

TEST(FrameDecoderFeed, SinkMayOwnItsDecoder) {
  owning_sink s;
  padded_input in(client_frame(0x82, "x") + client_frame(0x82, "y"));
  EXPECT_EQ(s.decoder.feed(in.span()), in.size);
  EXPECT_EQ(s.messages, 2);
}

TEST(FrameDecoderFeed, StateIsSmall) {
  EXPECT_LE(sizeof(frame_decoder<recording_sink>), 88u);
}

}  // namespace
}  // namespace sio::proto::ws::test
