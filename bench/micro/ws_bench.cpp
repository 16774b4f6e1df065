// ws codec micro-benchmarks: frame_decoder on masked (client -> server) binary frames
// of 16 B, 1 KiB and 64 KiB, and raw unmask throughput.
//
// Each parse benchmark feeds one read's worth of back-to-back frames (about 64 KiB,
// at least one frame) from a padded buffer, as the reactor would. The buffer is fed
// again unchanged every iteration: unmasking in place toggles the payloads between
// masked and clear, which does not matter for binary frames.

#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/frame_decoder.hpp>
#include <sio/proto/ws/unmask.hpp>

#include <benchmark/benchmark.h>

#include <span>
#include <string>
#include <vector>

namespace {

using namespace sio::proto;

struct counting_sink {
  size_t messages = 0;
  size_t bytes = 0;
  bool on_message(ws::opcode, std::span<uint8_t> payload) {
    ++messages;
    bytes += payload.size();
    benchmark::DoNotOptimize(payload.data());
    return true;
  }
  bool on_ping(std::span<const uint8_t>) { return true; }
  bool on_pong(std::span<const uint8_t>) { return true; }
  bool on_close(uint16_t, std::string_view) { return true; }
  void on_protocol_error(uint16_t) {}
};

void BM_parse_masked_binary(benchmark::State& state) {
  const auto payload_size = static_cast<size_t>(state.range(0));
  const size_t frames = std::max<size_t>(1, 65536 / payload_size);
  std::string wire;
  const std::string payload(payload_size, 'x');
  for (size_t i = 0; i < frames; ++i) {
    ws::append_masked_frame(wire, ws::opcode::binary, payload, 0x37fa213d + i);
  }
  const size_t wire_size = wire.size();
  wire.append(ws::padding, '\0');
  counting_sink sink;
  ws::frame_decoder<counting_sink> decoder(sink, {.max_message_size = 1 << 20, .server = true});
  const std::span<uint8_t> in(reinterpret_cast<uint8_t*>(wire.data()), wire_size);
  for (auto _ : state) {
    const size_t used = decoder.feed(in);
    benchmark::DoNotOptimize(used);
  }
  if (sink.messages != frames * state.iterations() || decoder.failed()) {
    state.SkipWithError("decoder did not deliver every frame");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * frames * payload_size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * frames));
  state.counters["wire_bytes"] = static_cast<double>(wire_size);
}
BENCHMARK(BM_parse_masked_binary)->Arg(16)->Arg(1024)->Arg(65536);

// The same 64 KiB frame arriving in 1448-byte pieces (one TCP segment each), so the
// payload is unmasked and copied into the decoder's reassembly buffer.
void BM_parse_masked_binary_segmented(benchmark::State& state) {
  const size_t payload_size = 65536;
  const size_t segment = 1448;
  std::string wire;
  ws::append_masked_frame(wire, ws::opcode::binary, std::string(payload_size, 'x'), 0x01020304);
  const size_t wire_size = wire.size();
  wire.append(ws::padding, '\0');
  counting_sink sink;
  ws::frame_decoder<counting_sink> decoder(sink, {.max_message_size = 1 << 20, .server = true});
  auto* base = reinterpret_cast<uint8_t*>(wire.data());
  for (auto _ : state) {
    for (size_t at = 0; at < wire_size; at += segment) {
      decoder.feed(std::span<uint8_t>(base + at, std::min(segment, wire_size - at)));
    }
  }
  if (sink.messages != static_cast<size_t>(state.iterations()) || decoder.failed()) {
    state.SkipWithError("decoder did not deliver every frame");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * payload_size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_parse_masked_binary_segmented);

void BM_unmask(benchmark::State& state) {
  const auto size = static_cast<size_t>(state.range(0));
  std::vector<uint8_t> data(size, 0x5A);
  const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
  for (auto _ : state) {
    ws::unmask(data.data(), data.size(), key, 0);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}
BENCHMARK(BM_unmask)->Arg(16)->Arg(1024)->Arg(65536);

}  // namespace
