#pragma once
// Engine.IO v4 polling payload encoder (engine.io-protocol v4, §"HTTP
// long-polling"; PROTOCOL.md §2.2).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sio/proto/eio/packet.hpp>

namespace sio::proto::eio {

/// Builds a polling payload: the first record has no separator, each next one is
/// preceded by 0x1E; binary records are "b" + standard base64 with padding.
/// Appends to a caller-owned string (which may already hold other bytes, e.g. a
/// response head); the writer only remembers whether it wrote a record yet.
/// Lifetime: must not outlive `out`. Not thread-safe (one writer per string).
class payload_writer {
 public:
  /// Appends to `out`; writes nothing until the first record.
  explicit payload_writer(std::string& out) : _out(&out) {}

  /// A text record "<digit><data>". `data` must not contain 0x1E (the spec
  /// assumes text never does; the writer does not check, to stay one memcpy).
  void text(packet_type type, std::string_view data = {});

  /// A binary message record "b<base64>".
  void binary(std::span<const uint8_t> bytes);

  /// Appends an already-encoded text record (e.g. "4..." shared by many
  /// sessions). `record` must be a whole, valid record (non-empty, no 0x1E).
  void raw_record(std::string_view record);

  /// True until the first record has been written.
  bool empty() const { return _count == 0; }

  /// Records written so far.
  size_t count() const { return _count; }

 private:
  void separate();

  std::string* _out;
  size_t _count = 0;
};

}  // namespace sio::proto::eio
