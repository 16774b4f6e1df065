#pragma once
// Arguments of an emit or an ack, encoded to JSON once when they are built.
// C++ values become JSON through to_json overloads; binary values become
// {"_placeholder":true,"num":n} plus an attachment, as socket.io-parser does.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <sio/proto/json/writer.hpp>

namespace sio::runtime {

/// Already-serialised JSON, written as is (a relay's fast path).
struct raw_json {
  std::string_view text;
};

/// Bytes sent as a binary attachment.
struct binary {
  std::span<const uint8_t> bytes;
};

class emit_args;

// to_json: how a C++ value becomes JSON. Users add overloads for their own
// types in their namespace (found by argument-dependent lookup).
inline void to_json(proto::json::writer& w, std::nullptr_t) {
  w.null();
}
inline void to_json(proto::json::writer& w, bool v) {
  w.boolean(v);
}
inline void to_json(proto::json::writer& w, std::string_view v) {
  w.string(v);
}
inline void to_json(proto::json::writer& w, const char* v) {
  w.string(v);
}
inline void to_json(proto::json::writer& w, const std::string& v) {
  w.string(v);
}
inline void to_json(proto::json::writer& w, raw_json v) {
  w.raw(v.text);
}
template <class T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void to_json(proto::json::writer& w,
                                                                         T v) {
  w.integer(static_cast<int64_t>(v));
}
template <class T>
requires std::is_floating_point_v<T>
void to_json(proto::json::writer& w, T v) {
  w.number(static_cast<double>(v));
}
template <class T>
void to_json(proto::json::writer& w, const std::optional<T>& v) {
  if (v) {
    to_json(w, *v);
  } else {
    w.null();
  }
}
template <class T>
void to_json(proto::json::writer& w, const std::vector<T>& v) {
  w.begin_array();
  for (const auto& x : v) to_json(w, x);
  w.end_array();
}
template <class T, class C>
void to_json(proto::json::writer& w, const std::map<std::string, T, C>& m) {
  w.begin_object();
  for (const auto& [k, x] : m) {
    w.key(k);
    to_json(w, x);
  }
  w.end_object();
}

class emit_args {
 public:
  emit_args() = default;
  template <class... A>
  explicit emit_args(const A&... a) {
    (add(a), ...);
  }

  /// Appends one argument.
  template <class T>
  emit_args& add(const T& v) {
    if constexpr (std::is_same_v<T, binary>) {
      return add_binary(v.bytes);
    } else {
      proto::json::writer w(_json);
      if (!_json.empty()) _json += ',';
      to_json(w, v);
      return *this;
    }
  }
  emit_args& add_raw(std::string_view json);
  emit_args& add_binary(std::span<const uint8_t> bytes);
  /// Sets everything at once: comma-separated JSON (placeholders included) and
  /// the attachments they name (a relay of received arguments).
  static emit_args from_raw(std::string_view json, std::span<const std::string> attachments = {});

  /// Comma-separated JSON of the arguments, without brackets.
  const std::string& json() const { return _json; }
  const std::vector<std::string>& attachments() const { return _attachments; }
  bool has_binary() const { return !_attachments.empty(); }

 private:
  std::string _json;
  std::vector<std::string> _attachments;
};

}  // namespace sio::runtime
