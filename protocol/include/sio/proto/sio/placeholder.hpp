#pragma once
// Binary attachment placeholders (socket.io-protocol v5 §"Binary data";
// PROTOCOL.md §3.3): each binary value of a payload travels as
// {"_placeholder":true,"num":n}, n counting attachments from 0.

#include <cstdint>
#include <string>

#include <simdjson.h>

namespace sio::proto::sio {

/// Placeholder index when `v` is an object with "_placeholder": true and a
/// "num" that is a non-negative integer (JSON 1.0 counts) below 2^31: n. -1
/// when `v` is not a placeholder (not an object, or "_placeholder" missing or
/// not exactly true, as socket.io-parser tests it). -2 when it is one but its
/// num is missing, negative, fractional or too large; binary_assembler rejects
/// such packets, so a packet from it never holds one.
int placeholder_index(simdjson::dom::element v);

/// Appends {"_placeholder":true,"num":n}, byte-identical to socket.io-parser.
void append_placeholder(std::string& out, uint32_t n);

}  // namespace sio::proto::sio
