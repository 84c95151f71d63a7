// util/free_with.h: a deleter that calls a C library's free function, so every C handle has
// exactly one owner: using XmlDoc = std::unique_ptr<xmlDoc, FreeWith<xmlFreeDoc>>;
#pragma once
#include <memory>

namespace akhbar {

template <auto Fn>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    if (p != nullptr) Fn(p);
  }
};

}  // namespace akhbar
