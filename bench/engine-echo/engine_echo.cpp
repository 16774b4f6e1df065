// Raw loopback echo throughput of the engine, per io backend.
//
// The process forks: the parent runs an echo server (one shard pinned to
// --server-cpu), the child a client (one shard pinned to --client-cpu) with
// --conns connections each keeping --depth messages of --size bytes in flight.
// After --warmup seconds the client counts echoed messages for --seconds; both
// sides report their own CPU use over that window from /proc/self/stat.
//
//   sioring-engine-echo --io uring --conns 100 --depth 16 --seconds 5
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sio/engine/engine.hpp>

namespace {

using namespace sio::engine;

struct config {
  io_backend io = io_backend::uring;
  unsigned conns = 100, depth = 16, size = 64;
  double seconds = 5, warmup = 1;
  unsigned server_cpu = 0, client_cpu = 1;
};

double cpu_seconds() {
  std::ifstream f("/proc/self/stat");
  std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct echo_server final : listener_handler, stream_handler {
  stream_handler* on_accept(shard&, conn_id) override { return this; }
  void on_data(conn_id id, std::span<uint8_t> d) override {
    shard::current()->send(id, std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  }
  void on_close(conn_id, int) override {}
};

struct echo_client final : stream_handler {
  config cfg;
  std::string batch;               // depth messages
  std::vector<uint64_t> received;  // bytes per slot
  uint64_t messages = 0;
  void on_connected(conn_id id) override {
    shard::current()->send(id, std::string_view(batch.data(), size_t{cfg.depth} * cfg.size));
  }
  void on_data(conn_id id, std::span<uint8_t> d) override {
    if (id.slot >= received.size()) received.resize(id.slot + 1);
    uint64_t& got = received[id.slot];
    const uint64_t before = got / cfg.size;
    got += d.size();
    uint64_t done = got / cfg.size - before;
    messages += done;
    // Keep `depth` in flight: one message out for each one back.
    while (done > 0) {
      const uint64_t n = done < cfg.depth ? done : cfg.depth;
      shard::current()->send(id, std::string_view(batch.data(), n * cfg.size));
      done -= n;
    }
  }
  void on_close(conn_id, int err) override {
    if (err != 0 && err != -ESHUTDOWN) std::fprintf(stderr, "client: connection closed: %d\n", err);
  }
};

struct report {
  double msgs_per_s = 0, cpu = 0;
};

int run_client(const config& c, uint16_t port, int out_fd) {
  engine_options o;
  o.io = c.io;
  o.shards = 1;
  o.listen = false;
  o.first_cpu = c.client_cpu;
  engine e(o);
  echo_client h;
  h.cfg = c;
  h.batch.assign(size_t{c.depth} * c.size, 'm');
  if (e.start([](shard&) -> listener_handler* { return nullptr; }) != 0) return 1;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  e.at(0).post([&] {
    for (unsigned i = 0; i < c.conns; ++i) shard::current()->connect(to, nullptr, &h);
  });
  std::thread runner([&] { e.run(); });
  std::this_thread::sleep_for(std::chrono::duration<double>(c.warmup));
  std::atomic<uint64_t> m0{0}, m1{0};
  std::atomic<int> step{0};
  double cpu0 = 0, t0 = 0;
  e.at(0).post([&] {
    m0 = h.messages;
    step = 1;
  });
  while (step.load() != 1) std::this_thread::yield();
  cpu0 = cpu_seconds();
  t0 = now_s();
  if (::write(out_fd, "S", 1) != 1) return 1;
  std::this_thread::sleep_for(std::chrono::duration<double>(c.seconds));
  e.at(0).post([&] {
    m1 = h.messages;
    step = 2;
  });
  while (step.load() != 2) std::this_thread::yield();
  const double t1 = now_s();
  const double cpu1 = cpu_seconds();
  report r{static_cast<double>(m1 - m0) / (t1 - t0), (cpu1 - cpu0) / (t1 - t0)};
  if (::write(out_fd, "E", 1) != 1 || ::write(out_fd, &r, sizeof(r)) != sizeof(r)) return 1;
  e.stop(200);
  runner.join();
  return 0;
}

bool read_full(int fd, void* p, size_t n) {
  auto* b = static_cast<char*>(p);
  while (n > 0) {
    const ssize_t r = ::read(fd, b, n);
    if (r <= 0) return false;
    b += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

int usage() {
  std::fprintf(stderr,
               "usage: sioring-engine-echo [--io uring|epoll] [--conns N] [--depth D] [--size B]\n"
               "                           [--seconds T] [--warmup W] [--server-cpu C] "
               "[--client-cpu C]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  config c;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) return usage();
    const std::string a = argv[i];
    const char* v = argv[i + 1];
    if (a == "--io") {
      auto b = parse_io_backend(v);
      if (!b) return usage();
      c.io = *b;
    } else if (a == "--conns") {
      c.conns = static_cast<unsigned>(std::atoi(v));
    } else if (a == "--depth") {
      c.depth = static_cast<unsigned>(std::atoi(v));
    } else if (a == "--size") {
      c.size = static_cast<unsigned>(std::atoi(v));
    } else if (a == "--seconds") {
      c.seconds = std::atof(v);
    } else if (a == "--warmup") {
      c.warmup = std::atof(v);
    } else if (a == "--server-cpu") {
      c.server_cpu = static_cast<unsigned>(std::atoi(v));
    } else if (a == "--client-cpu") {
      c.client_cpu = static_cast<unsigned>(std::atoi(v));
    } else {
      return usage();
    }
  }
  if (c.conns == 0 || c.depth == 0 || c.size == 0) return usage();

  int to_client[2], to_server[2];
  if (::pipe(to_client) != 0 || ::pipe(to_server) != 0) return 1;
  const pid_t pid = ::fork();
  if (pid < 0) return 1;
  if (pid == 0) {  // the client: wait for the port, then load
    uint16_t port = 0;
    if (!read_full(to_client[0], &port, sizeof(port))) _exit(1);
    _exit(run_client(c, port, to_server[1]));
  }

  engine_options o;
  o.io = c.io;
  o.shards = 1;
  o.port = 0;
  o.first_cpu = c.server_cpu;
  engine server(o);
  echo_server h;
  if (server.start([&](shard&) { return &h; }) != 0) {
    ::kill(pid, SIGKILL);
    return 1;
  }
  std::thread runner([&] { server.run(); });
  const uint16_t port = server.port();
  if (::write(to_client[1], &port, sizeof(port)) != sizeof(port)) return 1;

  char mark = 0;
  report client{};
  double cpu0 = 0, cpu1 = 0, t0 = 0, t1 = 0;
  bool ok = read_full(to_server[0], &mark, 1) && mark == 'S';
  cpu0 = cpu_seconds();
  t0 = now_s();
  ok = ok && read_full(to_server[0], &mark, 1) && mark == 'E';
  t1 = now_s();
  cpu1 = cpu_seconds();
  ok = ok && read_full(to_server[0], &client, sizeof(client));
  int status = 0;
  ::waitpid(pid, &status, 0);
  server.stop(200);
  runner.join();
  if (!ok) {
    std::fprintf(stderr, "client failed\n");
    return 1;
  }
  const double server_cpu = (cpu1 - cpu0) / (t1 - t0);
  // msgs per server CPU-second stays comparable when the machine is shared
  // and the server cannot get a whole core.
  std::printf(
      "backend=%s conns=%u depth=%u size=%u seconds=%.1f  msgs/s=%.0f  server_cpu=%.0f%%  "
      "client_cpu=%.0f%%  msgs_per_server_cpu_s=%.0f\n",
      to_string(server.backend()), c.conns, c.depth, c.size, c.seconds, client.msgs_per_s,
      100.0 * server_cpu, 100.0 * client.cpu,
      server_cpu > 0 ? client.msgs_per_s / server_cpu : 0.0);
  return 0;
}
