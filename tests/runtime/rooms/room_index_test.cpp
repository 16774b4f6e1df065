#include <sio/runtime/rooms/room_index.hpp>

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
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

std::vector<uint32_t> select(const room_index& index, std::vector<std::string_view> rooms,
                             std::vector<std::string_view> except, const slot_set& live) {
  slot_set out;
  index.select(rooms, except, live, out);
  return members(out);
}

room_id constant_hash(std::string_view) {
  return 42;
}
room_id first_byte_hash(std::string_view name) {
  return name.empty() ? 0 : uint8_t(name[0]);
}

TEST(hash_room, is_xxh3_and_stable) {
  EXPECT_EQ(hash_room("chat"), hash_room(std::string("chat")));
  EXPECT_NE(hash_room("chat"), hash_room("chat2"));
  // XXH3_64bits of the empty input, seed 0: a fixed value across builds and shards.
  EXPECT_EQ(hash_room(""), 0x2D06800538D394C2ull);
}

TEST(room_index, join_leave_contains) {
  room_index index;
  EXPECT_TRUE(index.join("a", 1));
  EXPECT_FALSE(index.join("a", 1));
  EXPECT_TRUE(index.join("a", 2));
  EXPECT_TRUE(index.join("b", 1));
  EXPECT_TRUE(index.contains("a", 1));
  EXPECT_TRUE(index.contains("a", 2));
  EXPECT_TRUE(index.contains("b", 1));
  EXPECT_FALSE(index.contains("b", 2));
  EXPECT_FALSE(index.contains("c", 1));
  EXPECT_EQ(index.member_count("a"), 2u);
  EXPECT_EQ(index.member_count("c"), 0u);
  EXPECT_EQ(index.room_count(), 2u);
  EXPECT_TRUE(index.leave("a", 1));
  EXPECT_FALSE(index.leave("a", 1));
  EXPECT_FALSE(index.leave("c", 1));
  EXPECT_FALSE(index.contains("a", 1));
  EXPECT_EQ(index.member_count("a"), 1u);
}

TEST(room_index, room_removed_when_empty) {
  room_index index;
  index.join("a", 1);
  index.join("a", 2);
  index.join("b", 3);
  EXPECT_TRUE(index.leave("a", 1));
  EXPECT_NE(index.find("a"), nullptr);
  EXPECT_TRUE(index.leave("a", 2));
  EXPECT_EQ(index.find("a"), nullptr);
  EXPECT_EQ(index.room_count(), 1u);
  EXPECT_EQ(index.member_count("b"), 1u);
  std::vector<std::string> names;
  index.for_each_room([&](std::string_view name, const slot_set&) { names.emplace_back(name); });
  EXPECT_EQ(names, (std::vector<std::string>{"b"}));
  // Re-created from a spare room: starts empty.
  EXPECT_TRUE(index.join("a", 9));
  EXPECT_EQ(members(*index.find("a")), (std::vector<uint32_t>{9}));
}

TEST(room_index, leave_all_from_the_sockets_list) {
  room_index index;
  const std::vector<std::string> joined = {"a", "b", "c"};
  for (const auto& r : joined) index.join(r, 7);
  index.join("b", 8);
  index.join("d", 7);  // not on the list: kept
  EXPECT_EQ(index.leave_all(joined, 7), 3u);
  EXPECT_EQ(index.find("a"), nullptr);
  EXPECT_EQ(members(*index.find("b")), (std::vector<uint32_t>{8}));
  EXPECT_TRUE(index.contains("d", 7));
  EXPECT_EQ(index.room_count(), 2u);
}

