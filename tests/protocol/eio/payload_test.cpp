// engine.io-protocol v4 §"HTTP long-polling": decode_payload. Examples from the
// spec and engine.io-parser's changelog byte for byte; the malformed bodies the
// reference decodePayload turns into an error packet ("parse error").

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <sio/proto/eio/base64.hpp>
#include <sio/proto/eio/payload.hpp>
#include <sio/proto/eio/payload_writer.hpp>

namespace eio = sio::proto::eio;
using eio::errc;
using eio::packet_type;

namespace {

struct owned {
  packet_type type;
  bool binary;
  std::string data;
  bool operator==(const owned&) const = default;
};

std::ostream& operator<<(std::ostream& os, const owned& p) {
  return os << "{" << int(p.type) << (p.binary ? " bin " : " txt ") << p.data.size() << "B}";
}

owned txt(packet_type t, std::string d = {}) {
  return {t, false, std::move(d)};
}
owned bin(std::string d) {
  return {packet_type::message, true, std::move(d)};
}

struct decoded {
  errc e;
  std::vector<owned> packets;
};

decoded decode(std::string_view body, size_t max = eio::default_max_packets) {
  std::string scratch;
  decoded d;
  d.e = eio::decode_payload(
      body, scratch,
      [&](const eio::packet& p) {
        d.packets.push_back({p.type, p.binary, std::string(p.data)});
      },
      max);
  return d;
}

}  // namespace

TEST(payload, spec_example_text) {
  const auto d = decode(
      "4hello\x1e"
      "2\x1e"
      "4world");
  ASSERT_EQ(d.e, errc::ok);
  const std::vector<owned> want = {txt(packet_type::message, "hello"), txt(packet_type::ping),
                                   txt(packet_type::message, "world")};
  EXPECT_EQ(d.packets, want);
}

TEST(payload, spec_example_binary) {
  const auto d = decode("bAQIDBA==");
  ASSERT_EQ(d.e, errc::ok);
  ASSERT_EQ(d.packets.size(), 1u);
  EXPECT_EQ(d.packets[0], bin("\x01\x02\x03\x04"));
}

