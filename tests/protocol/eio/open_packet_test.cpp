// engine.io-protocol v4 §"Handshake" / PROTOCOL.md §2.4: the open packet.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <simdjson.h>

#include <sio/proto/eio/open_packet.hpp>

namespace eio = sio::proto::eio;
using eio::errc;

TEST(open_packet, protocol_md_example_byte_for_byte) {
  std::string out;
  eio::append_open(out, {"KCjlYt5uK0kyANrKAAHh", true, 300, 200, 1000000});
  EXPECT_EQ(out,
            "0{\"sid\":\"KCjlYt5uK0kyANrKAAHh\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,"
            "\"pingTimeout\":200,\"maxPayload\":1000000}");
}

TEST(open_packet, websocket_session_has_no_upgrades) {
  std::string out = "prefix";
  eio::append_open(out, {"lv_VI97HAXpY6yYWAAAC", false, 25000, 20000, 1000000});
  EXPECT_EQ(out,
            "prefix0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],\"pingInterval\":25000,"
            "\"pingTimeout\":20000,\"maxPayload\":1000000}");
}

TEST(open_packet, extreme_numbers) {
  std::string out;
  const uint32_t u32 = std::numeric_limits<uint32_t>::max();
  const uint64_t u64 = std::numeric_limits<uint64_t>::max();
  eio::append_open(out, {"s", false, 0, u32, u64});
  EXPECT_EQ(out,
            "0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":0,\"pingTimeout\":4294967295,"
            "\"maxPayload\":18446744073709551615}");
}

TEST(open_packet, sid_is_escaped) {
  std::string out;
  eio::append_open(out, {std::string_view("a\"b\\c\n\x01", 7), false, 1, 2, 3});
  const std::string_view want = "0{\"sid\":\"a\\\"b\\\\c\\u000a\\u0001\",";
  EXPECT_EQ(out.substr(0, want.size()), want);
  auto r = eio::parse_open(std::string_view(out).substr(1));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sid, std::string_view("a\"b\\c\n\x01", 7));
}

TEST(open_packet, parse_round_trip) {
  for (bool upgrade : {true, false}) {
    std::string out;
    eio::append_open(out, {"KCjlYt5uK0kyANrKAAHh", upgrade, 300, 200, 1000000});
    ASSERT_EQ(out[0], '0');
    auto r = eio::parse_open(std::string_view(out).substr(1));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->sid, "KCjlYt5uK0kyANrKAAHh");
    EXPECT_EQ(r->can_upgrade, upgrade);
    EXPECT_EQ(r->ping_interval_ms, 300u);
    EXPECT_EQ(r->ping_timeout_ms, 200u);
    EXPECT_EQ(r->max_payload, 1000000u);
  }
}

TEST(open_packet, parse_is_lenient_about_shape) {
  // Any key order, whitespace, unknown keys, several upgrades, no maxPayload
  // (servers before it existed).
  auto r = eio::parse_open(
      " { \"pingTimeout\" : 5000, \"extra\": {\"a\":[1,2]}, \"upgrades\": [\"polling\", "
      "\"websocket\"], \"sid\": \"abc\", \"pingInterval\": 10000 } ");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sid, "abc");
  EXPECT_TRUE(r->can_upgrade);
  EXPECT_EQ(r->ping_interval_ms, 10000u);
  EXPECT_EQ(r->ping_timeout_ms, 5000u);
  EXPECT_EQ(r->max_payload, 0u);

  r = eio::parse_open("{\"sid\":\"x\",\"pingInterval\":1,\"pingTimeout\":2}");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->can_upgrade);

  // A repeated key: the last one wins, as in JSON.parse.
  r = eio::parse_open("{\"sid\":\"x\",\"sid\":\"y\",\"pingInterval\":1,\"pingTimeout\":2}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sid, "y");
}

TEST(open_packet, parse_errors) {
  const std::pair<std::string_view, errc> cases[] = {
      {"", errc::bad_json},
      {"0{\"sid\":\"x\",\"pingInterval\":1,\"pingTimeout\":2}", errc::bad_json},  // leading '0'
      {"[]", errc::bad_json},
      {"\"sid\"", errc::bad_json},
      {"{\"sid\":\"x\",", errc::bad_json},
      {"{}", errc::bad_open},
      {"{\"pingInterval\":1,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":1}", errc::bad_open},
      {"{\"sid\":\"\",\"pingInterval\":1,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":1,\"pingInterval\":1,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":-1,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":1.5,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":\"1\",\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":4294967296,\"pingTimeout\":2}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":1,\"pingTimeout\":2,\"maxPayload\":-5}", errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":1,\"pingTimeout\":2,\"upgrades\":\"websocket\"}",
       errc::bad_open},
      {"{\"sid\":\"x\",\"pingInterval\":1,\"pingTimeout\":2,\"upgrades\":[1]}", errc::bad_open},
  };
  for (const auto& [json, want] : cases) {
    auto r = eio::parse_open(json);
    ASSERT_FALSE(r) << json;
    EXPECT_EQ(r.error(), want) << json;
  }
}

TEST(open_packet, parse_with_a_reused_parser) {
  simdjson::dom::parser parser;
  for (int i = 0; i < 3; ++i) {
    std::string out;
    eio::append_open(out, {"sid" + std::to_string(i), false, 10u + i, 20, 30});
    auto r = eio::parse_open(std::string_view(out).substr(1), parser);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->sid, "sid" + std::to_string(i));
    EXPECT_EQ(r->ping_interval_ms, 10u + i);
  }
}
