// ws::unmask against a byte-at-a-time reference (RFC 6455 §5.3).

#include <sio/proto/ws/unmask.hpp>

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace sio::proto::ws {
namespace {

void reference(uint8_t* data, size_t len, const uint8_t key[4], size_t phase) {
  for (size_t i = 0; i < len; ++i) data[i] ^= key[(phase + i) % 4];
}

TEST(Unmask, MatchesReferenceForAllLengthsPhasesAndAlignments) {
  std::mt19937 rng(7);
  const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
  for (size_t len = 0; len <= 300; ++len) {
    for (size_t phase = 0; phase < 8; ++phase) {
      for (size_t offset : {0, 1, 3}) {
        // Guard bytes around the range must stay untouched.
        std::vector<uint8_t> buf(len + offset + 16);
        for (auto& b : buf) b = static_cast<uint8_t>(rng());
        std::vector<uint8_t> want = buf;
        reference(want.data() + offset, len, key, phase);
        unmask(buf.data() + offset, len, key, phase);
        ASSERT_EQ(buf, want) << "len " << len << " phase " << phase << " offset " << offset;
      }
    }
  }
}

TEST(Unmask, PiecewiseEqualsWhole) {
  std::vector<uint8_t> data(1000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
  const uint8_t key[4] = {1, 2, 4, 8};
  std::vector<uint8_t> whole = data;
  unmask(whole.data(), whole.size(), key);
  std::vector<uint8_t> pieces = data;
  size_t done = 0;
  for (size_t step : {1, 2, 7, 33, 100, 257, 600}) {
    const size_t n = std::min(step, pieces.size() - done);
    unmask(pieces.data() + done, n, key, done);
    done += n;
  }
  ASSERT_EQ(done, data.size());
  EXPECT_EQ(pieces, whole);
}

TEST(Unmask, IsAnInvolution) {
  std::vector<uint8_t> data(4096, 0x5A);
  const uint8_t key[4] = {9, 8, 7, 6};
  unmask(data.data(), data.size(), key, 3);
  unmask(data.data(), data.size(), key, 3);
  EXPECT_EQ(data, std::vector<uint8_t>(4096, 0x5A));
}

}  // namespace
}  // namespace sio::proto::ws
