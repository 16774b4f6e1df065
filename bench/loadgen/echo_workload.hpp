#pragma once
// The echo workload on one shard: every ready session keeps `depth` `echo`
// events with an ack outstanding while the window is open; each ack's latency
// (emit to ack) goes into the shard's histogram. The benchmark contract: the
// server acks exactly the arguments it got.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sio::bench {

class client_shard;
class session;

class echo_workload {
 public:
  echo_workload(client_shard& owner, size_t sessions);

  /// Starts `s` (the window opened, or `s` became ready inside it).
  void begin(session& s);
  /// A Socket.IO packet for `s` (after the Engine.IO '4').
  void on_packet(session& s, std::string_view text, bool padded);
  /// `s` was lost: its outstanding events will never be answered.
  void on_closed(session& s);

 private:
  struct slot_state {
    uint64_t next_id = 0;
    uint32_t outstanding = 0;
    bool active = false;
  };
  void send_one(session& s);
  void on_ack(session& s, uint64_t id, bool args_match);

  client_shard* _owner;
  uint32_t _depth;
  uint32_t _ring_mask;  // per-session ring of send times, indexed by ack id
  std::vector<slot_state> _slots;
  std::vector<uint64_t> _sent_ns;
  std::vector<uint64_t> _sent_id;
  std::string _args;      // the argument after the event name: "xxx…"
  std::string _ack_args;  // what the ack must carry: ["xxx…"]
  std::string _packet;
};

}  // namespace sio::bench
