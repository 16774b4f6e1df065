#include <sio/proto/ws/ws.hpp>
#include <sio/runtime/out_packet.hpp>

namespace sio::runtime {

namespace {
// The longest server frame header (RFC 6455 §5.2: 2 + 8 length bytes, no mask).
constexpr size_t max_header = 10;
}  // namespace

std::string& out_packet_builder::start() {
  _buf.assign(max_header, '\0');
  return _buf;
}

out_packet out_packet_builder::finish(bool binary) {
  const size_t len = _buf.size() - max_header;
  uint8_t header[14];
  const size_t hlen = proto::ws::write_header(
      header, binary ? proto::ws::opcode::binary : proto::ws::opcode::text, len);
  // Right-align the header against the payload, then drop the unused prefix so
  // the frame starts at its first header byte.
  const size_t skip = max_header - hlen;
  _buf.replace(skip, hlen, reinterpret_cast<const char*>(header), hlen);
  _buf.erase(0, skip);
  out_packet p;
  p.header_size = static_cast<uint8_t>(hlen);
  p.binary = binary;
  p.frame = engine::frame::adopt(std::move(_buf));
  _buf = std::string();
  return p;
}

out_packet out_packet_builder::finish_text() {
  return finish(false);
}
out_packet out_packet_builder::finish_binary() {
  return finish(true);
}

out_packet make_text_packet(std::string_view eio_text) {
  out_packet_builder b;
  b.start().append(eio_text);
  return b.finish_text();
}

out_packet make_binary_packet(std::span<const uint8_t> bytes) {
  out_packet_builder b;
  b.start().append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return b.finish_binary();
}

}  // namespace sio::runtime
