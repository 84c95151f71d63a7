#include "config/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "config/config.h"
#include "util/ascii.h"
#include "util/read_file.h"

namespace akhbar::config::detail {
namespace {

// A config file larger than this is a mistake (a log or a database passed by accident), not config.
constexpr std::size_t kMaxConfigBytes = 4 * 1024 * 1024;
// A suggestion further than this many edits away is noise rather than help.
constexpr std::size_t kMaxSuggestionDistance = 3;

std::string mark_text(const YAML::Mark& mark) {
  return std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace

std::string Diagnostics::where(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return file_ + ":1:1";
  return file_ + ":" + mark_text(mark);
}

void Diagnostics::error(const YAML::Mark& mark, std::string message, Errc code) {
  const bool has_position = !mark.is_null() && mark.line >= 0 && mark.column >= 0;
  add(has_position ? std::pair{mark.line, mark.column} : std::pair{0, 0},
      Error{code, std::move(message), where(mark)});
}

void Diagnostics::error_at(std::string where, std::string message, Errc code) {
  add({-1, -1}, Error{code, std::move(message), std::move(where)});
}

void Diagnostics::add(std::pair<int, int> position, Error error) {
  ++count_;
  if (out_ == nullptr) return;
  // After every error at the same or an earlier position: equal positions keep their order.
  const auto at = std::upper_bound(positions_.begin(), positions_.end(), position);
  const auto offset = at - positions_.begin();
  positions_.insert(at, position);
  out_->insert(out_->begin() + static_cast<std::ptrdiff_t>(first_) + offset, std::move(error));
}

Result<std::string> read_file_text(const std::string& file) { return read_file(file, kMaxConfigBytes); }

std::optional<YAML::Node> load_yaml_mapping(const std::string& text, Diagnostics& diag) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    diag.error(e.mark, "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  if (docs.empty() || docs.front().IsNull()) {
    diag.error(YAML::Mark::null_mark(), "the file is empty: expected a mapping of keys");
    return std::nullopt;
  }
  if (docs.size() > 1) {
    diag.error(docs[1].Mark(), "only one YAML document is allowed per file");
    return std::nullopt;
  }
  if (!docs.front().IsMap()) {
    diag.error(YAML::Mark::null_mark(),
               "expected a mapping of keys at the top level, got " + describe(docs.front()));
    return std::nullopt;
  }
  return docs.front();
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the optimal string alignment table.
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string nearest_key(std::string_view key, std::initializer_list<std::string_view> known) {
  const std::string lowered = ascii::to_lower(key);
  std::string best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : known) {
    const std::size_t d = edit_distance(lowered, candidate);
    const std::size_t longest = std::max(lowered.size(), candidate.size());
    const std::size_t limit = std::clamp<std::size_t>(longest / 2, 1, kMaxSuggestionDistance);
    if (d > limit) continue;
    if (best.empty() || d < best_distance) {
      best = std::string(candidate);
      best_distance = d;
    }
  }
  return best;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "'" + node.Scalar() + "'";
}

YAML::Mark mark_or(const YAML::Node& node, const YAML::Mark& fallback) {
  if (!node.IsDefined() || node.IsNull()) return fallback;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark;
}

MapReader::MapReader(const YAML::Node& node, std::string path,
                     std::initializer_list<std::string_view> known, Diagnostics& diag)
    : path_(std::move(path)), diag_(diag) {
  if (!node.IsDefined() || node.IsNull()) {  // "politeness:" with every key commented out
    is_map_ = true;
    return;
  }
  if (!node.IsMap()) {
    diag_.error(node.Mark(), path_ + ": expected a mapping of keys, got " + describe(node));
    return;
  }
  is_map_ = true;
  const std::string in = path_.empty() ? std::string() : " in " + path_;
  for (const auto& pair : node) {  // `pair` is a temporary the loop keeps alive; copy what we keep
    const YAML::Node key_node = pair.first;
    if (!key_node.IsScalar()) {
      diag_.error(key_node.Mark(), "keys must be plain words" + in + ", got " + describe(key_node));
      continue;
    }
    const std::string& key = key_node.Scalar();
    const bool is_known = std::find(known.begin(), known.end(), key) != known.end();
    if (!is_known) {
      std::string message = "unknown key '" + key + "'" + in;
      if (std::string near = nearest_key(key, known); !near.empty()) {
        message += " (did you mean '" + near + "'?)";
      } else {
        message += " (expected one of:";
        for (std::string_view k : known) message += " " + std::string(k);
        message += ")";
      }
      diag_.error(key_node.Mark(), std::move(message));
      continue;
    }
    if (const Entry* first = find(key)) {
      diag_.error(key_node.Mark(), "duplicate key '" + key + "'" + in + " (first given at " +
                                       mark_text(first->key_node.Mark()) + ")");
      continue;
    }
    entries_.push_back(Entry{key, key_node, pair.second});
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::string MapReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const YAML::Node* MapReader::value(std::string_view key) const {
  const Entry* e = find(key);
  return e == nullptr ? nullptr : &e->value;
}

YAML::Mark MapReader::key_mark(std::string_view key) const {
  const Entry* e = find(key);
  return e == nullptr ? YAML::Mark::null_mark() : e->key_node.Mark();
}

YAML::Mark MapReader::value_mark(std::string_view key) const {
  const Entry* e = find(key);
  if (e == nullptr) return YAML::Mark::null_mark();
  return mark_or(e->value, e->key_node.Mark());
}

std::optional<std::string> scalar_string(const YAML::Node& node, const YAML::Mark& mark,
                                         const std::string& what, Diagnostics& diag,
                                         bool allow_empty) {
  if (!node.IsScalar()) {
    diag.error(mark, what + ": expected a string, got " + describe(node));
    return std::nullopt;
  }
  if (!allow_empty && node.Scalar().empty()) {
    diag.error(mark, what + ": must not be empty");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<Millis> duration_value(const YAML::Node& node, const YAML::Mark& mark,
                                     const std::string& what, Millis min, Diagnostics& diag) {
  std::optional<Millis> d;
  if (node.IsScalar()) d = parse_duration(node.Scalar());
  if (!d) {
    diag.error(mark, what + ": expected a duration like 500ms, 5s, 10m, 6h, 1d, got " + describe(node));
    return std::nullopt;
  }
  if (*d < min) {
    diag.error(mark, what + (min.count() == 1 ? ": must be positive, got " : ": must not be negative, got ") +
                         describe(node));
    return std::nullopt;
  }
  return d;
}

bool MapReader::read_string(std::string_view key, std::string& out, bool allow_empty) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = scalar_string(*v, value_mark(key), path_of(key), diag_, allow_empty);
  if (!s) return false;
  out = std::move(*s);
  return true;
}

bool MapReader::read_int(std::string_view key, int& out, int min, int max) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  const YAML::Mark mark = value_mark(key);
  int parsed = 0;
  bool ok = false;
  if (v->IsScalar()) {
    const std::string& s = v->Scalar();
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, parsed);
    ok = !s.empty() && ec == std::errc() && ptr == end;
  }
  if (!ok) {
    diag_.error(mark, path_of(key) + ": expected a whole number, got " + describe(*v));
    return false;
  }
  if (parsed < min || parsed > max) {
    diag_.error(mark, path_of(key) + ": must be between " + std::to_string(min) + " and " +
                          std::to_string(max) + ", got " + std::to_string(parsed));
    return false;
  }
  out = parsed;
  return true;
}

bool MapReader::read_bool(std::string_view key, bool& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  bool parsed = false;
  if (!v->IsScalar() || !YAML::convert<bool>::decode(*v, parsed)) {
    diag_.error(value_mark(key), path_of(key) + ": expected true or false, got " + describe(*v));
    return false;
  }
  out = parsed;
  return true;
}

bool MapReader::read_duration(std::string_view key, Millis& out, Millis min) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto d = duration_value(*v, value_mark(key), path_of(key), min, diag_);
  if (!d) return false;
  out = *d;
  return true;
}

bool MapReader::read_size(std::string_view key, std::size_t& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  std::optional<std::size_t> size;
  if (v->IsScalar()) size = parse_size(v->Scalar());
  if (!size) {
    diag_.error(value_mark(key),
                path_of(key) + ": expected a size like 512KB, 15MB, 1GiB, got " + describe(*v));
    return false;
  }
  if (*size == 0) {
    diag_.error(value_mark(key), path_of(key) + ": must be positive, got " + describe(*v));
    return false;
  }
  out = *size;
  return true;
}

}  // namespace akhbar::config::detail
