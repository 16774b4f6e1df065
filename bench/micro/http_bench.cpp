// HTTP/1.1 codec micro-benchmarks: the requests a Socket.IO server parses most (an
// Engine.IO long-polling GET as a browser sends it, a WebSocket upgrade), plus the
// query string and response writer on the same path. Each reports requests/s
// (items_per_second) and bytes/s. Figures: release build, median of 3 repetitions.

#include <benchmark/benchmark.h>

#include <sio/proto/http/http.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

namespace http = sio::proto::http;

// Firefox 120 polling an Engine.IO v4 session: request line + 8 headers.
const std::string polling_get =
    "GET /socket.io/?EIO=4&transport=polling&t=OkZ3x9Q&sid=mFq3Zp0yXy8oWb1TAAAB HTTP/1.1\r\n"
    "Host: localhost:3000\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
    "Accept: */*\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Origin: http://localhost:8080\r\n"
    "Connection: keep-alive\r\n"
    "Referer: http://localhost:8080/\r\n"
    "\r\n";

// Chrome 120 upgrading the same session to WebSocket.
const std::string upgrade_get =
    "GET /socket.io/?EIO=4&transport=websocket&sid=mFq3Zp0yXy8oWb1TAAAB HTTP/1.1\r\n"
    "Host: localhost:3000\r\n"
    "Connection: Upgrade\r\n"
    "Pragma: no-cache\r\n"
    "Cache-Control: no-cache\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36\r\n"
    "Upgrade: websocket\r\n"
    "Origin: http://localhost:8080\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Accept-Language: en-US,en;q=0.9\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "\r\n";

void report(benchmark::State& state, size_t bytes_per_request) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes_per_request));
}

void parse_whole(benchmark::State& state, const std::string& in) {
  http::request_parser p;
  for (auto _ : state) {
    const http::feed_result r = p.feed(in);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(p.current().headers.data());
    p.next();
  }
  report(state, in.size());
}

void BM_parse_polling_get(benchmark::State& state) {
  parse_whole(state, polling_get);
}
BENCHMARK(BM_parse_polling_get)->Repetitions(3)->DisplayAggregatesOnly(true);

void BM_parse_upgrade(benchmark::State& state) {
  parse_whole(state, upgrade_get);
}
BENCHMARK(BM_parse_upgrade)->Repetitions(3)->DisplayAggregatesOnly(true);

// The same GET arriving in two reads (cut inside a header): the copying path.
void BM_parse_polling_get_split(benchmark::State& state) {
  http::request_parser p;
  const std::string_view in = polling_get;
  const size_t cut = in.size() / 2;
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.feed(in.substr(0, cut)));
    const http::feed_result r = p.feed(in.substr(cut));
    benchmark::DoNotOptimize(r);
    p.next();
  }
  report(state, in.size());
}
BENCHMARK(BM_parse_polling_get_split)->Repetitions(3)->DisplayAggregatesOnly(true);

// Parse plus what a polling handler reads next: the query's EIO, transport and sid.
void BM_polling_get_with_query(benchmark::State& state) {
  http::request_parser p;
  for (auto _ : state) {
    p.feed(polling_get);
    const http::query_params q(p.current().query);
    benchmark::DoNotOptimize(q.get("EIO"));
    benchmark::DoNotOptimize(q.get("transport"));
    benchmark::DoNotOptimize(q.get("sid"));
    p.next();
  }
  report(state, polling_get.size());
}
BENCHMARK(BM_polling_get_with_query)->Repetitions(3)->DisplayAggregatesOnly(true);

// The polling answer: status line, 3 headers, Content-Length and a small payload.
void BM_append_polling_response(benchmark::State& state) {
  const std::vector<http::header> h = {{"Content-Type", "text/plain; charset=UTF-8"},
                                       {"Access-Control-Allow-Origin", "http://localhost:8080"},
                                       {"Access-Control-Allow-Credentials", "true"}};
  const std::string_view body =
      "42[\"chat\",\"hello\"]\x1e"
      "42[\"chat\",\"world\"]";
  std::string out;
  for (auto _ : state) {
    out.clear();
    http::append_response(out, 200, h, body);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}
BENCHMARK(BM_append_polling_response)->Repetitions(3)->DisplayAggregatesOnly(true);

}  // namespace
