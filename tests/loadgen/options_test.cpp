#include "options.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sio::bench {
namespace {

parse_outcome parse(std::vector<const char*> args, bench_options& o) {
  args.insert(args.begin(), "sioring-bench");
  return parse_options(static_cast<int>(args.size()), args.data(), o);
}

TEST(parse_url, defaults_and_paths) {
  auto u = parse_url("http://127.0.0.1:3000");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->ipv4, 0x7f000001u);
  EXPECT_EQ(u->port, 3000);
  EXPECT_EQ(u->path, "/socket.io/");
  EXPECT_TRUE(u->loopback());

  u = parse_url("http://localhost/");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->path, "/socket.io/");

  u = parse_url("ws://127.0.0.5:8080/custom/path");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->path, "/custom/path/");
  EXPECT_EQ(u->host, "127.0.0.5");

  u = parse_url("http://10.1.2.3:3000/socket.io/");
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->loopback());
  EXPECT_EQ(u->path, "/socket.io/");
}

TEST(parse_url, rejects_malformed) {
  for (const char* bad : {"", "127.0.0.1:3000", "https://127.0.0.1", "http://", "http://:80",
                          "http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:x",
                          "http://example.com:3000", "http://127.0.0.1/a?b", "http://1.2.3/"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
}

TEST(parse_ipv4, dotted_quads) {
  EXPECT_EQ(parse_ipv4("127.0.0.1"), 0x7f000001u);
  EXPECT_EQ(parse_ipv4("255.255.255.255"), 0xffffffffu);
  EXPECT_EQ(parse_ipv4("0.0.0.0"), 0u);
  for (const char* bad : {"256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "1.2.3.4 ", "",
                          "1234.1.1.1", "-1.2.3.4"}) {
    EXPECT_FALSE(parse_ipv4(bad)) << bad;
  }
  EXPECT_EQ(format_ipv4(0x7f000102), "127.0.1.2");
}

TEST(parse_ipv4_ranges, ranges_and_lists) {
  auto r = parse_ipv4_ranges("127.0.0.2-127.0.0.9");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 8u);
  EXPECT_EQ(r->front(), 0x7f000002u);
  EXPECT_EQ(r->back(), 0x7f000009u);

  r = parse_ipv4_ranges("127.0.0.1,127.0.1.254-127.0.2.1");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r,
            (std::vector<uint32_t>{0x7f000001, 0x7f0001fe, 0x7f0001ff, 0x7f000200, 0x7f000201}));

  EXPECT_FALSE(parse_ipv4_ranges(""));
  EXPECT_FALSE(parse_ipv4_ranges("127.0.0.9-127.0.0.2"));
  EXPECT_FALSE(parse_ipv4_ranges("127.0.0.1-"));
  EXPECT_FALSE(parse_ipv4_ranges("127.0.0.1,,127.0.0.2"));
  EXPECT_FALSE(parse_ipv4_ranges("127.0.0.0-127.255.255.255"));  // over the default cap
  EXPECT_TRUE(parse_ipv4_ranges("127.0.0.1-127.0.0.10", 10));
  EXPECT_FALSE(parse_ipv4_ranges("127.0.0.1-127.0.0.11", 10));
}

