#include "parsers/url/url_unicode.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uidna.h>

namespace akhbar::parsers::url_unicode {
namespace {

// UIDNA objects are immutable once opened, so one serves every thread.
const UIDNA* uts46() {
  static const UIDNA* idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* u = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI, &status);
    return U_SUCCESS(status) ? u : nullptr;
  }();
  return idna;
}

}  // namespace

bool host_to_ascii(std::string_view host, std::string& out) {
  const UIDNA* idna = uts46();
  if (idna == nullptr || host.empty() || host.size() > 1024) return false;
  char buf[1024];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), buf,
                                           static_cast<int32_t>(sizeof buf), &info, &status);
  if (U_FAILURE(status) || info.errors != 0 || n <= 0) return false;
  out.assign(buf, static_cast<std::size_t>(n));
  return true;
}

bool to_nfc(std::string_view text, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) return false;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return false;
  std::string result;
  icu::StringByteSink<std::string> sink(&result);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return false;
  out = std::move(result);
  return true;
}

}  // namespace akhbar::parsers::url_unicode
