// parsers/text/json_relax.h (private to parsers/): JSON as templates print it, made strict enough for
// a real parser: the second attempt of the JSON Feed reader and of the JSON-LD reader, after a
// strict parse failed. Control characters inside strings are escaped (raw newlines become \n, so
// an articleBody keeps its paragraph breaks), unknown escapes ("\'") lose their backslash, lone
// surrogate escapes become U+FFFD, and a comma before '}' or ']' is dropped. Everything else is
// copied as is, so real syntax errors remain errors.
#pragma once
#include <string>
#include <string_view>

namespace akhbar::parsers {

std::string relax_json(std::string_view text);

}  // namespace akhbar::parsers
