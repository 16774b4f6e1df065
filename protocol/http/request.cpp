#include <sio/proto/http/request.hpp>

namespace sio::proto::http {

bool request::has_header(std::string_view name) const {
  for (const http::header& h : headers) {
    if (iequals(h.name, name)) return true;
  }
  return false;
}

}  // namespace sio::proto::http
