// json::writer: nesting, commas, keys, values.

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/json/writer.hpp>

namespace {

using sio::proto::json::writer;

TEST(JsonWriter, EmptyContainers) {
  std::string out;
  writer(out).begin_object().end_object();
  EXPECT_EQ(out, "{}");
  out.clear();
  writer(out).begin_array().end_array();
  EXPECT_EQ(out, "[]");
}

TEST(JsonWriter, ObjectWithEveryValueKind) {
  std::string out;
  writer w(out);
  w.begin_object()
      .key("s")
      .string("a\"b")
      .key("n")
      .number(0.5)
      .key("i")
      .integer(-7)
      .key("t")
      .boolean(true)
      .key("f")
      .boolean(false)
      .key("z")
      .null()
      .key("r")
      .raw("[1,2]")
      .key("big")
      .number(1e21)
      .end_object();
  EXPECT_EQ(out,
            R"({"s":"a\"b","n":0.5,"i":-7,"t":true,"f":false,"z":null,"r":[1,2],"big":1e+21})");
  EXPECT_EQ(w.depth(), 0u);
}

TEST(JsonWriter, NestingAndCommas) {
  std::string out;
  writer w(out);
  w.begin_array()
      .begin_object()
      .key("a")
      .begin_array()
      .integer(1)
      .integer(2)
      .end_array()
      .end_object()
      .begin_array()
      .end_array()
      .begin_object()
      .end_object()
      .string("x")
      .begin_array()
      .begin_array()
      .null()
      .end_array()
      .end_array()
      .end_array();
  EXPECT_EQ(out, R"([{"a":[1,2]},[],{},"x",[[null]]])");
}

TEST(JsonWriter, ObjectInsideObject) {
  std::string out;
  writer(out)
      .begin_object()
      .key("o")
      .begin_object()
      .key("p")
      .integer(1)
      .key("q")
      .begin_object()
      .end_object()
      .end_object()
      .key("after")
      .integer(2)
      .end_object();
  EXPECT_EQ(out, R"({"o":{"p":1,"q":{}},"after":2})");
}

TEST(JsonWriter, TopLevelValuesAreCommaSeparated) {
  // The argument-list form that the Socket.IO encoders take.
  std::string args;
  writer(args).string("hi").integer(1).begin_object().key("a").integer(1).end_object();
  EXPECT_EQ(args, R"("hi",1,{"a":1})");
}

TEST(JsonWriter, AppendsAfterExistingContent) {
  std::string out = "42[\"chat\",";
  writer(out).string("hello");
  EXPECT_EQ(out, "42[\"chat\",\"hello\"");
}

TEST(JsonWriter, SixtyFourLevels) {
  std::string out;
  writer w(out);
  for (unsigned i = 0; i < writer::max_depth; ++i) w.begin_array();
  EXPECT_EQ(w.depth(), 64u);
  w.integer(1);
  for (unsigned i = 0; i < writer::max_depth; ++i) w.end_array();
  EXPECT_EQ(out, std::string(64, '[') + "1" + std::string(64, ']'));
}

TEST(JsonWriter, KeysAreEscaped) {
  std::string out;
  writer(out).begin_object().key("a\nb").integer(1).end_object();
  EXPECT_EQ(out, R"({"a\nb":1})");
}

#ifndef NDEBUG
TEST(JsonWriterDeathTest, MisuseAsserts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::string out;
  EXPECT_DEATH(
      {
        writer w(out);
        for (unsigned i = 0; i <= writer::max_depth; ++i) w.begin_array();
      },
      "deeper than 64");
  EXPECT_DEATH(writer(out).begin_object().integer(1), "without a key");
  EXPECT_DEATH(writer(out).begin_array().key("k"), "outside an object");
  EXPECT_DEATH(writer(out).begin_array().end_object(), "mismatched");
  EXPECT_DEATH(writer(out).end_array(), "end without begin");
}
#endif

}  // namespace
