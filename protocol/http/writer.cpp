#include <sio/proto/http/writer.hpp>

#include <sio/proto/http/reason_phrase.hpp>

#include <cassert>
#include <charconv>

namespace sio::proto::http {

namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view content_length = "Content-Length: ";

// RFC 9110 §6.4.1, RFC 9112 §6.3: these statuses have no content.
bool has_no_content(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

size_t headers_size(std::span<const header> headers) {
  size_t n = 0;
  for (const header& h : headers) {
    // The writer frames the body itself, and a CR or LF would split the message.
    assert(!iequals(h.name, "content-length") && !iequals(h.name, "transfer-encoding"));
    assert(h.name.find_first_of("\r\n") == std::string_view::npos);
    assert(h.value.find_first_of("\r\n") == std::string_view::npos);
    n += h.name.size() + 2 + h.value.size() + 2;
  }
  return n;
}

void append_headers(std::string& out, std::span<const header> headers) {
  for (const header& h : headers) {
    out.append(h.name).append(": ").append(h.value).append(crlf);
  }
}

// Decimal without a temporary string: std::to_chars into a stack buffer.
void append_number(std::string& out, uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

}  // namespace

// RFC 9112 §4 (status-line), §5 (fields), §6 (body); RFC 9110 §8.6 Content-Length.
void append_response(std::string& out, int status, std::span<const header> headers,
                     std::string_view body, bool keep_alive) {
  const std::string_view reason = reason_phrase(status);
  const bool no_content = has_no_content(status);
  assert(!no_content || body.empty());
  constexpr std::string_view close = "Connection: close\r\n";
  out.reserve(out.size() + 9 + 4 + reason.size() + 2 + headers_size(headers) +
              content_length.size() + 22 + close.size() + 2 + body.size());
  out.append("HTTP/1.1 ");
  append_number(out, static_cast<uint64_t>(status));
  out.push_back(' ');
  out.append(reason).append(crlf);
  append_headers(out, headers);
  if (!no_content) {
    out.append(content_length);
    append_number(out, body.size());
    out.append(crlf);
  }
  if (!keep_alive) out.append(close);
  out.append(crlf);
  if (!no_content) out.append(body);
}

// RFC 9112 §3 (request-line), §5, §6; RFC 9110 §8.6: a request without content
// announces none, except for methods whose content is expected (length 0 is sent).
void append_request(std::string& out, std::string_view method, std::string_view target,
                    std::span<const header> headers, std::string_view body) {
  const bool announce = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  out.reserve(out.size() + method.size() + 1 + target.size() + 11 + headers_size(headers) +
              content_length.size() + 22 + 2 + body.size());
  out.append(method).push_back(' ');
  out.append(target).append(" HTTP/1.1\r\n");
  append_headers(out, headers);
  if (announce) {
    out.append(content_length);
    append_number(out, body.size());
    out.append(crlf);
  }
  out.append(crlf);
  out.append(body);
}

}  // namespace sio::proto::http
