#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/emit_args.hpp>

namespace sio::runtime {

emit_args& emit_args::add_raw(std::string_view json) {
  if (!_json.empty()) _json += ',';
  _json.append(json);
  return *this;
}

emit_args& emit_args::add_binary(std::span<const uint8_t> bytes) {
  if (!_json.empty()) _json += ',';
  proto::sio::append_placeholder(_json, static_cast<uint32_t>(_attachments.size()));
  _attachments.emplace_back(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return *this;
}

emit_args emit_args::from_raw(std::string_view json, std::span<const std::string> attachments) {
  emit_args a;
  a._json.assign(json);
  a._attachments.assign(attachments.begin(), attachments.end());
  return a;
}

}  // namespace sio::runtime
