#pragma once
// Test helpers for the decoder tests: decode a text both unpadded and padded
// (the two must agree), or expect it to fail.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <sio/proto/sio/decoder.hpp>

namespace sio_test {

using namespace sio::proto::sio;

// Decodes both unpadded and padded; both must agree.
inline sio::proto::result<packet, errc> decode(decoder& d, std::string_view text) {
  std::string padded(text);
  padded.append(simdjson::SIMDJSON_PADDING, '\0');
  decoder other;
  auto p = other.decode(std::string_view(padded).substr(0, text.size()), true);
  auto r = d.decode(text);
  EXPECT_EQ(r.has_value(), p.has_value()) << text;
  if (r && p) {
    EXPECT_EQ(r->type, p->type);
    EXPECT_EQ(r->nsp, p->nsp);
    EXPECT_EQ(r->ack_id, p->ack_id);
    EXPECT_EQ(r->event, p->event);
    EXPECT_EQ(r->args, p->args);
  } else if (!r && !p) {
    EXPECT_EQ(r.error(), p.error()) << text;
  }
  return r;
}

inline errc error_of(std::string_view text) {
  decoder d;
  auto r = decode(d, text);
  EXPECT_FALSE(r.has_value()) << text;
  return r ? errc::ok : r.error();
}

}  // namespace sio_test
