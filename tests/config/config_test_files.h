// tests/config/config_test_files.h: helpers shared by the config tests: fixture paths, a temporary
// directory, and error formatting for failure messages.
#pragma once
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"

namespace akhbar::config::test {

namespace fs = std::filesystem;

inline const fs::path kData = fs::path(AKHBAR_TEST_DATA) / "config";
inline const fs::path kExamples = fs::path(AKHBAR_SOURCE_DIR) / "examples";

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("akhbar-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path write(const fs::path& relative, std::string_view text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  fs::path path_;
};

inline std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string where(const fs::path& file, int line, int column) {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

inline std::string all(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.str() + "\n";
  return out;
}

// Loads one site file expected to fail, returning all its errors.
inline std::vector<Error> site_errors(const fs::path& file) {
  std::vector<Error> errors;
  auto site = load_site_file(file, &errors);
  EXPECT_FALSE(site) << file;
  if (!site && !errors.empty()) {
    EXPECT_EQ(site.error().str(), errors.front().str());
  }
  return errors;
}

}  // namespace akhbar::config::test
