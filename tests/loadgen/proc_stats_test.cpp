#include "proc_stats.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace sio::bench {
namespace {

TEST(proc_stats, parses_stat_with_odd_comm) {
  // Fields after comm: state ppid pgrp session tty tpgid flags minflt cminflt
  // majflt cmajflt utime stime ...
  const char* stat = "4242 (my (odd) proc) S 1 2 3 4 5 6 7 8 9 10 111 222 0 0 20 0 1 0";
  EXPECT_EQ(parse_stat_cpu_ticks(stat), 333u);
  EXPECT_FALSE(parse_stat_cpu_ticks("4242 (x) S 1 2"));
  EXPECT_FALSE(parse_stat_cpu_ticks("garbage"));
}

TEST(proc_stats, parses_status_rss) {
  const char* status = "Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t   51234 kB\nThreads:\t7\n";
  EXPECT_EQ(parse_status_rss_kib(status), 51234u);
  EXPECT_FALSE(parse_status_rss_kib("Name:\tkthread\n"));
}

TEST(proc_stats, reads_this_process) {
  auto cpu = process_cpu_seconds(getpid());
  ASSERT_TRUE(cpu);
  EXPECT_GE(*cpu, 0.0);
  auto rss = process_rss_bytes(getpid());
  ASSERT_TRUE(rss);
  EXPECT_GT(*rss, 0u);
  EXPECT_FALSE(process_rss_bytes(-5));

  cpu_meter m;
  m.start();
  volatile uint64_t x = 0;
  const double until = mono_s() + 0.05;
  while (mono_s() < until) x = x + 1;  // burn ~50 ms of CPU
  m.stop();
  ASSERT_TRUE(m.percent());
  EXPECT_GT(*m.percent(), 20.0);
  EXPECT_LT(*m.percent(), 400.0);
}

}  // namespace
}  // namespace sio::bench
