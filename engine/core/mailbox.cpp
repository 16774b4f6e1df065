#include <sio/engine/mailbox.hpp>

#include <new>

#include "core/memory.hpp"

namespace sio::engine {

mailbox::mailbox() : _head(&_stub), _tail(&_stub) {}

mailbox::~mailbox() {
  while (node* n = pop()) {
    n->~node();
    detail::mem_free(n);
  }
}

void mailbox::link(node* n) {
  n->next.store(nullptr, std::memory_order_relaxed);
  // The exchange orders producers; the store publishes n to the consumer. In
  // between, the queue looks empty to the consumer (see pop()).
  node* prev = _head.exchange(n, std::memory_order_acq_rel);
  prev->next.store(n, std::memory_order_release);
}

void mailbox::push(task t) {
  node* n = ::new (detail::mem_alloc(sizeof(node))) node();
  n->fn = std::move(t);
  link(n);
}

mailbox::node* mailbox::pop() {
  node* tail = _tail;
  node* next = tail->next.load(std::memory_order_acquire);
  if (tail == &_stub) {
    if (!next) return nullptr;
    _tail = next;
    tail = next;
    next = next->next.load(std::memory_order_acquire);
  }
  if (next) {
    _tail = next;
    return tail;
  }
  // tail is the last linked node. If a producer is between its exchange and its
  // store, report empty for now: that producer's wake-up follows.
  if (tail != _head.load(std::memory_order_acquire)) return nullptr;
  link(&_stub);
  next = tail->next.load(std::memory_order_acquire);
  if (next) {
    _tail = next;
    return tail;
  }
  return nullptr;
}

size_t mailbox::drain(size_t max) {
  size_t ran = 0;
  while (ran < max) {
    node* n = pop();
    if (!n) break;
    n->fn();
    n->~node();
    detail::mem_free(n);
    ++ran;
  }
  return ran;
}

bool mailbox::empty() const {
  const node* tail = _tail;
  if (tail != &_stub) return false;
  return tail->next.load(std::memory_order_acquire) == nullptr;
}

}  // namespace sio::engine
