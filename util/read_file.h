// util/read_file.h: the whole of a file, read once, with a size limit: site and daemon files,
// pages given to `akhbard extract` and `eval`, robots.txt files for `akhbard robots`.
#pragma once
#include <cstddef>
#include <string>

#include "util/result.h"

namespace akhbar {

// The bytes of `file`, or an error with where = FILE: kNotFound (no such file), kPermissionDenied,
// kInvalidInput (a directory, another read error: "cannot read: REASON"), kResourceExhausted
// (larger than `max_bytes`: "cannot read: larger than N bytes").
Result<std::string> read_file(const std::string& file, std::size_t max_bytes);

}  // namespace akhbar
