#pragma once
// Standard reason phrases for status lines.

#include <string_view>

namespace sio::proto::http {

/// Reason phrase of `status` as registered in RFC 9110 §15 (plus 429/431 from
/// RFC 6585); "" for a code without one (RFC 9112 §4 allows an empty phrase).
std::string_view reason_phrase(int status);

}  // namespace sio::proto::http
