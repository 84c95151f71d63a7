// `akhbard search`: on a real SQLite file holding the articles of tests/support/search_articles.h,
// in process (cmd_search) and end to end (the akhbard binary, as a user runs it).
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/commands.h"
#include "store/store.h"
#include "tests/support/search_articles.h"

namespace akhbar::daemon {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int rc = -1;
  std::string out;
  std::string err;
};

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class CliSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar-search-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = store::Store::open(db());
    ASSERT_TRUE(store) << store.error().str();
    for (auto& a : testing::search_articles()) (*store)->add_article(std::move(a));
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path db() const { return dir_ / "akhbar.db"; }

  Outcome search(SearchOptions options) {
    CommonOptions common;
    common.db = db().string();
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int rc = cmd_search(common, options);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {rc, out.str(), err.str()};
  }
  Outcome search(std::string query) {
    SearchOptions options;
    options.query = std::move(query);
    return search(options);
  }

  // The akhbard binary with `args`, stdout and stderr apart.
  Outcome akhbard(const std::vector<std::string>& args) {
    std::string command = shell_quoted(AKHBARD_BIN);
    for (const auto& a : args) command += " " + shell_quoted(a);
    const fs::path err_file = dir_ / "stderr.txt";
    command += " 2>" + shell_quoted(err_file.string());
    Outcome run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
      ADD_FAILURE() << "popen failed: " << command;
      return run;
    }
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
    const int status = ::pclose(pipe);
    run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(err_file);
    run.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
    return run;
  }

  fs::path dir_;
};

TEST_F(CliSearchTest, PrintsTitleSiteDateUrlAndASnippetInTheOriginalText) {
  const Outcome r = search("الرئيس");
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(0u, r.out.rfind("1. [الرَّئِيسُ] يستقبل وفداً اقتصادياً في دمشق\n"
                            "   sana · 2024-10-06T10:30:00+03:00 · https://sana.example/news/1\n"
                            "   استقبل [الرَّئِيسُ] صباح اليوم",
                            0))
      << r.out;
  EXPECT_NE(std::string::npos, r.out.find("\n\n2. وزير الكهرباء: تحسن ساعات التغذية في الشتاء\n"
                                          "   enab · 2024-10-10T18:00:00+03:00 · https://enab.example/news/6\n"))
      << r.out;
  EXPECT_NE(std::string::npos, r.out.find("أن [الرئيس] وجّه")) << r.out;
  EXPECT_EQ(std::string::npos, r.out.find("\n3. ")) << r.out;
}

TEST_F(CliSearchTest, AQueryWithTashkeelOrHamzaPrintsTheSameResults) {
  EXPECT_EQ(search("الرئيس").out, search("الرَّئِيسُ").out);
  const Outcome hamza = search("أحمد");
  EXPECT_EQ(0, hamza.rc);
  EXPECT_EQ(hamza.out, search("احمد").out);
  EXPECT_NE(std::string::npos, hamza.out.find("[أحمد] الخطيب يفوز")) << hamza.out;
  EXPECT_NE(std::string::npos, hamza.out.find("بينهم [احمد] الخطيب")) << hamza.out;
}

TEST_F(CliSearchTest, AnUndatedArticleShowsWhenItWasFetched) {
  const Outcome r = search("\"معرض للكتاب\"");
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_NE(std::string::npos, r.out.find("   baladi · fetched 2024-10-10T12:00:00Z · https://baladi.example/news/5\n"))
      << r.out;
}

