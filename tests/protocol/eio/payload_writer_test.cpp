// engine.io-protocol v4 §"HTTP long-polling": payload_writer output byte for byte.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <sio/proto/eio/packet.hpp>
#include <sio/proto/eio/payload_writer.hpp>

namespace eio = sio::proto::eio;
using eio::packet_type;

TEST(payload_writer, spec_examples) {
  std::string out;
  eio::payload_writer w(out);
  EXPECT_TRUE(w.empty());
  w.text(packet_type::message, "hello");
  EXPECT_FALSE(w.empty());
  w.text(packet_type::ping);
  w.text(packet_type::message, "world");
  EXPECT_EQ(out,
            "4hello\x1e"
            "2\x1e"
            "4world");
  EXPECT_EQ(w.count(), 3u);
}

TEST(payload_writer, binary_records) {
  std::string out;
  eio::payload_writer w(out);
  const std::vector<uint8_t> bytes = {1, 2, 3, 4};
  w.binary(bytes);
  EXPECT_EQ(out, "bAQIDBA==");
  out.clear();
  eio::payload_writer w2(out);
  w2.text(packet_type::message, "hello");
  w2.binary(std::vector<uint8_t>{1, 2, 3});
  EXPECT_EQ(out,
            "4hello\x1e"
            "bAQID");  // engine.io-parser encodePayload
  w2.binary({});
  EXPECT_EQ(out,
            "4hello\x1e"
            "bAQID\x1e"
            "b");
}

TEST(payload_writer, raw_records) {
  std::string shared;
  eio::append_packet(shared, packet_type::message, "2[\"tick\",1]");
  std::string out;
  eio::payload_writer w(out);
  w.raw_record(shared);
  w.raw_record(shared);
  w.text(packet_type::close);
  EXPECT_EQ(out,
            "42[\"tick\",1]\x1e"
            "42[\"tick\",1]\x1e"
            "1");
}

TEST(payload_writer, appends_to_existing_bytes) {
  std::string out = "HTTP/1.1 200 OK\r\n\r\n";
  eio::payload_writer w(out);
  w.text(packet_type::noop);
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\n\r\n6");
}

TEST(payload_writer, nothing_written_until_first_record) {
  std::string out = "x";
  eio::payload_writer w(out);
  EXPECT_EQ(out, "x");
  EXPECT_TRUE(w.empty());
  EXPECT_EQ(w.count(), 0u);
}
