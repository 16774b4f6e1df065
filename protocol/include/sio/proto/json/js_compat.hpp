#pragma once
// Bridges the gap between JavaScript's JSON.parse and simdjson 3.0.1's DOM
// parser. Both follow RFC 8259, but JSON.parse also takes two things that
// JSON.stringify really produces and simdjson rejects:
//  - integer literals beyond 64 bits: JSON.stringify(1e20) is
//    "100000000000000000000" (JS prints integers below 1e21 in full);
//  - unpaired UTF-16 surrogate escapes: JSON.stringify("\ud83d") is
//    "\"\\ud83d\"" (a string cut in the middle of an emoji).

#include <string>
#include <string_view>

namespace sio::proto::json {

/// Writes into `out` (cleared first) a copy of the JSON text `in` in which
/// every integer literal too large for simdjson (beyond int64 when negative,
/// beyond uint64 otherwise) gets "e0" appended, so it parses as the double JS
/// would make of it, and every \uXXXX escape that is an unpaired surrogate
/// becomes \ufffd (U+FFFD, what a UTF-8 encoder writes for it). Returns true
/// when something was rewritten; false means `out` equals `in` and reparsing
/// is pointless. Does not validate: invalid JSON stays invalid. Reuses `out`'s
/// capacity.
bool js_compat_rewrite(std::string_view in, std::string& out);

}  // namespace sio::proto::json
