#pragma once
// What one feed() of a message parser did.

#include <sio/proto/http/errc.hpp>

#include <cstddef>

namespace sio::proto::http {

/// status ok: a message is complete and `consumed` counts only its bytes (the rest
/// of the input belongs to the next message or, after an upgrade, to the new
/// protocol). need_more: every byte was consumed, the message is not complete.
/// Anything else: the input is not acceptable HTTP; `consumed` is where that was
/// found, and the parser stays failed.
struct feed_result {
  size_t consumed;
  errc status;
};

}  // namespace sio::proto::http