TEST_F(CliSearchTest, FiltersAndLimit) {
  SearchOptions options;
  options.query = "في";
  options.limit = 2;
  const Outcome two = search(options);
  EXPECT_EQ(0, two.rc);
  EXPECT_NE(std::string::npos, two.out.find("\n2. ")) << two.out;
  EXPECT_EQ(std::string::npos, two.out.find("\n3. ")) << two.out;
  options.limit = 20;
  options.site = "enab";
  const Outcome site = search(options);
  EXPECT_EQ(std::string::npos, site.out.find("· sana ")) << site.out;
  EXPECT_EQ(std::string::npos, site.out.find("   sana ·")) << site.out;
  EXPECT_NE(std::string::npos, site.out.find("   enab ·")) << site.out;
  options.site.clear();
  options.since = "2024-10-11";
  const Outcome since = search(options);
  EXPECT_EQ(0, since.rc) << since.err;
  EXPECT_EQ(0u, since.out.rfind("1. منتخب سوريا", 0)) << since.out;
  EXPECT_EQ(std::string::npos, since.out.find("\n2. ")) << since.out;
}

TEST_F(CliSearchTest, ReportsBadInputAndEmptyResultsByExitCode) {
  const Outcome quote = search("\"وقف اطلاق");
  EXPECT_EQ(2, quote.rc);
  EXPECT_EQ("", quote.out);
  EXPECT_EQ("akhbard search: unclosed quote in the query (a phrase is \"two words\")\n", quote.err);
  EXPECT_EQ(2, search("OR حلب").rc);
  EXPECT_EQ(2, search("-حلب").rc);
  SearchOptions options;
  options.query = "حلب";
  options.since = "بعد قليل";
  const Outcome since = search(options);
  EXPECT_EQ(2, since.rc);
  EXPECT_NE(std::string::npos, since.err.find("--since")) << since.err;
  options.since.clear();
  options.limit = 0;
  EXPECT_EQ(2, search(options).rc);
  const Outcome none = search("القاهرة");
  EXPECT_EQ(1, none.rc);
  EXPECT_EQ("", none.out);
  EXPECT_EQ("akhbard search: no article matches\n", none.err);
}

TEST_F(CliSearchTest, TheBinaryTakesTheQueryFromTheRestOfTheLine) {
  const Outcome r = akhbard({"search", "--db", db().string(), "--limit", "5", "الرواية", "-حلب"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(0u, r.out.rfind("1. أحمد الخطيب يفوز بجائزة [الرواية] العربية\n   enab · ", 0)) << r.out;
  EXPECT_EQ(std::string::npos, r.out.find("\n2. ")) << r.out;

  const Outcome phrase = akhbard({"search", "--site", "baladi", "--db", db().string(), "--", "\"وقف إطلاق النار\"", "OR",
                              "مستشفى"});
  ASSERT_EQ(0, phrase.rc) << phrase.err;
  EXPECT_NE(std::string::npos, phrase.out.find("[وقف إطلاق النار]")) << phrase.out;

  const Outcome prefix = akhbard({"search", "--db", db().string(), "الكهرب*", "--since", "2024-10-08"});
  ASSERT_EQ(0, prefix.rc) << prefix.err;
  EXPECT_EQ(0u, prefix.out.rfind("1. وزير [الكهرباء]: تحسن", 0)) << prefix.out;
}

TEST_F(CliSearchTest, TheBinaryExplainsWhatIsWrong) {
  const Outcome bad = akhbard({"search", "--db", db().string(), "حلب", "OR"});
  EXPECT_EQ(2, bad.rc);
  EXPECT_EQ("akhbard search: OR needs a word on each side (\"a OR b\")\n", bad.err);
  const Outcome typo = akhbard({"search", "--db", db().string(), "--limt", "5", "حلب"});
  EXPECT_EQ(2, typo.rc);
  EXPECT_EQ("akhbard search: unknown option --limt\n", typo.err);
  const Outcome missing = akhbard({"search", "--db", (dir_ / "none.db").string(), "حلب"});
  EXPECT_EQ(1, missing.rc);
  EXPECT_NE(std::string::npos, missing.err.find("no such database")) << missing.err;
  EXPECT_FALSE(fs::exists(dir_ / "none.db")) << "a search never creates a store";
  const Outcome none = akhbard({"search", "--db", db().string(), "القاهرة"});
  EXPECT_EQ(1, none.rc);
  EXPECT_EQ("", none.out);
}

}  // namespace
}  // namespace akhbar::daemon
