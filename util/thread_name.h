// util/thread_name.h: threads named as `top -H`, `ps -L`, perf and gdb show them (Linux keeps 15
// bytes of a name).
#pragma once
#include <thread>
#include <utility>

namespace akhbar {

// Names the calling thread.
void name_this_thread(const char* name);

// A thread that names itself `name` (a string literal), then runs `fn`.
template <class Fn>
std::thread named_thread(const char* name, Fn&& fn) {
  return std::thread([name, fn = std::forward<Fn>(fn)]() mutable {
    name_this_thread(name);
    fn();
  });
}

}  // namespace akhbar
