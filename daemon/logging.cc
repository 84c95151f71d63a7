#include "daemon/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "util/logfmt.h"

namespace akhbar::daemon {
namespace {

// "<N>" journald priority prefix (sd-daemon.h SD_ERR..SD_DEBUG).
class JournalPriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    static constexpr const char* kPrefix[] = {"<7>", "<7>", "<6>", "<4>", "<3>", "<2>", "<6>"};
    const auto level = static_cast<std::size_t>(msg.level);
    const char* p = level < std::size(kPrefix) ? kPrefix[level] : "<6>";
    dest.append(p, p + 3);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JournalPriorityFlag>(); }
};

// Renders the logfmt payload of a message as one JSON object: {"ts":..,"level":..,"event":..,k:v...}.
class JsonPayloadFlag final : public spdlog::custom_flag_formatter {
 public:
  explicit JsonPayloadFlag(bool with_time) : with_time_(with_time) {}
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string_view text(msg.payload.data(), msg.payload.size());
    std::string out = "{";
    if (with_time_) {
      out += "\"ts\":";
      append_json_string(out, iso_time(msg.time));
      out += ',';
    }
    out += "\"level\":";
    const auto lv = spdlog::level::to_string_view(msg.level);
    append_json_string(out, std::string_view(lv.data(), lv.size()));
    std::size_t pos = 0;
    bool first = true;
    while (pos < text.size()) {
      while (pos < text.size() && text[pos] == ' ') ++pos;
      if (pos >= text.size()) break;
      std::size_t key_end = pos;
      while (key_end < text.size() && text[key_end] != '=' && text[key_end] != ' ') ++key_end;
      std::string_view key = text.substr(pos, key_end - pos);
      std::string value;
      pos = key_end;
      if (first && (pos >= text.size() || text[pos] == ' ')) {
        out += ",\"event\":";
        append_json_string(out, key);
        first = false;
        continue;
      }
      first = false;
      if (pos < text.size() && text[pos] == '=') {
        ++pos;
        if (pos < text.size() && text[pos] == '"') {
          ++pos;
          while (pos < text.size() && text[pos] != '"') {
            if (text[pos] == '\\' && pos + 1 < text.size()) {
              ++pos;
              char c = text[pos];
              value.push_back(c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c);
            } else {
              value.push_back(text[pos]);
            }
            ++pos;
          }
          ++pos;
        } else {
          std::size_t end = text.find(' ', pos);
          if (end == std::string_view::npos) end = text.size();
          value.assign(text.substr(pos, end - pos));
          pos = end;
        }
      }
      out += ',';
      append_json_string(out, key);
      out += ':';
      append_json_string(out, value);
    }
    out += '}';
    dest.append(out.data(), out.data() + out.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonPayloadFlag>(with_time_);
  }

 private:
  static std::string iso_time(spdlog::log_clock::time_point t) {
    const auto secs = spdlog::log_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
    return out;
  }
  static void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out.push_back(static_cast<char>(c));  // UTF-8 as-is
      }
    }
    out.push_back('"');
  }
  bool with_time_;
};

}  // namespace

bool stderr_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  if (env == nullptr) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(env, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

std::shared_ptr<spdlog::logger> make_logger(const LogSetup& setup) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("akhbard", sink);
  const bool journal = stderr_is_journal();
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (setup.format == "json") {
    formatter->add_flag<JsonPayloadFlag>('J', !journal);
    formatter->add_flag<JournalPriorityFlag>('*');
    formatter->set_pattern(journal ? "%*%J" : "%J");
  } else if (journal) {
    formatter->add_flag<JournalPriorityFlag>('*');
    formatter->set_pattern("%*%v");
  } else {
    formatter->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(std::string(setup.level)));
  logger->flush_on(spdlog::level::trace);
  return logger;
}

}  // namespace akhbar::daemon