TEST(room_index, union_has_no_duplicates) {
  room_index index;
  for (uint32_t s : {1, 2, 3}) index.join("a", s);
  for (uint32_t s : {2, 3, 4}) index.join("b", s);
  slot_set live = make({1, 2, 3, 4, 5});
  EXPECT_EQ(select(index, {"a", "b"}, {}, live), (std::vector<uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(select(index, {"a", "a"}, {}, live), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(select(index, {"missing"}, {}, live), (std::vector<uint32_t>{}));
  EXPECT_EQ(select(index, {"missing", "b"}, {}, live), (std::vector<uint32_t>{2, 3, 4}));
  // The rooms themselves are untouched by a select.
  EXPECT_EQ(index.member_count("a"), 3u);
}

TEST(room_index, except_rooms_and_slots) {
  room_index index;
  for (uint32_t s : {1, 2, 3, 4}) index.join("a", s);
  for (uint32_t s : {3, 4, 5}) index.join("b", s);
  index.join("c", 1);
  slot_set live = make({1, 2, 3, 4, 5, 6});
  EXPECT_EQ(select(index, {"a"}, {"b"}, live), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(select(index, {"a", "b"}, {"c", "missing"}, live), (std::vector<uint32_t>{2, 3, 4, 5}));
  EXPECT_EQ(select(index, {"a"}, {"a"}, live), (std::vector<uint32_t>{}));

  // The std::string form with except_slots (a socket's own broadcast).
  const std::vector<std::string> rooms = {"a", "b"};
  const std::vector<std::string> except = {"c"};
  const uint32_t self[] = {3};
  slot_set out = make({99});  // overwritten
  index.select(rooms, except, self, live, out);
  EXPECT_EQ(members(out), (std::vector<uint32_t>{2, 4, 5}));
}

TEST(room_index, no_rooms_selects_all_live_minus_except) {
  room_index index;
  index.join("a", 2);
  index.join("a", 4);
  slot_set live = make({1, 2, 3, 4, 5});
  EXPECT_EQ(select(index, {}, {}, live), (std::vector<uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(select(index, {}, {"a"}, live), (std::vector<uint32_t>{1, 3, 5}));
  const std::vector<std::string_view> none;
  const uint32_t self[] = {1};
  slot_set out;
  index.select(none, none, self, live, out);
  EXPECT_EQ(members(out), (std::vector<uint32_t>{2, 3, 4, 5}));
}

TEST(room_index, slot_reuse) {
  // A socket leaves (all its rooms) and a new socket gets the same slot: it
  // must not inherit the old memberships.
  room_index index;
  slot_set live;
  live.insert(0);
  live.insert(1);
  index.join("x", 0);
  index.join("y", 0);
  index.join("y", 1);
  const std::vector<std::string_view> old_rooms = {"x", "y"};
  EXPECT_EQ(index.leave_all(old_rooms, 0), 2u);
  live.erase(0);
  EXPECT_EQ(index.find("x"), nullptr);
  live.insert(0);  // reused
  index.join("z", 0);
  EXPECT_FALSE(index.contains("y", 0));
  EXPECT_TRUE(index.contains("z", 0));
  EXPECT_EQ(select(index, {"y"}, {}, live), (std::vector<uint32_t>{1}));
  EXPECT_EQ(select(index, {"x", "y", "z"}, {}, live), (std::vector<uint32_t>{0, 1}));
}

TEST(room_index, hundred_thousand_slots) {
  room_index index;
  slot_set live;
  for (uint32_t s = 0; s < 100'000; ++s) {
    live.insert(s);
    index.join("all", s);
    if (s % 2 == 0) index.join("even", s);
    if (s % 3 == 0) index.join("three", s);
  }
  EXPECT_EQ(index.member_count("all"), 100'000u);
  EXPECT_EQ(index.find("all")->chunk_count(), (100'000u + 63) / 64);
  slot_set out;
  const std::string_view even_or_three[] = {"even", "three"};
  index.select(even_or_three, {}, live, out);
  // |2N| + |3N| - |6N| below 100 000.
  EXPECT_EQ(out.size(), 50'000u + 33'334u - 16'667u);
  const std::string_view all[] = {"all"};
  index.select(all, even_or_three, live, out);
  EXPECT_EQ(out.size(), 100'000u - 66'667u);
  bool ok = true;
  out.for_each([&](uint32_t s) { ok &= s % 2 != 0 && s % 3 != 0; });
  EXPECT_TRUE(ok);
  for (uint32_t s = 0; s < 100'000; ++s) index.leave("all", s);
  EXPECT_EQ(index.find("all"), nullptr);
}

TEST(room_index, sparse_room_is_two_chunks) {
  room_index index;
  index.join("r", 5);
  index.join("r", 1'000'000);
  ASSERT_NE(index.find("r"), nullptr);
  EXPECT_EQ(index.find("r")->chunk_count(), 2u);
  EXPECT_EQ(index.member_count("r"), 2u);
  EXPECT_EQ(members(*index.find("r")), (std::vector<uint32_t>{5, 1'000'000}));
}

TEST(room_index, many_rooms_grow_the_table) {
  room_index index;
  for (uint32_t i = 0; i < 5000; ++i) index.join("room-" + std::to_string(i), i);
  EXPECT_EQ(index.room_count(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) {
    ASSERT_TRUE(index.contains("room-" + std::to_string(i), i)) << i;
  }
  for (uint32_t i = 0; i < 5000; i += 2) index.leave("room-" + std::to_string(i), i);
  EXPECT_EQ(index.room_count(), 2500u);
  for (uint32_t i = 0; i < 5000; ++i) {
    ASSERT_EQ(index.find("room-" + std::to_string(i)) != nullptr, i % 2 == 1) << i;
  }
  index.shrink_to_fit();
  EXPECT_TRUE(index.contains("room-1", 1));
  index.clear();
  EXPECT_EQ(index.room_count(), 0u);
  EXPECT_EQ(index.find("room-1"), nullptr);
  EXPECT_TRUE(index.join("room-1", 3));
  EXPECT_EQ(members(*index.find("room-1")), (std::vector<uint32_t>{3}));
}

TEST(room_index, move_leaves_an_empty_usable_index) {
  room_index a;
  a.join("r", 1);
  room_index b(std::move(a));
  EXPECT_TRUE(b.contains("r", 1));
  EXPECT_EQ(a.room_count(), 0u);  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_EQ(a.find("r"), nullptr);
  EXPECT_TRUE(a.join("s", 2));
  b = std::move(a);
  EXPECT_TRUE(b.contains("s", 2));
  EXPECT_EQ(b.find("r"), nullptr);
  EXPECT_TRUE(a.join("t", 3));
  EXPECT_EQ(a.room_count(), 1u);
}

TEST(room_index, forced_hash_collision) {
  // Every name has id 42: one probe chain, told apart by name alone.
  room_index index(&constant_hash);
  EXPECT_TRUE(index.join("alpha", 1));
  EXPECT_TRUE(index.join("beta", 2));
  EXPECT_TRUE(index.join("gamma", 3));
  EXPECT_EQ(index.room_count(), 3u);
  EXPECT_EQ(members(*index.find("alpha")), (std::vector<uint32_t>{1}));
  EXPECT_EQ(members(*index.find("beta")), (std::vector<uint32_t>{2}));
  EXPECT_EQ(members(*index.find("gamma")), (std::vector<uint32_t>{3}));
  EXPECT_EQ(index.find("delta"), nullptr);
  // Removing the head of the chain keeps the others reachable.
  EXPECT_TRUE(index.leave("alpha", 1));
  EXPECT_EQ(index.find("alpha"), nullptr);
  EXPECT_TRUE(index.contains("beta", 2));
  EXPECT_TRUE(index.contains("gamma", 3));
  EXPECT_TRUE(index.join("alpha", 4));
  EXPECT_TRUE(index.leave("beta", 2));
  EXPECT_TRUE(index.contains("alpha", 4));
  EXPECT_TRUE(index.contains("gamma", 3));
  slot_set out;
  const std::string_view rooms[] = {"alpha", "gamma"};
  index.select(rooms, {}, slot_set{}, out);
  EXPECT_EQ(members(out), (std::vector<uint32_t>{3, 4}));
  // Enough colliding names to grow the table several times.
  for (uint32_t i = 0; i < 200; ++i) index.join("n" + std::to_string(i), i);
  for (uint32_t i = 0; i < 200; ++i) ASSERT_TRUE(index.contains("n" + std::to_string(i), i));
}

// Random joins, leaves, leave_alls and selects against a std::map of std::set,
// with a weak hash (first byte) so chains collide, wrap and shift on removal.
void randomized(room_index& index, uint32_t seed) {
  std::mt19937 rng(seed);
  std::map<std::string, std::set<uint32_t>> model;
  std::vector<std::string> names;
  for (int i = 0; i < 60; ++i)
    names.push_back(std::string(1, char('a' + i % 7)) + std::to_string(i));
  slot_set live;
  std::set<uint32_t> live_model;
  auto slot = [&] { return static_cast<uint32_t>(rng() % 300); };
  auto name = [&]() -> const std::string& { return names[rng() % names.size()]; };
  for (int op = 0; op < 10'000; ++op) {
    const uint32_t kind = rng() % 100;
    if (kind < 45) {
      const std::string& r = name();
      const uint32_t s = slot();
      live.insert(s);
      live_model.insert(s);
      ASSERT_EQ(index.join(r, s), model[r].insert(s).second) << op;
    } else if (kind < 80) {
      const std::string& r = name();
      const uint32_t s = slot();
      auto it = model.find(r);
      const bool member = it != model.end() && it->second.erase(s) == 1;
      if (it != model.end() && it->second.empty()) model.erase(it);
      ASSERT_EQ(index.leave(r, s), member) << op;
    } else if (kind < 83) {
      const uint32_t s = slot();
      std::vector<std::string> of_slot;
      for (auto& [r, set] : model) {
        if (set.count(s) != 0) of_slot.push_back(r);
      }
      for (const auto& r : of_slot) {
        model[r].erase(s);
        if (model[r].empty()) model.erase(r);
      }
      ASSERT_EQ(index.leave_all(of_slot, s), of_slot.size()) << op;
      live.erase(s);
      live_model.erase(s);
    } else {
      std::vector<std::string_view> rooms, except;
      for (uint32_t n = rng() % 4; n > 0; --n) rooms.push_back(name());
      for (uint32_t n = rng() % 3; n > 0; --n) except.push_back(name());
      std::set<uint32_t> expected;
      if (rooms.empty()) expected = live_model;
      for (auto r : rooms) {
        auto it = model.find(std::string(r));
        if (it != model.end()) expected.insert(it->second.begin(), it->second.end());
      }
      for (auto r : except) {
        auto it = model.find(std::string(r));
        if (it == model.end()) continue;
        for (uint32_t s : it->second) expected.erase(s);
      }
      ASSERT_EQ(select(index, rooms, except, live),
                std::vector<uint32_t>(expected.begin(), expected.end()))
          << op;
    }
    ASSERT_EQ(index.room_count(), model.size()) << op;
  }
  size_t seen = 0;
  index.for_each_room([&](std::string_view r, const slot_set& set) {
    ++seen;
    auto it = model.find(std::string(r));
    ASSERT_NE(it, model.end()) << r;
    EXPECT_EQ(members(set), std::vector<uint32_t>(it->second.begin(), it->second.end()));
  });
  EXPECT_EQ(seen, model.size());
}

TEST(room_index, randomized_against_std_set) {
  room_index index;
  randomized(index, 7);
}

TEST(room_index, randomized_with_colliding_hash) {
  room_index index(&first_byte_hash);
  randomized(index, 8);
}

}  // namespace
}  // namespace sio::runtime
