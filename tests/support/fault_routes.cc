#include "tests/support/fault_routes.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include <zlib.h>

namespace akhbar::testing {

namespace {

const char* const kUnavailablePage =
    "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>الخدمة غير متاحة</title>"
    "</head><body><h1>الخدمة غير متاحة مؤقتاً</h1><p>يرجى المحاولة لاحقاً.</p></body></html>";

}  // namespace

std::string gzip(std::string_view plain) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip wrapper, as Content-Encoding: gzip expects.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::fprintf(stderr, "gzip: deflateInit2 failed\n");
    std::abort();
  }
  std::string out(deflateBound(&zs, plain.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    std::fprintf(stderr, "gzip: deflate did not finish (%d)\n", rc);
    std::abort();
  }
  return out;
}

Route ok_html(std::string body) {
  Route r;
  r.body = std::move(body);
  return r;
}

Route redirect_to(std::string location, int status) {
  Route r;
  r.status = status;
  r.body = "<html><body><a href=\"" + location + "\">نُقلت الصفحة</a></body></html>";
  r.headers = {{"Location", std::move(location)}};
  return r;
}

Route retry_after(int status, std::string value) {
  Route r;
  r.status = status;
  r.body = kUnavailablePage;
  if (!value.empty()) r.headers = {{"Retry-After", std::move(value)}};
  return r;
}

Route unavailable() { return retry_after(503, ""); }

Route gzip_bomb(std::size_t inflated_bytes) {
  Route r;
  r.body = gzip(gzip(std::string(inflated_bytes, '\0')));
  // Listed in the order applied: the outer layer is the last one.
  r.headers = {{"Content-Encoding", "gzip, gzip"}};
  return r;
}

Route huge_header(std::size_t bytes) {
  Route r;
  r.body = "<html><body><p>رأس ضخم</p></body></html>";
  r.headers = {{"X-Padding", std::string(bytes, 'a')}};
  return r;
}

Route many_headers(std::size_t count, std::size_t each) {
  Route r;
  r.body = "<html><body><p>رؤوس كثيرة</p></body></html>";
  for (std::size_t i = 0; i < count; ++i) r.headers.emplace_back("X-Pad-" + std::to_string(i), std::string(each, 'b'));
  return r;
}

Route robots_txt(int status, std::string body) {
  Route r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace akhbar::testing
