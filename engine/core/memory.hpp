#pragma once

#include <cstddef>
#include <cstdlib>

// Engine-owned memory (frames, mailbox nodes, send chunks) comes from mimalloc.
// Under AddressSanitizer it comes from malloc instead, so the sanitizer sees
// every frame and catches leaks and use-after-free in them.
#if defined(__SANITIZE_ADDRESS__)
#define SIO_ENGINE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIO_ENGINE_ASAN 1
#endif
#endif

#ifndef SIO_ENGINE_ASAN
#include <mimalloc.h>
#endif

namespace sio::engine::detail {

inline void* mem_alloc(size_t n) {
#ifdef SIO_ENGINE_ASAN
  void* p = std::malloc(n);
#else
  void* p = mi_malloc(n);
#endif
  if (!p) std::abort();  // no exceptions here: out of memory is fatal
  return p;
}

inline void mem_free(void* p) {
#ifdef SIO_ENGINE_ASAN
  std::free(p);
#else
  mi_free(p);
#endif
}

}  // namespace sio::engine::detail
