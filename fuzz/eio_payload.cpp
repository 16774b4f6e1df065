// Fuzzes the Engine.IO v4 decoders (PROTOCOL.md §2.1-2.2) on arbitrary bytes:
//  - decode_text: accepts exactly "<0-6><anything>", and views the input;
//  - decode_payload: on error calls nothing; on success the packets, written
//    back with payload_writer, give the input again byte for byte (text records
//    are copied, and strict base64 has one encoding per byte string) and decode
//    to the same packets;
//  - base64: a decodable input re-encodes to itself; any input, encoded, decodes
//    back to itself.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <sio/proto/eio/eio.hpp>

namespace eio = sio::proto::eio;

namespace {

#define CHECK(cond)       \
  do {                    \
    if (!(cond)) abort(); \
  } while (0)

struct owned {
  eio::packet_type type;
  bool binary;
  std::string data;
  bool operator==(const owned&) const = default;
};

std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

void fuzz_text(std::string_view in) {
  auto r = eio::decode_text(in);
  if (in.empty()) {
    CHECK(!r && r.error() == eio::errc::empty_packet);
  } else if (in[0] >= '0' && in[0] <= '6') {
    CHECK(r && !r->binary && r->data.data() == in.data() + 1 && r->data.size() == in.size() - 1);
    CHECK(eio::type_char(r->type) == in[0]);
  } else {
    CHECK(!r && r.error() == eio::errc::bad_type);
  }
}

void fuzz_payload(std::string_view in, size_t max_packets) {
  std::string scratch;
  std::vector<owned> packets;
  const eio::errc e = eio::decode_payload(
      in, scratch,
      [&](const eio::packet& p) {
        packets.push_back({p.type, p.binary, std::string(p.data)});
      },
      max_packets);
  if (e != eio::errc::ok) {
    CHECK(packets.empty());
    return;
  }
  CHECK(!packets.empty() && packets.size() <= max_packets);

  std::string again;
  eio::payload_writer w(again);
  for (const owned& p : packets) {
    if (p.binary) {
      CHECK(p.type == eio::packet_type::message);
      w.binary(bytes_of(p.data));
    } else {
      w.text(p.type, p.data);
    }
  }
  CHECK(w.count() == packets.size());
  CHECK(again == in);

  std::vector<owned> second;
  std::string scratch2;
  CHECK(eio::decode_payload(again, scratch2, [&](const eio::packet& p) {
          second.push_back({p.type, p.binary, std::string(p.data)});
        }) == eio::errc::ok);
  CHECK(second == packets);
}

void fuzz_base64(std::string_view in) {
  std::string decoded = "x";
  if (eio::base64_decode_append(decoded, in)) {
    CHECK(decoded.size() == 1 + eio::base64_decoded_size(in));
    std::string text;
    eio::base64_append(text, bytes_of(std::string_view(decoded).substr(1)));
    CHECK(text == in);
  } else {
    CHECK(decoded == "x");
  }
  std::string text;
  eio::base64_append(text, bytes_of(in));
  CHECK(text.size() == eio::base64_encoded_size(in.size()));
  std::string back;
  CHECK(eio::base64_decode_append(back, text));
  CHECK(back == in);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz_text(in);
  fuzz_payload(in, eio::default_max_packets);
  // A small limit too, so the too_many_packets path is reached.
  fuzz_payload(in, 1 + size % 8);
  fuzz_base64(in);
  if (!in.empty() && in[0] == 'b') fuzz_base64(in.substr(1));
  return 0;
}
