#pragma once
// Private pieces of the conformance application (tests/conformance/APP.md)
// and of the demo chat it shares with the default app: the state kept across
// shards, JSON helpers for the events' arguments, and the installers of each
// group of events. Nothing here is a hot path except the benchmark contract.

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include <sio/runtime/server.hpp>

namespace sio::server_app {

/// The disconnect records of APP.md §6: one per socket that left, any
/// namespace, any shard. Thread-safe (one mutex; written once per disconnect).
class disconnect_records {
 public:
  /// How many records are kept; older ones are forgotten first.
  static constexpr size_t capacity = 1000;

  /// Records that socket `id` of `nsp` left for `reason` while in `rooms`
  /// (sorted here; the own-id room included by the caller).
  void add(std::string_view id, std::string_view nsp, std::string_view reason,
           std::vector<std::string> rooms);
  /// The record of socket `id` as JSON, or nullopt.
  std::optional<std::string> find(std::string_view id) const;
  /// The most recent record as JSON, or nullopt when there is none.
  std::optional<std::string> last() const;

 private:
  struct entry {
    uint64_t seq;
    std::string json;
  };
  mutable std::mutex _mutex;
  std::unordered_map<std::string, entry> _by_id;
  std::deque<std::pair<std::string, uint64_t>> _order;  // oldest first
  std::string _last;
  uint64_t _seq = 0;
};

/// The demo chat's nicknames by socket id (ids are unique across namespaces
/// and shards). Thread-safe: a member list gathers sockets of every shard.
class chat_nicks {
 public:
  /// Sets the nick of socket `id`; true when it had none before.
  bool set(std::string_view id, std::string_view nick);
  std::optional<std::string> get(std::string_view id) const;
  void erase(std::string_view id);
  /// The nicks of those of `ids` that have one, sorted.
  std::vector<std::string> sorted_nicks(const std::vector<std::string>& ids) const;

 private:
  mutable std::mutex _mutex;
  std::unordered_map<std::string, std::string> _by_id;
};

/// What the conformance events share, alive as long as the server's handlers.
struct conformance_state {
  disconnect_records records;
  std::shared_ptr<chat_nicks> nicks = std::make_shared<chat_nicks>();
};

// --- JSON helpers (conformance_json.cpp) -------------------------------------------

/// A selector (APP.md §4): sockets in any of `rooms` (every socket when empty)
/// and in none of `except`. Non-string entries are ignored, as the reference does.
struct selector {
  std::vector<std::string> rooms;
  std::vector<std::string> except;
};

/// True when `v` is a JSON object (not an array, not null).
bool is_object(simdjson::dom::element v);
/// The string field `key` of object `v`, or nullopt.
std::optional<std::string_view> string_field(simdjson::dom::element v, std::string_view key);
/// True when field `key` of object `v` is exactly `true`.
bool true_field(simdjson::dom::element v, std::string_view key);
/// Reads `rooms` and `except` of `spec` (an empty selector when not an object).
selector read_selector(simdjson::dom::element spec);
/// Narrows `op` to the selector's rooms and except rooms.
runtime::broadcast_op& apply(runtime::broadcast_op& op, const selector& sel);

/// Appends `v` to `w` as JSON. Binary placeholders (numbers into `in`) are
/// renumbered in the order met and their bytes appended to `out`, so the
/// value can be sent on its own with exactly the attachments it names.
void write_value(proto::json::writer& w, simdjson::dom::element v, std::span<const std::string> in,
                 std::vector<std::string>& out);
/// Appends one received argument to the comma-separated arguments `json`
/// (attachments in `atts`): its raw text when the packet had no attachments
/// (no re-serialisation), else write_value().
void add_value(std::string& json, std::vector<std::string>& atts, const runtime::arg& a,
               std::span<const std::string> in);
/// Length of UTF-8 `s` in UTF-16 code units (JavaScript's String.length).
size_t utf16_length(std::string_view s);

// --- installers -------------------------------------------------------------------

/// APP.md §3 and §4 on `n`: echo, join, broadcast, leave, rooms, emit-to,
/// emit-to-with-ack (conformance_broadcasts.cpp).
void install_broadcast_events(runtime::nsp& n);
/// APP.md §5 and §6 on `n`: ask, ask-timeout, set-data, fetch-sockets,
/// sockets-join, sockets-leave, disconnect-sockets, server-disconnect,
/// close-transport, last-disconnect (conformance_operations.cpp).
void install_operation_events(runtime::nsp& n, std::shared_ptr<conformance_state> state);
/// APP.md §8 on `n`: chat:join, chat:leave, chat:message, chat:typing (demo_app.cpp).
void install_chat(runtime::nsp& n, std::shared_ptr<chat_nicks> nicks);

}  // namespace sio::server_app
