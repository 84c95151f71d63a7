// parsers/dedupe/near_match.h: are two article bodies copies of one story?
//
// Yes when both of these hold (fingerprint.h says what is compared):
// - overlap: at least kMinOverlap of the shorter body's shingles are in the longer one. Containment
//   rather than Jaccard, so that a copy with its ending cut, or one with a site's paragraph or
//   boilerplate added, still counts as a copy of the full text;
// - figures: at least kMinNumberAgreement of the shorter body's numbers appear in the longer one
//   (vacuously true when it has none). This is what tells two bulletins, price reports or results
//   written from one template apart: their wording is shared, their figures are not.
// Both thresholds were tuned on tests/data/dedupe: the hardest copies there keep 0.63 of their
// shingles, while the closest pair of different stories whose figures agree shares 0.33 (a pair
// of bulletins from one template shares 0.74 but agrees on 1 figure in 13). docs/dedupe.md.
// Pure; thread-safe.
#pragma once
#include "parsers/dedupe/fingerprint.h"

namespace akhbar::parsers {

inline constexpr double kMinOverlap = 0.6;
inline constexpr double kMinNumberAgreement = 0.6;

struct NearMatch {
  bool similar = false;
  double overlap = 0;   // |A ∩ B| / min(|A|, |B|) over the shingle sets
  double numbers = 1;   // the same over the number sets (1 when the shorter body has none)
  int distance = 0;     // Hamming distance of the two SimHashes (reported, not decided on)
};

// Symmetric. Never similar when either side is not indexable() (too short to judge).
NearMatch compare_near(const NearFingerprint& a, const NearFingerprint& b);

// |small ∩ large| / |small|, both sorted and unique; 1 when `small` is empty.
double containment(const std::vector<std::uint32_t>& small, const std::vector<std::uint32_t>& large);

}  // namespace akhbar::parsers
