// tests/daemon/cli_eval_test.cc: `akhbard eval` end to end over tests/data/eval-selftest/, in process.
// The pages there are built so that each figure is known: three Arabic pages extracted exactly
// (generic, site rules with a zone, windows-1256 with a misleading <meta> and a relative date), an
// English page with the wrong title/author/date, a missing paragraph and two leaks, a page with no
// article, and one broken expected file.
#include <filesystem>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/commands.h"

namespace akhbar::daemon {
namespace {

const std::string kSelftest = std::string(AKHBAR_TEST_DATA) + "/eval-selftest";
constexpr double kEps = 1e-9;

struct EvalRun {
  int status = 0;
  std::string out, err;
};

EvalRun run_eval(const std::string& dir, bool json, const std::vector<std::string>& floors = {}) {
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  EvalRun r;
  r.status = cmd_eval(dir, json, floors);
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const nlohmann::json& page(const nlohmann::json& j, std::string_view name) {
  for (const auto& p : j["pages"]) {
    if (p["name"] == name) return p;
  }
  static const nlohmann::json kNone;
  ADD_FAILURE() << "no page " << name;
  return kNone;
}

TEST(CmdEval, ScoresEverySelftestPageInOneRun) {
  const EvalRun r = run_eval(kSelftest, true);
  ASSERT_EQ(0, r.status) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(5u, j["pages"].size());

  for (const char* name : {"ar_complete", "ar_site_rules", "ar_windows1256"}) {
    const auto& p = page(j, name);
    EXPECT_EQ("ar", p["lang"]) << name;
    EXPECT_TRUE(p["error"].is_null()) << name;
    EXPECT_EQ(true, p["title"]) << name << " got " << p["title_got"];
    EXPECT_EQ(true, p["date"]) << name << " got " << p["date_got"];
    EXPECT_NEAR(1.0, p["f1"].get<double>(), kEps) << name;
    EXPECT_NEAR(1.0, p["shingle_f1"].get<double>(), kEps) << name;
  }
  EXPECT_EQ(true, page(j, "ar_complete")["author"]);
  EXPECT_EQ(true, page(j, "ar_site_rules")["author"]);       // "مراسلنا" inside ".writer"
  EXPECT_EQ("2024-03-05T14:30:00+02:00", page(j, "ar_site_rules")["date_got"]);  // the site's zone
  EXPECT_TRUE(page(j, "ar_windows1256")["author"].is_null());  // not annotated
  EXPECT_EQ("2024-03-05T09:00:00+00:00", page(j, "ar_windows1256")["date_got"]);  // fetched_at − 3 h
  EXPECT_EQ(0, page(j, "ar_windows1256")["leaks"]);

  // en_partial: 44 of the 57 expected tokens, no extra: P 1, R 44/57, F1 88/101; 41 of 54 shingles.
  const auto& en = page(j, "en_partial");
  EXPECT_EQ(false, en["title"]);
  EXPECT_EQ(false, en["author"]);
  EXPECT_EQ(false, en["date"]);
  EXPECT_NEAR(1.0, en["precision"].get<double>(), kEps);
  EXPECT_NEAR(44.0 / 57, en["recall"].get<double>(), kEps);
  EXPECT_NEAR(88.0 / 101, en["f1"].get<double>(), kEps);
  EXPECT_NEAR(41.0 / 54, en["shingle_recall"].get<double>(), kEps);
  EXPECT_NEAR(82.0 / 95, en["shingle_f1"].get<double>(), kEps);
  EXPECT_EQ(2, en["leaks"]);
  EXPECT_EQ(nlohmann::json({"old library"}), en["missing"]);
  EXPECT_EQ(nlohmann::json({"according to the official statement"}), en["leaked"]);

  // A page with no article is listed with its error and scores 0.
  const auto& none = page(j, "xx_no_article");
  EXPECT_FALSE(none["error"].is_null());
  EXPECT_EQ(false, none["title"]);
  EXPECT_NEAR(0.0, none["f1"].get<double>(), kEps);

  const auto& all = j["overall"];
  EXPECT_EQ(5, all["pages"]);
  EXPECT_EQ(1, all["errors"]);
  EXPECT_EQ(1, all["skipped"]);
  EXPECT_EQ(3, all["title"]["pass"]);
  EXPECT_EQ(5, all["title"]["of"]);
  EXPECT_EQ(2, all["author"]["pass"]);
  EXPECT_EQ(3, all["author"]["of"]);
  EXPECT_EQ(3, all["date"]["pass"]);
  EXPECT_EQ(4, all["date"]["of"]);
  EXPECT_NEAR(0.8, all["precision"].get<double>(), kEps);                       // (1+1+1+1+0)/5
  EXPECT_NEAR((3 + 44.0 / 57) / 5, all["recall"].get<double>(), kEps);
  EXPECT_NEAR((3 + 88.0 / 101) / 5, all["f1"].get<double>(), kEps);
  EXPECT_NEAR((3 + 82.0 / 95) / 5, all["shingle_f1"].get<double>(), kEps);
  // evaluate.py: no precision for the empty page (tp + fp = 0): P = 1; R = (3 + 41/54 + 0) / 5.
  const double aeb_r = (3 + 41.0 / 54) / 5;
  EXPECT_NEAR(1.0, all["aeb"]["precision"].get<double>(), kEps);
  EXPECT_NEAR(aeb_r, all["aeb"]["recall"].get<double>(), kEps);
  EXPECT_NEAR(2 * aeb_r / (1 + aeb_r), all["aeb"]["f1"].get<double>(), kEps);
  EXPECT_NEAR(0.6, all["aeb"]["accuracy"].get<double>(), kEps);
  EXPECT_EQ(2, all["leaks"]);

  EXPECT_EQ(3, j["arabic"]["pages"]);
  EXPECT_NEAR(1.0, j["arabic"]["f1"].get<double>(), kEps);
  EXPECT_EQ(2, j["other"]["pages"]);

  ASSERT_EQ(1u, j["skipped"].size());
  EXPECT_NE(std::string::npos, j["skipped"][0].get<std::string>().find("broken.expected.json:4:")) << j["skipped"];
  EXPECT_NE(std::string::npos, r.err.find("broken.expected.json:4:")) << r.err;
}

TEST(CmdEval, PrintsATableAndTheSummaries) {
  const EvalRun r = run_eval(kSelftest, false);
  ASSERT_EQ(0, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.out.find("ar_site_rules")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("[article:")) << r.out;  // the failed page, with its reason
  EXPECT_NE(std::string::npos, r.out.find("overall  pages 5  errors 1  skipped 1")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("title 3/5 (60%)")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("\narabic ")) << r.out;
}

TEST(CmdEval, FloorsGuardTheFigures) {
  static const struct {
    std::vector<std::string> floors;
    int status;
  } kCases[] = {
      {{"f1=0.77", "title=0.6", "arabic.f1=1", "arabic.leaks=0"}, 0},
      {{"f1=0.78"}, 1},               // overall F1 is 0.774
      {{"leaks=1"}, 1},               // 2 leaks
      {{"leaks=2", "errors=1", "skipped=1"}, 0},
      {{"other.title=0.1"}, 1},       // 0 of 2
      {{"arabic.para_recall=0.5"}, 0},
      {{"f1"}, 2},                    // malformed
      {{"speed=3"}, 2},               // unknown key
      {{"f1=abc"}, 2},
  };
  for (const auto& c : kCases) {
    const EvalRun r = run_eval(kSelftest, true, c.floors);
    EXPECT_EQ(c.status, r.status) << c.floors.front() << "\n" << r.err;
  }
}

TEST(CmdEval, ReadsTheSharedConformanceCorpusWhenPresent) {
  const std::string corpus = std::string(AKHBAR_SOURCE_DIR) + "/../shared/conformance/articles";
  if (!std::filesystem::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
  const EvalRun r = run_eval(corpus, true);
  ASSERT_EQ(0, r.status) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["pages"].size(), 30u);
  EXPECT_EQ(0, j["overall"]["skipped"]) << r.err;
}

TEST(CmdEval, ADirectoryWithoutPagesFails) {
  const auto empty = std::filesystem::temp_directory_path() / "akhbar-eval-empty-dir";
  std::filesystem::create_directories(empty);
  const EvalRun r = run_eval(empty.string(), false);
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find("no pages")) << r.err;
  EXPECT_EQ(1, run_eval((empty / "missing").string(), false).status);
  std::filesystem::remove_all(empty);
}

}  // namespace
}  // namespace akhbar::daemon
