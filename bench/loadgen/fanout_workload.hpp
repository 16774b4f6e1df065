#pragma once
// The fanout workload on one shard. Receivers (sessions 0..R-1 globally) join
// room "bench" with an acked `join`; publishers (sessions R..R+P-1) send acked
// `broadcast` events while the window is open, at --rate or as fast as
// `depth` outstanding acks allow. The server emits `msg` with the broadcast's
// argument to every member; the argument carries publisher, sequence number
// and send time, so each receiver measures delivery latency and counts
// losses (gaps) and duplicates per publisher.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sio::bench {

class client_shard;
class session;

class fanout_workload {
 public:
  fanout_workload(client_shard& owner, size_t sessions);

  /// `s` reached its final transport: a receiver joins the room.
  void on_ready(session& s);
  /// The window opened: receivers in the room now are the ones counted;
  /// publishers start.
  void begin(const std::vector<std::unique_ptr<session>>& sessions);
  /// Paced publishing (called from the shard's tick while measuring).
  void pump(uint64_t now_ns);
  void on_packet(session& s, std::string_view text, bool padded);
  void on_closed(session& s);

  /// Broadcasts sent by each local publisher: (global publisher number, count).
  std::vector<std::pair<uint32_t, uint64_t>> sent_by_publisher() const;
  /// Over the counted receivers still connected: deliveries expected given
  /// `sent[p]` broadcasts from publisher p, and distinct deliveries seen.
  void tally(const std::vector<uint64_t>& sent, uint64_t& expected, uint64_t& delivered) const;

 private:
  struct slot_state {
    uint64_t next_ack = 0;  // ack id of the next event this session sends
    uint64_t join_ack = ~uint64_t{0};
    uint64_t seq = 0;          // publisher: broadcasts sent
    uint32_t outstanding = 0;  // publisher: broadcasts not acked yet
    bool receiver = false;
    bool joined = false;
    bool counted = false;  // receiver in the room when the window opened
    bool active = false;   // publisher publishing
    bool lost = false;
  };
  void publish(session& s);
  void on_ack(session& s, uint64_t id);
  void on_msg(session& s, std::string_view body);

  client_shard* _owner;
  uint32_t _receivers;   // R, global
  uint32_t _publishers;  // P, global
  uint32_t _depth;
  double _rate_per_publisher;  // broadcasts/s, 0 = as fast as acks allow
  uint64_t _start_ns = 0;
  std::vector<slot_state> _slots;
  std::vector<session*> _local_publishers;
  std::vector<uint32_t> _next_seq;  // slot × P: next sequence number expected
  std::vector<uint32_t> _unique;    // slot × P: distinct deliveries
  std::string _filler;
  std::string _args;
  std::string _packet;
};

}  // namespace sio::bench
