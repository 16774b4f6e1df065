// json::js_compat_rewrite: what JSON.parse accepts and simdjson 3.0.1 does not.

#include <gtest/gtest.h>

#include <string>

#include <simdjson.h>

#include <sio/proto/json/js_compat.hpp>

namespace {

using sio::proto::json::js_compat_rewrite;

std::string rewrite(std::string_view in) {
  std::string out = "garbage";
  if (!js_compat_rewrite(in, out)) {
    EXPECT_TRUE(out.empty());
    return std::string(in);
  }
  return out;
}

bool simdjson_accepts(const std::string& json) {
  simdjson::dom::parser p;
  simdjson::dom::element e;
  return p.parse(simdjson::padded_string(json)).get(e) == simdjson::SUCCESS;
}

TEST(JsonJsCompat, BigIntegersBecomeDoubles) {
  // JSON.stringify(1e20) and JSON.stringify(-1e19).
  EXPECT_EQ(rewrite("[100000000000000000000]"), "[100000000000000000000e0]");
  EXPECT_EQ(rewrite("[-10000000000000000000]"), "[-10000000000000000000e0]");
  EXPECT_EQ(rewrite(R"({"a":100000000000000000000,"b":[18446744073709551616]})"),
            R"({"a":100000000000000000000e0,"b":[18446744073709551616e0]})");
  EXPECT_TRUE(simdjson_accepts(rewrite("[100000000000000000000]")));
  EXPECT_FALSE(simdjson_accepts("[100000000000000000000]"));
}

TEST(JsonJsCompat, SixtyFourBitIntegersStay) {
  std::string out;
  EXPECT_FALSE(js_compat_rewrite("[18446744073709551615,-9223372036854775808,0,-0,1.5e300]", out));
  EXPECT_FALSE(js_compat_rewrite("[123456789012345678901234.5,1e400]", out));  // not integers
  EXPECT_EQ(rewrite("[-9223372036854775809]"), "[-9223372036854775809e0]");
}

TEST(JsonJsCompat, UnpairedSurrogatesBecomeReplacementCharacter) {
  EXPECT_EQ(rewrite(R"(["\ud83d"])"), R"(["\ufffd"])");
  EXPECT_EQ(rewrite(R"(["a\uDC00b"])"), R"(["a\ufffdb"])");
  EXPECT_EQ(rewrite(R"(["\ud83d\ud83d\ude00"])"), R"(["\ufffd\ud83d\ude00"])");
  EXPECT_EQ(rewrite(R"({"\ud800":"\ude00x"})"), R"({"\ufffd":"\ufffdx"})");
  EXPECT_TRUE(simdjson_accepts(rewrite(R"(["\ud83d"])")));
  EXPECT_FALSE(simdjson_accepts(R"(["\ud83d"])"));
}

TEST(JsonJsCompat, ValidTextIsLeftAlone) {
  std::string out;
  EXPECT_FALSE(
      js_compat_rewrite(R"(["\ud83d\ude00","\\ud800","\"",12,"100000000000000000000"])", out));
  EXPECT_FALSE(js_compat_rewrite("", out));
  EXPECT_FALSE(js_compat_rewrite(R"(["unterminated \)", out));
}

}  // namespace
