// sio::decoder: event names and the raw argument text (packet::event / args).

#include <gtest/gtest.h>

#include <string>

#include <sio/proto/sio/decoder.hpp>

namespace {

using namespace sio::proto::sio;

struct expect_case {
  const char* text;
  const char* event;
  const char* args;
};

TEST(SioEventArgs, NamesAndArgs) {
  const expect_case cases[] = {
      {R"(2["chat","hello"])", "chat", R"("hello")"},
      {R"(2["chat","hi",{"a":1}])", "chat", R"("hi",{"a":1})"},
      {R"(2["chat"])", "chat", ""},
      {R"(2["chat",[1,[2,[3]]],{"b":[{"c":"]"}]}])", "chat", R"([1,[2,[3]]],{"b":[{"c":"]"}]})"},
      // Escaped names: unescaped in `event`, the raw text skipped correctly.
      {R"(2["a\"b","x"])", "a\"b", R"("x")"},
      {R"(2["a\\","x"])", "a\\", R"("x")"},
      {R"(2["a\\\"b\\",1])", "a\\\"b\\", "1"},
      {R"(2["\u00e9t\u00e9",true])", "\xc3\xa9t\xc3\xa9", "true"},
      {R"(2["line\nbreak",null])", "line\nbreak", "null"},
      {R"(2["\ud83d\ude00",0])", "\xf0\x9f\x98\x80", "0"},
      {R"(2["",1])", "", "1"},
      {"2[\"caf\xc3\xa9\",\"\xe2\x82\xac\"]", "caf\xc3\xa9", "\"\xe2\x82\xac\""},
      // Whitespace inside the JSON (JSON.stringify never writes it; clients may).
      {"2[ \"chat\" , \"hi\" ,\n{ \"a\" : 1 } ]\r\n", "chat", "\"hi\" ,\n{ \"a\" : 1 }"},
      {R"(2[ "chat" ])", "chat", ""},
      {R"(2["chat" , "x"] )", "chat", R"("x")"},
      {"2\n[\"chat\",1]", "chat", "1"},
      // Number names: String(n) of the JS number.
      {"2[1]", "1", ""},
      {"2[1,\"x\"]", "1", R"("x")"},
      {"2[-0]", "0", ""},
      {"2[1.50,2]", "1.5", "2"},
      {"2[1e2]", "100", ""},
      {"2[1E21]", "1e+21", ""},
      {"2[0.0000001]", "1e-7", ""},
      {"2[12345678901234567891]", "12345678901234567000", ""},
      {"2[ -7 , [] ]", "-7", "[]"},
      // Binary events carry args the same way.
      {R"(51-/a,9["up",{"_placeholder":true,"num":0}])", "up", R"({"_placeholder":true,"num":0})"},
  };
  decoder d;
  for (const expect_case& c : cases) {
    auto r = d.decode(c.text);
    ASSERT_TRUE(r) << c.text << ": " << errc_name(r.error());
    EXPECT_EQ(r->event, c.event) << c.text;
    EXPECT_EQ(r->args, c.args) << c.text;
  }
}

TEST(SioEventArgs, AckArgs) {
  const std::pair<const char*, const char*> cases[] = {
      {"31[]", ""},
      {"31[ ]", ""},
      {"31[1]", "1"},
      {R"(31["a",{"b":[1]}])", R"("a",{"b":[1]})"},
      {"31[ 1 , 2 ] ", "1 , 2"},
      {R"(3/x,1[["]"]])", R"(["]"])"},
      {R"(62-1[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])",
       R"({"_placeholder":true,"num":0},{"_placeholder":true,"num":1})"},
  };
  decoder d;
  for (auto [text, args] : cases) {
    auto r = d.decode(text);
    ASSERT_TRUE(r) << text;
    EXPECT_EQ(r->args, args) << text;
    EXPECT_EQ(r->event, "") << text;
  }
}

TEST(SioEventArgs, JsonViewIsTheWholeArray) {
  decoder d;
  auto r = d.decode(R"(2["chat","hi",{"a":1}])");
  ASSERT_TRUE(r);
  simdjson::dom::array arr;
  ASSERT_EQ(r->json.get(arr), simdjson::SUCCESS);
  EXPECT_EQ(arr.size(), 3u);
  int64_t a = 0;
  ASSERT_EQ(arr.at(2)["a"].get(a), simdjson::SUCCESS);
  EXPECT_EQ(a, 1);
}

TEST(SioEventArgs, WhatJsonStringifyWritesAndSimdjsonAloneRefuses) {
  decoder d;
  // JSON.stringify(["n", 1e20]) and a string cut inside a surrogate pair.
  auto r = d.decode(R"(2["n",100000000000000000000,-10000000000000000000])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->args, "100000000000000000000,-10000000000000000000");  // as received
  double big = 0;
  ASSERT_EQ(r->json.at(1).get(big), simdjson::SUCCESS);
  EXPECT_EQ(big, 1e20);
  r = d.decode(R"(2["cut \ud83d","\udc00"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event, "cut \xef\xbf\xbd");
  EXPECT_EQ(r->args, R"("\udc00")");
  r = d.decode(R"(2[100000000000000000000])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event, "100000000000000000000");
  // Still refused: reserved names hidden behind the rewrite path.
  auto e = d.decode(R"(2["connect",100000000000000000000])");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error(), errc::reserved_event);
}

TEST(SioEventArgs, ViewsIntoTextAndLongPayloads) {
  decoder d;
  std::string big = "2[\"chat\",\"" + std::string(100000, 'x') + "\"]";
  auto r = d.decode(big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->args.size(), 100002u);
  EXPECT_EQ(r->args.data(), big.data() + 9);  // a view, not a copy
  EXPECT_EQ(r->payload.data(), big.data() + 1);
  // A smaller packet afterwards reuses the buffers.
  r = d.decode(R"(2["a"])");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event, "a");
}

TEST(SioEventArgs, DepthLimit) {
  decoder shallow(decoder_options{.max_depth = 8});
  std::string ok = "2[\"a\"," + std::string(6, '[') + std::string(6, ']') + "]";
  EXPECT_TRUE(shallow.decode(ok));
  std::string deep = "2[\"a\"," + std::string(20, '[') + std::string(20, ']') + "]";
  auto r = shallow.decode(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_json);
  decoder normal;
  EXPECT_TRUE(normal.decode(deep));
}

}  // namespace
