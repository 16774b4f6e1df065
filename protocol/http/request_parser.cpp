#include <sio/proto/http/request_parser.hpp>

#include "message_parser.hpp"

namespace sio::proto::http {

namespace {

http::method to_method(uint8_t m) {
  switch (static_cast<llhttp_method_t>(m)) {
    case HTTP_GET:
      return method::get;
    case HTTP_HEAD:
      return method::head;
    case HTTP_POST:
      return method::post;
    case HTTP_PUT:
      return method::put;
    case HTTP_DELETE:
      return method::delete_;
    case HTTP_OPTIONS:
      return method::options;
    case HTTP_PATCH:
      return method::patch;
    default:
      return method::other;
  }
}

// RFC 9112 §3.2: origin-form is absolute-path [ "?" query ]. A fragment is not part
// of a request-target, but if one is sent it belongs to neither path nor query.
void split_target(request& r) {
  std::string_view t = r.target;
  t = t.substr(0, t.find('#'));
  const size_t q = t.find('?');
  r.path = t.substr(0, q);
  r.query = q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

}  // namespace

// Lives in each connection's state, next to a pointer to the llhttp driver.
static_assert(sizeof(request_parser) <= 128);

request_parser::request_parser(limits l)
    : _core(std::make_unique<detail::message_parser>(HTTP_REQUEST, l)) {}

request_parser::~request_parser() = default;
request_parser::request_parser(request_parser&&) noexcept = default;
request_parser& request_parser::operator=(request_parser&&) noexcept = default;

feed_result request_parser::feed(std::string_view data) {
  const feed_result r = _core->feed(data);
  if (r.status != errc::ok) return r;
  const detail::parsed_message& m = _core->current();
  _req.method = to_method(m.method);
  _req.method_name = m.method_name;
  _req.target = m.target;
  split_target(_req);
  _req.version_major = m.version_major;
  _req.version_minor = m.version_minor;
  _req.keep_alive = m.keep_alive;
  _req.upgrade = m.upgrade;
  _req.headers = m.headers;
  _req.body = m.body;
  return r;
}

void request_parser::next() {
  _core->next();
  _req = {};
}

size_t request_parser::buffered() const {
  return _core->buffered();
}

}  // namespace sio::proto::http
