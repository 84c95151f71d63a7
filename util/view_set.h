// util/view_set.h: a set of string views for one pass of deduplication (a page's links, a feed's
// items): a flat table with linear probing, sized once for the number of inserts the caller
// expects, so that inserting allocates nothing. The viewed text must outlive the set.
#pragma once
#include <bit>
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace akhbar {

class ViewSet {
 public:
  // Room for `expected` inserts; more still work, the table doubles when half full.
  explicit ViewSet(std::size_t expected) : slots_(std::bit_ceil(expected * 2 + 2)) {}

  // True when `v` was not in the set yet (and now is).
  bool insert(std::string_view v) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    Slot& s = find(slots_, v, std::hash<std::string_view>{}(v));
    if (s.used) return false;
    s = Slot{v, std::hash<std::string_view>{}(v), true};
    ++size_;
    return true;
  }

  bool contains(std::string_view v) const {
    const std::size_t h = std::hash<std::string_view>{}(v);
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (!s.used) return false;
      if (s.hash == h && s.view == v) return true;
    }
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::string_view view;
    std::size_t hash = 0;
    bool used = false;
  };

  static Slot& find(std::vector<Slot>& slots, std::string_view v, std::size_t h) {
    for (std::size_t i = h & (slots.size() - 1);; i = (i + 1) & (slots.size() - 1)) {
      Slot& s = slots[i];
      if (!s.used || (s.hash == h && s.view == v)) return s;
    }
  }

  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (const Slot& s : slots_) {
      if (s.used) find(bigger, s.view, s.hash) = s;
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace akhbar
