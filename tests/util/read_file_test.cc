#include "util/read_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace akhbar {
namespace {

namespace fs = std::filesystem;

class ReadFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar-read-file-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(ReadFile, GivesEveryByte) {
  const std::string page = std::string("<p>بلدي نيوز</p>\0\xFF", 22);
  const auto read = read_file(write("page.html", page), 1024);
  ASSERT_TRUE(read) << read.error().str();
  EXPECT_EQ(*read, page);
}

TEST_F(ReadFile, SaysWhyItCannot) {
  const auto missing = read_file((dir_ / "none.yaml").string(), 1024);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kNotFound);
  EXPECT_EQ(missing.error().where, (dir_ / "none.yaml").string());
  EXPECT_EQ(missing.error().message, "cannot read: No such file or directory");

  const auto directory = read_file(dir_.string(), 1024);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, Errc::kInvalidInput);
  EXPECT_EQ(directory.error().message, "cannot read: Is a directory");

  const auto large = read_file(write("big.xml", std::string(2048, 'x')), 1024);
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().code, Errc::kResourceExhausted);
  EXPECT_EQ(large.error().message, "cannot read: larger than 1024 bytes");
}

}  // namespace
}  // namespace akhbar
