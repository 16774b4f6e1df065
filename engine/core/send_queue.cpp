#include "core/send_queue.hpp"

#include <algorithm>
#include <cstring>
#include <new>

#include "core/memory.hpp"

namespace sio::engine::detail {

namespace {
// Chunks kept for reuse per shard (4 MiB); beyond that, freed.
constexpr size_t max_pooled_chunks = 256;
}  // namespace

send_pool::~send_pool() {
  for (node& n : _nodes) {
    if (!n.p) continue;
    if (n.is_chunk)
      detail::mem_free(n.p);
    else
      frame_ref::from_raw(static_cast<frame*>(n.p)).reset();
  }
  for (chunk* c : _chunk_pool) detail::mem_free(c);
}

uint32_t send_pool::new_node(void* p, bool is_chunk) {
  uint32_t i = _free_head;
  if (i != send_queue::npos) {
    _free_head = _nodes[i].next;
    --_free_nodes;
  } else {
    i = static_cast<uint32_t>(_nodes.size());
    _nodes.push_back({});
  }
  _nodes[i] = {p, send_queue::npos, is_chunk ? 1u : 0u};
  return i;
}

void send_pool::free_node(uint32_t i) {
  node& n = _nodes[i];
  if (n.is_chunk)
    free_chunk(static_cast<chunk*>(n.p));
  else
    frame_ref::from_raw(static_cast<frame*>(n.p)).reset();
  n.p = nullptr;
  n.next = _free_head;
  _free_head = i;
  ++_free_nodes;
}

send_pool::chunk* send_pool::new_chunk() {
  chunk* c;
  if (!_chunk_pool.empty()) {
    c = _chunk_pool.back();
    _chunk_pool.pop_back();
  } else {
    c = static_cast<chunk*>(detail::mem_alloc(sizeof(chunk)));
  }
  c->size = 0;
  return c;
}

void send_pool::free_chunk(chunk* c) {
  if (_chunk_pool.size() < max_pooled_chunks)
    _chunk_pool.push_back(c);
  else
    detail::mem_free(c);
}

size_t send_pool::node_size(const node& n) {
  return n.is_chunk ? static_cast<const chunk*>(n.p)->size : static_cast<const frame*>(n.p)->size();
}

const uint8_t* send_pool::node_data(const node& n) {
  return n.is_chunk ? static_cast<const chunk*>(n.p)->bytes
                    : static_cast<const frame*>(n.p)->data();
}

void send_pool::push_frame(send_queue& q, frame_ref f) {
  if (!f || f->size() == 0) return;
  const size_t size = f->size();
  const uint32_t i = new_node(f.release(), false);
  if (q.tail == send_queue::npos)
    q.head = i;
  else
    _nodes[q.tail].next = i;
  q.tail = i;
  q.bytes += size;
}

void send_pool::push_copy(send_queue& q, std::string_view bytes) {
  q.bytes += bytes.size();
  while (!bytes.empty()) {
    chunk* c = nullptr;
    // Appending behind bytes a send in flight already covers is safe: that
    // send's iovecs end where the chunk ended when it was gathered, and a
    // chunk never moves.
    if (q.tail != send_queue::npos && _nodes[q.tail].is_chunk) {
      c = static_cast<chunk*>(_nodes[q.tail].p);
      if (c->size == chunk_capacity) c = nullptr;
    }
    if (!c) {
      c = new_chunk();
      const uint32_t i = new_node(c, true);
      if (q.tail == send_queue::npos)
        q.head = i;
      else
        _nodes[q.tail].next = i;
      q.tail = i;
    }
    const size_t n = std::min<size_t>(bytes.size(), chunk_capacity - c->size);
    std::memcpy(c->bytes + c->size, bytes.data(), n);
    c->size += static_cast<uint32_t>(n);
    bytes.remove_prefix(n);
  }
}

unsigned send_pool::gather(const send_queue& q, iovec* iov, unsigned max) const {
  unsigned n = 0;
  uint32_t off = q.head_off;
  for (uint32_t i = q.head; i != send_queue::npos && n < max; i = _nodes[i].next) {
    const node& nd = _nodes[i];
    const size_t size = node_size(nd);
    if (size > off) {
      iov[n].iov_base = const_cast<uint8_t*>(node_data(nd)) + off;
      iov[n].iov_len = size - off;
      ++n;
    }
    off = 0;
  }
  return n;
}

void send_pool::consume(send_queue& q, size_t n) {
  q.bytes -= n < q.bytes ? n : q.bytes;
  while (q.head != send_queue::npos) {
    const size_t left = node_size(_nodes[q.head]) - q.head_off;
    if (n < left) {
      q.head_off += static_cast<uint32_t>(n);
      return;
    }
    // Fully written: the node (and its chunk) go back to the pools, so an idle
    // connection holds nothing.
    n -= left;
    const uint32_t next = _nodes[q.head].next;
    free_node(q.head);
    q.head = next;
    q.head_off = 0;
    if (next == send_queue::npos) q.tail = send_queue::npos;
  }
}

void send_pool::clear(send_queue& q) {
  for (uint32_t i = q.head; i != send_queue::npos;) {
    const uint32_t next = _nodes[i].next;
    free_node(i);
    i = next;
  }
  q = send_queue{};
}

}  // namespace sio::engine::detail
