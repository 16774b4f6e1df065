// Engine.IO v4 codec micro-benchmarks on the shared inputs of bench/micro/inputs/
// (the same bytes bench/peers/node-codec/bench.js feeds the official parser).
// Each benchmark reports ops/s (payloads), packets/s and bytes/s, like the peer.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

#include <sio/proto/eio/eio.hpp>

namespace {

namespace eio = sio::proto::eio;

std::filesystem::path inputs_dir() {
  if (const char* dir = std::getenv("SIORING_BENCH_INPUTS")) return dir;
  return std::filesystem::path(__FILE__).parent_path() / "inputs";
}

std::string read_input(const char* name) {
  std::ifstream in(inputs_dir() / name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct inputs {
  std::string payload_small = read_input("eio_payload_small.txt");
  std::string payload_binary = read_input("eio_payload_binary.txt");
  std::string sio_small = read_input("sio_event_small.txt");
  std::string sio_binary_header = read_input("sio_binary_event_header.txt");
  std::string attachment = read_input("attachment_64k.bin");

  std::span<const uint8_t> attachment_bytes() const {
    return {reinterpret_cast<const uint8_t*>(attachment.data()), attachment.size()};
  }
};

const inputs& in() {
  static const inputs i;
  return i;
}

void report(benchmark::State& state, size_t packets, size_t bytes) {
  const auto n = static_cast<double>(state.iterations());
  state.counters["ops/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["packets/s"] =
      benchmark::Counter(n * static_cast<double>(packets), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}

void decode_payload(benchmark::State& state, const std::string& body, size_t want_packets) {
  if (body.empty()) return state.SkipWithError("missing input file (bench/micro/inputs)");
  std::string scratch;
  for (auto _ : state) {
    size_t n = 0;
    const eio::errc e = eio::decode_payload(body, scratch, [&](const eio::packet& p) {
      benchmark::DoNotOptimize(p.data.data());
      ++n;
    });
    if (e != eio::errc::ok || n != want_packets) return state.SkipWithError("decode failed");
  }
  report(state, want_packets, body.size());
}

void BM_decode_payload_small(benchmark::State& state) {
  decode_payload(state, in().payload_small, 10);
}
void BM_decode_payload_binary(benchmark::State& state) {
  decode_payload(state, in().payload_binary, 2);
}

void BM_encode_payload_small(benchmark::State& state) {
  const inputs& i = in();
  std::string out;
  for (auto _ : state) {
    out.clear();
    eio::payload_writer w(out);
    for (int k = 0; k < 10; ++k) w.text(eio::packet_type::message, i.sio_small);
    benchmark::DoNotOptimize(out.data());
  }
  if (out != i.payload_small) return state.SkipWithError("output differs from the input file");
  report(state, 10, out.size());
}

void BM_encode_payload_binary(benchmark::State& state) {
  const inputs& i = in();
  std::string out;
  for (auto _ : state) {
    out.clear();
    eio::payload_writer w(out);
    w.text(eio::packet_type::message, i.sio_binary_header);
    w.binary(i.attachment_bytes());
    benchmark::DoNotOptimize(out.data());
  }
  if (out != i.payload_binary) return state.SkipWithError("output differs from the input file");
  report(state, 2, out.size());
}

// The WebSocket path: one text message per packet.
void BM_decode_text(benchmark::State& state) {
  const std::string text = "4" + in().sio_small;
  for (auto _ : state) {
    auto r = eio::decode_text(text);
    benchmark::DoNotOptimize(r);
  }
  report(state, 1, text.size());
}

void BM_base64_encode(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    out.clear();
    eio::base64_append(out, in().attachment_bytes());
    benchmark::DoNotOptimize(out.data());
  }
  report(state, 1, in().attachment.size());
}

void BM_base64_decode(benchmark::State& state) {
  std::string text;
  eio::base64_append(text, in().attachment_bytes());
  std::string out(in().attachment.size(), '\0');
  for (auto _ : state) {
    const ptrdiff_t n = eio::base64_decode_into(out.data(), text);
    benchmark::DoNotOptimize(n);
  }
  if (out != in().attachment) return state.SkipWithError("round trip failed");
  report(state, 1, text.size());
}

void BM_append_open(benchmark::State& state) {
  std::string out;
  const eio::open_params p{"KCjlYt5uK0kyANrKAAHh", true, 25000, 20000, 1000000};
  for (auto _ : state) {
    out.clear();
    eio::append_open(out, p);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, 1, out.size());
}

BENCHMARK(BM_decode_payload_small)->Name("eio_decode_payload/small");
BENCHMARK(BM_decode_payload_binary)->Name("eio_decode_payload/binary64k");
BENCHMARK(BM_encode_payload_small)->Name("eio_encode_payload/small");
BENCHMARK(BM_encode_payload_binary)->Name("eio_encode_payload/binary64k");
BENCHMARK(BM_decode_text)->Name("eio_decode_text/small");
BENCHMARK(BM_base64_encode)->Name("eio_base64_encode/64k");
BENCHMARK(BM_base64_decode)->Name("eio_base64_decode/64k");
BENCHMARK(BM_append_open)->Name("eio_append_open");

}  // namespace
