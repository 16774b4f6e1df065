#pragma once
// A handler's view of the arguments it received: JSON views over the packet's
// own bytes (parsed once), raw JSON text per argument, binary attachments.
// Views live until the handler returns; copy what must outlive it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace sio::runtime {

class arg {
 public:
  arg(simdjson::dom::element json, std::string_view raw, std::span<const std::string> attachments)
      : _json(json), _raw(raw), _attachments(attachments) {}

  /// The parsed value (for a binary argument: its placeholder object).
  simdjson::dom::element json() const { return _json; }
  /// This argument's JSON text as received.
  std::string_view raw() const { return _raw; }
  bool is_binary() const;
  /// The attachment bytes of a binary argument (empty otherwise).
  std::span<const uint8_t> bytes() const;
  std::optional<std::string_view> as_string() const;
  std::optional<int64_t> as_int() const;
  std::optional<double> as_double() const;
  std::optional<bool> as_bool() const;
  /// A field of an object argument ("" view when absent or not an object).
  std::optional<std::string_view> string_field(std::string_view key) const;

 private:
  simdjson::dom::element _json;
  std::string_view _raw;
  std::span<const std::string> _attachments;
};

class args {
 public:
  args() = default;
  /// `array`: the parsed argument list (event arguments after the name, or an
  /// ack's array), `skip`: elements of `array` before the first argument,
  /// `raw`: comma-separated raw JSON of the arguments.
  args(simdjson::dom::array array, size_t skip, std::string_view raw,
       std::span<const std::string> attachments);

  size_t size() const { return _size; }
  bool empty() const { return _size == 0; }
  arg operator[](size_t i) const;
  /// All arguments as comma-separated raw JSON (relay them without a parse).
  std::string_view raw() const { return _raw; }
  std::span<const std::string> attachments() const { return _attachments; }

 private:
  void split() const;
  simdjson::dom::array _array;
  size_t _skip = 0;
  size_t _size = 0;
  std::string_view _raw;
  std::span<const std::string> _attachments;
  mutable std::vector<std::string_view> _parts;  // per-argument raw text, on first use
};

/// Splits valid comma-separated JSON values at top-level commas.
void split_json_values(std::string_view values, std::vector<std::string_view>& out);

}  // namespace sio::runtime
