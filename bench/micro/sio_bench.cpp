// Socket.IO v5 codec micro-benchmarks: decode + validate, encode, and the
// binary attachment path. Inputs come from bench/micro/inputs/ (shared with
// the Node.js codec peer) so both sides measure the same bytes.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sio/proto/sio/binary_assembler.hpp>
#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace {

using namespace sio::proto::sio;

// bench/micro/inputs/<name>, or `fallback` when the file is absent.
std::string input(const char* name, std::string fallback) {
  auto path = std::filesystem::path(__FILE__).parent_path() / "inputs" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fallback;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string k_small = input("sio_event_small.txt", R"(2["chat","hello"])");
const std::string k_object_1k =
    input("event_1k.json", R"({"text":")" + std::string(1000, 'x') + R"("})");
const std::string k_event_1k = input("sio_event_1k.txt", R"(2["message",)" + k_object_1k + "]");
const std::string k_binary_header =
    input("sio_binary_event_header.txt", R"(51-["upload",{"_placeholder":true,"num":0}])");
const std::string k_attachment = input("attachment_64k.bin", std::string(65536, '\x5a'));

// A copy of `s` followed by SIMDJSON_PADDING bytes, as a receive buffer
// holding the frame would provide.
std::string padded(const std::string& s) {
  std::string p = s;
  p.append(simdjson::SIMDJSON_PADDING, '\0');
  return p;
}

void decode_loop(benchmark::State& state, const std::string& text, bool use_padding) {
  decoder d;
  std::string buf = padded(text);
  std::string_view view(buf.data(), text.size());
  for (auto _ : state) {
    auto r = d.decode(view, use_padding);
    if (!r) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(r->args.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_decode_small(benchmark::State& state) {
  decode_loop(state, k_small, false);
}
void BM_decode_small_padded(benchmark::State& state) {
  decode_loop(state, k_small, true);
}
void BM_decode_1k(benchmark::State& state) {
  decode_loop(state, k_event_1k, false);
}
void BM_decode_1k_padded(benchmark::State& state) {
  decode_loop(state, k_event_1k, true);
}

// Encode with pre-serialised arguments into a reused buffer (what a
// broadcast does once per packet).
void encode_loop(benchmark::State& state, std::string_view event, std::string_view args) {
  std::string out;
  out.reserve(4096);
  for (auto _ : state) {
    out.clear();
    append_event(out, "/", event, args);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
}

void BM_encode_small(benchmark::State& state) {
  encode_loop(state, "chat", R"("hello")");
}
void BM_encode_1k(benchmark::State& state) {
  encode_loop(state, "message", k_object_1k);
}

// Header decode + assembler start + one 64 KiB attachment copied in.
void BM_binary_event_64k(benchmark::State& state) {
  decoder d;
  binary_assembler a;
  auto bytes = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(k_attachment.data()),
                                        k_attachment.size());
  for (auto _ : state) {
    auto r = d.decode(k_binary_header);
    if (!r || a.start(*r) != errc::ok || a.add(bytes) != errc::ok || !a.complete()) {
      state.SkipWithError("binary path failed");
      break;
    }
    benchmark::DoNotOptimize(a.attachments()[0].data());
    a.reset();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(k_binary_header.size() + k_attachment.size()));
}

// The binary header encode: placeholder + header, no attachment copy.
void BM_encode_binary_header(benchmark::State& state) {
  std::string out;
  std::string args;
  out.reserve(256);
  args.reserve(64);
  for (auto _ : state) {
    out.clear();
    args.clear();
    append_placeholder(args, 0);
    append_binary_event(out, "/", "upload", args, 1);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_decode_small);
BENCHMARK(BM_decode_small_padded);
BENCHMARK(BM_encode_small);
BENCHMARK(BM_decode_1k);
BENCHMARK(BM_decode_1k_padded);
BENCHMARK(BM_encode_1k);
BENCHMARK(BM_binary_event_64k);
BENCHMARK(BM_encode_binary_header);
