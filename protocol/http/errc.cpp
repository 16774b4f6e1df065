#include <sio/proto/http/errc.hpp>

namespace sio::proto::http {

int status_for(errc e) {
  switch (e) {
    case errc::ok:
      return 200;
    case errc::need_more:
      return 0;
    case errc::bad_request:
      return 400;
    case errc::header_too_large:
    case errc::too_many_headers:
      return 431;  // RFC 6585 §5
    case errc::body_too_large:
      return 413;  // RFC 9110 §15.5.14
    case errc::unsupported_transfer_encoding:
      return 501;  // RFC 9112 §6.1
    case errc::bad_version:
      return 505;  // RFC 9110 §15.6.6
  }
  return 400;
}

std::string_view errc_name(errc e) {
  switch (e) {
    case errc::ok:
      return "ok";
    case errc::need_more:
      return "need_more";
    case errc::bad_request:
      return "bad_request";
    case errc::header_too_large:
      return "header_too_large";
    case errc::too_many_headers:
      return "too_many_headers";
    case errc::body_too_large:
      return "body_too_large";
    case errc::unsupported_transfer_encoding:
      return "unsupported_transfer_encoding";
    case errc::bad_version:
      return "bad_version";
  }
  return "unknown";
}

}  // namespace sio::proto::http
