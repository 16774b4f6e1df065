#include <sio/runtime/rooms/slot_set.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <vector>

namespace sio::runtime {
namespace {

std::vector<uint32_t> members(const slot_set& s) {
  std::vector<uint32_t> out;
  s.for_each([&](uint32_t slot) { out.push_back(slot); });
  return out;
}

slot_set make(std::initializer_list<uint32_t> slots) {
  slot_set s;
  for (uint32_t slot : slots) s.insert(slot);
  return s;
}

// Checks the representation invariants: sorted words, no zero chunk, count.
void expect_well_formed(const slot_set& s) {
  size_t count = 0;
  const auto chunks = s.chunks();
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_NE(chunks[i].bits, 0u) << "zero chunk at " << i;
    if (i > 0) {
      EXPECT_LT(chunks[i - 1].word, chunks[i].word);
    }
    count += static_cast<size_t>(std::popcount(chunks[i].bits));
  }
  EXPECT_EQ(count, s.size());
  EXPECT_EQ(s.empty(), s.size() == 0);
}

TEST(slot_set, insert_erase_contains) {
  slot_set s;
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.contains(0));
  EXPECT_TRUE(s.insert(3));
  EXPECT_FALSE(s.insert(3));
  EXPECT_TRUE(s.insert(0));
  EXPECT_TRUE(s.insert(63));
  EXPECT_TRUE(s.insert(64));
  EXPECT_TRUE(s.contains(3));
  EXPECT_TRUE(s.contains(64));
  EXPECT_FALSE(s.contains(4));
  EXPECT_FALSE(s.contains(65));
  EXPECT_EQ(s.size(), 4u);
  EXPECT_EQ(s.chunk_count(), 2u);
  EXPECT_TRUE(s.erase(64));
  EXPECT_FALSE(s.erase(64));
  EXPECT_FALSE(s.erase(1000));
  EXPECT_EQ(s.chunk_count(), 1u) << "an emptied chunk is dropped";
  EXPECT_EQ(members(s), (std::vector<uint32_t>{0, 3, 63}));
  expect_well_formed(s);
  s.clear();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.chunk_count(), 0u);
}

TEST(slot_set, extreme_slots) {
  slot_set s;
  EXPECT_TRUE(s.insert(UINT32_MAX));
  EXPECT_TRUE(s.insert(0));
  EXPECT_TRUE(s.contains(UINT32_MAX));
  EXPECT_EQ(members(s), (std::vector<uint32_t>{0, UINT32_MAX}));
  EXPECT_TRUE(s.erase(UINT32_MAX));
  expect_well_formed(s);
}

TEST(slot_set, insert_out_of_order_keeps_chunks_sorted) {
  slot_set s;
  for (uint32_t slot : {900u, 5u, 300u, 70u, 640u, 1u, 899u}) s.insert(slot);
  EXPECT_EQ(members(s), (std::vector<uint32_t>{1, 5, 70, 300, 640, 899, 900}));
  expect_well_formed(s);
}

TEST(slot_set, sparse_set_is_two_chunks) {
  slot_set s;
  s.insert(5);
  s.insert(1'000'000);
  EXPECT_EQ(s.chunk_count(), 2u);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(members(s), (std::vector<uint32_t>{5, 1'000'000}));
}

