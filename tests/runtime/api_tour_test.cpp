// The README's five-minute tour, compiled and started for real: if the README's
// code stops compiling or serving, this test says so.
#include <gtest/gtest.h>

#include <thread>

#include <sio/runtime/server.hpp>

namespace {

namespace rt = sio::runtime;  // (`socket` alone would clash with ::socket)

TEST(api_tour, readme_example_builds_and_serves) {
  rt::server_config cfg;
  cfg.engine.port = 0;  // the README uses 3000
  cfg.engine.shards = 1;
  cfg.engine.pin_threads = false;
  cfg.sio.recovery = true;
  rt::server srv(cfg);

  rt::nsp& chat = srv.of("/chat");
  chat.use([](rt::socket& s, rt::next_fn next) {
    auto token = s.handshake().header("authorization");
    if (token.empty()) return next(rt::connect_error{"unauthorized", R"({"code":401})"});
    next(std::nullopt);
  });
  chat.on_connection([](rt::socket& s) {
    s.join("lobby");
    s.emit("welcome", s.id());
    s.on_disconnect([](rt::socket&, std::string_view) {});
  });
  chat.on("message", [&](rt::socket& s, rt::args& a, rt::ack_fn ack) {
    auto text = a[0].string_field("text");
    (void)text;
    s.to("lobby").emit("message", rt::raw_json{a[0].raw()});
    if (ack) ack.send(true);
  });
  chat.on("ping-me", [](rt::socket& s, rt::args&, rt::ack_fn) {
    s.emit_with_ack("ping", rt::emit_args(1, "two"), 2000, [](bool, rt::args&) {});
  });

  ASSERT_EQ(srv.start(), 0);
  EXPECT_NE(srv.port(), 0);
  std::thread loop([&] { srv.run(); });
  srv.stop(500);
  loop.join();
}

}  // namespace
