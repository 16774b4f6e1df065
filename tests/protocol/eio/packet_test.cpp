// engine.io-protocol v4 §"Packet encoding" and §"WebSocket": one packet.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <sio/proto/eio/packet.hpp>

namespace eio = sio::proto::eio;
using eio::packet_type;

TEST(packet, type_digits) {
  EXPECT_EQ(eio::type_char(packet_type::open), '0');
  EXPECT_EQ(eio::type_char(packet_type::close), '1');
  EXPECT_EQ(eio::type_char(packet_type::ping), '2');
  EXPECT_EQ(eio::type_char(packet_type::pong), '3');
  EXPECT_EQ(eio::type_char(packet_type::message), '4');
  EXPECT_EQ(eio::type_char(packet_type::upgrade), '5');
  EXPECT_EQ(eio::type_char(packet_type::noop), '6');
}

TEST(packet, decode_text_spec_examples) {
  struct example {
    std::string_view text;
    packet_type type;
    std::string_view data;
  };
  const example examples[] = {
      {"0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
       "\"pingTimeout\":20000,\"maxPayload\":1000000}",
       packet_type::open,
       "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
       "\"pingTimeout\":20000,\"maxPayload\":1000000}"},
      {"1", packet_type::close, ""},
      {"2", packet_type::ping, ""},
      {"2probe", packet_type::ping, "probe"},
      {"3", packet_type::pong, ""},
      {"3probe", packet_type::pong, "probe"},
      {"4hello", packet_type::message, "hello"},
      {"4HelloWorld", packet_type::message, "HelloWorld"},
      {"4\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", packet_type::message,
       "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"},
      {"42[\"chat\",\"hello\"]", packet_type::message, "2[\"chat\",\"hello\"]"},
      {"5", packet_type::upgrade, ""},
      {"6", packet_type::noop, ""},
  };
  for (const auto& e : examples) {
    auto r = eio::decode_text(e.text);
    ASSERT_TRUE(r) << e.text;
    EXPECT_EQ(r->type, e.type) << e.text;
    EXPECT_FALSE(r->binary);
    EXPECT_EQ(r->data, e.data);
    // A view into the input, not a copy.
    EXPECT_EQ(r->data.data(), e.text.data() + 1);
  }
}

TEST(packet, decode_text_keeps_separators_and_nul) {
  // A WebSocket text message is one packet: 0x1E is data there.
  const std::string text(
      "4a\x1e"
      "b\0c",
      6);
  auto r = eio::decode_text(text);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, std::string_view("a\x1e"
                                      "b\0c",
                                      5));
}

TEST(packet, decode_text_errors) {
  EXPECT_EQ(eio::decode_text("").error(), eio::errc::empty_packet);
  for (std::string_view t :
       {"7", "8", "9", "a", "abc", "/", ":", " 4", "\x1e", "-1", "b", "bAQIDBA=="}) {
    auto r = eio::decode_text(t);
    ASSERT_FALSE(r) << t;
    EXPECT_EQ(r.error(), eio::errc::bad_type) << t;
  }
}

TEST(packet, decode_binary_is_a_message) {
  const std::vector<uint8_t> bytes = {1, 2, 3, 4};
  const eio::packet p = eio::decode_binary(bytes);
  EXPECT_EQ(p.type, packet_type::message);
  EXPECT_TRUE(p.binary);
  EXPECT_EQ(p.data, std::string_view("\x01\x02\x03\x04"));
  EXPECT_EQ(static_cast<const void*>(p.data.data()), bytes.data());
  // v4 has no type byte: a leading 0x04 is data (§"WebSocket").
  const std::vector<uint8_t> v3_style = {4, 1, 2};
  EXPECT_EQ(eio::decode_binary(v3_style).data.size(), 3u);
  EXPECT_TRUE(eio::decode_binary({}).data.empty());
}

TEST(packet, append_packet) {
  std::string out;
  eio::append_packet(out, packet_type::ping);
  EXPECT_EQ(out, "2");
  out.clear();
  eio::append_packet(out, packet_type::pong, "probe");
  EXPECT_EQ(out, "3probe");
  out = "x";
  eio::append_packet(out, packet_type::message, "hello");
  EXPECT_EQ(out, "x4hello");
  for (int t = 0; t <= 6; ++t) {
    std::string s;
    eio::append_packet(s, static_cast<packet_type>(t), "d");
    auto r = eio::decode_text(s);
    ASSERT_TRUE(r);
    EXPECT_EQ(static_cast<int>(r->type), t);
    EXPECT_EQ(r->data, "d");
  }
}

TEST(packet, errc_names) {
  EXPECT_EQ(eio::errc_name(eio::errc::ok), "ok");
  EXPECT_EQ(eio::errc_name(eio::errc::empty_packet), "empty_packet");
  EXPECT_EQ(eio::errc_name(eio::errc::bad_type), "bad_type");
  EXPECT_EQ(eio::errc_name(eio::errc::bad_base64), "bad_base64");
  EXPECT_EQ(eio::errc_name(eio::errc::too_many_packets), "too_many_packets");
  EXPECT_EQ(eio::errc_name(eio::errc::bad_json), "bad_json");
  EXPECT_EQ(eio::errc_name(eio::errc::bad_open), "bad_open");
  EXPECT_EQ(eio::errc_name(static_cast<eio::errc>(200)), "unknown");
}
