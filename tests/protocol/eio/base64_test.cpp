// RFC 4648 §4 base64: the RFC's own vectors (§10), the Engine.IO example,
// strictness (§3.3 bad characters, §3.5 canonical padding), round trips over
// every length that reaches the vector kernels and their scalar tails.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <sio/proto/eio/base64.hpp>

namespace eio = sio::proto::eio;

namespace {

std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string encode(std::string_view raw) {
  std::string out;
  eio::base64_append(out, bytes_of(raw));
  return out;
}

// A deliberately naive reference encoder, bit by bit.
std::string reference_encode(std::string_view raw) {
  static constexpr char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (const char c : raw) {
    acc = (acc << 8) | static_cast<uint8_t>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(abc[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(abc[(acc << (6 - bits)) & 63]);
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

std::string random_bytes(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

bool decodes(std::string_view text, std::string* out = nullptr) {
  std::string tmp;
  const bool ok = eio::base64_decode_append(tmp, text);
  if (out != nullptr) *out = tmp;
  return ok;
}

}  // namespace

TEST(base64, rfc4648_section10_vectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [raw, b64] : vectors) {
    EXPECT_EQ(encode(raw), b64);
    std::string back;
    ASSERT_TRUE(decodes(b64, &back)) << b64;
    EXPECT_EQ(back, raw);
    EXPECT_EQ(eio::base64_encoded_size(raw.size()), b64.size());
    EXPECT_EQ(eio::base64_decoded_size(b64), raw.size());
  }
}

TEST(base64, engine_io_examples) {
  // engine.io-protocol v4 §"HTTP long-polling": 01 02 03 04 → "AQIDBA==";
  // engine.io-parser 4.0.0 changelog: 01 02 03 → "AQID".
  EXPECT_EQ(encode("\x01\x02\x03\x04"), "AQIDBA==");
  EXPECT_EQ(encode("\x01\x02\x03"), "AQID");
  std::string out;
  ASSERT_TRUE(decodes("AQIDBA==", &out));
  EXPECT_EQ(out, std::string_view("\x01\x02\x03\x04"));
}

TEST(base64, whole_alphabet) {
  std::string raw;
  for (int i = 0; i < 256; ++i) raw.push_back(static_cast<char>(i));
  const std::string text = encode(raw);
  EXPECT_EQ(text, reference_encode(raw));
  EXPECT_NE(text.find('+'), std::string::npos);
  EXPECT_NE(text.find('/'), std::string::npos);
  std::string back;
  ASSERT_TRUE(decodes(text, &back));
  EXPECT_EQ(back, raw);
}

TEST(base64, round_trip_every_length) {
  std::mt19937 rng(42);
  for (size_t n = 0; n <= 700; ++n) {
    const std::string raw = random_bytes(rng, n);
    const std::string text = encode(raw);
    ASSERT_EQ(text, reference_encode(raw)) << n;
    std::string back = "prefix";
    ASSERT_TRUE(eio::base64_decode_append(back, text)) << n;
    ASSERT_EQ(back, "prefix" + raw) << n;
  }
}

TEST(base64, round_trip_large) {
  std::mt19937 rng(7);
  for (size_t n : {65536u, 65537u, 65538u, 1u << 20}) {
    const std::string raw = random_bytes(rng, n);
    const std::string text = encode(raw);
    ASSERT_EQ(text, reference_encode(raw));
    std::string back;
    ASSERT_TRUE(decodes(text, &back));
    ASSERT_EQ(back, raw);
  }
}

TEST(base64, appends) {
  std::string out = "b";
  eio::base64_append(out, bytes_of("foo"));
  EXPECT_EQ(out, "bZm9v");
}

TEST(base64, decode_into_reports_size) {
  char buf[8] = {};
  EXPECT_EQ(eio::base64_decode_into(buf, "Zm9vYg=="), 4);
  EXPECT_EQ(std::string_view(buf, 4), "foob");
  EXPECT_EQ(eio::base64_decode_into(buf, ""), 0);
  EXPECT_EQ(eio::base64_decode_into(buf, "Zm9"), -1);
}

TEST(base64, rejects_bad_length) {
  for (std::string_view t : {"Z", "Zg", "Zg=", "Zm9vY", "Zm9vYg=", "Zm9vYmFy="}) {
    EXPECT_FALSE(decodes(t)) << t;
  }
}

TEST(base64, rejects_characters_outside_the_alphabet) {
  // No base64url, no whitespace, no line breaks, no high bytes (RFC 4648 §3.3).
  const std::string_view bad[] = {
      "Zm9v!A==", "Zm9-",  "Zm9_",    "Zm 9",    "Zm9\n",
      "Zm9\r",    "Zm9\t", "Zm9\x80", "Zm9\xff", std::string_view("Zm9\0", 4),
      "Zm.v"};
  for (std::string_view t : bad) {
    EXPECT_FALSE(decodes(t)) << t;
  }
}

TEST(base64, rejects_misplaced_padding) {
  for (std::string_view t : {"====", "Z===", "=Zm9", "Zm=9", "Zg==Zg==", "Zg==Zm9v", "Zm9=Zm9v",
                             "Zm9vZ===", "Zm9v===="}) {
    EXPECT_FALSE(decodes(t)) << t;
  }
}

TEST(base64, rejects_non_canonical_padding_bits) {
  // RFC 4648 §3.5: the bits the padding leaves unused must be zero, so each
  // byte string has one encoding. "Zg==" is "f"; "Zh==" / "Zm9=" set spare bits.
  EXPECT_TRUE(decodes("Zg=="));
  EXPECT_FALSE(decodes("Zh=="));
  EXPECT_FALSE(decodes("Zv=="));
  EXPECT_TRUE(decodes("Zm8="));
  EXPECT_FALSE(decodes("Zm9="));
  EXPECT_FALSE(
      decodes("Zm//"
              "Zm9="));
}

TEST(base64, rejects_a_bad_character_at_every_position) {
  // Long enough for the vector kernel's 32-character blocks, the two-quad
  // scalar loop, the single-quad loop and the final quad.
  std::mt19937 rng(3);
  const std::string text = encode(random_bytes(rng, 300));  // 400 characters
  for (size_t i = 0; i < text.size(); ++i) {
    for (char bad : {'!', '=', '\x80', '-', '\0'}) {
      if (bad == '=' && i >= text.size() - 2) continue;  // may be legal padding there
      std::string t = text;
      t[i] = bad;
      std::string out = "keep";
      ASSERT_FALSE(eio::base64_decode_append(out, t)) << i << " " << int(bad);
      ASSERT_EQ(out, "keep");  // unchanged on failure
    }
  }
}
