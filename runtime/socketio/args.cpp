#include <sio/proto/sio/placeholder.hpp>
#include <sio/runtime/args.hpp>

namespace sio::runtime {

// The input is valid JSON (the decoder checked it), so only strings and
// nesting matter for finding the commas between top-level values.
void split_json_values(std::string_view values, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0;
  int depth = 0;
  bool in_string = false;
  auto push = [&](size_t end) {
    std::string_view v = values.substr(start, end - start);
    while (!v.empty() &&
           (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) {
      v.remove_prefix(1);
    }
    while (!v.empty() &&
           (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r')) {
      v.remove_suffix(1);
    }
    if (!v.empty()) out.push_back(v);
  };
  for (size_t i = 0; i < values.size(); ++i) {
    char c = values[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        ++depth;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case ',':
        if (depth == 0) {
          push(i);
          start = i + 1;
        }
        break;
      default:
        break;
    }
  }
  push(values.size());
}

args::args(simdjson::dom::array array, size_t skip, std::string_view raw,
           std::span<const std::string> attachments)
    : _array(array), _skip(skip), _raw(raw), _attachments(attachments) {
  const size_t n = array.size();
  _size = n > skip ? n - skip : 0;
}

void args::split() const {
  if (_parts.size() == _size) return;
  split_json_values(_raw, _parts);
}

arg args::operator[](size_t i) const {
  split();
  std::string_view raw = i < _parts.size() ? _parts[i] : std::string_view{};
  return arg(_array.at(i + _skip).value_unsafe(), raw, _attachments);
}

bool arg::is_binary() const {
  return proto::sio::placeholder_index(_json) >= 0;
}

std::span<const uint8_t> arg::bytes() const {
  int n = proto::sio::placeholder_index(_json);
  if (n < 0 || static_cast<size_t>(n) >= _attachments.size()) return {};
  const std::string& a = _attachments[static_cast<size_t>(n)];
  return {reinterpret_cast<const uint8_t*>(a.data()), a.size()};
}

std::optional<std::string_view> arg::as_string() const {
  std::string_view v;
  if (_json.get_string().get(v)) return std::nullopt;
  return v;
}

std::optional<int64_t> arg::as_int() const {
  int64_t v;
  if (_json.get_int64().get(v)) return std::nullopt;
  return v;
}

std::optional<double> arg::as_double() const {
  double v;
  if (_json.get_double().get(v)) return std::nullopt;
  return v;
}

std::optional<bool> arg::as_bool() const {
  bool v;
  if (_json.get_bool().get(v)) return std::nullopt;
  return v;
}

std::optional<std::string_view> arg::string_field(std::string_view key) const {
  std::string_view v;
  if (_json[key].get_string().get(v)) return std::nullopt;
  return v;
}

}  // namespace sio::runtime
