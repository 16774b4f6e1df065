#pragma once
// Everything of sio::proto::json: JSON.stringify-compatible formatting and the
// streaming writer.

#include <sio/proto/json/append.hpp>     // IWYU pragma: export
#include <sio/proto/json/js_compat.hpp>  // IWYU pragma: export
#include <sio/proto/json/writer.hpp>     // IWYU pragma: export
