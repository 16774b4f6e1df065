#pragma once
// JSON value formatting with the exact bytes JavaScript's JSON.stringify
// produces (ECMA-262 §25.5.2.3 QuoteJSONString, §6.1.6.1.20
// Number::toString), so that packets sioring writes are byte-identical to the
// Node reference's.

#include <cstdint>
#include <string>
#include <string_view>

namespace sio::proto::json {

/// Appends `s` as a JSON string literal, as JSON.stringify writes it: quotes
/// around it; `"` and `\` backslash-escaped; \b \f \n \r \t for those control
/// characters and \u00XX (lowercase hex) for the other bytes below 0x20;
/// every other byte (UTF-8 included, and 0x7F) copied as is. Never fails; `s`
/// is not checked for valid UTF-8.
void append_string(std::string& out, std::string_view s);

/// Appends `v` as JS Number.prototype.toString (and so JSON.stringify) writes
/// it: integers without ".0", the shortest digits that round-trip, "-0" as
/// "0", plain notation for 1e-7 < |v| < 1e21 and exponent form ("1e+21",
/// "1.5e-7") outside it. NaN and ±Infinity are written as `null`, as
/// JSON.stringify does. Never fails.
void append_number(std::string& out, double v);

/// Appends `v` in decimal. Exact for the whole int64 range (JS would round
/// beyond ±2^53; callers who need that use append_number).
void append_int(std::string& out, int64_t v);

/// Appends `v` in decimal (for ids and counts that are unsigned).
void append_uint(std::string& out, uint64_t v);

}  // namespace sio::proto::json
