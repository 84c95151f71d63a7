// parsers/dedupe/fingerprint.h: what near-duplicate detection knows about an article body.
//
// The body is reduced to comparison words: normalize_arabic() (parsers/text/normalize.h), then the
// hamza seats folded to the bare hamza (ؤ ئ → ء, so that مسؤول and مسئول are one word) and ھ → ه,
// which the dedupe key keeps apart but copies of one text spell both ways; then every run of
// letters and digits is a word (punctuation separates, it never joins). Words are never stemmed
// and digits are kept.
//
// From the words come:
// - `shingles`: every run of kShingleWords consecutive words, hashed to 32 bits, sorted and
//   unique; two bodies are compared by how much of the shorter one the longer contains
//   (near_match.h);
// - `numbers`: every run of digits, hashed, sorted and unique: copies carry the same figures,
//   while bulletins, prices and results written from one template differ in them;
// - `bands`: kNearBands locality-sensitive buckets (MinHash, kBandRows minima per band): two
//   bodies whose shingle sets overlap (Jaccard J) share at least one bucket with probability
//   1 - (1 - J^kBandRows)^kNearBands, e.g. 0.90 at J = 0.5 and 0.99 at J = 0.65. A bucket is
//   what the store indexes to find candidates without a scan;
// - `simhash`: a 64-bit SimHash of the same shingles (the article's `simhash` field, and the
//   Hamming `distance=` logged with a near duplicate). Not used to decide: over news-length texts
//   copies reach 23 bits apart while different stories from one template come as close as 14.
//
// These choices were measured on tests/data/dedupe (docs/dedupe.md). Pure; thread-safe.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::parsers {

inline constexpr std::size_t kShingleWords = 3;
inline constexpr std::size_t kNearBands = 8;
inline constexpr std::size_t kBandRows = 2;
// Bodies with fewer shingles than this (about 20 words) are matched exactly or not at all: a
// headline-length text shares too few shingles for an overlap to mean anything.
inline constexpr std::size_t kMinNearShingles = 20;

struct NearFingerprint {
  std::uint64_t simhash = 0;
  std::vector<std::uint32_t> shingles;  // sorted, unique
  std::vector<std::uint32_t> numbers;   // sorted, unique
  std::array<std::uint64_t, kNearBands> bands{};  // all 0 when !indexable()

  // Long enough to be looked up and indexed as a near duplicate.
  bool indexable() const { return shingles.size() >= kMinNearShingles; }
};

// The comparison words of `text`, as described above.
std::vector<std::string> dedupe_words(std::string_view text);

NearFingerprint near_fingerprint(std::string_view body);

}  // namespace akhbar::parsers
