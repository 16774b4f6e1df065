#pragma once
// A header field as parsed or as to be written, and case-insensitive look-ups over them.

#include <span>
#include <string_view>

namespace sio::proto::http {

/// One header field (RFC 9110 §5). Parsed fields are views into the message's bytes;
/// the value has no leading or trailing whitespace (RFC 9112 §5.1).
struct header {
  std::string_view name, value;
};

/// ASCII case-insensitive equality (field names and tokens are case-insensitive,
/// RFC 9110 §5.1). No locale.
bool iequals(std::string_view a, std::string_view b);

/// Value of the first field named `name` (case-insensitive), or "" when absent.
std::string_view find_header(std::span<const header> headers, std::string_view name);

/// True when the comma-separated list `value` (RFC 9110 §5.6.1) holds `token`,
/// compared case-insensitively, ignoring whitespace around elements and any
/// ";parameters" after one ("keep-alive, Upgrade" has "upgrade").
bool has_token(std::string_view value, std::string_view token);

}  // namespace sio::proto::http
