// sioring-server's settings: defaults < SIORING_* environment < --config file
// < flags, the app profiles, and clear failures for bad input.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "settings.hpp"

namespace {

using sio::server_app::load_settings;
using sio::server_app::settings;

std::optional<int> load(std::vector<std::string> args, settings& out) {
  args.insert(args.begin(), "sioring-server");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return load_settings(static_cast<int>(argv.size()), argv.data(), out);
}

std::string write_config(const std::string& json) {
  char path[] = "/tmp/sioring-config-XXXXXX";
  int fd = mkstemp(path);
  ::close(fd);
  std::ofstream(path) << json;
  return path;
}

class settings_test : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("SIORING_PORT");
    unsetenv("SIORING_SHARDS");
    unsetenv("SIORING_CORS_ORIGINS");
  }
};

TEST_F(settings_test, defaults) {
  settings s;
  EXPECT_FALSE(load({}, s));
  EXPECT_EQ(s.host, "127.0.0.1");
  EXPECT_EQ(s.port, 3000);
  EXPECT_EQ(s.path, "/socket.io/");
  EXPECT_EQ(s.ping_interval_ms, 25000u);
  EXPECT_EQ(s.app, "demo");
}

TEST_F(settings_test, flags_beat_config_beat_environment) {
  setenv("SIORING_PORT", "4000", 1);
  setenv("SIORING_SHARDS", "3", 1);
  setenv("SIORING_CORS_ORIGINS", "http://a,http://b", 1);
  std::string cfg = write_config(R"({"port": 5000, "ping-interval": 1234})");
  settings s;
  EXPECT_FALSE(load({"--config", cfg, "--port", "6000"}, s));
  EXPECT_EQ(s.port, 6000);               // flag
  EXPECT_EQ(s.ping_interval_ms, 1234u);  // config
  EXPECT_EQ(s.shards, 3u);               // environment
  EXPECT_EQ(s.cors_origins, (std::vector<std::string>{"http://a", "http://b"}));
  settings t;
  EXPECT_FALSE(load({"--config", cfg}, t));
  EXPECT_EQ(t.port, 5000);  // config beats environment
  std::remove(cfg.c_str());
}

TEST_F(settings_test, profiles_set_their_timings_unless_flags_say_otherwise) {
  settings s;
  EXPECT_FALSE(load({"--app", "protocol-suite"}, s));
  EXPECT_EQ(s.ping_interval_ms, 300u);
  EXPECT_EQ(s.ping_timeout_ms, 200u);
  EXPECT_EQ(s.connect_timeout_ms, 1000u);
  settings c;
  EXPECT_FALSE(load({"--app", "conformance", "--ping-interval", "900"}, c));
  EXPECT_EQ(c.ping_interval_ms, 900u);
  EXPECT_TRUE(c.recovery);
}

TEST_F(settings_test, path_is_normalised) {
  settings s;
  EXPECT_FALSE(load({"--path", "io"}, s));
  EXPECT_EQ(s.path, "/io/");
}

TEST_F(settings_test, bad_input_stops_with_a_code) {
  settings s;
  auto rc = load({"--io", "kqueue"}, s);  // CLI11 prints why and gives its error code
  ASSERT_TRUE(rc.has_value());
  EXPECT_NE(*rc, 0);
  std::string bad = write_config(R"({"port": "not a number"})");
  EXPECT_EQ(load({"--config", bad}, s), std::optional<int>(2));
  std::string unknown = write_config(R"({"colour": "blue"})");
  EXPECT_EQ(load({"--config", unknown}, s), std::optional<int>(2));
  EXPECT_EQ(load({"--config", "/nonexistent/sioring.json"}, s), std::optional<int>(2));
  std::remove(bad.c_str());
  std::remove(unknown.c_str());
}

}  // namespace
