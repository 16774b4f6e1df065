#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sio::bench {

histogram::histogram() : _counts(bucket_count, 0) {}

size_t histogram::bucket_index(uint64_t v) {
  // The first two sub-bucket ranges are exact (index == value); from there each
  // doubling of the value adds one block of sub_bucket_count buckets.
  if (v < 2 * sub_bucket_count) return static_cast<size_t>(v);
  const unsigned shift = static_cast<unsigned>(std::bit_width(v)) - 1 - sub_bucket_bits;
  const uint64_t sub = v >> shift;  // in [sub_bucket_count, 2 * sub_bucket_count)
  return static_cast<size_t>((shift + 1) * sub_bucket_count + (sub - sub_bucket_count));
}

uint64_t histogram::bucket_lower(size_t i) {
  if (i < 2 * sub_bucket_count) return i;
  const uint64_t shift = i / sub_bucket_count - 1;
  const uint64_t sub = sub_bucket_count + i % sub_bucket_count;
  return sub << shift;
}

uint64_t histogram::bucket_upper(size_t i) {
  if (i < 2 * sub_bucket_count) return i;
  const uint64_t shift = i / sub_bucket_count - 1;
  const uint64_t sub = sub_bucket_count + i % sub_bucket_count;
  // The last bucket ends at UINT64_MAX; compute without overflowing.
  return (sub << shift) + ((uint64_t{1} << shift) - 1);
}

void histogram::record(uint64_t v, uint64_t n) {
  if (n == 0) return;
  _counts[bucket_index(v)] += n;
  _count += n;
  _min = std::min(_min, v);
  _max = std::max(_max, v);
  _sum += static_cast<long double>(v) * static_cast<long double>(n);
}

void histogram::merge(const histogram& other) {
  if (other._count == 0) return;
  for (size_t i = 0; i < bucket_count; ++i) _counts[i] += other._counts[i];
  _count += other._count;
  _min = std::min(_min, other._min);
  _max = std::max(_max, other._max);
  _sum += other._sum;
}

void histogram::reset() {
  std::fill(_counts.begin(), _counts.end(), 0);
  _count = 0;
  _min = UINT64_MAX;
  _max = 0;
  _sum = 0;
}

double histogram::mean() const {
  return _count ? static_cast<double>(_sum / static_cast<long double>(_count)) : 0.0;
}

uint64_t histogram::percentile(double q) const {
  if (_count == 0) return 0;
  if (!(q > 0)) return min();
  if (q >= 100) return _max;
  // Rank of the sample that q percent of the samples do not exceed (nearest rank).
  // The tiny relative slack keeps 99.9 % of 1000 at rank 999, not 1000, despite
  // 99.9 / 100 not being exact in binary.
  const double exact = q / 100.0 * static_cast<double>(_count);
  auto rank = static_cast<uint64_t>(std::ceil(exact - exact * 1e-12));
  rank = std::clamp<uint64_t>(rank, 1, _count);
  uint64_t seen = 0;
  for (size_t i = 0; i < bucket_count; ++i) {
    seen += _counts[i];
    if (seen >= rank) return std::clamp(bucket_upper(i), min(), _max);
  }
  return _max;
}

}  // namespace sio::bench
