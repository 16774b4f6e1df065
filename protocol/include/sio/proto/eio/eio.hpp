#pragma once
// The whole Engine.IO v4 codec in one include.

#include <sio/proto/eio/base64.hpp>
#include <sio/proto/eio/errc.hpp>
#include <sio/proto/eio/open_packet.hpp>
#include <sio/proto/eio/packet.hpp>
#include <sio/proto/eio/payload.hpp>
#include <sio/proto/eio/payload_writer.hpp>
