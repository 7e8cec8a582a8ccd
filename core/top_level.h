// The last line of defence of a program's main(): an exception that escaped
// every check becomes a message and exit status 2 (an input error), never an
// abort with a core dump.
#pragma once

#include <cstdio>
#include <exception>
#include <new>

#include "limits.h"

namespace radeau {

template <typename F>
int guarded(const char* program, F&& body) noexcept {
  try {
    return body();
  } catch (const limits::Exceeded& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: out of memory (the input asks for more than this machine has)\n", program);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", program, e.what());
  } catch (...) {
    std::fprintf(stderr, "%s: internal error: unknown exception\n", program);
  }
  return 2;
}

}  // namespace radeau
