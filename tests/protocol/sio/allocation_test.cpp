// No heap allocation per packet in steady state: a counting global operator
// new around warmed-up decode / encode / assemble loops.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <sio/proto/json/writer.hpp>
#include <sio/proto/sio/binary_assembler.hpp>
#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept {
  return operator new(n, t);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using namespace sio::proto::sio;

const std::string k_object_1k = [] {
  std::string s = R"({"id":"msg_1","room":"general","text":")" + std::string(900, 'x') +
                  R"(","author":{"id":"u_1","roles":["member","moderator"],"karma":1289},"seq":1})";
  return s;
}();

TEST(SioAllocation, CounterSeesAllocations) {
  long before = g_allocations.load();
  auto* s = new std::string(100, 'x');
  delete s;
  EXPECT_GE(g_allocations.load() - before, 2);  // the string object and its buffer
  // A cold decoder does allocate (its parser and buffers): the counter works.
  before = g_allocations.load();
  decoder d;
  ASSERT_TRUE(d.decode(R"(2["chat","hello"])"));
  EXPECT_GT(g_allocations.load() - before, 0);
}

TEST(SioAllocation, DecodeSteadyStateAllocatesNothing) {
  decoder d;
  std::string small = R"(2["chat","hello"])";
  std::string big = R"(2["message",)" + k_object_1k + "]";
  std::string number_name = R"(2[12.5,"x"])";
  std::string compat = R"(2["n",100000000000000000000,"\ud83d"])";
  const std::string* inputs[] = {&small, &big, &number_name, &compat};
  for (const std::string* in : inputs) ASSERT_TRUE(d.decode(*in)) << *in;  // warm up
  long before = g_allocations.load();
  size_t sink = 0;
  for (int i = 0; i < 1000; ++i) {
    for (const std::string* in : inputs) {
      auto r = d.decode(*in);
      sink += r ? r->args.size() + r->event.size() : 0;
    }
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_GT(sink, 0u);
}

TEST(SioAllocation, EncodeIntoReusedBufferAllocatesNothing) {
  std::string out;
  std::string args;
  out.reserve(4096);
  args.reserve(4096);
  long before = g_allocations.load();
  for (int i = 0; i < 1000; ++i) {
    out.clear();
    args.clear();
    sio::proto::json::writer(args).string("hello").number(i * 0.5).integer(i);
    out.push_back('4');
    append_event(out, "/chat", "chat", args, static_cast<uint64_t>(i));
    append_ack(out, "/", 7, args);
    append_connect_error(out, "/admin", "Not authorized", R"({"code":1})");
    append_binary_event(out, "/", "upload", R"({"_placeholder":true,"num":0})", 1);
    append_placeholder(out, 3);
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
}

TEST(SioAllocation, BinaryAssemblerSteadyStateAllocatesNothing) {
  decoder d;
  binary_assembler a;
  std::vector<uint8_t> attachment(65536, 0x5a);
  std::string header = R"(51-["upload",{"_placeholder":true,"num":0}])";
  auto run = [&] {
    auto r = d.decode(header);
    ASSERT_TRUE(r);
    ASSERT_EQ(a.start(*r), errc::ok);
    ASSERT_EQ(a.add({attachment.data(), attachment.size()}), errc::ok);
    ASSERT_TRUE(a.complete());
    a.reset();
  };
  run();  // warm up
  long before = g_allocations.load();
  for (int i = 0; i < 200; ++i) run();
  EXPECT_EQ(g_allocations.load() - before, 0);
}

}  // namespace
