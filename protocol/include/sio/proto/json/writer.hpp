#pragma once
// A streaming JSON writer with automatic commas, producing JSON.stringify's
// compact form (no whitespace) through the formatters of append.hpp.

#include <cstdint>
#include <string>
#include <string_view>

namespace sio::proto::json {

/// Writes JSON values into a caller-owned string, inserting the commas and
/// colons itself. Nesting is tracked in a fixed 64-level stack (no allocation
/// besides the growth of `out`); deeper nesting, a key outside an object, a
/// value where a key is due or an unbalanced end_* is a programmer error,
/// caught by assert in debug builds.
///
/// At the top level consecutive values are separated by commas too, so a
/// writer can build the comma-separated argument list that the Socket.IO
/// encoders take (`writer(args).string("hi").integer(1)` gives `"hi",1`).
///
/// Lifetime: holds a reference to `out`, which must outlive the writer. The
/// writer appends only; what `out` held before is left untouched.
class writer {
 public:
  /// Deepest nesting of arrays and objects.
  static constexpr unsigned max_depth = 64;

  explicit writer(std::string& out) : _out(out) {}

  writer& begin_object();
  writer& end_object();
  writer& begin_array();
  writer& end_array();
  /// An object key; must be followed by exactly one value.
  writer& key(std::string_view k);
  writer& string(std::string_view s);
  writer& number(double v);
  writer& integer(int64_t v);
  writer& boolean(bool b);
  writer& null();
  /// An already-serialised JSON value, written as is (not validated).
  writer& raw(std::string_view json);

  /// Current nesting depth (0 at the top level).
  unsigned depth() const { return _depth; }
  /// The string being written to.
  std::string& out() { return _out; }

 private:
  // Writes the separator due before a value at the current level.
  void before_value();
  void open(char c, bool object);
  void close(char c, bool object);

  std::string& _out;
  uint64_t _is_object = 0;  // bit d-1: the container at depth d is an object
  uint64_t _has_item = 0;   // bit d-1: the container at depth d has an element
  uint8_t _depth = 0;
  bool _top_has_item = false;  // a value was written at depth 0
  bool _after_key = false;     // a key was written; its value is due
};

}  // namespace sio::proto::json
