// tests/support/fault_routes.h: ready-made Routes for the faults issue 4 lists, so every
// integration test builds them the same way:
//   server.route("/loop", redirect_to("/loop"));                               // redirect loop
//   server.route("/old", redirect_to("/new", 301));                            // source moved
//   server.route_sequence("/x", {retry_after(429, "2"), ok_html(page)});     // 429 then 200
//   server.route_sequence("/y", {unavailable(), unavailable(), ok_html(page)}); // 503 ×2 then 200
//   server.route("/bomb", gzip_bomb(50 * 1000 * 1000));                         // 248 bytes → 50 MB
//   server.route("/fat", huge_header(1024 * 1024));                             // one 1 MiB header
//   server.route("/robots.txt", robots_txt(500, ""));                           // or 404, or a body
// Slow bodies, resets mid-body and truncated Content-Length are Route::fault values
// (test_http_server.h); a pause before answering is Route::delay_ms.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "tests/support/test_http_server.h"

namespace akhbar::testing {

// A gzip member (RFC 1952) of `plain`, best compression.
std::string gzip(std::string_view plain);

// 200 text/html; charset=utf-8.
Route ok_html(std::string body);
// A redirect with `Location: location` (relative or absolute) and a tiny HTML body.
Route redirect_to(std::string location, int status = 302);
// 429 or 503 with the given Retry-After value ("" sends none) and an Arabic error page.
Route retry_after(int status, std::string value);
// 503 without Retry-After.
Route unavailable();
// `inflated_bytes` of zeros gzipped twice and sent with `Content-Encoding: gzip, gzip`: a few
// hundred bytes on the wire, `inflated_bytes` once curl has decoded both layers.
Route gzip_bomb(std::size_t inflated_bytes);
// 200 with one `X-Padding` header whose value is `bytes` long (a single huge header line).
Route huge_header(std::size_t bytes);
// 200 with `count` headers `X-Pad-N` of `each` bytes each (many ordinary-sized lines).
Route many_headers(std::size_t count, std::size_t each);
// robots.txt: `status` with a text/plain body.
Route robots_txt(int status, std::string body);

}  // namespace akhbar::testing
