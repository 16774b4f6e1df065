// The application of tests/conformance/APP.md (filled in with the suite).
#include "apps.hpp"

namespace sio::server_app {

void install_conformance(runtime::server& srv) {
  install_demo(srv);
}

}  // namespace sio::server_app
