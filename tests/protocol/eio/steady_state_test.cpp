// "No heap allocation per packet in steady state": with a reused scratch and a
// reused output string, decoding and encoding payloads allocate nothing. A
// counting global operator new watches this test binary's heap.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>

#include <sio/proto/eio/eio.hpp>

namespace {
std::atomic<size_t> g_allocations{0};
}

namespace {
void* counted_alloc(size_t n) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* counted_alloc_or_abort(size_t n) {
  if (void* p = counted_alloc(n)) return p;
  std::abort();  // the tests are built with exceptions, but never run out of memory
}
}  // namespace

// Every unaligned form, so each new is paired with a matching delete.
void* operator new(size_t n) {
  return counted_alloc_or_abort(n);
}
void* operator new[](size_t n) {
  return counted_alloc_or_abort(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return counted_alloc(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return counted_alloc(n);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

namespace eio = sio::proto::eio;

TEST(steady_state, decode_and_encode_do_not_allocate) {
  std::string raw(65536, '\0');
  for (size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<char>(i * 131 + 7);
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(raw.data()), raw.size());

  std::string body;
  std::string scratch;
  auto round = [&] {
    body.clear();
    eio::payload_writer w(body);
    for (int i = 0; i < 10; ++i) w.text(eio::packet_type::message, "2[\"chat\",\"hello\"]");
    w.binary(bytes);
    w.raw_record("6");
    size_t n = 0, bin = 0;
    const eio::errc e = eio::decode_payload(body, scratch, [&](const eio::packet& p) {
      ++n;
      if (p.binary) bin += p.data.size();
    });
    EXPECT_EQ(e, eio::errc::ok);
    EXPECT_EQ(n, 12u);
    EXPECT_EQ(bin, raw.size());
    auto t = eio::decode_text("42[\"chat\",\"hello\"]");
    EXPECT_TRUE(t);
  };
  round();  // warm-up: buffers reach their high-water mark
  const size_t before = g_allocations.load();
  for (int i = 0; i < 100; ++i) round();
  EXPECT_EQ(g_allocations.load(), before);
}
