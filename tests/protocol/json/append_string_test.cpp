// json::append_string against JSON.stringify (ECMA-262 §25.5.2.3).

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/json/append.hpp>

namespace {

using sio::proto::json::append_string;

std::string stringify(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

TEST(JsonAppendString, PlainTextIsQuotedAsIs) {
  EXPECT_EQ(stringify(""), "\"\"");
  EXPECT_EQ(stringify("chat"), "\"chat\"");
  EXPECT_EQ(stringify("hello world, 1234567890 / <>&'"), "\"hello world, 1234567890 / <>&'\"");
}

TEST(JsonAppendString, EscapingTableMatchesJsonStringify) {
  // JSON.stringify(String.fromCharCode(c)) for c = 0..127 (Node.js 20).
  const char* expected[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
  };
  for (int c = 0; c < 128; ++c) {
    std::string in(1, static_cast<char>(c));
    std::string want;
    if (c < 32) {
      want = std::string("\"") + expected[c] + "\"";
    } else if (c == '"') {
      want = "\"\\\"\"";
    } else if (c == '\\') {
      want = "\"\\\\\"";
    } else {
      want = "\"" + in + "\"";  // DEL (0x7f) included
    }
    EXPECT_EQ(stringify(in), want) << "byte " << c;
  }
}

TEST(JsonAppendString, Utf8IsCopiedAsIs) {
  EXPECT_EQ(stringify("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"),
            "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\"");
  EXPECT_EQ(stringify("\xff\xfe"), "\"\xff\xfe\"");  // not validated
}

TEST(JsonAppendString, EscapesAtEveryPositionOfTheWordLoop) {
  // The scanner looks at 8 bytes at a time: put the special byte everywhere.
  for (size_t len = 1; len < 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
        std::string in(len, 'a');
        in[at] = special;
        std::string want = "\"";
        for (char c : in) {
          if (c == '"') {
            want += "\\\"";
          } else if (c == '\\') {
            want += "\\\\";
          } else if (c == '\n') {
            want += "\\n";
          } else if (c == '\x01') {
            want += "\\u0001";
          } else if (c == '\x1f') {
            want += "\\u001f";
          } else {
            want += c;
          }
        }
        want += "\"";
        ASSERT_EQ(stringify(in), want) << "len " << len << " at " << at;
      }
    }
  }
}

TEST(JsonAppendString, HighBytesNearSpecialValuesAreNotFalsePositives) {
  // Bytes whose low 7 bits equal '"', '\\' or a control character.
  std::string in = "\xa2\xdc\x80\x81\x9f\xa0\xa2\xdc\xa2\xdc\x80\x81\x9f\xa0\xa2\xdc";
  EXPECT_EQ(stringify(in), "\"" + in + "\"");
}

TEST(JsonAppendString, MixedEscapes) {
  EXPECT_EQ(stringify("a\"b\\c\nd\te\rf\bg\fh\x7i"), "\"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0007i\"");
  EXPECT_EQ(stringify(std::string_view("nul\0byte", 8)), "\"nul\\u0000byte\"");
}

TEST(JsonAppendString, AppendsWithoutTouchingExistingContent) {
  std::string out = "42[";
  append_string(out, "chat");
  EXPECT_EQ(out, "42[\"chat\"");
}

}  // namespace
