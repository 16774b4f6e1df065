#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/server.hpp>

namespace sio::runtime {

nsp::nsp(server& srv, uint32_t index, std::string name)
    : _server(&srv), _index(index), _name(std::move(name)) {}

nsp& nsp::use(middleware m) {
  _middlewares.push_back(std::move(m));
  return *this;
}

nsp& nsp::on_connection(connection_handler h) {
  _on_connection.push_back(std::move(h));
  return *this;
}

nsp& nsp::on(std::string_view event, event_handler h) {
  _handlers.emplace_back(std::string(event), std::move(h));
  return *this;
}

const event_handler* nsp::find_handler(std::string_view event) const {
  for (const auto& [name, h] : _handlers) {
    if (name == event) return &h;
  }
  return nullptr;
}

broadcast_op nsp::to(std::string_view room) {
  return broadcast_op(*_server, *this).to(room);
}
broadcast_op nsp::in(std::string_view room) {
  return to(room);
}
broadcast_op nsp::except(std::string_view room) {
  return broadcast_op(*_server, *this).except(room);
}
broadcast_op nsp::local() {
  return broadcast_op(*_server, *this).local();
}
broadcast_op nsp::volatile_() {
  return broadcast_op(*_server, *this).volatile_();
}
broadcast_op nsp::timeout(uint32_t ms) {
  return broadcast_op(*_server, *this).timeout(ms);
}
void nsp::emit(std::string_view event, const emit_args& a) {
  broadcast_op(*_server, *this).emit(event, a);
}

}  // namespace sio::runtime
