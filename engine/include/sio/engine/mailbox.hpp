#pragma once

#include <atomic>
#include <cstddef>

#include <sio/engine/task.hpp>

namespace sio::engine {

/// Unbounded lock-free multi-producer single-consumer queue of tasks (an
/// intrusive Vyukov queue): push() is wait-free from any thread, drain() runs
/// tasks in push order per producer on the one consumer thread. It does not
/// wake anyone; shard::post pairs it with the reactor's wake-up.
class mailbox {
 public:
  mailbox();
  /// Destroys tasks still queued without running them.
  ~mailbox();
  mailbox(const mailbox&) = delete;
  mailbox& operator=(const mailbox&) = delete;

  /// Any thread. Allocates one node (the only allocation per message).
  void push(task t);
  /// Consumer thread: runs up to `max` queued tasks; returns how many ran.
  size_t drain(size_t max);
  /// Consumer thread: true when nothing is queued. A push racing with this
  /// call may be missed; shard::post closes that window with a fence.
  bool empty() const;

 private:
  struct node {
    std::atomic<node*> next{nullptr};
    task fn;
  };
  void link(node* n);
  node* pop();

  alignas(64) std::atomic<node*> _head;
  alignas(64) node* _tail;
  node _stub;
};

}  // namespace sio::engine
