// daemon/cli_robots.cc: `akhbard robots --agent TOKEN FILE URL...` (INTERFACE.md): evaluates a
// saved robots.txt with the same parser and matcher a crawl uses. Prints "allowed URL" or
// "disallowed URL" per URL, then "crawl-delay N" when the agent's group sets one; parser warnings
// go to stderr as "FILE: line N: ...". Exit 0, or 1 when the file cannot be read.
#include <charconv>
#include <iostream>
#include <iterator>

#include "daemon/commands.h"
#include "parsers/robots/robots.h"
#include "util/read_file.h"

namespace akhbar::daemon {
namespace {

// The shortest text that reads back as `v`: 10 → "10", 2.5 → "2.5".
std::string shortest(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return std::to_string(v);
  return std::string(buf, end);
}

}  // namespace

int cmd_robots(const std::string& agent, const std::string& file, const std::vector<std::string>& urls) {
  auto read = read_file(file, kMaxInputFileBytes);
  if (!read) {
    std::cerr << read.error().str() << '\n';
    return 1;
  }
  const std::string& body = *read;
  const auto robots = parsers::parse_robots(body);
  for (const auto& w : robots.warnings) std::cerr << file << ": " << w << '\n';

  const auto policy = parsers::RobotsPolicy::for_agent(robots, agent);
  for (const auto& url : urls) {
    std::cout << (policy.allowed(parsers::robots_path_of(url)) ? "allowed " : "disallowed ") << url << '\n';
  }
  if (const auto delay = policy.crawl_delay_s()) std::cout << "crawl-delay " << shortest(*delay) << '\n';
  return 0;
}

}  // namespace akhbar::daemon
