#include <sio/proto/sio/errc.hpp>

namespace sio::proto::sio {

std::string_view errc_name(errc e) {
  switch (e) {
    case errc::ok:
      return "ok";
    case errc::empty:
      return "empty";
    case errc::bad_type:
      return "bad_type";
    case errc::bad_attachments:
      return "bad_attachments";
    case errc::too_many_attachments:
      return "too_many_attachments";
    case errc::bad_ack_id:
      return "bad_ack_id";
    case errc::bad_json:
      return "bad_json";
    case errc::bad_payload:
      return "bad_payload";
    case errc::reserved_event:
      return "reserved_event";
    case errc::unexpected_binary:
      return "unexpected_binary";
    case errc::unexpected_text:
      return "unexpected_text";
    case errc::bad_placeholder:
      return "bad_placeholder";
  }
  return "unknown";
}

}  // namespace sio::proto::sio
