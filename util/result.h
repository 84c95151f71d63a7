// util/result.h: errors as values. Result<T> is a T or the Error that explains why there is none.
// Shaped like C++23 std::expected (tl::expected from Debian's libexpected-dev), so moving later
// means changing the alias. No exception crosses a public akhbar function.
#pragma once
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace akhbar {

// Like abseil's codes: each one implies what the caller should do.
enum class Errc {
  kInvalidInput,       // bad bytes, bad config, bad URL: do not retry
  kNotFound,           // nothing there (404, no article in the page): do not retry
  kPermissionDenied,   // 401/403, robots.txt, refused address: do not retry
  kUnavailable,        // transient (reset, 5xx, DNS): retry with backoff
  kDeadlineExceeded,   // timeout: retry with backoff
  kResourceExhausted,  // a limit was hit (body too large, 429)
  kDataLoss,           // truncated or corrupt data
  kInternal,           // a bug or an impossible state
};

std::string_view errc_name(Errc code);

struct Error {
  Errc code = Errc::kInternal;
  std::string message;  // "module: what happened: detail"
  std::string where;    // "sites.d/x.yaml:12:5", a URL, or empty

  // "where: message" when there is a where, else the message.
  std::string str() const;
  bool retryable() const { return code == Errc::kUnavailable || code == Errc::kDeadlineExceeded; }
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(Errc code, std::string message, std::string where = {}) {
  return tl::make_unexpected(Error{code, std::move(message), std::move(where)});
}

}  // namespace akhbar
