// engine.io-protocol v4, §"HTTP long-polling": the payload's first pass.

#include <sio/proto/eio/payload.hpp>

namespace sio::proto::eio::detail {

// The reference (engine.io-parser decodePayload) splits on 0x1E and decodes each
// piece; an empty piece, an unknown type or (here) bad base64 is an error packet,
// which the server answers by closing the session with "parse error". So "",
// a leading or trailing separator and "\x1e\x1e" are all errors.
errc validate_payload(std::string_view body, std::string& scratch, size_t max_packets) {
  if (body.empty()) return errc::empty_packet;
  const char* p = body.data();
  const char* const end = p + body.size();
  size_t count = 0;
  size_t used = 0;  // decoded binary bytes in scratch
  for (;;) {
    const auto* sep = static_cast<const char*>(std::memchr(p, record_separator, end - p));
    const char* rec_end = sep != nullptr ? sep : end;
    if (++count > max_packets) return errc::too_many_packets;
    if (rec_end == p) return errc::empty_packet;
    const char c = *p;
    if (c == 'b') {
      const std::string_view text(p + 1, rec_end - p - 1);
      const size_t room = text.size() / 4 * 3;
      // Grow only, never shrink: a reused scratch reaches its high-water mark
      // once and then stops allocating (and zero-filling).
      if (scratch.size() < used + room) scratch.resize(used + room);
      const ptrdiff_t n = base64_decode_into(scratch.data() + used, text);
      if (n < 0) return errc::bad_base64;
      used += static_cast<size_t>(n);
    } else if (c < '0' || c > '6') {
      return errc::bad_type;
    }
    if (sep == nullptr) return errc::ok;
    p = sep + 1;
  }
}

}  // namespace sio::proto::eio::detail
