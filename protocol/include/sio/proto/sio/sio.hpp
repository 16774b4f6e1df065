#pragma once
// Everything of sio::proto::sio: the Socket.IO v5 packet codec.

#include <sio/proto/sio/binary_assembler.hpp>  // IWYU pragma: export
#include <sio/proto/sio/decoder.hpp>           // IWYU pragma: export
#include <sio/proto/sio/encoder.hpp>           // IWYU pragma: export
#include <sio/proto/sio/errc.hpp>              // IWYU pragma: export
#include <sio/proto/sio/packet.hpp>            // IWYU pragma: export
#include <sio/proto/sio/placeholder.hpp>       // IWYU pragma: export
