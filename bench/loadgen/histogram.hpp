#pragma once
// Latency histogram with bounded memory: log-linear buckets in the style of
// HdrHistogram. Values below 2^(sub_bucket_bits + 1) are exact; above, each
// power-of-two range is split into 2^sub_bucket_bits equal buckets, so any
// recorded value is reported within 1 / 2^sub_bucket_bits (0.78 %) of itself.
// The whole uint64 range is covered by a fixed array (~58 KiB): recording never
// allocates and never saturates.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sio::bench {

class histogram {
 public:
  static constexpr unsigned sub_bucket_bits = 7;
  static constexpr uint64_t sub_bucket_count = uint64_t{1} << sub_bucket_bits;
  /// Buckets needed to cover every uint64 value.
  static constexpr size_t bucket_count = (64 - sub_bucket_bits + 1) * sub_bucket_count;

  /// An empty histogram (allocates its bucket array once, here).
  histogram();

  /// Adds `n` samples of value `v`. O(1), no allocation.
  void record(uint64_t v, uint64_t n = 1);
  /// Adds every sample of `other` (e.g. per-shard histograms into one).
  void merge(const histogram& other);
  /// Forgets every sample; keeps the memory.
  void reset();

  uint64_t count() const { return _count; }
  /// Smallest / largest recorded value, exact; 0 when empty.
  uint64_t min() const { return _count ? _min : 0; }
  uint64_t max() const { return _max; }
  /// Exact arithmetic mean of the recorded values; 0 when empty.
  double mean() const;
  /// The value below or at which `q` percent of the samples fall (q in [0, 100]):
  /// the highest value equivalent to the bucket that holds that rank, clamped to
  /// [min(), max()]. 0 when empty.
  uint64_t percentile(double q) const;

  /// Bucket holding `v`.
  static size_t bucket_index(uint64_t v);
  /// Smallest and largest value that land in bucket `i`.
  static uint64_t bucket_lower(size_t i);
  static uint64_t bucket_upper(size_t i);

 private:
  std::vector<uint64_t> _counts;
  uint64_t _count = 0;
  uint64_t _min = UINT64_MAX;
  uint64_t _max = 0;
  long double _sum = 0;
};

}  // namespace sio::bench