TEST(slot_set, dense_set_is_one_chunk_per_64_slots) {
  slot_set s;
  for (uint32_t slot = 0; slot < 100'000; ++slot) ASSERT_TRUE(s.insert(slot));
  EXPECT_EQ(s.size(), 100'000u);
  EXPECT_EQ(s.chunk_count(), (100'000u + 63) / 64);
  uint32_t expected = 0;
  bool in_order = true;
  s.for_each([&](uint32_t slot) { in_order &= slot == expected++; });
  EXPECT_TRUE(in_order);
  EXPECT_EQ(expected, 100'000u);
  for (uint32_t slot = 0; slot < 100'000; slot += 2) ASSERT_TRUE(s.erase(slot));
  EXPECT_EQ(s.size(), 50'000u);
  EXPECT_TRUE(s.contains(99'999));
  EXPECT_FALSE(s.contains(99'998));
  expect_well_formed(s);
}

TEST(slot_set, unite_has_no_duplicates) {
  slot_set a = make({1, 2, 3, 200});
  const slot_set b = make({2, 3, 4, 100, 5000});
  a.unite(b);
  EXPECT_EQ(members(a), (std::vector<uint32_t>{1, 2, 3, 4, 100, 200, 5000}));
  EXPECT_EQ(a.size(), 7u);
  expect_well_formed(a);
  a.unite(b);  // idempotent
  EXPECT_EQ(a.size(), 7u);
  a.unite(a);  // self
  EXPECT_EQ(a.size(), 7u);
  slot_set empty;
  empty.unite(b);
  EXPECT_EQ(empty, b);
}

TEST(slot_set, assign_union) {
  const slot_set a = make({1, 2, 3, 200, 9000});
  const slot_set b = make({2, 3, 4, 100, 5000, 70'000});
  slot_set out = make({77});
  out.assign_union(a, b);
  EXPECT_EQ(members(out), (std::vector<uint32_t>{1, 2, 3, 4, 100, 200, 5000, 9000, 70'000}));
  EXPECT_EQ(out.size(), 9u);
  expect_well_formed(out);
  out.assign_union(b, slot_set{});
  EXPECT_EQ(out, b);
  slot_set self = make({1, 500});
  self.assign_union(self, a);
  EXPECT_EQ(members(self), (std::vector<uint32_t>{1, 2, 3, 200, 500, 9000}));
  self.assign_union(b, self);
  EXPECT_EQ(self.size(), 10u);
}

TEST(slot_set, unite_small_into_large_gallops) {
  slot_set big;
  for (uint32_t slot = 0; slot < 64 * 100; slot += 3) big.insert(slot);
  const size_t before = big.size();
  big.unite(make({1, 6400, 64 * 50 + 2}));
  EXPECT_EQ(big.size(), before + 3);
  EXPECT_TRUE(big.contains(6400));
  EXPECT_TRUE(big.contains(64 * 50 + 2));
  expect_well_formed(big);
}

TEST(slot_set, subtract_and_intersect) {
  slot_set a = make({1, 2, 3, 64, 65, 1000});
  a.subtract(make({2, 64, 65, 999, 7000}));
  EXPECT_EQ(members(a), (std::vector<uint32_t>{1, 3, 1000}));
  EXPECT_EQ(a.chunk_count(), 2u) << "the chunk of 64 and 65 is gone";
  expect_well_formed(a);

  slot_set b = make({1, 3, 5, 1000, 1001});
  b.intersect(make({3, 1000, 2000}));
  EXPECT_EQ(members(b), (std::vector<uint32_t>{3, 1000}));
  expect_well_formed(b);
  b.intersect(slot_set{});
  EXPECT_TRUE(b.empty());

  slot_set c = make({4, 5});
  c.subtract(c);
  EXPECT_TRUE(c.empty());
}

TEST(slot_set, assign_reuses_and_copies) {
  slot_set a = make({1, 100, 10'000});
  slot_set b = make({7});
  b.assign(a);
  EXPECT_EQ(a, b);
  b.assign(b);
  EXPECT_EQ(a, b);
  b.insert(8);
  EXPECT_FALSE(a.contains(8)) << "a copy, not a view";
}

// Random operations on a few sets, checked against std::set after each one.
TEST(slot_set, randomized_against_std_set) {
  std::mt19937 rng(12345);
  constexpr int sets = 4;
  slot_set ours[sets];
  std::set<uint32_t> model[sets];
  // Mostly a dense range with a few far slots, so merges see shared,
  // missing and emptied chunks alike.
  auto random_slot = [&] {
    return rng() % 10 == 0 ? static_cast<uint32_t>(rng() % 2'000'000)
                           : static_cast<uint32_t>(rng() % 700);
  };
  for (int op = 0; op < 10'000; ++op) {
    const int a = static_cast<int>(rng() % sets);
    const int b = static_cast<int>(rng() % sets);
    const uint32_t kind = rng() % 100;
    if (kind < 45) {
      const uint32_t slot = random_slot();
      ASSERT_EQ(ours[a].insert(slot), model[a].insert(slot).second);
    } else if (kind < 80) {
      const uint32_t slot = random_slot();
      ASSERT_EQ(ours[a].erase(slot), model[a].erase(slot) == 1);
    } else if (kind < 84) {
      ours[a].unite(ours[b]);
      model[a].insert(model[b].begin(), model[b].end());
    } else if (kind < 86) {
      const int c = static_cast<int>(rng() % sets);
      std::set<uint32_t> both = model[b];
      both.insert(model[c].begin(), model[c].end());
      ours[a].assign_union(ours[b], ours[c]);
      model[a] = std::move(both);
    } else if (kind < 92) {
      ours[a].subtract(ours[b]);
      if (a != b) {
        for (uint32_t slot : model[b]) model[a].erase(slot);
      } else {
        model[a].clear();
      }
    } else if (kind < 95) {
      ours[a].intersect(ours[b]);
      std::set<uint32_t> kept;
      for (uint32_t slot : model[a]) {
        if (model[b].count(slot) != 0) kept.insert(slot);
      }
      model[a] = std::move(kept);
    } else if (kind < 98) {
      const uint32_t slot = random_slot();
      ASSERT_EQ(ours[a].contains(slot), model[a].count(slot) == 1);
    } else {
      ours[a].clear();
      model[a].clear();
    }
    ASSERT_EQ(ours[a].size(), model[a].size()) << "op " << op;
    if (op % 97 == 0 || kind >= 80) {
      ASSERT_EQ(members(ours[a]), std::vector<uint32_t>(model[a].begin(), model[a].end()))
          << "op " << op;
      expect_well_formed(ours[a]);
    }
  }
}

// Merges of very unequal sizes take the binary-search path; check it both ways.
TEST(slot_set, randomized_unequal_merges) {
  std::mt19937 rng(99);
  for (int round = 0; round < 300; ++round) {
    slot_set big, small;
    std::set<uint32_t> big_model, small_model;
    for (int i = 0; i < 2000; ++i) {
      const uint32_t slot = rng() % 40'000;
      big.insert(slot);
      big_model.insert(slot);
    }
    for (uint32_t i = rng() % 6; i > 0; --i) {
      const uint32_t slot = rng() % 41'000;
      small.insert(slot);
      small_model.insert(slot);
    }
    std::set<uint32_t> expected;
    slot_set got;
    switch (round % 4) {
      case 0:  // big | small
        got.assign(big);
        got.unite(small);
        expected = big_model;
        expected.insert(small_model.begin(), small_model.end());
        break;
      case 1:  // big & ~small
        got.assign(big);
        got.subtract(small);
        expected = big_model;
        for (uint32_t s : small_model) expected.erase(s);
        break;
      case 2:  // small & big
        got.assign(small);
        got.intersect(big);
        for (uint32_t s : small_model) {
          if (big_model.count(s) != 0) expected.insert(s);
        }
        break;
      default:  // big & small
        got.assign(big);
        got.intersect(small);
        for (uint32_t s : small_model) {
          if (big_model.count(s) != 0) expected.insert(s);
        }
        break;
    }
    ASSERT_EQ(members(got), std::vector<uint32_t>(expected.begin(), expected.end()))
        << "round " << round;
    expect_well_formed(got);
  }
}

}  // namespace
}  // namespace sio::runtime
