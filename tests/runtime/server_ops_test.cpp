// Server-side operations across shards, called from a thread that is not a
// shard (the way a C API user would): count, fetch_sockets, sockets_join,
// broadcast, disconnect_sockets. Two shards, both reactors, real sockets.
#include <atomic>
#include <future>
#include <vector>

#include "runtime/test_server.hpp"

namespace {

using sio::engine::io_backend;
using sio::test::raw_client;
using sio::test::running_server;
namespace rt = sio::runtime;

class server_ops : public ::testing::TestWithParam<io_backend> {};

TEST_P(server_ops, count_fetch_join_broadcast_disconnect_from_another_thread) {
  running_server srv(GetParam(), {}, [](rt::server& s) {
    s.of("/").on("join", [](rt::socket& sock, rt::args& a, rt::ack_fn ack) {
      if (auto room = a[0].as_string()) sock.join(*room);
      ack();
    });
  });
  if (srv.start_result() != 0 && GetParam() == io_backend::uring) GTEST_SKIP();
  ASSERT_EQ(srv.start_result(), 0);

  std::vector<std::unique_ptr<raw_client>> clients;
  for (int i = 0; i < 6; ++i) {
    auto c = std::make_unique<raw_client>(srv.port());
    ASSERT_TRUE(c->upgrade("/socket.io/?EIO=4&transport=websocket"));
    c->send_text("40");
    ASSERT_TRUE(c->read_until("40{\"sid\":\""));
    if (i < 4) {  // four of six in room "r"
      c->send_text("421[\"join\",\"r\"]");
      ASSERT_TRUE(c->read_until("431[]"));
    }
    clients.push_back(std::move(c));
  }

  auto count = [&](const char* room) {
    std::promise<size_t> p;
    srv.get().to(room).count([&p](size_t n) { p.set_value(n); });
    return p.get_future().get();
  };
  EXPECT_EQ(count("r"), 4u);
  EXPECT_EQ(count("nobody"), 0u);

  std::promise<std::vector<rt::socket_info>> fetched;
  srv.get().to("r").fetch_sockets(
      [&](std::vector<rt::socket_info> all) { fetched.set_value(std::move(all)); });
  auto infos = fetched.get_future().get();
  ASSERT_EQ(infos.size(), 4u);
  for (const auto& i : infos) {
    ASSERT_EQ(i.rooms.size(), 2u);
    EXPECT_EQ(i.rooms[0], i.id);
    EXPECT_EQ(i.rooms[1], "r");
  }

  srv.get().to("r").sockets_join("s");
  EXPECT_EQ(count("s"), 4u);  // the mailbox keeps order: the join ran first

  srv.get().to("s").emit("hello", 1);
  for (int i = 0; i < 6; ++i) {
    if (i < 4) {
      EXPECT_TRUE(clients[i]->read_until("42[\"hello\",1]")) << i;
    }
  }
  srv.get().to("r").disconnect_sockets();
  // DISCONNECT "41" as a whole WebSocket text frame (0x81, length 2).
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(
        clients[i]->read_until(std::string("\x81\x02"
                                           "41",
                                           4)))
        << i;
  EXPECT_EQ(count("r"), 0u);
  // The two outside the room never saw the broadcast.
  for (int i = 4; i < 6; ++i) {
    EXPECT_EQ(clients[i]->received().find("hello"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(reactors, server_ops,
                         ::testing::Values(io_backend::uring, io_backend::epoll),
                         sio::test::reactor_name);

}  // namespace
