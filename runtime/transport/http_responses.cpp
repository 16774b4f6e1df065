#include <sio/proto/http/http.hpp>
#include <sio/proto/json/writer.hpp>
#include <sio/runtime/http_responses.hpp>

#include <algorithm>

namespace sio::runtime {

namespace http = proto::http;

std::string_view cors_origin(const eio_options& o, const http::request& r) {
  if (o.cors_origins.empty()) return {};
  if (std::find(o.cors_origins.begin(), o.cors_origins.end(), "*") != o.cors_origins.end()) {
    return "*";
  }
  std::string_view origin = r.header("origin");
  if (origin.empty()) return {};
  for (const auto& allowed : o.cors_origins) {
    if (allowed == origin) return origin;
  }
  return {};
}

namespace {
// At most: content type, cache-control, three CORS headers.
struct header_list {
  http::header items[6];
  size_t n = 0;
  void add(std::string_view name, std::string_view value) { items[n++] = {name, value}; }
  void cors(std::string_view origin) {
    if (origin.empty()) return;
    add("Access-Control-Allow-Origin", origin);
    if (origin != "*") {
      add("Access-Control-Allow-Credentials", "true");
      add("Vary", "Origin");
    }
  }
  std::span<const http::header> span() const { return {items, n}; }
};
}  // namespace

void append_polling_response(std::string& out, std::string_view payload, std::string_view origin,
                             bool keep_alive) {
  header_list h;
  h.add("Content-Type", "text/plain; charset=UTF-8");
  h.add("Cache-Control", "no-store");
  h.cors(origin);
  http::append_response(out, 200, h.span(), payload, keep_alive);
}

void append_post_ok(std::string& out, std::string_view origin, bool keep_alive) {
  header_list h;
  h.add("Content-Type", "text/html");
  h.add("Cache-Control", "no-store");
  h.cors(origin);
  http::append_response(out, 200, h.span(), "ok", keep_alive);
}

void append_eio_error(std::string& out, int status, int code, std::string_view message,
                      std::string_view origin, bool keep_alive) {
  std::string body;
  proto::json::writer w(body);
  w.begin_object().key("code").integer(code).key("message").string(message).end_object();
  header_list h;
  h.add("Content-Type", "application/json");
  h.cors(origin);
  http::append_response(out, status, h.span(), body, keep_alive);
}

void append_text_error(std::string& out, int status, std::string_view message) {
  header_list h;
  h.add("Content-Type", "text/html");
  http::append_response(out, status, h.span(), message, false);
}

void append_ws_handshake_error(std::string& out, int status) {
  header_list h;
  h.add("Content-Type", "text/plain");
  if (status == 426) h.add("Sec-WebSocket-Version", "13");
  http::append_response(out, status, h.span(), http::reason_phrase(status), false);
}

void append_preflight(std::string& out, std::string_view origin, std::string_view request_headers,
                      bool keep_alive) {
  header_list h;
  h.cors(origin);
  h.add("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
  if (!request_headers.empty()) h.add("Access-Control-Allow-Headers", request_headers);
  http::append_response(out, 204, h.span(), {}, keep_alive);
}

}  // namespace sio::runtime
