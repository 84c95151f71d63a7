// daemon/logging.h: the process logger. One line per event in logfmt (util/logfmt.h) or JSON.
// Under systemd (JOURNAL_STREAM names our stderr) lines carry a "<N>" syslog priority prefix and no
// timestamp, since journald stamps them; elsewhere "2026-11-25T16:32:12.123+0000 level=info ...".
#pragma once
#include <memory>
#include <string_view>

#include <spdlog/logger.h>

namespace akhbar::daemon {

struct LogSetup {
  std::string_view format = "logfmt";  // "logfmt" or "json"
  std::string_view level = "info";
};

// Creates the stderr logger. Library code receives it by reference; nothing uses the default logger.
std::shared_ptr<spdlog::logger> make_logger(const LogSetup& setup);

// True when stderr is connected to the systemd journal.
bool stderr_is_journal();

}  // namespace akhbar::daemon
