#pragma once
// The generator's own message formats and the fast paths that read what
// JSON.stringify-based servers send back, so the common packets skip the full
// Socket.IO decoder. Anything a fast path does not recognise goes to
// proto::sio::decoder instead.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sio::bench {

/// What a fanout broadcast carries so each receiver can check and time it.
struct fanout_stamp {
  uint32_t publisher = 0;
  uint64_t seq = 0;
  uint64_t sent_ns = 0;  // CLOCK_MONOTONIC of the generator process
};

/// Appends the broadcast argument as one JSON string:
/// "<publisher>:<seq>:<sent_ns>:" then as much of `filler` as makes the text
/// inside the quotes `payload` bytes long (never shorter than the stamp).
/// `filler` must be plain ASCII needing no JSON escape.
void append_fanout_arg(std::string& out, const fanout_stamp& s, std::string_view filler,
                       size_t payload);
/// Reads a stamp from `text`, the argument's characters after its opening
/// quote ("<publisher>:<seq>:<sent_ns>:..."). nullopt when malformed.
std::optional<fanout_stamp> parse_fanout_arg(std::string_view text);

/// The Socket.IO packet (after the Engine.IO '4') of a `msg` event, in the form
/// JSON.stringify gives: 2["msg","<arg>...
inline constexpr std::string_view fanout_msg_prefix = "2[\"msg\",\"";

/// Fast path for an ACK to namespace "/": `3<id><rest>`. Returns the id and
/// sets `rest` to what follows the digits (the JSON array of arguments), or
/// nullopt when `text` is not of that form (then use the full decoder).
std::optional<uint64_t> parse_ack_fast(std::string_view text, std::string_view& rest);

}  // namespace sio::bench
