#pragma once
// Serialisation of HTTP/1.1 messages (RFC 9112): a server's responses, a client's
// requests.

#include <sio/proto/http/header.hpp>

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace sio::proto::http {

/// Appends "HTTP/1.1 <status> <reason>\r\n", the headers, Content-Length (always,
/// also for an empty body, except 1xx/204/304, RFC 9110 §8.6), "Connection: close"
/// when !keep_alive, the blank line and the body (not for 1xx/204/304, which have
/// none, RFC 9112 §6.3). `headers` must not hold Content-Length, Transfer-Encoding or
/// Connection: close; names and values must be free of CR and LF. One reserve, no
/// other allocation once `out` has room.
void append_response(std::string& out, int status, std::span<const header> headers,
                     std::string_view body, bool keep_alive = true);

/// Appends "<method> <target> HTTP/1.1\r\n", the headers, Content-Length when the body
/// is not empty or the method is POST, PUT or PATCH (RFC 9110 §8.6), the blank line
/// and the body. The caller supplies Host (RFC 9112 §3.2) among `headers`, under the
/// same rules as append_response.
void append_request(std::string& out, std::string_view method, std::string_view target,
                    std::span<const header> headers, std::string_view body);

/// As above, for a braced list of headers: append_response(out, 200, {{"A", "b"}}, body).
inline void append_response(std::string& out, int status, std::initializer_list<header> headers,
                            std::string_view body, bool keep_alive = true) {
  append_response(out, status, std::span<const header>(headers.begin(), headers.size()), body,
                  keep_alive);
}

/// As above, for a braced list of headers.
inline void append_request(std::string& out, std::string_view method, std::string_view target,
                           std::initializer_list<header> headers, std::string_view body) {
  append_request(out, method, target, std::span<const header>(headers.begin(), headers.size()),
                 body);
}

}  // namespace sio::proto::http
