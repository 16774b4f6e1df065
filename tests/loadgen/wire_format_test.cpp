#include "wire_format.hpp"

#include <gtest/gtest.h>

#include "payload_text.hpp"

namespace sio::bench {
namespace {

TEST(fanout_arg, round_trip_and_length) {
  const std::string fill = filler(200);
  std::string out;
  append_fanout_arg(out, {7, 12345, 987654321012}, fill, 64);
  ASSERT_EQ(out.size(), 64u + 2);  // quotes around 64 bytes
  EXPECT_EQ(out.front(), '"');
  EXPECT_EQ(out.back(), '"');
  EXPECT_TRUE(out.starts_with("\"7:12345:987654321012:abc"));
  auto s = parse_fanout_arg(std::string_view(out).substr(1));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->publisher, 7u);
  EXPECT_EQ(s->seq, 12345u);
  EXPECT_EQ(s->sent_ns, 987654321012u);
}

TEST(fanout_arg, payload_smaller_than_the_stamp_keeps_the_stamp) {
  std::string out;
  append_fanout_arg(out, {0, 0, 5}, filler(10), 0);
  EXPECT_EQ(out, "\"0:0:5:\"");
  auto s = parse_fanout_arg(std::string_view(out).substr(1));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->sent_ns, 5u);
}

TEST(fanout_arg, rejects_malformed) {
  for (const char* bad : {"", "1", "1:", "1:2", "1:2:3",
                          ":1:2:3:", "a:1:2:", "1:b:2:", "99999999999:1:2:", "-1:2:3:"}) {
    EXPECT_FALSE(parse_fanout_arg(bad)) << bad;
  }
  EXPECT_TRUE(parse_fanout_arg("1:2:3:\""));
}

TEST(ack_fast, reads_id_and_arguments) {
  std::string_view rest;
  auto id = parse_ack_fast("3123[\"abc\"]", rest);
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, 123u);
  EXPECT_EQ(rest, "[\"abc\"]");
  id = parse_ack_fast("30[]", rest);
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, 0u);
  EXPECT_EQ(rest, "[]");
}

TEST(ack_fast, leaves_other_forms_to_the_decoder) {
  std::string_view rest;
  for (const char* other : {"", "3", "3[]", "2[\"msg\"]", "3/nsp,1[]", "312", "3 1[]",
                            "39007199254740992[]", "399999999999999999999999[]"}) {
    EXPECT_FALSE(parse_ack_fast(other, rest)) << other;
  }
  EXPECT_TRUE(parse_ack_fast("39007199254740991[]", rest));  // 2^53 - 1
}

}  // namespace
}  // namespace sio::bench
