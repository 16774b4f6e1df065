#pragma once
// Everything of sio::proto::ws, the RFC 6455 WebSocket codec.

#include <sio/proto/ws/close_code.hpp>
#include <sio/proto/ws/decoder_options.hpp>
#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/frame_decoder.hpp>
#include <sio/proto/ws/handshake.hpp>
#include <sio/proto/ws/opcode.hpp>
#include <sio/proto/ws/unmask.hpp>
