#include "util/result.h"

namespace akhbar {

std::string_view errc_name(Errc code) {
  switch (code) {
    case Errc::kInvalidInput: return "invalid_input";
    case Errc::kNotFound: return "not_found";
    case Errc::kPermissionDenied: return "permission_denied";
    case Errc::kUnavailable: return "unavailable";
    case Errc::kDeadlineExceeded: return "deadline_exceeded";
    case Errc::kResourceExhausted: return "resource_exhausted";
    case Errc::kDataLoss: return "data_loss";
    case Errc::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::str() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

}  // namespace akhbar
