#include "parsers/dedupe/near_match.h"

#include <bit>

namespace akhbar::parsers {

double containment(const std::vector<std::uint32_t>& small, const std::vector<std::uint32_t>& large) {
  if (small.empty()) return 1;
  std::size_t i = 0, j = 0, shared = 0;
  while (i < small.size() && j < large.size()) {
    if (small[i] < large[j]) {
      ++i;
    } else if (large[j] < small[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(small.size());
}

NearMatch compare_near(const NearFingerprint& a, const NearFingerprint& b) {
  NearMatch m;
  m.distance = std::popcount(a.simhash ^ b.simhash);
  if (!a.indexable() || !b.indexable()) return m;
  const bool a_shorter = a.shingles.size() < b.shingles.size() ||
                         (a.shingles.size() == b.shingles.size() && a.numbers.size() <= b.numbers.size());
  const NearFingerprint& shorter = a_shorter ? a : b;
  const NearFingerprint& longer = a_shorter ? b : a;
  m.overlap = containment(shorter.shingles, longer.shingles);
  m.numbers = containment(shorter.numbers, longer.numbers);
  m.similar = m.overlap >= kMinOverlap && m.numbers >= kMinNumberAgreement;
  return m;
}

}  // namespace akhbar::parsers
