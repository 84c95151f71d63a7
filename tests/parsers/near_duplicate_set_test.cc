// The labelled set of tests/data/dedupe through the pure decision: a pair is linked when the two
// bodies share an LSH bucket (what the store's index finds) and compare_near() calls them copies.
// Floors sit a little under the figures measured when the thresholds were chosen (docs/dedupe.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <random>
#include <vector>

#include "parsers/dedupe/fingerprint.h"
#include "parsers/dedupe/near_match.h"
#include "tests/support/dedupe_set.h"

namespace akhbar::parsers {
namespace {

struct Counts {
  int tp = 0, fp = 0, fn = 0, hard_fp = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

bool share_bucket(const NearFingerprint& a, const NearFingerprint& b) {
  if (!a.indexable() || !b.indexable()) return false;
  for (std::size_t i = 0; i < kNearBands; ++i) {
    if (a.bands[i] == b.bands[i]) return true;
  }
  return false;
}

bool linked(const NearFingerprint& a, const NearFingerprint& b) {
  return share_bucket(a, b) && compare_near(a, b).similar;
}

class NearDuplicateSet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    set_ = new testing::DedupeSet(testing::load_dedupe_set(std::filesystem::path(AKHBAR_TEST_DATA) / "dedupe"));
    fps_ = new std::vector<NearFingerprint>();
    for (const auto& t : set_->texts) fps_->push_back(near_fingerprint(t.body));
  }
  static void TearDownTestSuite() {
    delete set_;
    delete fps_;
  }
  static testing::DedupeSet* set_;
  static std::vector<NearFingerprint>* fps_;
};
testing::DedupeSet* NearDuplicateSet::set_ = nullptr;
std::vector<NearFingerprint>* NearDuplicateSet::fps_ = nullptr;

TEST_F(NearDuplicateSet, HasTheSizeTheIssueAsksFor) {
  std::set<std::string> stories, negatives;
  std::map<std::string, int> copies;
  for (const auto& t : set_->texts) {
    if (t.name.find('/') != std::string::npos) {
      stories.insert(t.story);
      ++copies[t.story];
    } else {
      negatives.insert(t.story);
    }
    // What was written for the set is news-length; a copy with its ending cut may be shorter.
    const auto words = dedupe_words(t.body).size();
    const bool written = t.name.find('/') == std::string::npos || t.name.ends_with("/v0");
    EXPECT_GE(words, written ? 150u : 120u) << t.name;
    EXPECT_LE(words, 400u) << t.name;
  }
  EXPECT_GE(stories.size(), 15u);
  for (const auto& [story, n] : copies) {
    EXPECT_GE(n, 4) << story;  // the agency text and at least 3 copies
    EXPECT_LE(n, 7) << story;
  }
  EXPECT_GE(set_->hard.size() / 2, 15u);
  for (const auto& [a, b] : set_->hard) {
    EXPECT_TRUE(stories.count(a) || negatives.count(a)) << a;
    EXPECT_TRUE(stories.count(b) || negatives.count(b)) << b;
  }
}

// Every pair of texts: precision and recall of "linked", the hard negatives apart.
TEST_F(NearDuplicateSet, PairwisePrecisionAndRecallStayAboveTheirFloors) {
  Counts c;
  const auto& texts = set_->texts;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      const bool same = texts[i].story == texts[j].story;
      const bool got = linked((*fps_)[i], (*fps_)[j]);
      if (same && got) ++c.tp;
      if (same && !got) ++c.fn;
      if (!same && got) {
        ++c.fp;
        if (set_->is_hard(texts[i], texts[j])) ++c.hard_fp;
        ADD_FAILURE() << "linked different stories: " << texts[i].name << " ~ " << texts[j].name << " overlap "
                      << compare_near((*fps_)[i], (*fps_)[j]).overlap;
      }
    }
  }
  std::printf("pairwise: %d copies linked, %d missed, %d wrong links (%d hard); precision %.3f recall %.3f\n", c.tp,
              c.fn, c.fp, c.hard_fp, c.precision(), c.recall());
  EXPECT_EQ(0, c.hard_fp);
  EXPECT_GE(c.precision(), 0.995);
  EXPECT_GE(c.recall(), 0.96);
}

