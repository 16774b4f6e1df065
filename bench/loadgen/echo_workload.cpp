#include "echo_workload.hpp"

#include <bit>

#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

#include "client_shard.hpp"
#include "payload_text.hpp"
#include "proc_stats.hpp"
#include "session.hpp"
#include "wire_format.hpp"

namespace sio::bench {

namespace sio_proto = proto::sio;

echo_workload::echo_workload(client_shard& owner, size_t sessions)
    : _owner(&owner),
      _depth(owner.options().depth),
      _ring_mask(std::bit_ceil(2 * owner.options().depth) - 1),
      _slots(sessions),
      _sent_ns(sessions * (_ring_mask + 1), 0),
      _sent_id(sessions * (_ring_mask + 1), UINT64_MAX) {
  _args = '"' + filler(owner.options().payload) + '"';
  _ack_args = '[' + _args + ']';
}

void echo_workload::begin(session& s) {
  slot_state& st = _slots[s.slot()];
  if (st.active) return;
  st.active = true;
  while (st.outstanding < _depth && s.usable()) send_one(s);
}

void echo_workload::send_one(session& s) {
  slot_state& st = _slots[s.slot()];
  const uint64_t id = st.next_id++;
  const size_t ring = static_cast<size_t>(s.slot()) * (_ring_mask + 1) + (id & _ring_mask);
  _sent_ns[ring] = mono_ns();
  _sent_id[ring] = id;
  ++st.outstanding;
  _packet.clear();
  sio_proto::append_event(_packet, "/", "echo", _args, id);
  bump(_owner->counters().sent);
  s.send_sio(_packet);
}

void echo_workload::on_packet(session& s, std::string_view text, bool padded) {
  // Fast path for the exact form JSON.stringify gives: 3<id>[<args>].
  std::string_view rest;
  if (auto id = parse_ack_fast(text, rest)) return on_ack(s, *id, rest == _ack_args);
  auto p = _owner->sio_decoder().decode(text, padded);
  if (!p || p->type != sio_proto::packet_type::ack || p->ack_id == sio_proto::no_ack) {
    bump(_owner->counters().bad);
    return;
  }
  on_ack(s, p->ack_id, p->args == _args);
}

void echo_workload::on_ack(session& s, uint64_t id, bool args_match) {
  slot_state& st = _slots[s.slot()];
  const size_t ring = static_cast<size_t>(s.slot()) * (_ring_mask + 1) + (id & _ring_mask);
  shard_counters& c = _owner->counters();
  if (_sent_id[ring] != id || st.outstanding == 0) {
    bump(c.bad);  // an ack we did not ask for, or a second one
    return;
  }
  _sent_id[ring] = UINT64_MAX;
  --st.outstanding;
  _owner->latency().record(mono_ns() - _sent_ns[ring]);
  bump(c.acked);
  if (!args_match) bump(c.bad);
  if (_owner->phase() == run_phase::measure && s.usable()) send_one(s);
}

void echo_workload::on_closed(session& s) {
  slot_state& st = _slots[s.slot()];
  st.active = false;
  st.outstanding = 0;
}

}  // namespace sio::bench
