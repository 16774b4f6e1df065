#pragma once
// The applications sioring-server can serve (--app).

#include <sio/runtime/server.hpp>

namespace sio::server_app {

/// The benchmark contract on "/": echo, join, broadcast (README "Benchmarks").
void install_bench_contract(runtime::server& srv);
/// The demo chat (rooms, nicknames, typing indicator) plus the bench contract.
void install_demo(runtime::server& srv);
/// What the official engine.io-protocol and socket.io-protocol test suites expect:
/// a bare Engine.IO echo at /engine.io/, namespaces "/" and "/custom".
void install_protocol_suite(runtime::server& srv);
/// The application of tests/conformance/APP.md.
void install_conformance(runtime::server& srv);

}  // namespace sio::server_app
