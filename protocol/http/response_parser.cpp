#include <sio/proto/http/response_parser.hpp>

#include "message_parser.hpp"

namespace sio::proto::http {

response_parser::response_parser(limits l)
    : _core(std::make_unique<detail::message_parser>(HTTP_RESPONSE, l)) {}

response_parser::~response_parser() = default;
response_parser::response_parser(response_parser&&) noexcept = default;
response_parser& response_parser::operator=(response_parser&&) noexcept = default;

namespace {

void fill(response& r, const detail::parsed_message& m) {
  r.status = m.status;
  r.headers = m.headers;
  r.body = m.body;
  r.keep_alive = m.keep_alive;
  r.reason = m.reason;
  r.version_major = m.version_major;
  r.version_minor = m.version_minor;
  r.upgrade = m.upgrade;
}

}  // namespace

request_parser::feed_result response_parser::feed(std::string_view data) {
  const feed_result r = _core->feed(data);
  if (r.status == errc::ok) fill(_res, _core->current());
  return r;
}

request_parser::feed_result response_parser::finish() {
  const feed_result r = _core->finish();
  if (r.status == errc::ok) fill(_res, _core->current());
  return r;
}

void response_parser::next() {
  _core->next();
  _res = {};
}

void response_parser::expect_no_body() {
  _core->expect_no_body();
}

size_t response_parser::buffered() const {
  return _core->buffered();
}

}  // namespace sio::proto::http
