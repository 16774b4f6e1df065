// The application of tests/conformance/APP.md: namespaces "/", "/custom",
// "/private" (connection middleware) and the dynamic /dyn-<digits>, each
// serving every event of §3 to §6 and the demo chat of §8.
#include <memory>

#include "apps.hpp"
#include "conformance.hpp"

namespace sio::server_app {

using runtime::emit_args;

namespace {

// APP.md §2: ^/dyn-[0-9]+$.
bool is_dynamic_name(std::string_view name) {
  constexpr std::string_view prefix = "/dyn-";
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return false;
  for (char c : name.substr(prefix.size())) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// /private admits a CONNECT whose payload has the string token "secret".
void private_middleware(runtime::socket& s, runtime::next_fn next) {
  simdjson::dom::parser parser;
  simdjson::dom::element auth;
  const bool admitted = !parser.parse(s.handshake().auth).get(auth) &&
                        string_field(auth, "token") == std::string_view("secret");
  if (admitted) return next(std::nullopt);
  next(runtime::connect_error{"unauthorized", R"({"code":401})"});
}

// §2: `auth`, then `recovered` for a restored session; §6: a record when it leaves.
void on_connection(runtime::socket& s, const std::shared_ptr<conformance_state>& state) {
  s.emit("auth", emit_args().add_raw(s.handshake().auth));
  if (s.recovered()) s.emit("recovered", s.id());
  // Rooms are still readable while disconnecting; they are gone afterwards.
  s.on_disconnecting([state](runtime::socket& gone, std::string_view reason) {
    state->records.add(gone.id(), gone.nsp_name(), reason, gone.rooms());
  });
}

void install_namespace(runtime::nsp& n, const std::shared_ptr<conformance_state>& state) {
  n.on_connection([state](runtime::socket& s) { on_connection(s, state); });
  install_broadcast_events(n);
  install_operation_events(n, state);
  install_chat(n, state->nicks);
}

}  // namespace

void install_conformance(runtime::server& srv) {
  auto state = std::make_shared<conformance_state>();
  install_namespace(srv.of("/"), state);
  install_namespace(srv.of("/custom"), state);
  auto& priv = srv.of("/private");
  priv.use(private_middleware);
  install_namespace(priv, state);
  srv.dynamic(is_dynamic_name, [state](runtime::nsp& n) { install_namespace(n, state); });
}

}  // namespace sio::server_app
