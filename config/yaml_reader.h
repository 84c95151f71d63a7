// config/yaml_reader.h: the small toolkit config/ uses to turn yaml-cpp nodes into typed values.
// Internal to config/ (yaml-cpp is a private dependency): nothing outside this folder includes it.
//
// Every problem is recorded in a Diagnostics as an Error whose `where` is "FILE:LINE:COL" (1-based;
// yaml-cpp marks are 0-based). Readers never throw and never stop at the first error: a value that
// fails keeps the caller's default, and reading goes on so one run reports every mistake.
#pragma once
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "util/clock.h"
#include "util/result.h"

namespace akhbar::config::detail {

// Errors of one file, appended to `out` and kept in line:column order among themselves (the readers
// visit keys section by section, the reader of a config wants them top to bottom).
class Diagnostics {
 public:
  Diagnostics(std::string file, std::vector<Error>* out)
      : file_(std::move(file)), out_(out), first_(out == nullptr ? 0 : out->size()) {}

  const std::string& file() const { return file_; }
  std::size_t count() const { return count_; }

  // "FILE:LINE:COL"; a null mark (nodes that have no position) becomes "FILE:1:1".
  std::string where(const YAML::Mark& mark) const;
  void error(const YAML::Mark& mark, std::string message, Errc code = Errc::kInvalidInput);
  void error_at(std::string where, std::string message, Errc code = Errc::kInvalidInput);

 private:
  void add(std::pair<int, int> position, Error error);

  std::string file_;
  std::vector<Error>* out_;
  std::size_t first_;                           // index in *out_ of this file's first error
  std::vector<std::pair<int, int>> positions_;  // (line, column) of each error of this file
  std::size_t count_ = 0;
};

// The whole text of a file, or kNotFound / kPermissionDenied / kInvalidInput with
// message "cannot read: REASON" and where = FILE.
Result<std::string> read_file_text(const std::string& file);

// Parses YAML text into its root node; a syntax error (tab indentation, unclosed flow, bad anchor)
// becomes "invalid YAML: WHAT" at the parser's position. An empty document or a root that is not a
// mapping is reported at 1:1. Returns nullopt after reporting.
std::optional<YAML::Node> load_yaml_mapping(const std::string& text, Diagnostics& diag);

// Optimal-string-alignment distance (a transposition counts as one edit), on bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The known key closest to `key` when it is close enough to be a plausible typo, else empty.
std::string nearest_key(std::string_view key, std::initializer_list<std::string_view> known);

// How a value shows up in a message: 'text' for scalars, "a mapping", "a list", "nothing".
std::string describe(const YAML::Node& node);

// One mapping read key by key. Construction reports a non-mapping value, unknown keys (with the
// nearest known key suggested) and repeated keys. `path` ("politeness", "feeds[0]", "" for the top
// level) prefixes the key names in messages: "politeness.min_delay: ...".
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, std::initializer_list<std::string_view> known,
            Diagnostics& diag);

  bool is_map() const { return is_map_; }
  Diagnostics& diag() const { return diag_; }
  // "politeness.min_delay", or just "store" at the top level.
  std::string path_of(std::string_view key) const;

  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The value node of `key`; nullptr when absent.
  const YAML::Node* value(std::string_view key) const;
  // The position of the key itself (for errors about a key whose value is empty).
  YAML::Mark key_mark(std::string_view key) const;
  // The position of the value, or of the key when the value is null (yaml-cpp gives null values the
  // position of the next token).
  YAML::Mark value_mark(std::string_view key) const;

  // Each reader leaves `out` untouched when the key is absent or its value is wrong (reported).
  // They return true when a value was read and stored.
  bool read_string(std::string_view key, std::string& out, bool allow_empty = false) const;
  bool read_int(std::string_view key, int& out, int min, int max) const;
  bool read_bool(std::string_view key, bool& out) const;
  bool read_duration(std::string_view key, Millis& out, Millis min) const;
  bool read_size(std::string_view key, std::size_t& out) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  const Entry* find(std::string_view key) const;

  std::string path_;
  Diagnostics& diag_;
  bool is_map_ = false;
  std::vector<Entry> entries_;
};

// The same conversions for a node on its own (list items). `what` names the value in messages.
std::optional<std::string> scalar_string(const YAML::Node& node, const YAML::Mark& mark,
                                         const std::string& what, Diagnostics& diag, bool allow_empty);
std::optional<Millis> duration_value(const YAML::Node& node, const YAML::Mark& mark,
                                     const std::string& what, Millis min, Diagnostics& diag);

// Position of `node`, or `fallback` when the node is null or has no position.
YAML::Mark mark_or(const YAML::Node& node, const YAML::Mark& fallback);

}  // namespace akhbar::config::detail
