// libFuzzer target for ws::frame_decoder (RFC 6455 §5).
//
// Input layout: byte 0 flags (bit 0: the sink sometimes stops; bits 1-3: every how
// many callbacks), byte 1 the message size limit (0: 1 000 000, else 16 * value),
// byte 2 the count n (mod 8) of chunk sizes, then n bytes of chunk sizes (value + 1,
// used in turn), then the wire bytes. The wire bytes are decoded in server and in
// client mode, each once whole and once in the chosen chunks, every chunk copied into
// its own allocation of chunk + ws::padding bytes. Checked: payload sizes within the
// limits, text and close reasons UTF-8, close codes valid, nothing called after an
// error or a close, feed() consuming what it should, and the same events whether the
// input came whole or in chunks.

#include <sio/proto/ws/frame_decoder.hpp>

#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace {

using namespace sio::proto;

#define FUZZ_CHECK(cond)       \
  do {                         \
    if (!(cond)) std::abort(); \
  } while (0)

bool utf8(const uint8_t* p, size_t n) {
  return simdjson::validate_utf8(reinterpret_cast<const char*>(p), n);
}

struct checking_sink {
  size_t limit;
  size_t stop_every;  // 0: never stop
  size_t calls = 0;
  bool dead = false;  // an error or a close was reported
  std::string log;    // every event, for comparing whole vs chunked decoding

  bool next_call() {
    FUZZ_CHECK(!dead);
    ++calls;
    return stop_every == 0 || calls % stop_every != 0;
  }
  void note(char kind, uint16_t code, const uint8_t* p, size_t n) {
    log.push_back(kind);
    log.append(std::to_string(code)).push_back(':');
    log.append(std::to_string(n)).push_back(':');
    log.append(reinterpret_cast<const char*>(p), n);
  }
  bool on_message(ws::opcode op, std::span<uint8_t> payload) {
    FUZZ_CHECK(op == ws::opcode::text || op == ws::opcode::binary);
    FUZZ_CHECK(payload.size() <= limit);
    if (op == ws::opcode::text) FUZZ_CHECK(utf8(payload.data(), payload.size()));
    // The padding promise: ASan reports a read past the allocation.
    volatile uint8_t x = 0;
    for (size_t i = 0; i < ws::padding; ++i) x = x ^ payload.data()[payload.size() + i];
    note(op == ws::opcode::text ? 't' : 'b', 0, payload.data(), payload.size());
    return next_call();
  }
  bool on_ping(std::span<const uint8_t> p) {
    FUZZ_CHECK(p.size() <= 125);
    note('i', 0, p.data(), p.size());
    return next_call();
  }
  bool on_pong(std::span<const uint8_t> p) {
    FUZZ_CHECK(p.size() <= 125);
    note('o', 0, p.data(), p.size());
    return next_call();
  }
  bool on_close(uint16_t code, std::string_view reason) {
    FUZZ_CHECK(code == ws::close_code::no_status || ws::is_valid_close_code(code));
    FUZZ_CHECK(reason.size() <= 123);
    FUZZ_CHECK(utf8(reinterpret_cast<const uint8_t*>(reason.data()), reason.size()));
    note('c', code, reinterpret_cast<const uint8_t*>(reason.data()), reason.size());
    const bool go_on = next_call();
    dead = true;
    return go_on;
  }
  void on_protocol_error(uint16_t code) {
    FUZZ_CHECK(code == 1002 || code == 1007 || code == 1009 || code == 1011);
    FUZZ_CHECK(!dead);
    note('e', code, nullptr, 0);
    dead = true;
  }
};

// Feeds one chunk, re-feeding the rest whenever the sink stopped.
void feed_chunk(ws::frame_decoder<checking_sink>& d, std::span<uint8_t> chunk) {
  size_t done = 0;
  for (;;) {
    const bool was_failed = d.failed();
    const size_t used = d.feed(chunk.subspan(done));
    FUZZ_CHECK(used <= chunk.size() - done);
    if (was_failed) FUZZ_CHECK(used == 0);
    done += used;
    if (done == chunk.size() || d.failed()) return;
    // Stopped by the sink: every event needs at least one new byte, so progress was
    // made (and this loop ends).
    FUZZ_CHECK(used > 0);
  }
}

std::string run(std::string_view wire, ws::decoder_options options, size_t stop_every,
                const uint8_t* sizes, size_t n_sizes) {
  checking_sink sink{options.max_message_size, stop_every};
  ws::frame_decoder<checking_sink> decoder(sink, options);
  size_t at = 0;
  size_t turn = 0;
  while (at < wire.size()) {
    size_t n = wire.size() - at;
    if (n_sizes != 0) n = std::min<size_t>(n, size_t{sizes[turn++ % n_sizes]} + 1);
    std::unique_ptr<uint8_t[]> buf(new uint8_t[n + ws::padding]);
    std::memcpy(buf.get(), wire.data() + at, n);
    std::memset(buf.get() + n, 0, ws::padding);
    feed_chunk(decoder, std::span<uint8_t>(buf.get(), n));
    at += n;
  }
  return sink.log;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const uint8_t flags = data[0];
  const size_t limit = data[1] == 0 ? 1'000'000 : size_t{data[1]} * 16;
  const size_t n_sizes = data[2] & 7;
  if (size < 3 + n_sizes) return 0;
  const uint8_t* sizes = data + 3;
  const std::string_view wire(reinterpret_cast<const char*>(data) + 3 + n_sizes,
                              size - 3 - n_sizes);
  const size_t stop_every = (flags & 1) ? ((flags >> 1) & 7) + 1 : 0;
  for (bool server : {true, false}) {
    const ws::decoder_options options{limit, server};
    const std::string whole = run(wire, options, stop_every, sizes, 0);
    const std::string chunked = run(wire, options, stop_every, sizes, n_sizes);
    FUZZ_CHECK(whole == chunked);
  }
  return 0;
}