// As the store sees them: texts arrive one by one (in several orders) and each is linked to the
// first earlier text it matches. Linked right: the match is a copy of the same story. Missed: an
// earlier copy existed and none matched.
TEST_F(NearDuplicateSet, LinkingInArrivalOrderPutsEveryCopyInItsStory) {
  Counts c;
  const auto& texts = set_->texts;
  for (unsigned seed = 0; seed < 10; ++seed) {
    std::vector<std::size_t> order(texts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (seed > 0) std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];
      std::optional<std::size_t> match;
      bool earlier_copy = false;
      for (std::size_t m = 0; m < k; ++m) {
        const std::size_t j = order[m];
        earlier_copy = earlier_copy || texts[j].story == texts[i].story;
        if (!match && linked((*fps_)[i], (*fps_)[j])) match = j;
      }
      if (!match) {
        if (earlier_copy) ++c.fn;
      } else if (texts[*match].story == texts[i].story) {
        ++c.tp;
      } else {
        ++c.fp;
        if (set_->is_hard(texts[i], texts[*match])) ++c.hard_fp;
      }
    }
  }
  std::printf("linking (10 orders): %d linked to their story, %d missed, %d linked to another (%d hard); "
              "precision %.3f recall %.3f\n",
              c.tp, c.fn, c.fp, c.hard_fp, c.precision(), c.recall());
  EXPECT_EQ(0, c.fp);
  EXPECT_GE(c.recall(), 0.985);
}

// The thresholds are not on a cliff: half-way between the hardest copy and the closest different
// story whose figures agree, with the template bulletins stopped by their figures.
TEST_F(NearDuplicateSet, ThresholdsLeaveAMarginOnBothSides) {
  double lowest_copy = 1, highest_other = 0, highest_other_any_figures = 0;
  const auto& texts = set_->texts;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      const auto m = compare_near((*fps_)[i], (*fps_)[j]);
      if (texts[i].story == texts[j].story) {
        lowest_copy = std::min(lowest_copy, m.overlap);
        EXPECT_GE(m.numbers, kMinNumberAgreement) << texts[i].name << " ~ " << texts[j].name;
      } else {
        highest_other_any_figures = std::max(highest_other_any_figures, m.overlap);
        if (m.numbers >= kMinNumberAgreement) highest_other = std::max(highest_other, m.overlap);
      }
    }
  }
  std::printf("overlap: hardest copy %.3f, closest other story %.3f (%.3f counting those whose figures differ)\n",
              lowest_copy, highest_other, highest_other_any_figures);
  EXPECT_GE(lowest_copy - kMinOverlap, 0.02);
  EXPECT_GE(kMinOverlap - highest_other, 0.15);
}

// Why SimHash decides nothing: over news-length texts its distances for copies and look-alikes
// overlap, and 4 bands of 16 bits (the index for distance <= 3) find few copies. Printed for
// docs/dedupe.md; the assertion is what the design relies on.
TEST_F(NearDuplicateSet, SimhashAloneDoesNotSeparateCopiesFromLookAlikes) {
  struct Range {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    std::string str() {
      std::sort(v.begin(), v.end());
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f-%.2f (median %.2f)", v.front(), v.back(), v[v.size() / 2]);
      return buf;
    }
  };
  Range dist[3], overlap[3], jaccard[3];  // copies, hard pairs, other pairs
  int banded = 0, copies = 0;
  const auto& texts = set_->texts;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      const auto& a = (*fps_)[i];
      const auto& b = (*fps_)[j];
      const int k = texts[i].story == texts[j].story ? 0 : set_->is_hard(texts[i], texts[j]) ? 1 : 2;
      const auto m = compare_near(a, b);
      const double shared = m.overlap * static_cast<double>(std::min(a.shingles.size(), b.shingles.size()));
      dist[k].add(m.distance);
      overlap[k].add(m.overlap);
      jaccard[k].add(shared / (static_cast<double>(a.shingles.size() + b.shingles.size()) - shared));
      if (k == 0) {
        ++copies;
        for (int band = 0; band < 4; ++band) {
          if (((a.simhash ^ b.simhash) >> (16 * band) & 0xFFFF) == 0) {
            ++banded;
            break;
          }
        }
      }
    }
  }
  const char* names[] = {"copies", "hard pairs", "other pairs"};
  for (int k = 0; k < 3; ++k) {
    std::printf("%-11s simhash distance %s, containment %s, jaccard %s\n", names[k], dist[k].str().c_str(),
                overlap[k].str().c_str(), jaccard[k].str().c_str());
  }
  std::printf("copies sharing one of 4 SimHash bands of 16 bits: %d of %d\n", banded, copies);
  EXPECT_GE(dist[0].v.back(), dist[1].v.front());  // a far copy is farther than the closest look-alike
  EXPECT_LT(banded, copies);
}

}  // namespace
}  // namespace akhbar::parsers
