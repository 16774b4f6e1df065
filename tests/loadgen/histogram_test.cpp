#include "histogram.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace sio::bench {
namespace {

TEST(histogram, empty_reports_zero) {
  histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.percentile(50), 0u);
  EXPECT_EQ(h.mean(), 0.0);
}

TEST(histogram, small_values_are_exact) {
  histogram h;
  for (uint64_t v = 0; v < 2 * histogram::sub_bucket_count; ++v) {
    EXPECT_EQ(histogram::bucket_index(v), v);
    EXPECT_EQ(histogram::bucket_lower(v), v);
    EXPECT_EQ(histogram::bucket_upper(v), v);
  }
  for (uint64_t v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.percentile(50), 50u);
  EXPECT_EQ(h.percentile(99), 99u);
  EXPECT_EQ(h.percentile(100), 100u);
  EXPECT_EQ(h.percentile(0), 1u);
  EXPECT_DOUBLE_EQ(h.mean(), 50.5);
}

TEST(histogram, buckets_tile_the_whole_range) {
  // Consecutive buckets touch, never overlap, and the last one ends at UINT64_MAX.
  for (size_t i = 1; i < histogram::bucket_count; ++i) {
    ASSERT_EQ(histogram::bucket_lower(i), histogram::bucket_upper(i - 1) + 1) << i;
    ASSERT_EQ(histogram::bucket_index(histogram::bucket_lower(i)), i);
    ASSERT_EQ(histogram::bucket_index(histogram::bucket_upper(i)), i);
  }
  EXPECT_EQ(histogram::bucket_upper(histogram::bucket_count - 1), UINT64_MAX);
  EXPECT_EQ(histogram::bucket_index(UINT64_MAX), histogram::bucket_count - 1);
}

TEST(histogram, relative_error_is_bounded) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    const uint64_t v = rng() >> (rng() % 64);
    const size_t b = histogram::bucket_index(v);
    ASSERT_LE(histogram::bucket_lower(b), v);
    ASSERT_GE(histogram::bucket_upper(b), v);
    const double width =
        static_cast<double>(histogram::bucket_upper(b) - histogram::bucket_lower(b));
    ASSERT_LE(width, static_cast<double>(v) / static_cast<double>(histogram::sub_bucket_count));
  }
}

TEST(histogram, percentiles_of_a_uniform_distribution) {
  histogram h;
  for (uint64_t v = 1; v <= 1'000'000; ++v) h.record(v * 1000);  // 1 us .. 1 s in ns
  auto near = [](uint64_t got, double want) {
    return std::fabs(static_cast<double>(got) - want) / want < 1.0 / 128;
  };
  EXPECT_TRUE(near(h.percentile(50), 500'000'000.0)) << h.percentile(50);
  EXPECT_TRUE(near(h.percentile(90), 900'000'000.0)) << h.percentile(90);
  EXPECT_TRUE(near(h.percentile(99), 990'000'000.0)) << h.percentile(99);
  EXPECT_TRUE(near(h.percentile(99.9), 999'000'000.0)) << h.percentile(99.9);
  EXPECT_EQ(h.max(), 1'000'000'000u);
  EXPECT_EQ(h.min(), 1000u);
  EXPECT_EQ(h.count(), 1'000'000u);
}

TEST(histogram, percentile_is_clamped_to_observed_range) {
  histogram h;
  h.record(1'000'003);
  EXPECT_EQ(h.percentile(50), 1'000'003u);
  EXPECT_EQ(h.percentile(99.9), 1'000'003u);
}

TEST(histogram, counts_and_outliers) {
  histogram h;
  h.record(10, 999);
  h.record(5'000'000);
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.percentile(99.9), 10u);
  EXPECT_EQ(h.percentile(99.95), 5'000'000u);
  EXPECT_EQ(h.max(), 5'000'000u);
  h.record(7, 0);  // no-op
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.min(), 10u);
}

TEST(histogram, merge_equals_recording_everything_once) {
  histogram a, b, all;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    const uint64_t v = rng() % 10'000'000;
    (i % 3 ? a : b).record(v);
    all.record(v);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  EXPECT_DOUBLE_EQ(a.mean(), all.mean());
  for (double q : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0})
    EXPECT_EQ(a.percentile(q), all.percentile(q));
  histogram empty;
  a.merge(empty);
  EXPECT_EQ(a.count(), all.count());
}

TEST(histogram, reset_forgets_samples) {
  histogram h;
  h.record(123456);
  h.reset();
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.max(), 0u);
  h.record(5);
  EXPECT_EQ(h.min(), 5u);
  EXPECT_EQ(h.percentile(50), 5u);
}

}  // namespace
}  // namespace sio::bench