TEST(payload, parser_changelog_examples) {
  // engine.io-parser 4.0.0: encodePayload outputs in v4.
  auto d = decode(
      "4hello\x1e"
      "4\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
  ASSERT_EQ(d.e, errc::ok);
  EXPECT_EQ(d.packets, (std::vector<owned>{
                           txt(packet_type::message, "hello"),
                           txt(packet_type::message, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac")}));
  d = decode(
      "4hello\x1e"
      "bAQID");
  ASSERT_EQ(d.e, errc::ok);
  EXPECT_EQ(d.packets,
            (std::vector<owned>{txt(packet_type::message, "hello"), bin("\x01\x02\x03")}));
}

TEST(payload, conformance_echo_body) {
  // The engine.io-protocol suite posts this and expects it back byte-identical.
  const auto d = decode(
      "4hello\x1e"
      "bAQIDBA==");
  ASSERT_EQ(d.e, errc::ok);
  EXPECT_EQ(d.packets,
            (std::vector<owned>{txt(packet_type::message, "hello"), bin("\x01\x02\x03\x04")}));
}

TEST(payload, socket_io_binary_event_over_polling) {
  // PROTOCOL.md §3.3, seen on the wire.
  const auto d = decode(
      "451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]\x1e"
      "bAQID");
  ASSERT_EQ(d.e, errc::ok);
  ASSERT_EQ(d.packets.size(), 2u);
  EXPECT_EQ(d.packets[0].data, "51-[\"message-back\",{\"_placeholder\":true,\"num\":0}]");
  EXPECT_EQ(d.packets[1], bin("\x01\x02\x03"));
}

TEST(payload, single_records) {
  EXPECT_EQ(decode("1").packets, std::vector<owned>{txt(packet_type::close)});
  EXPECT_EQ(decode("6").packets, std::vector<owned>{txt(packet_type::noop)});
  EXPECT_EQ(decode("2probe").packets, std::vector<owned>{txt(packet_type::ping, "probe")});
  // "b" with no base64 is an empty binary message (Buffer.from("", "base64")).
  EXPECT_EQ(decode("b").packets, std::vector<owned>{bin("")});
  EXPECT_EQ(decode("b\x1e"
                   "b")
                .packets,
            (std::vector<owned>{bin(""), bin("")}));
}

TEST(payload, text_views_point_into_the_body) {
  const std::string body =
      "4abc\x1e"
      "4def";
  std::string scratch;
  std::vector<const char*> ptrs;
  ASSERT_EQ(eio::decode_payload(body, scratch,
                                [&](const eio::packet& p) { ptrs.push_back(p.data.data()); }),
            errc::ok);
  ASSERT_EQ(ptrs.size(), 2u);
  EXPECT_EQ(ptrs[0], body.data() + 1);
  EXPECT_EQ(ptrs[1], body.data() + 6);
}

// The reference splits on 0x1E and decodes each piece; an empty piece is an
// error packet, so every one of these closes the session with "parse error".
TEST(payload, empty_records_are_errors) {
  EXPECT_EQ(decode("").e, errc::empty_packet);
  EXPECT_EQ(decode("\x1e").e, errc::empty_packet);
  EXPECT_EQ(decode("\x1e"
                   "4a")
                .e,
            errc::empty_packet);
  EXPECT_EQ(decode("4a\x1e").e, errc::empty_packet);
  EXPECT_EQ(decode("4a\x1e\x1e"
                   "4b")
                .e,
            errc::empty_packet);
  EXPECT_EQ(decode("\x1e\x1e").e, errc::empty_packet);
}

TEST(payload, bad_types_are_errors) {
  for (std::string_view body : {"7", "abc",
                                "4a\x1e"
                                "7",
                                "4a\x1e"
                                "x",
                                "4a\x1e"
                                " 4",
                                "B", "/",
                                "4a\x1e"
                                "9z"}) {
    EXPECT_EQ(decode(body).e, errc::bad_type) << body;
  }
}

TEST(payload, bad_base64_is_an_error) {
  for (std::string_view body : {"bAQ", "b!!!!", "bAQIDBA=", "b AQID", "bAQID\n",
                                "4a\x1e"
                                "bA===",
                                "bZh==", "bAQI-", "bAQ==AQ=="}) {
    EXPECT_EQ(decode(body).e, errc::bad_base64) << body;
  }
}

TEST(payload, first_error_wins) {
  EXPECT_EQ(decode("7\x1e\x1e").e, errc::bad_type);
  EXPECT_EQ(decode("b!\x1e"
                   "7")
                .e,
            errc::bad_base64);
}

TEST(payload, no_callback_on_error) {
  // Every record but the last is fine: nothing may be delivered.
  for (std::string_view body : {"4a\x1e"
                                "4b\x1e"
                                "2\x1e"
                                "bAQID\x1e",
                                "4a\x1e"
                                "bAQID\x1e"
                                "z",
                                "4a\x1e"
                                "4b\x1e"
                                "b%%%%"}) {
    std::string scratch;
    int calls = 0;
    EXPECT_NE(eio::decode_payload(body, scratch, [&](const eio::packet&) { ++calls; }), errc::ok);
    EXPECT_EQ(calls, 0) << body;
  }
}

TEST(payload, too_many_packets) {
  std::string body;
  eio::payload_writer w(body);
  for (size_t i = 0; i < eio::default_max_packets; ++i) w.text(packet_type::message, "x");
  EXPECT_EQ(decode(body).e, errc::ok);
  EXPECT_EQ(decode(body).packets.size(), eio::default_max_packets);
  w.text(packet_type::noop);
  EXPECT_EQ(decode(body).e, errc::too_many_packets);
  EXPECT_TRUE(decode(body).packets.empty());

  EXPECT_EQ(decode("2\x1e"
                   "2\x1e"
                   "2",
                   3)
                .e,
            errc::ok);
  EXPECT_EQ(decode("2\x1e"
                   "2\x1e"
                   "2\x1e"
                   "2",
                   3)
                .e,
            errc::too_many_packets);
  EXPECT_EQ(decode("2", 0).e, errc::too_many_packets);
}

TEST(payload, callback_can_stop_early) {
  std::string scratch;
  int calls = 0;
  const errc e = eio::decode_payload(
      "4a\x1e"
      "1\x1e"
      "4b",
      scratch, [&](const eio::packet& p) {
        ++calls;
        return p.type != packet_type::close;  // a session stops reading at close
      });
  EXPECT_EQ(e, errc::ok);
  EXPECT_EQ(calls, 2);
}

TEST(payload, binary_records_share_one_scratch) {
  std::string body;
  eio::payload_writer w(body);
  const std::string a(100, 'A'), b = "\x00\x01\x02", c(5000, '\xff');
  auto span = [](const std::string& s) {
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  w.binary(span(a));
  w.text(packet_type::message, "between");
  w.binary(span(b));
  w.binary(span(c));
  std::string scratch;
  std::vector<std::string_view> views;
  ASSERT_EQ(
      eio::decode_payload(body, scratch, [&](const eio::packet& p) { views.push_back(p.data); }),
      errc::ok);
  ASSERT_EQ(views.size(), 4u);
  EXPECT_EQ(views[0], a);
  EXPECT_EQ(views[1], "between");
  EXPECT_EQ(views[2], b);
  EXPECT_EQ(views[3], c);
  // The views stay valid after the call, until the scratch is reused.
  EXPECT_EQ(views[3].data(), views[2].data() + b.size());

  // Reuse with a smaller payload: still correct, no shrinking needed.
  views.clear();
  ASSERT_EQ(
      eio::decode_payload("bAQID", scratch, [&](const eio::packet& p) { views.push_back(p.data); }),
      errc::ok);
  EXPECT_EQ(views.at(0), "\x01\x02\x03");
}

TEST(payload, long_mixed_payload_round_trip) {
  std::mt19937 rng(11);
  std::vector<owned> want;
  std::string body;
  eio::payload_writer w(body);
  for (int i = 0; i < 3000; ++i) {
    if (rng() % 3 == 0) {
      std::string raw(rng() % 700, '\0');
      for (auto& ch : raw) ch = static_cast<char>(rng());
      w.binary({reinterpret_cast<const uint8_t*>(raw.data()), raw.size()});
      want.push_back(bin(raw));
    } else {
      const auto t = static_cast<packet_type>(rng() % 7);
      std::string text(rng() % 200, 'x');
      for (auto& ch : text) ch = static_cast<char>(0x20 + rng() % 0x5f);
      w.text(t, text);
      want.push_back(txt(t, text));
    }
  }
  const auto d = decode(body);
  ASSERT_EQ(d.e, errc::ok);
  EXPECT_EQ(d.packets, want);
}

TEST(payload, one_megabyte_binary_record) {
  std::string raw(1 << 20, '\0');
  std::mt19937 rng(5);
  for (auto& ch : raw) ch = static_cast<char>(rng());
  std::string body = "4head\x1e";
  eio::payload_writer w(body);  // appends after existing bytes, as its own first record
  w.binary({reinterpret_cast<const uint8_t*>(raw.data()), raw.size()});
  const auto d = decode(body);
  ASSERT_EQ(d.e, errc::ok);
  ASSERT_EQ(d.packets.size(), 2u);
  EXPECT_EQ(d.packets[1], bin(raw));
}
