#include <sio/proto/http/percent_decode.hpp>
#include <sio/proto/http/query_params.hpp>

#include <gtest/gtest.h>

#include <string>

namespace http = sio::proto::http;

namespace {

TEST(QueryParams, EngineIoQuery) {
  const http::query_params q("EIO=4&transport=polling&t=OaB3cD&sid=Xy3_AbCdEfGhIjKl");
  EXPECT_EQ(q.size(), 4u);
  EXPECT_EQ(q.get("EIO"), "4");
  EXPECT_EQ(q.get("transport"), "polling");
  EXPECT_EQ(q.get("sid"), "Xy3_AbCdEfGhIjKl");
  EXPECT_EQ(q.get("eio"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(q.get("absent"), std::nullopt);
}

TEST(QueryParams, DecodesPlusAndEscapes) {
  const http::query_params q("a=1&b=x%20y&c=x+y&d%5B%5D=%E2%82%AC&e=%2B");
  EXPECT_EQ(q.get("a"), "1");
  EXPECT_EQ(q.get("b"), "x y");
  EXPECT_EQ(q.get("c"), "x y");
  EXPECT_EQ(q.get("d[]"), "\xE2\x82\xAC");
  EXPECT_EQ(q.get("e"), "+");
}

TEST(QueryParams, MalformedEscapeKeptLiterally) {
  const http::query_params q("a=%&b=%4&c=%zz&d=100%&e=%4g");
  EXPECT_EQ(q.get("a"), "%");
  EXPECT_EQ(q.get("b"), "%4");
  EXPECT_EQ(q.get("c"), "%zz");
  EXPECT_EQ(q.get("d"), "100%");
  EXPECT_EQ(q.get("e"), "%4g");
}

TEST(QueryParams, FirstOccurrenceWinsAndEdgeShapes) {
  const http::query_params q("&&k=1&k=2&flag&=empty&v=a=b&&");
  EXPECT_EQ(q.size(), 5u);
  EXPECT_EQ(q.get("k"), "1");
  EXPECT_EQ(q.get("flag"), "");
  EXPECT_EQ(q.get(""), "empty");
  EXPECT_EQ(q.get("v"), "a=b");
  EXPECT_EQ(http::query_params("").size(), 0u);
}

TEST(QueryParams, LargeQueryGoesToHeap) {
  std::string raw;
  for (int i = 0; i < 100; ++i)
    raw += "key" + std::to_string(i) + "=value%20" + std::to_string(i) + "&";
  const http::query_params q(raw);
  EXPECT_EQ(q.size(), 100u);
  EXPECT_EQ(q.get("key0"), "value 0");
  EXPECT_EQ(q.get("key99"), "value 99");
  const http::query_params copy = q;
  EXPECT_EQ(copy.get("key57"), "value 57");
}

TEST(QueryParams, CopiesOwnTheirValues) {
  auto make = [] {
    std::string raw = "sid=abc&x=1";
    return http::query_params(raw);
  };
  const http::query_params q = make();
  http::query_params c = q;
  EXPECT_EQ(c.get("sid"), "abc");
  EXPECT_NE(c.get("sid")->data(), q.get("sid")->data());
}

TEST(PercentDecode, Rfc3986) {
  std::string out = "old";
  EXPECT_TRUE(http::percent_decode("a%20b+c%2fd%2F", out));
  EXPECT_EQ(out, "a b+c/d/");
  EXPECT_TRUE(http::percent_decode("", out));
  EXPECT_EQ(out, "");
  EXPECT_TRUE(http::percent_decode("%00", out));
  EXPECT_EQ(out, std::string(1, '\0'));
  EXPECT_FALSE(http::percent_decode("50%", out));
  EXPECT_EQ(out, "50%");
  EXPECT_FALSE(http::percent_decode("%G1%41", out));
  EXPECT_EQ(out, "%G1A");
}

}  // namespace
