#include "report.hpp"

#include <gtest/gtest.h>

namespace sio::bench {
namespace {

TEST(report, json_line_has_the_headline_fields) {
  run_results r;
  r.mode = bench_mode::fanout;
  r.url = "http://127.0.0.1:3000";
  r.io = "uring";
  r.target_connections = 20;
  r.connected = 21;
  r.throughput = 1234.5;
  r.latency.record(1503);  // a bucket's upper edge: reported exactly
  r.latency.record(2500);
  r.expected = 100;
  r.delivered = 100;
  r.server_rss_before = 1000;
  r.server_rss_after = 22000;
  const std::string j = format_json(r);
  EXPECT_EQ(j.back(), '\n');
  EXPECT_EQ(j.find('\n'), j.size() - 1);  // one line
  EXPECT_NE(j.find("\"mode\":\"fanout\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"throughput\":1234.5,"), std::string::npos) << j;
  EXPECT_NE(j.find("\"unit\":\"messages/s\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"lost\":0,"), std::string::npos) << j;
  EXPECT_NE(j.find("\"p50\":1.503,"), std::string::npos) << j;
  EXPECT_NE(j.find("\"max\":2.5}"), std::string::npos) << j;
  EXPECT_NE(j.find("\"server_cpu_pct\":null"), std::string::npos) << j;
  EXPECT_NE(j.find("\"server_rss_per_conn\":1000"), std::string::npos) << j;
  EXPECT_NE(j.find("\"last_error\":null"), std::string::npos) << j;
  r.last_error = "ETIMEDOUT";
  EXPECT_NE(format_json(r).find("\"last_error\":\"ETIMEDOUT\""), std::string::npos);
  EXPECT_NE(format_summary(r).find("(last: ETIMEDOUT)"), std::string::npos);
}

TEST(report, summary_names_the_bottleneck_figures) {
  run_results r;
  r.mode = bench_mode::echo;
  r.io = "epoll";
  r.throughput = 10;
  r.server_cpu_pct = 99.0;
  r.generator_cpu_pct = 40.0;
  const std::string s = format_summary(r);
  EXPECT_NE(s.find("acks/s"), std::string::npos) << s;
  EXPECT_NE(s.find("server 99.0%"), std::string::npos) << s;
  EXPECT_NE(s.find("generator 40.0%"), std::string::npos) << s;
}

}  // namespace
}  // namespace sio::bench
