// parsers/text/sha256.h: SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits: the
// dedupe key (normalize.h content_hash) and a site file's config_hash (config.h) are these.
// A small portable implementation rather than OpenSSL's: the inputs are one article or one YAML
// file, and not linking libcrypto keeps its ~21,000 relocations out of every akhbard start-up.
// Hashes public text only, so it makes no constant-time claims. Pure, thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

std::string sha256_hex(std::string_view bytes);

}  // namespace akhbar::parsers
