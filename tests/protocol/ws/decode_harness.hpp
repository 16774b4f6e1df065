#pragma once
// Test helpers for ws::frame_decoder: a sink that records every callback, and feeding
// an input whole, split in two at every byte boundary, and one byte at a time.

#include <sio/proto/ws/frame_decoder.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sio::proto::ws::test {

/// Bytes from a list of integers: bytes({0x81, 0x05}).
inline std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

/// Readable form of a payload for failure messages.
inline std::string escape(std::string_view s) {
  if (s.size() > 64) return "<" + std::to_string(s.size()) + " bytes>";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

/// One sink callback.
struct event_record {
  std::string kind;  // "text", "binary", "ping", "pong", "close", "error"
  uint16_t code = 0;
  std::string payload;

  bool operator==(const event_record&) const = default;
  friend void PrintTo(const event_record& e, std::ostream* os) {
    *os << e.kind;
    if (e.code != 0) *os << " " << e.code;
    *os << " [" << escape(e.payload) << "]";
  }
};

inline event_record text(std::string_view s) {
  return {"text", 0, std::string(s)};
}
inline event_record binary(std::string_view s) {
  return {"binary", 0, std::string(s)};
}
inline event_record ping(std::string_view s) {
  return {"ping", 0, std::string(s)};
}
inline event_record pong(std::string_view s) {
  return {"pong", 0, std::string(s)};
}
inline event_record close(uint16_t code, std::string_view reason = {}) {
  return {"close", code, std::string(reason)};
}
inline event_record error(uint16_t code) {
  return {"error", code, {}};
}

/// Records every callback; returns false from the callback numbered `stop_at`.
struct recording_sink {
  std::vector<event_record> events;
  size_t stop_at = SIZE_MAX;
  bool called_after_error = false;
  const uint8_t* last_payload = nullptr;  // where the last on_message span pointed

  bool record(event_record e) {
    if (!events.empty() && events.back().kind == "error") called_after_error = true;
    events.push_back(std::move(e));
    return events.size() != stop_at;
  }
  bool on_message(opcode op, std::span<uint8_t> payload) {
    last_payload = payload.data();
    // The padding contract: ws::padding readable bytes follow the payload (ASan
    // reports a read past the allocation).
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < padding; ++i) sink = sink ^ payload.data()[payload.size() + i];
    std::string s(reinterpret_cast<const char*>(payload.data()), payload.size());
    return record({op == opcode::text ? "text" : "binary", 0, std::move(s)});
  }
  bool on_ping(std::span<const uint8_t> p) {
    return record({"ping", 0, std::string(reinterpret_cast<const char*>(p.data()), p.size())});
  }
  bool on_pong(std::span<const uint8_t> p) {
    return record({"pong", 0, std::string(reinterpret_cast<const char*>(p.data()), p.size())});
  }
  bool on_close(uint16_t code, std::string_view reason) {
    return record({"close", code, std::string(reason)});
  }
  void on_protocol_error(uint16_t code) { record({"error", code, {}}); }
};

/// Feeds `input` to a fresh decoder in the given chunk sizes (the last chunk takes
/// the rest), each chunk copied into its own allocation of exactly chunk + padding
/// bytes so an over-read is caught. Checks feed's return value and that nothing is
/// called after an error.
inline std::vector<event_record> decode_chunks(std::string_view input, decoder_options options,
                                               const std::vector<size_t>& cuts) {
  recording_sink sink;
  frame_decoder<recording_sink> decoder(sink, options);
  size_t at = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const size_t end = i < cuts.size() ? cuts[i] : input.size();
    const size_t n = end - at;
    std::unique_ptr<uint8_t[]> buf(new uint8_t[n + padding]);
    std::memcpy(buf.get(), input.data() + at, n);
    std::memset(buf.get() + n, 0xA5, padding);
    const bool was_failed = decoder.failed();
    const size_t used = decoder.feed(std::span<uint8_t>(buf.get(), n));
    if (was_failed) {
      EXPECT_EQ(used, 0u);
    } else if (!decoder.failed()) {
      EXPECT_EQ(used, n) << "chunk " << i;
    }
    at = end;
  }
  EXPECT_FALSE(sink.called_after_error);
  return sink.events;
}

/// Decodes `input` whole, then split in two at every boundary, then byte by byte, and
/// expects `expected` every time.
inline void expect_decodes(std::string_view input, decoder_options options,
                           const std::vector<event_record>& expected) {
  EXPECT_EQ(decode_chunks(input, options, {}), expected) << "whole input";
  for (size_t cut = 0; cut <= input.size(); ++cut) {
    const auto got = decode_chunks(input, options, {cut});
    EXPECT_EQ(got, expected) << "split at " << cut;
    if (got != expected) return;
  }
  std::vector<size_t> each;
  for (size_t i = 1; i < input.size(); ++i) each.push_back(i);
  EXPECT_EQ(decode_chunks(input, options, each), expected) << "byte at a time";
}

inline decoder_options server_side(size_t max = 1'000'000) {
  return {max, true};
}
inline decoder_options client_side(size_t max = 1'000'000) {
  return {max, false};
}

}  // namespace sio::proto::ws::test
