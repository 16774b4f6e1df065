#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <sio/engine/frame.hpp>

namespace sio::engine::detail {

/// One connection's send queue: a list of nodes in the shard's node pool.
/// 24 bytes, embedded in the connection; an idle connection holds no node.
struct send_queue {
  static constexpr uint32_t npos = UINT32_MAX;
  uint32_t head = npos;
  uint32_t tail = npos;
  uint32_t head_off = 0;  // bytes of the head node already written
  uint64_t bytes = 0;     // bytes queued and not yet written
  bool empty() const { return head == npos; }
};

/// The shard's storage behind every send_queue: a pool of 16-byte nodes, each
/// holding either a frame reference (shared bytes) or a chunk (bytes copied by
/// send(string_view); small copies queued back to back share one chunk). Nodes
/// and chunks are recycled, so steady-state sending allocates nothing.
class send_pool {
 public:
  static constexpr uint32_t chunk_capacity = 16384 - 16;

  send_pool() = default;
  ~send_pool();
  send_pool(const send_pool&) = delete;
  send_pool& operator=(const send_pool&) = delete;

  /// Appends a frame reference (taken over; empty frames are dropped).
  void push_frame(send_queue& q, frame_ref f);
  /// Appends a copy of `bytes`, filling the tail chunk first.
  void push_copy(send_queue& q, std::string_view bytes);
  /// Fills up to `max` iovecs from the front of `q`; returns how many.
  unsigned gather(const send_queue& q, iovec* iov, unsigned max) const;
  /// Drops the first `n` written bytes, releasing finished nodes.
  void consume(send_queue& q, size_t n);
  /// Releases everything queued.
  void clear(send_queue& q);

  size_t nodes_in_use() const { return _nodes.size() - _free_nodes; }

 private:
  struct chunk {
    uint32_t size;
    uint32_t next_free;  // pool link while free (as index into _chunk_pool)
    uint8_t bytes[chunk_capacity];
  };
  struct node {
    void* p;        // frame* or chunk*
    uint32_t next;  // next node of the queue, or of the free list
    uint32_t is_chunk;
  };
  uint32_t new_node(void* p, bool is_chunk);
  void free_node(uint32_t i);
  chunk* new_chunk();
  void free_chunk(chunk* c);
  static size_t node_size(const node& n);
  static const uint8_t* node_data(const node& n);

  std::vector<node> _nodes;
  uint32_t _free_head = send_queue::npos;
  size_t _free_nodes = 0;
  std::vector<chunk*> _chunk_pool;  // recycled chunks, bounded
};

}  // namespace sio::engine::detail
