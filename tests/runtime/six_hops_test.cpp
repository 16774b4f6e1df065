// One masked WebSocket frame, 42["chat","hi"], pushed through the six hops of
// ARCHITECTURE.md: reactor → ws_transport → frame_decoder → session → client →
// socket → the user's handler. Real sockets on 127.0.0.1, both reactors.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <sio/proto/ws/ws.hpp>
#include <sio/runtime/server.hpp>

#include "runtime/test_server.hpp"

namespace {

using namespace std::chrono_literals;
namespace ws = sio::proto::ws;

using sio::test::raw_client;

class six_hops : public ::testing::TestWithParam<sio::engine::io_backend> {};

TEST_P(six_hops, masked_chat_frame_reaches_the_handler) {
  sio::runtime::server_config cfg;
  cfg.engine.port = 0;
  cfg.engine.shards = 1;
  cfg.engine.io = GetParam();
  cfg.engine.pin_threads = false;
  sio::runtime::server srv(cfg);

  std::atomic<int> calls{0};
  std::string seen;
  srv.of("/").on("chat", [&](sio::runtime::socket&, sio::runtime::args& a, sio::runtime::ack_fn) {
    seen.assign(a.empty() ? "" : a[0].raw());
    calls.fetch_add(1);
  });
  int rc = srv.start();
  if (rc < 0 && GetParam() == sio::engine::io_backend::uring) GTEST_SKIP() << "no io_uring here";
  ASSERT_EQ(rc, 0);
  std::thread loop([&] { srv.run(); });

  {
    raw_client c(srv.port());
    ASSERT_TRUE(c.ok());
    std::string req;
    ws::append_upgrade_request(req, "127.0.0.1", "/socket.io/?EIO=4&transport=websocket",
                               "dGhlIHNhbXBsZSBub25jZQ==");
    c.write(req);
    ASSERT_TRUE(c.read_until("\"maxPayload\":"));  // 101, then the open packet
    c.send_text("40");
    ASSERT_TRUE(c.read_until("40{\"sid\":\""));
    c.send_text("42[\"chat\",\"hi\"]");
    for (int i = 0; i < 500 && calls.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  }
  srv.stop(1000);
  loop.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(seen, "\"hi\"");
}

INSTANTIATE_TEST_SUITE_P(reactors, six_hops,
                         ::testing::Values(sio::engine::io_backend::uring,
                                           sio::engine::io_backend::epoll),
                         [](const auto& info) {
                           return std::string(sio::engine::to_string(info.param));
                         });

}  // namespace
