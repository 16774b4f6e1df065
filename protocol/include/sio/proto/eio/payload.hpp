#pragma once
// Engine.IO v4 polling payload decoder (engine.io-protocol v4, §"HTTP
// long-polling" / "Packet encoding"; PROTOCOL.md §2.2): records separated by
// 0x1E, each "<digit><data>" or "b<base64>" (a binary message).

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <sio/proto/eio/base64.hpp>
#include <sio/proto/eio/errc.hpp>
#include <sio/proto/eio/packet.hpp>

namespace sio::proto::eio {

/// The ASCII record separator between the packets of a polling payload.
inline constexpr char record_separator = '\x1e';

/// Default record limit of decode_payload.
inline constexpr size_t default_max_packets = 4096;

namespace detail {

/// First pass of decode_payload: checks every record and decodes the binary
/// ones, back to back, into `scratch` from offset 0 (growing it only when it is
/// too small, so a reused scratch stops allocating).
errc validate_payload(std::string_view body, std::string& scratch, size_t max_packets);

/// Second pass: walks a body that validate_payload accepted. Binary records are
/// taken, in order, from the bytes validate_payload left in `decoded`.
class payload_cursor {
 public:
  payload_cursor(std::string_view body, const char* decoded) : _rest(body), _decoded(decoded) {}

  bool next(packet& out) {
    if (_done) return false;
    const void* sep = std::memchr(_rest.data(), record_separator, _rest.size());
    std::string_view rec = _rest;
    if (sep != nullptr) {
      rec = _rest.substr(0, static_cast<const char*>(sep) - _rest.data());
      _rest.remove_prefix(rec.size() + 1);
    } else {
      _done = true;
    }
    if (rec[0] == 'b') {
      const size_t n = base64_decoded_size(rec.substr(1));
      out = packet{packet_type::message, true, std::string_view(_decoded, n)};
      _decoded += n;
    } else {
      out = packet{static_cast<packet_type>(rec[0] - '0'), false, rec.substr(1)};
    }
    return true;
  }

 private:
  std::string_view _rest;
  const char* _decoded;
  bool _done = false;
};

}  // namespace detail

/// Polling payload (§"HTTP long-polling"): records separated by 0x1E, "b<base64>"
/// = binary message. Validates the whole body first; on error calls nothing and
/// returns the error (the server closes the session: "parse error"). Otherwise
/// calls fn(const packet&) for each record in order and returns errc::ok. If fn
/// returns bool, `false` stops the walk early (still errc::ok).
///
/// Text packets view `body`; binary data is decoded into `scratch` and stays
/// valid until the next call with the same scratch (scratch's size and contents
/// are otherwise unspecified). Reuse one scratch, e.g. one per shard: it grows to
/// the largest binary content seen and then stops allocating.
///
/// Errors, mirroring engine.io-parser's decodePayload (split on 0x1E, decode each
/// record, an undecodable record is an error packet): empty_packet for an empty
/// body, a leading or trailing separator or two adjacent ones; bad_type for a
/// first character outside '0'..'6' and 'b'; bad_base64 for a "b" record that is
/// not strict padded base64 (the reference's Buffer.from is lenient: sioring
/// rejects what it would silently mangle); too_many_packets past `max_packets`
/// records. Unlike the reference, which hands the records before a bad one to
/// the session and then closes it, nothing is delivered from a bad body.
template <class Fn>
errc decode_payload(std::string_view body, std::string& scratch, Fn&& fn,
                    size_t max_packets = default_max_packets) {
  if (errc e = detail::validate_payload(body, scratch, max_packets); e != errc::ok) return e;
  detail::payload_cursor cursor(body, scratch.data());
  packet p{packet_type::noop, false, {}};
  while (cursor.next(p)) {
    const packet& cp = p;
    if constexpr (std::is_same_v<std::invoke_result_t<Fn&, const packet&>, bool>) {
      if (!fn(cp)) break;
    } else {
      fn(cp);
    }
  }
  return errc::ok;
}

}  // namespace sio::proto::eio
