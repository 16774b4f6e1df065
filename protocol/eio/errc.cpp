#include <sio/proto/eio/errc.hpp>

namespace sio::proto::eio {

std::string_view errc_name(errc e) {
  switch (e) {
    case errc::ok:
      return "ok";
    case errc::empty_packet:
      return "empty_packet";
    case errc::bad_type:
      return "bad_type";
    case errc::bad_base64:
      return "bad_base64";
    case errc::too_many_packets:
      return "too_many_packets";
    case errc::bad_json:
      return "bad_json";
    case errc::bad_open:
      return "bad_open";
  }
  return "unknown";
}

}  // namespace sio::proto::eio
