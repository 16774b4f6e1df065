#include "fanout_workload.hpp"

#include <cmath>

#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

#include "client_shard.hpp"
#include "payload_text.hpp"
#include "proc_stats.hpp"
#include "session.hpp"
#include "wire_format.hpp"

namespace sio::bench {

namespace sio_proto = proto::sio;

fanout_workload::fanout_workload(client_shard& owner, size_t sessions)
    : _owner(&owner),
      _receivers(owner.options().connections),
      _publishers(owner.options().publishers),
      _depth(owner.options().depth),
      _rate_per_publisher(static_cast<double>(owner.options().rate) / owner.options().publishers),
      _slots(sessions),
      _next_seq(sessions * owner.options().publishers, 0),
      _unique(sessions * owner.options().publishers, 0),
      _filler(filler(owner.options().payload)) {}

void fanout_workload::on_ready(session& s) {
  slot_state& st = _slots[s.slot()];
  st.receiver = s.global_index() < _receivers;
  if (!st.receiver) {
    _local_publishers.push_back(&s);
    return;
  }
  st.join_ack = st.next_ack++;
  _packet.clear();
  sio_proto::append_event(_packet, "/", "join", "\"bench\"", st.join_ack);
  s.send_sio(_packet);
}

void fanout_workload::begin(const std::vector<std::unique_ptr<session>>& sessions) {
  _start_ns = mono_ns();
  shard_counters& c = _owner->counters();
  for (const auto& s : sessions) {
    slot_state& st = _slots[s->slot()];
    if (st.receiver && st.joined && s->usable()) {
      st.counted = true;
      bump(c.counted);
    }
  }
  for (session* p : _local_publishers) {
    if (p->usable()) _slots[p->slot()].active = true;
  }
  pump(_start_ns);
}

void fanout_workload::pump(uint64_t now_ns) {
  for (session* p : _local_publishers) {
    slot_state& st = _slots[p->slot()];
    if (!st.active) continue;
    uint64_t due = UINT64_MAX;
    if (_rate_per_publisher > 0) {
      const double elapsed =
          now_ns > _start_ns ? static_cast<double>(now_ns - _start_ns) / 1e9 : 0.0;
      due = static_cast<uint64_t>(std::floor(elapsed * _rate_per_publisher)) + 1;
    }
    while (st.active && st.seq < due && st.outstanding < _depth && p->usable()) publish(*p);
  }
}

void fanout_workload::publish(session& s) {
  slot_state& st = _slots[s.slot()];
  const uint32_t publisher = s.global_index() - _receivers;
  // The argument carries publisher, sequence number and send time (wire_format.hpp).
  _args.clear();
  append_fanout_arg(_args, {publisher, st.seq, mono_ns()}, _filler, _filler.size());
  _packet.clear();
  sio_proto::append_event(_packet, "/", "broadcast", _args, st.next_ack++);
  ++st.seq;
  ++st.outstanding;
  bump(_owner->counters().sent);
  s.send_sio(_packet);
}

void fanout_workload::on_packet(session& s, std::string_view text, bool padded) {
  if (text.starts_with(fanout_msg_prefix)) return on_msg(s, text.substr(fanout_msg_prefix.size()));
  std::string_view rest;
  if (auto id = parse_ack_fast(text, rest)) return on_ack(s, *id);
  // Anything else (whitespace, a namespace, escapes): the full decoder.
  auto p = _owner->sio_decoder().decode(text, padded);
  if (!p) {
    bump(_owner->counters().bad);
    return;
  }
  if (p->type == sio_proto::packet_type::ack && p->ack_id != sio_proto::no_ack) {
    return on_ack(s, p->ack_id);
  }
  if (p->type == sio_proto::packet_type::event && p->event == "msg" && p->args.size() >= 2 &&
      p->args.front() == '"') {
    return on_msg(s, p->args.substr(1));
  }
  bump(_owner->counters().bad);
}

void fanout_workload::on_ack(session& s, uint64_t id) {
  slot_state& st = _slots[s.slot()];
  shard_counters& c = _owner->counters();
  if (st.receiver) {
    if (id == st.join_ack && !st.joined) {
      st.joined = true;
      bump(c.joined);
    } else {
      bump(c.bad);
    }
    return;
  }
  if (st.outstanding == 0) {
    bump(c.bad);
    return;
  }
  --st.outstanding;
  bump(c.acked);
  if (_rate_per_publisher == 0 && _owner->phase() == run_phase::measure) {
    while (st.active && st.outstanding < _depth && s.usable()) publish(s);
  }
}

void fanout_workload::on_msg(session& s, std::string_view body) {
  const uint64_t now = mono_ns();
  slot_state& st = _slots[s.slot()];
  shard_counters& c = _owner->counters();
  const auto stamp = parse_fanout_arg(body);
  if (!stamp || stamp->publisher >= _publishers) {
    bump(c.bad);
    return;
  }
  const uint64_t publisher = stamp->publisher, seq = stamp->seq, sent_ns = stamp->sent_ns;
  if (!st.counted && _owner->phase() == run_phase::setup) {
    _owner->sync_phase();  // the publisher's shard saw the window open first
  }
  if (!st.counted) return;  // joined after the window opened: not part of the tally
  _owner->latency().record(now > sent_ns ? now - sent_ns : 0);
  const size_t i = static_cast<size_t>(s.slot()) * _publishers + publisher;
  if (seq >= _next_seq[i]) {
    // In order (one connection per receiver keeps order); a jump leaves a gap
    // that the tally counts as lost.
    _next_seq[i] = static_cast<uint32_t>(seq + 1);
    ++_unique[i];
    bump(c.delivered);
  } else {
    bump(c.duplicated);
  }
}

void fanout_workload::on_closed(session& s) {
  slot_state& st = _slots[s.slot()];
  st.active = false;
  if (st.counted && !st.lost) {
    st.lost = true;
    bump(_owner->counters().counted_lost);
  }
}

std::vector<std::pair<uint32_t, uint64_t>> fanout_workload::sent_by_publisher() const {
  std::vector<std::pair<uint32_t, uint64_t>> out;
  for (const session* p : _local_publishers) {
    out.emplace_back(p->global_index() - _receivers, _slots[p->slot()].seq);
  }
  return out;
}

void fanout_workload::tally(const std::vector<uint64_t>& sent, uint64_t& expected,
                            uint64_t& delivered) const {
  for (size_t slot = 0; slot < _slots.size(); ++slot) {
    const slot_state& st = _slots[slot];
    if (!st.counted || st.lost) continue;
    for (uint32_t p = 0; p < _publishers; ++p) {
      expected += sent[p];
      delivered += _unique[slot * _publishers + p];
    }
  }
}

}  // namespace sio::bench
