// util/thread_name.h: names the calling thread, as `top -H`, `ps -L`, perf and gdb show it
// (Linux keeps 15 bytes of it).
#pragma once

namespace akhbar {

void name_this_thread(const char* name);

}  // namespace akhbar
