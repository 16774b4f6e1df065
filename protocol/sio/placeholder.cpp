// Attachment placeholders (socket.io-protocol v5 §"Binary data";
// socket.io-parser binary.ts _reconstructPacket).

#include <cmath>

#include <sio/proto/json/append.hpp>
#include <sio/proto/sio/placeholder.hpp>

namespace sio::proto::sio {

int placeholder_index(simdjson::dom::element v) {
  simdjson::dom::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) return -1;
  // `data._placeholder === true`: only the boolean true marks a placeholder.
  bool mark = false;
  if (obj.at_key("_placeholder").get_bool().get(mark) != simdjson::SUCCESS || !mark) return -1;
  simdjson::dom::element num;
  if (obj.at_key("num").get(num) != simdjson::SUCCESS) return -2;
  constexpr int64_t limit = int64_t{1} << 31;
  switch (num.type()) {
    case simdjson::dom::element_type::INT64: {
      int64_t n = num.get_int64().value_unsafe();
      return n >= 0 && n < limit ? static_cast<int>(n) : -2;
    }
    case simdjson::dom::element_type::UINT64:  // only values above INT64_MAX land here
      return -2;
    case simdjson::dom::element_type::DOUBLE: {
      // JSON numbers are JS numbers: 1.0 and 1e0 are the index 1.
      double d = num.get_double().value_unsafe();
      if (d >= 0 && d < static_cast<double>(limit) && std::floor(d) == d) {
        return static_cast<int>(d);
      }
      return -2;
    }
    default:
      return -2;
  }
}

void append_placeholder(std::string& out, uint32_t n) {
  out.append("{\"_placeholder\":true,\"num\":");
  json::append_uint(out, n);
  out.push_back('}');
}

}  // namespace sio::proto::sio
