#include <sio/proto/http/header.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace http = sio::proto::http;

namespace {

TEST(Header, Iequals) {
  EXPECT_TRUE(http::iequals("Content-Length", "content-length"));
  EXPECT_TRUE(http::iequals("", ""));
  EXPECT_FALSE(http::iequals("Host", "Hosts"));
  EXPECT_FALSE(http::iequals("a", "b"));
  EXPECT_FALSE(http::iequals("\xc0", "\xe0"));  // ASCII only
}

TEST(Header, FindHeaderFirstWins) {
  const std::vector<http::header> h = {{"A", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(http::find_header(h, "a"), "1");
  EXPECT_EQ(http::find_header(h, "B"), "2");
  EXPECT_EQ(http::find_header(h, "c"), "");
}

TEST(Header, HasToken) {
  EXPECT_TRUE(http::has_token("keep-alive, Upgrade", "upgrade"));
  EXPECT_TRUE(http::has_token("Upgrade", "upgrade"));
  EXPECT_TRUE(http::has_token(" ,, gzip ; q=1 ,chunked", "gzip"));
  EXPECT_TRUE(http::has_token("a,\tchunked\t", "chunked"));
  EXPECT_FALSE(http::has_token("upgraded", "upgrade"));
  EXPECT_FALSE(http::has_token("", "upgrade"));
  EXPECT_FALSE(http::has_token("keep-alive", ""));
}

}  // namespace
