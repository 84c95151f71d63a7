// parsers/feed/gzip.cc: gzip sitemaps (sitemap.xml.gz), inflated with zlib in bounded memory.
#include <algorithm>
#include <cstdint>
#include <string>

#include <zlib.h>

#include "parsers/feed/feed_formats.h"

namespace akhbar::parsers::feed_detail {
namespace {

// zlib counts in uInt; a larger input is fed in slices of this size.
constexpr std::size_t kMaxInputSlice = 1u << 30;
// The output grows by at least this much at a time.
constexpr std::size_t kMinGrowth = 64 * 1024;
// Deflate cannot compress better than about 1032:1, so a gzip trailer claiming more is a lie not
// worth reserving memory for.
constexpr std::size_t kMaxDeflateRatio = 1032;

class Inflater {
 public:
  Inflater() = default;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() {
    if (ready_) inflateEnd(&z_);
  }
  // 16 + MAX_WBITS: a gzip wrapper (header and CRC-32 trailer), not zlib's own.
  bool init() { return ready_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK; }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  bool ready_ = false;
};

// The size the last member's trailer announces (ISIZE, the length modulo 2^32): only a hint for
// the first reservation, capped by what deflate can reach and by `cap`.
std::size_t size_hint(std::string_view bytes, std::size_t cap) {
  if (bytes.size() < 18) return kMinGrowth;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - 4);
  const std::size_t isize = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::size_t>(p[3]) << 24);
  const std::size_t plausible = std::min(isize, bytes.size() * kMaxDeflateRatio);
  return std::min(std::max(plausible, kMinGrowth), cap);
}

// Gives `out` room for at least `want` bytes without ever holding more than `cap`. libstdc++
// rounds a reservation up to twice the old capacity, which could pass `cap`; the last step is then
// an exact reservation in a fresh string.
void reserve_bounded(std::string& out, std::size_t want, std::size_t cap) {
  if (want <= out.capacity()) return;
  const std::size_t target = std::min(cap, std::max(want, out.capacity() * 2));
  if (target >= out.capacity() * 2) {
    out.reserve(target);
    return;
  }
  std::string bigger;
  bigger.reserve(target);
  bigger.assign(out);
  out.swap(bigger);
}

}  // namespace

bool is_gzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

Result<std::string> gunzip(std::string_view bytes, std::size_t limit) {
  Inflater inflater;
  if (!inflater.init()) return fail(Errc::kInternal, "gzip: inflateInit2 failed");
  z_stream& z = inflater.z();
  // One byte past the limit: producing it is how a bomb is recognised, before anything larger is
  // allocated.
  const std::size_t cap = limit == SIZE_MAX ? limit : limit + 1;
  std::string out;
  out.reserve(size_hint(bytes, cap));
  std::size_t produced = 0;
  std::size_t consumed = 0;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= cap) {
        return fail(Errc::kResourceExhausted, "gzip: inflated size passes " + std::to_string(limit) + " bytes");
      }
      const std::size_t want = std::min(cap, produced + std::max(kMinGrowth, produced / 2));
      reserve_bounded(out, want, cap);
      out.resize(std::min(out.capacity(), cap));
    }
    const std::size_t slice = std::min(bytes.size() - consumed, kMaxInputSlice);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
    z.avail_in = static_cast<uInt>(slice);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(std::min(out.size() - produced, kMaxInputSlice));
    const uInt out_before = z.avail_out;
    const int rc = inflate(&z, Z_NO_FLUSH);
    consumed += slice - z.avail_in;
    produced += out_before - z.avail_out;
    if (rc == Z_STREAM_END) {
      // Another member may follow (`cat a.gz b.gz`); anything else after the trailer (the zero
      // padding some servers append) is ignored, as gzip(1) does.
      const std::string_view rest = bytes.substr(consumed);
      if (!is_gzip(rest)) break;
      if (inflateReset(&z) != Z_OK) return fail(Errc::kInternal, "gzip: inflateReset failed");
      continue;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR) {
      if (z.avail_out == 0) continue;  // only out of room: grow and go on
      return fail(Errc::kInvalidInput, "gzip: truncated stream");
    }
    if (rc == Z_MEM_ERROR) return fail(Errc::kResourceExhausted, "gzip: out of memory");
    // Z_DATA_ERROR (bad header, bad block, CRC mismatch), Z_NEED_DICT, Z_STREAM_ERROR.
    return fail(Errc::kInvalidInput, std::string("gzip: corrupt stream: ") + (z.msg ? z.msg : "unknown error"));
  }
  if (produced > limit) {
    return fail(Errc::kResourceExhausted, "gzip: inflated size passes " + std::to_string(limit) + " bytes");
  }
  out.resize(produced);
  return out;
}

}  // namespace akhbar::parsers::feed_detail