TEST(parse_duration, units) {
  EXPECT_EQ(parse_duration("10"), 10.0);
  EXPECT_EQ(parse_duration("2.5s"), 2.5);
  EXPECT_EQ(parse_duration("500ms"), 0.5);
  EXPECT_EQ(parse_duration("3m"), 180.0);
  EXPECT_EQ(parse_duration("0"), 0.0);
  for (const char* bad : {"", "s", "ms", "-1", "1h", "abc", "1.5x", "inf"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(parse_options, mode_defaults) {
  bench_options o;
  auto r = parse({"echo"}, o);
  ASSERT_EQ(r.exit_code, -1) << r.message;
  EXPECT_EQ(o.mode, bench_mode::echo);
  EXPECT_EQ(o.connections, 100u);
  EXPECT_EQ(o.transport, transport_kind::websocket);
  EXPECT_EQ(o.target.port, 3000);
  EXPECT_EQ(o.source_ips.size(), 8u);  // default spread for a loopback target
  EXPECT_EQ(o.fds_per_session(), 1u);

  bench_options c;
  ASSERT_EQ(parse({"connect"}, c).exit_code, -1);
  EXPECT_EQ(c.connections, 1000u);
}

TEST(parse_options, every_option) {
  bench_options o;
  auto r = parse({"fanout",
                  "--url",
                  "http://127.0.0.1:4000/sio",
                  "--transport=polling",
                  "--io",
                  "epoll",
                  "-c",
                  "20",
                  "--rate",
                  "500",
                  "--duration",
                  "1500ms",
                  "--hold",
                  "2",
                  "--payload",
                  "64",
                  "--depth",
                  "4",
                  "--publishers",
                  "3",
                  "--threads",
                  "2",
                  "--json",
                  "--source-ips",
                  "127.0.0.2-127.0.0.3",
                  "--server-pid",
                  "1234",
                  "--quiet",
                  "--inflight",
                  "64",
                  "--setup-timeout",
                  "5s"},
                 o);
  ASSERT_EQ(r.exit_code, -1) << r.message;
  EXPECT_EQ(o.mode, bench_mode::fanout);
  EXPECT_EQ(o.target.port, 4000);
  EXPECT_EQ(o.target.path, "/sio/");
  EXPECT_EQ(o.transport, transport_kind::polling);
  EXPECT_EQ(o.io, "epoll");
  EXPECT_EQ(o.connections, 20u);
  EXPECT_EQ(o.rate, 500u);
  EXPECT_DOUBLE_EQ(o.duration_s, 1.5);
  EXPECT_DOUBLE_EQ(o.hold_s, 2);
  EXPECT_DOUBLE_EQ(o.setup_timeout_s, 5);
  EXPECT_EQ(o.payload, 64u);
  EXPECT_EQ(o.depth, 4u);
  EXPECT_EQ(o.publishers, 3u);
  EXPECT_EQ(o.threads, 2u);
  EXPECT_TRUE(o.json);
  EXPECT_TRUE(o.quiet);
  EXPECT_EQ(o.inflight, 64u);
  EXPECT_EQ(o.server_pid, 1234);
  EXPECT_EQ(o.source_ips, (std::vector<uint32_t>{0x7f000002, 0x7f000003}));
  EXPECT_EQ(o.total_sessions(), 23u);
  EXPECT_EQ(o.fds_per_session(), 2u);
}

TEST(parse_options, refuses_remote_targets_unless_allowed) {
  bench_options o;
  auto r = parse({"echo", "--url", "http://192.0.2.1:3000"}, o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("non-loopback"), std::string::npos);

  bench_options ok;
  r = parse({"echo", "--url", "http://192.0.2.1:3000", "--allow-remote"}, ok);
  EXPECT_EQ(r.exit_code, -1) << r.message;
  EXPECT_TRUE(ok.source_ips.empty());  // the kernel picks the source address

  bench_options mixed;
  r = parse({"echo", "--source-ips", "10.0.0.1"}, mixed);
  EXPECT_EQ(r.exit_code, 2);
}

TEST(parse_options, errors_and_help) {
  for (std::vector<const char*> bad : std::vector<std::vector<const char*>>{
           {},
           {"storm"},
           {"echo", "--transport", "carrier-pigeon"},
           {"echo", "--io", "kqueue"},
           {"echo", "--duration", "forever"},
           {"echo", "--duration", "0"},
           {"echo", "-c", "0"},
           {"echo", "--depth", "0"},
           {"echo", "--url", "ftp://127.0.0.1"},
           {"echo", "--source-ips", "127.0.0.9-127.0.0.1"},
           {"echo", "--no-such-flag"},
       }) {
    bench_options o;
    auto r = parse(bad, o);
    EXPECT_EQ(r.exit_code, 2) << (bad.empty() ? "(none)" : bad[0]);
    EXPECT_FALSE(r.message.empty());
  }
  bench_options o;
  auto r = parse({"--help"}, o);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.message.find("--connections"), std::string::npos);
}

}  // namespace
}  // namespace sio::bench
