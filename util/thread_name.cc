#include "util/thread_name.h"

#include <pthread.h>

namespace akhbar {

void name_this_thread(const char* name) { (void)pthread_setname_np(pthread_self(), name); }

}  // namespace akhbar
