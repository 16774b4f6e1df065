#include "wire_format.hpp"

#include <charconv>

namespace sio::bench {

namespace {

// Reads "<digits>:" from the front of `s`.
bool take_number(std::string_view& s, uint64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || p == s.data() || p == s.data() + s.size() || *p != ':') return false;
  s.remove_prefix(static_cast<size_t>(p - s.data()) + 1);
  return true;
}

}  // namespace

void append_fanout_arg(std::string& out, const fanout_stamp& s, std::string_view filler,
                       size_t payload) {
  char head[80];
  char* end = head;
  char* const cap = head + sizeof head;
  end = std::to_chars(end, cap, s.publisher).ptr;
  *end++ = ':';
  end = std::to_chars(end, cap, s.seq).ptr;
  *end++ = ':';
  end = std::to_chars(end, cap, s.sent_ns).ptr;
  *end++ = ':';
  const size_t head_len = static_cast<size_t>(end - head);
  out += '"';
  out.append(head, head_len);
  if (payload > head_len) out.append(filler.substr(0, payload - head_len));
  out += '"';
}

std::optional<fanout_stamp> parse_fanout_arg(std::string_view text) {
  uint64_t publisher = 0;
  fanout_stamp s;
  if (!take_number(text, publisher) || publisher > UINT32_MAX || !take_number(text, s.seq) ||
      !take_number(text, s.sent_ns)) {
    return std::nullopt;
  }
  s.publisher = static_cast<uint32_t>(publisher);
  return s;
}

std::optional<uint64_t> parse_ack_fast(std::string_view text, std::string_view& rest) {
  if (text.size() < 3 || text[0] != '3') return std::nullopt;
  uint64_t id = 0;
  auto [p, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), id);
  // Ack ids stay below 2^53 (PROTOCOL.md §3.5); from_chars also rejects a sign.
  if (ec != std::errc{} || p == text.data() + 1 || id > (uint64_t{1} << 53) - 1) {
    return std::nullopt;
  }
  rest = text.substr(static_cast<size_t>(p - text.data()));
  if (rest.empty() || rest.front() != '[') return std::nullopt;
  return id;
}

}  // namespace sio::bench
