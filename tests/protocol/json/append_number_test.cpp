// json::append_number / append_int against JS Number::toString
// (ECMA-262 §6.1.6.1.20) as JSON.stringify uses it.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <sio/proto/json/append.hpp>

namespace {

using sio::proto::json::append_int;
using sio::proto::json::append_number;
using sio::proto::json::append_uint;

std::string num(double v) {
  std::string out;
  append_number(out, v);
  return out;
}

TEST(JsonAppendNumber, BriefCases) {
  EXPECT_EQ(num(0), "0");
  EXPECT_EQ(num(-0.0), "0");
  EXPECT_EQ(num(1e21), "1e+21");
  EXPECT_EQ(num(1e-7), "1e-7");
  EXPECT_EQ(num(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(num(9007199254740992.0), "9007199254740992");  // 2^53
  EXPECT_EQ(num(std::nan("")), "null");
  EXPECT_EQ(num(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(num(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonAppendNumber, PlainAndExponentBoundaries) {
  EXPECT_EQ(num(1), "1");
  EXPECT_EQ(num(-1), "-1");
  EXPECT_EQ(num(1.5), "1.5");
  EXPECT_EQ(num(-1.5), "-1.5");
  EXPECT_EQ(num(100), "100");
  EXPECT_EQ(num(1e20), "100000000000000000000");
  EXPECT_EQ(num(123e18), "123000000000000000000");
  EXPECT_EQ(num(999999999999999900000.0), "999999999999999900000");
  EXPECT_EQ(num(1.5e21), "1.5e+21");
  EXPECT_EQ(num(0.000001), "0.000001");
  EXPECT_EQ(num(1.23e-7), "1.23e-7");
  EXPECT_EQ(num(0.00000123), "0.00000123");
  EXPECT_EQ(num(-1e-7), "-1e-7");
  EXPECT_EQ(num(5e-324), "5e-324");
  EXPECT_EQ(num(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(num(9223372036854775808.0), "9223372036854776000");    // 2^63
  EXPECT_EQ(num(18446744073709551616.0), "18446744073709552000");  // 2^64
  EXPECT_EQ(num(4.35), "4.35");
  EXPECT_EQ(num(123.456), "123.456");
}

struct vector {
  uint64_t bits;
  const char* js;
};

constexpr vector k_vectors[] = {
#include "number_vectors.inc"
};

TEST(JsonAppendNumber, MatchesNodeOnGeneratedVectors) {
  ASSERT_GT(std::size(k_vectors), 800u);
  for (const vector& v : k_vectors) {
    double d = std::bit_cast<double>(v.bits);
    EXPECT_EQ(num(d), v.js) << std::hex << v.bits;
  }
}

TEST(JsonAppendInt, Int64Range) {
  std::string out;
  append_int(out, 0);
  out += ' ';
  append_int(out, -42);
  out += ' ';
  append_int(out, std::numeric_limits<int64_t>::max());
  out += ' ';
  append_int(out, std::numeric_limits<int64_t>::min());
  out += ' ';
  append_uint(out, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(out, "0 -42 9223372036854775807 -9223372036854775808 18446744073709551615");
}

}  // namespace
