// Steady state allocates nothing: counts global operator new while one parser reads
// many requests (whole, split, chunked) after a warm-up.

#include <sio/proto/http/request_parser.hpp>
#include <sio/proto/http/response_parser.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, size_t) noexcept {
  std::free(p);
}
void* operator new[](size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p, size_t) noexcept {
  std::free(p);
}

namespace http = sio::proto::http;

namespace {

const std::string kRequests =
    "GET /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n"
    "POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: h\r\n"
    "Content-Length: 5\r\n\r\n4ping"
    "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n";

void read_all(http::request_parser& p, size_t cut) {
  std::string_view in = kRequests;
  std::string_view pieces[2] = {in.substr(0, cut), in.substr(cut)};
  for (std::string_view d : pieces) {
    for (;;) {
      const auto r = p.feed(d);
      if (r.status != http::errc::ok) {
        ASSERT_EQ(r.status, http::errc::need_more);
        break;
      }
      p.next();
      d.remove_prefix(r.consumed);
      if (d.empty()) break;
    }
  }
}

TEST(Allocation, RequestParserSteadyStateAllocatesNothing) {
  http::request_parser p;
  for (size_t cut = 0; cut <= kRequests.size(); ++cut) read_all(p, cut);  // warm-up
  const long before = g_allocations.load();
  for (int round = 0; round < 3; ++round) {
    for (size_t cut = 0; cut <= kRequests.size(); ++cut) read_all(p, cut);
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
}

TEST(Allocation, WholeRequestsNeverAllocateBeyondHeaderArray) {
  http::request_parser p;
  read_all(p, kRequests.size());  // sizes the header array once
  const long before = g_allocations.load();
  for (int i = 0; i < 100; ++i) read_all(p, kRequests.size());
  EXPECT_EQ(g_allocations.load() - before, 0);
}

}  // namespace
