// engine.io-protocol v4, §"HTTP long-polling": records joined by 0x1E, binary
// messages as "b" + padded base64 (what engine.io-parser's encodePayload writes).

#include <sio/proto/eio/payload_writer.hpp>

#include <sio/proto/eio/base64.hpp>
#include <sio/proto/eio/payload.hpp>

namespace sio::proto::eio {

void payload_writer::separate() {
  if (_count++ != 0) _out->push_back(record_separator);
}

void payload_writer::text(packet_type type, std::string_view data) {
  _out->reserve(_out->size() + 2 + data.size());
  separate();
  _out->push_back(type_char(type));
  _out->append(data);
}

void payload_writer::binary(std::span<const uint8_t> bytes) {
  separate();
  _out->push_back('b');
  base64_append(*_out, bytes);
}

void payload_writer::raw_record(std::string_view record) {
  _out->reserve(_out->size() + 1 + record.size());
  separate();
  _out->append(record);
}

}  // namespace sio::proto::eio
