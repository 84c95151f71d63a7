#include "parsers/date/date.h"

#include <charconv>
#include <chrono>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "parsers/date/date_internal.h"
#include "parsers/text/normalize.h"
#include "util/ascii.h"

namespace akhbar::parsers {
namespace {

using namespace date_detail;

// Date strings are short; a byline with a date is at most a few hundred bytes. Longer text is cut,
// which bounds the work on hostile input.
constexpr std::size_t kMaxDateTextBytes = 2048;
// Years outside this window are not Gregorian news dates (Hijri years are ~1400-1500).
constexpr int kMinYear = 1970;
constexpr int kMaxYear = 2100;
constexpr int kMinHijriYear = 1350;  // 1931 CE
constexpr int kMaxHijriYear = 1520;  // 2096 CE
// "منذ 200 عام" is history, not a publication time; also keeps WallTime arithmetic in range.
constexpr std::int64_t kMaxRelativeCount = 100000;
constexpr std::int64_t kMaxRelativeSeconds = std::int64_t{50} * 365 * 86400;

// ---------------------------------------------------------------------------------------------
// Everything else works on tokens of the normalize_arabic() form of the text.

enum class Kind { kNumber, kWord, kPunct };

struct Token {
  Kind kind;
  std::string text;
  int value = -1;  // numbers: their value, -1 when longer than 9 digits
  int digits = 0;
  bool glued = false;  // no space before it: "09:xx" is one malformed time, "2: التفاصيل" is not a time
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  const auto n = static_cast<int32_t>(s.size());
  auto piece = [&](int32_t from, int32_t to) {
    return std::string(s.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from)));
  };
  int32_t i = 0;
  bool spaced = true;
  while (i < n) {
    const char c = s[static_cast<std::size_t>(i)];
    if (c == ' ') {
      ++i;
      spaced = true;
      continue;
    }
    bool glued = !spaced;
    spaced = false;
    if (c >= '0' && c <= '9') {
      int32_t j = i;
      while (j < n && s[static_cast<std::size_t>(j)] >= '0' && s[static_cast<std::size_t>(j)] <= '9') ++j;
      // "6/10/202410:35": a year glued to the hour after a numeric date; split it.
      if ((j - i == 5 || j - i == 6) && j < n && s[static_cast<std::size_t>(j)] == ':' && !out.empty() &&
          out.back().kind == Kind::kPunct && (out.back().text == "/" || out.back().text == "-")) {
        Token year{Kind::kNumber, piece(i, i + 4), -1, 4, glued};
        std::from_chars(year.text.data(), year.text.data() + 4, year.value);
        out.push_back(std::move(year));
        i += 4;
        glued = false;
      }
      Token t{Kind::kNumber, piece(i, j), -1, j - i, glued};
      if (t.digits <= 9) std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.value);
      out.push_back(std::move(t));
      i = j;
      continue;
    }
    int32_t j = i;
    UChar32 cp = 0;
    U8_NEXT(s.data(), j, n, cp);
    if (cp >= 0 && u_isalpha(cp)) {
      int32_t end = j;
      while (end < n) {
        int32_t k = end;
        UChar32 next = 0;
        U8_NEXT(s.data(), k, n, next);
        if (next < 0 || !u_isalpha(next)) break;
        end = k;
      }
      out.push_back(Token{Kind::kWord, piece(i, end), -1, 0, glued});
      i = end;
    } else {
      out.push_back(Token{Kind::kPunct, piece(i, j), -1, 0, glued});
      i = j;
    }
  }
  return out;
}

class Scanner {
 public:
  explicit Scanner(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  // "عمان" is both عَمّان (Amman) and عُمان (Oman) once diacritics are folded: what the raw text
  // said (a damma or a shadda), and the site's own zone, settle it.
  enum class Oman { kUnmarked, kOman, kAmman };
  Oman oman = Oman::kUnmarked;
  std::string_view site_zone;

  std::size_t size() const { return t_.size(); }
  bool is_number(std::size_t i) const { return i < t_.size() && t_[i].kind == Kind::kNumber; }
  bool is_word(std::size_t i) const { return i < t_.size() && t_[i].kind == Kind::kWord; }
  bool is_punct(std::size_t i, std::string_view p) const {
    return i < t_.size() && t_[i].kind == Kind::kPunct && t_[i].text == p;
  }
  bool is_word(std::size_t i, std::string_view w) const { return is_word(i) && t_[i].text == w; }
  bool glued(std::size_t i) const { return i < t_.size() && t_[i].glued; }
  const Token& operator[](std::size_t i) const { return t_[i]; }

  // Month name starting at i: {month, index after it}.
  std::optional<std::pair<int, std::size_t>> month_at(std::size_t i, bool hijri = false) const {
    if (!is_word(i)) return std::nullopt;
    for (const auto& name : hijri ? hijri_month_names() : month_names()) {
      std::size_t k = 0;
      while (k < name.words.size() && i + k < t_.size() && t_[i + k].kind != Kind::kPunct &&
             t_[i + k].text == name.words[k]) {
        ++k;
      }
      if (k == name.words.size()) return std::pair{name.month, i + k};
    }
    return std::nullopt;
  }

 private:
  std::vector<Token> t_;
};

struct DateMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  int year = 0;  // 0: not written
  int month = 0;
  int day = 0;
  bool hijri = false;  // year/month/day are Umm al-Qura
};

bool plausible_year(int y) { return y >= kMinYear && y <= kMaxYear; }
bool plausible_hijri_year(int y) { return y >= kMinHijriYear && y <= kMaxHijriYear; }

// The era word after a year: "2024م" (CE, not pm), "1446 هـ" (AH; normalised to "ه").
std::size_t skip_era(const Scanner& s, std::size_t at, bool hijri) {
  return s.is_word(at, hijri ? "ه" : "م") ? at + 1 : at;
}

// "1446/04/03هـ", "1446-4-3 ه", "03/04/1446هـ": a numeric Hijri date, which must carry its era word.
std::optional<DateMatch> find_numeric_hijri_date(const Scanner& s) {
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (!s.is_number(i) || !s.is_number(i + 2) || !s.is_number(i + 4)) continue;
    const std::string& sep = s[i + 1].text;
    if (s[i + 1].kind != Kind::kPunct || (sep != "/" && sep != "-" && sep != ".") || !s.is_punct(i + 3, sep)) continue;
    if (!s.is_word(i + 5, "ه")) continue;
    DateMatch m{i, i + 6};
    m.hijri = true;
    if (s[i].digits == 4) {
      m.year = s[i].value, m.month = s[i + 2].value, m.day = s[i + 4].value;
    } else if (s[i + 4].digits == 4) {
      m.year = s[i + 4].value, m.month = s[i + 2].value, m.day = s[i].value;
    } else {
      continue;
    }
    if (plausible_hijri_year(m.year) && m.month >= 1 && m.month <= 12 && m.day >= 1 && m.day <= 30) return m;
  }
  return std::nullopt;
}

// "2022/10/06", "2022-10-06", "06/10/2022", "6.10.2022" (day first, as Arabic pages write it; month
// first only when the day-first reading is impossible).
std::optional<DateMatch> find_numeric_date(const Scanner& s) {
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (!s.is_number(i) || !s.is_number(i + 2) || !s.is_number(i + 4)) continue;
    const std::string& sep = s[i + 1].text;
    if (s[i + 1].kind != Kind::kPunct || (sep != "/" && sep != "-" && sep != ".") || !s.is_punct(i + 3, sep)) continue;
    const Token& a = s[i];
    const Token& b = s[i + 2];
    const Token& c = s[i + 4];
    // "2013-01-27-01", "1-2022/10/06": a longer chain of numbers is a version, a phone number or a
    // malformed date, not this date.
    if ((s.is_punct(i + 5, sep) && s.glued(i + 5) && s.is_number(i + 6) && s.glued(i + 6)) ||
        (i >= 2 && s.is_punct(i - 1, sep) && s.glued(i - 1) && s.glued(i) && s.is_number(i - 2))) {
      continue;
    }
    DateMatch m{i, i + 5};
    if (a.digits == 4 && b.digits <= 2 && c.digits <= 2) {
      m.year = a.value, m.month = b.value, m.day = c.value;
    } else if (c.digits == 4 && a.digits <= 2 && b.digits <= 2) {
      m.year = c.value, m.day = a.value, m.month = b.value;
      if (m.month > 12 && m.day <= 12) std::swap(m.month, m.day);
    } else {
      continue;
    }
    if (plausible_year(m.year) && m.month >= 1 && m.month <= 12 && m.day >= 1 &&
        m.day <= days_in_month(m.year, m.month)) {
      return m;
    }
  }
  return std::nullopt;
}

bool is_day(const Token& t) { return t.kind == Kind::kNumber && t.digits <= 2 && t.value >= 1 && t.value <= 31; }

// "6 تشرين الأول/أكتوبر 2022", "الخميس 6 أكتوبر", "Thu, 06 Oct 22", "October 6, 2022".
std::optional<DateMatch> find_text_date(const Scanner& s, bool hijri) {
  const auto year_ok = hijri ? plausible_hijri_year : plausible_year;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto month = s.month_at(i, hijri);
    if (!month) continue;
    DateMatch m{i, month->second, 0, month->first, 0, hijri};
    std::size_t k = month->second;
    // Combined spellings: "تشرين الأول/أكتوبر", "أكتوبر (تشرين الأول)".
    if (!hijri && (s.is_punct(k, "/") || s.is_punct(k, "-") || s.is_punct(k, "("))) {
      if (auto second = s.month_at(k + 1)) {
        const bool paren = s.is_punct(k, "(");
        k = second->second;
        if (paren && s.is_punct(k, ")")) ++k;
      }
    }
    std::size_t p = i;
    if (p > 0 && (s.is_punct(p - 1, "-") || s.is_punct(p - 1, "/"))) --p;
    // "10:30 أكتوبر" has no day; "نشر في: 11 يناير" has one (a label's colon is not glued to it).
    if (p > 0 && is_day(s[p - 1]) && (p < 2 || !s.is_punct(p - 2, ":") || !s.glued(p - 1))) {
      m.day = s[p - 1].value;
      m.begin = p - 1;
    }
    std::size_t q = k;
    auto skip_sep = [&](std::size_t at) {
      return (s.is_punct(at, ",") || s.is_punct(at, "،") || s.is_punct(at, "-") || s.is_punct(at, "/") ||
              s.is_punct(at, "."))
                 ? at + 1
                 : at;
    };
    q = skip_sep(q);
    // "14:00" is a time; "2024: 02:21" is a year and then a time (an hour has at most 2 digits).
    const bool time_follows = s.is_punct(q + 1, ":") && s.is_number(q) && s[q].digits <= 2;
    if (s.is_number(q) && !time_follows) {
      const Token& t = s[q];
      if (t.digits == 4 && !year_ok(t.value)) {
        continue;  // "01 Jan 0100": a year is written and it is not a news date; do not guess another
      }
      if (t.digits == 4) {
        m.year = t.value;
        k = skip_era(s, q + 1, hijri);
      } else if (hijri) {
        // Hijri dates are always written with their year.
      } else if (m.day != 0 && t.digits == 2) {
        m.year = t.value < 50 ? 2000 + t.value : 1900 + t.value;  // RFC 2822 section 4.3
        k = q + 1;
      } else if (m.day == 0 && is_day(t)) {
        m.day = t.value;
        k = q + 1;
        const std::size_t y = skip_sep(k);
        if (s.is_number(y) && s[y].digits == 4 && plausible_year(s[y].value) && !s.is_punct(y + 1, ":")) {
          m.year = s[y].value;
          k = skip_era(s, y + 1, false);
        }
      }
    }
    if (m.day == 0 || (hijri && m.year == 0)) continue;
    m.end = k;
    return m;
  }
  return std::nullopt;
}

struct TimeMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
};

// The first "HH:MM[:SS[.fff]]" in [from, to), with a following meridiem marker applied.
std::optional<TimeMatch> find_time(const Scanner& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i + 2 < s.size(); ++i) {
    if (!s.is_number(i) || s[i].digits > 2 || !s.is_punct(i + 1, ":") || !s.is_number(i + 2) ||
        s[i + 2].digits != 2) {
      continue;
    }
    TimeMatch t{i, i + 3, s[i].value, s[i + 2].value};
    if (s.is_punct(t.end, ":") && s.is_number(t.end + 1) && s[t.end + 1].digits == 2) {
      if (s[t.end + 1].value > 60) continue;
      t.second = std::min(s[t.end + 1].value, 59);  // 60: a leap second
      t.end += 2;
      if (s.is_punct(t.end, ".") && s.is_number(t.end + 1)) {
        const std::string& f = s[t.end + 1].text;
        int scale = 100;
        for (std::size_t d = 0; d < f.size() && d < 3; ++d, scale /= 10) t.millis += (f[d] - '0') * scale;
        t.end += 2;
      }
    }
    if (t.hour > 23 || t.minute > 59) continue;
    if (s.is_word(t.end)) {
      std::string marker = s[t.end].text;
      std::size_t after = t.end + 1;
      if ((marker == "a" || marker == "p") && s.is_punct(after, ".") && s.is_word(after + 1, "m")) {
        marker += "m";
        after += 2;
        if (s.is_punct(after, ".")) ++after;
      }
      if (t.hour >= 1 && t.hour <= 12) {
        if (auto h = apply_meridiem(marker, t.hour)) {
          t.hour = *h;
          t.end = after;
        }
      } else if (apply_meridiem(marker, 1)) {
        t.end = after;  // "14:00 م": redundant marker
      }
    }
    return t;
  }
  return std::nullopt;
}

// A zone written in the text: a fixed offset, or a place whose IANA zone (with its DST) applies.
std::optional<int> offset_at(const Scanner& s, std::size_t i, std::size_t& end);

struct ZoneFix {
  std::optional<int> offset;
  std::string_view iana;
  explicit operator bool() const { return offset.has_value() || !iana.empty(); }
};

// A zone named at i: "بتوقيت القاهرة", "(بتوقيت مكة المكرمة)", "GST" → its IANA zone.
std::optional<std::string_view> zone_phrase_at(const Scanner& s, std::size_t i, std::size_t& end) {
  if (s.is_punct(i, "(")) ++i;
  const bool said = s.is_word(i, "بتوقيت") || s.is_word(i, "توقيت");
  if (said) ++i;
  if (s.is_word(i, "مدينه")) ++i;
  const bool sultanate = said && s.is_word(i, "سلطنه");  // بتوقيت سلطنة عمان
  if (sultanate) ++i;
  if (!s.is_word(i)) return std::nullopt;
  auto zone = zone_phrase(s[i].text);
  if (zone && s[i].text == "عمان") {
    const bool oman = sultanate || s.oman == Scanner::Oman::kOman ||
                      (s.oman == Scanner::Oman::kUnmarked && s.site_zone == "Asia/Muscat");
    zone = oman ? std::string_view("Asia/Muscat") : std::string_view("Asia/Amman");
  }
  // Place names are ordinary words ("مصر", "عمان"): only after "بتوقيت", or in brackets.
  if (!zone || (!said && s[i].text != "gst" && s[i].text != "مكه")) return std::nullopt;
  ++i;
  if (s.is_word(i, "المكرمه")) ++i;  // مكة المكرمة
  if (s.is_punct(i, ")")) ++i;
  end = i;
  return zone;
}

ZoneFix zone_at(const Scanner& s, std::size_t i, std::size_t& end) {
  if (auto iana = zone_phrase_at(s, i, end)) return ZoneFix{std::nullopt, *iana};
  return ZoneFix{offset_at(s, i, end), {}};
}

// A fixed offset written at i: "GMT", "+0300", "GMT+3", "+03:00", "بتوقيت غرينتش", "ت.غ".
std::optional<int> offset_at(const Scanner& s, std::size_t i, std::size_t& end) {
  if (s.is_punct(i, "(")) ++i;
  if (s.is_word(i, "بتوقيت") || s.is_word(i, "توقيت")) ++i;
  std::optional<int> base;
  if (s.is_word(i, "ت") && s.is_punct(i + 1, ".") && s.is_word(i + 2, "غ")) {
    end = i + 3;
    return 0;
  }
  if (s.is_word(i)) {
    base = zone_abbreviation_offset(s[i].text);
    if (!base && i + 1 == s.size()) base = trailing_zone_offset(s[i].text);
    if (!base) return std::nullopt;
    ++i;
  }
  if (s.is_punct(i, "+") || s.is_punct(i, "-")) {
    const int sign = s.is_punct(i, "-") ? -1 : 1;
    // The sign is written against the number: "2022/10/06 - 1444/03/10 هـ" is a separator and a
    // Hijri year, not the offset -14:44.
    if (s.is_number(i + 1) && s.glued(i + 1)) {
      const Token& n = s[i + 1];
      int seconds = -1;
      std::size_t after = i + 2;
      if (n.digits == 4 && n.value % 100 <= 59) {
        seconds = (n.value / 100) * 3600 + (n.value % 100) * 60;
      } else if (n.digits <= 2 && s.is_punct(i + 2, ":") && s.is_number(i + 3) && s[i + 3].digits == 2 &&
                 s[i + 3].value <= 59) {
        seconds = n.value * 3600 + s[i + 3].value * 60;
        after = i + 4;
      } else if (n.digits <= 2 && base && !s.is_punct(i + 2, ":")) {  // "GMT+3", not "GMT+03:zz"
        seconds = n.value * 3600;
      }
      if (seconds >= 0 && seconds <= 18 * 3600) {
        end = after;
        return base.value_or(0) + sign * seconds;
      }
    }
  }
  if (base) end = i;
  return base;
}

// A time being written at i: "25:14", "09:xx", "1:2" (digits, a colon, and a glued number or word).
bool time_like_at(const Scanner& s, std::size_t i) {
  return s.is_number(i) && s[i].digits <= 2 && s.is_punct(i + 1, ":") && s.glued(i + 1) && s.glued(i + 2) &&
         (s.is_number(i + 2) || s.is_word(i + 2));
}

// A UTC offset being written at i: "+zz:00", "-03:xx" (a sign, then glued token, colon, token).
bool offset_like_at(const Scanner& s, std::size_t i) {
  return (s.is_punct(i, "+") || s.is_punct(i, "-")) && s.glued(i + 1) && s.is_punct(i + 2, ":") && s.glued(i + 2) &&
         s.glued(i + 3);
}

std::optional<WallTime> parse_absolute(const Scanner& s, std::string_view zone, WallTime now) {
  auto numeric = find_numeric_date(s);
  auto text = find_text_date(s, false);
  std::optional<DateMatch> date = numeric;
  if (!date || (text && text->begin < date->begin)) date = text;
  // Gregorian wins; Hijri only when the line has no Gregorian date.
  if (!date) date = find_text_date(s, true);
  if (!date) date = find_numeric_hijri_date(s);
  if (!date) return std::nullopt;

  Civil c;
  c.month = date->month;
  c.day = date->day;
  if (date->hijri) {
    auto g = hijri_to_gregorian(date->year, date->month, date->day);
    if (!g) return std::nullopt;
    c = *g;
  }
  std::size_t pos = date->end;
  auto time = find_time(s, date->end, s.size());
  // A time or an offset that is written but does not read ("25:14:55", "10:61", "1:2:3:4", "+zz:00")
  // leaves the text unparsed: midnight or the site's zone in its place would be a wrong time.
  for (std::size_t i = date->end; i < s.size(); ++i) {
    if (!time_like_at(s, i)) continue;
    if (!time || time->begin > i) return std::nullopt;
    break;
  }
  if (time && s.is_punct(time->end, ":") && s.glued(time->end) && s.glued(time->end + 1)) return std::nullopt;
  if (!time) time = find_time(s, 0, date->begin);
  if (time) {
    c.hour = time->hour;
    c.minute = time->minute;
    c.second = time->second;
    c.millis = time->millis;
    if (time->end > pos) pos = time->end;
  }
  std::size_t zone_end = pos;
  ZoneFix fix = zone_at(s, pos, zone_end);
  if (fix) {
    pos = zone_end;
  } else {
    // "نشر في: 11 يناير 2024 - بتوقيت أبوظبي 18:05": a zone phrase anywhere in the line.
    for (std::size_t i = 0; i < s.size() && fix.iana.empty(); ++i) {
      std::size_t e = i;
      if (s.is_word(i, "بتوقيت")) {
        if (auto iana = zone_phrase_at(s, i, e)) fix.iana = *iana;
      }
    }
  }
  std::optional<int> offset = fix.offset;
  if (!fix.iana.empty()) zone = fix.iana;
  if (offset_like_at(s, pos) || (s.is_word(pos) && offset_like_at(s, pos + 1))) return std::nullopt;
  if (offset && s.glued(pos) && (s.is_word(pos) || s.is_number(pos))) return std::nullopt;  // "-06:00Textra"
  int year = date->hijri ? c.year : date->year;
  if (year == 0 && s.is_number(pos) && s[pos].digits == 4 && plausible_year(s[pos].value)) {
    year = s[pos].value;  // asctime: "Thu Oct  6 14:00:00 2022"
  }
  if (year != 0) {
    c.year = year;
    return to_instant(c, offset, zone);
  }
  // No year: the most recent year that does not put the date after `now`.
  const int this_year = utc_to_local(now, zone).year;
  for (int y = this_year; y >= this_year - 8; --y) {
    c.year = y;
    auto t = to_instant(c, offset, zone);
    if (t && *t <= now) return t;
  }
  return std::nullopt;
}

// Words of a date line that are not the date itself: labels, day names, "منذ", markers...
bool date_vocabulary(const std::string& w) {
  static constexpr std::string_view kWords[] = {
      "نشر", "نشرت", "النشر", "في", "تاريخ", "بتاريخ", "اخر", "تحديث", "التحديث", "الساعه", "منذ", "قبل", "ago",
      "تم", "و", "امس", "الامس", "بالامس", "البارحه", "اليوم", "اول", "من", "الاول", "الان", "now", "just",
      "الاحد", "الاثنين", "الاتنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم", "today",
      "yesterday", "published", "updated", "بتوقيت", "توقيت", "لحظات", "قليل"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return relative_unit(w) || number_word(w) || apply_meridiem(w, 1) || zone_abbreviation_offset(w) || zone_phrase(w);
}

// Relative forms and day words are short lines ("منذ ساعتين", "أمس 18:00"); in prose ("قال الوزير
// اليوم إن ...") they are words of the story, not its date.
std::size_t other_words(const Scanner& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) n += (s.is_word(i) && !date_vocabulary(s[i].text)) ? 1 : 0;
  return n;
}
constexpr std::size_t kMaxOtherWordsRelative = 3;  // "كتب: محمد أحمد - منذ ساعتين"
constexpr std::size_t kMaxOtherWordsDayWord = 1;

// "منذ ساعتين", "منذ 5 دقائق", "قبل 3 أيام", "منذ نصف ساعة", "2 hours ago".
std::optional<WallTime> parse_relative(const Scanner& s, WallTime now) {
  if (other_words(s) > kMaxOtherWordsRelative) return std::nullopt;
  auto span = [&](std::size_t j, int& count, bool& half) -> std::optional<std::size_t> {
    count = -1;
    half = false;
    if (s.is_number(j) && s[j].value >= 0) {
      count = s[j].value;
      ++j;
    } else if (s.is_word(j) && number_word(s[j].text)) {
      count = *number_word(s[j].text);
      ++j;
    } else if (s.is_word(j, "نصف")) {
      half = true;
      ++j;
    }
    if (!s.is_word(j) || !relative_unit(s[j].text)) return std::nullopt;
    return j;
  };
  // "الآن", "منذ لحظات", "منذ قليل", "just now": the text is only that.
  if (other_words(s) <= kMaxOtherWordsDayWord) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.is_word(i, "الان") || s.is_word(i, "now") ||
          ((s.is_word(i, "منذ") || s.is_word(i, "قبل")) &&
           (s.is_word(i + 1, "لحظات") || s.is_word(i + 1, "لحظه") || s.is_word(i + 1, "قليل")))) {
        return now;
      }
    }
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    int count = -1;
    bool half = false;
    std::optional<std::size_t> unit_at;
    if (s.is_word(i, "منذ") || s.is_word(i, "قبل")) {
      unit_at = span(i + 1, count, half);
    } else if (auto j = span(i, count, half); j && s.is_word(*j + 1, "ago") && count >= 0) {
      unit_at = j;
    }
    if (!unit_at) continue;
    const Unit unit = *relative_unit(s[*unit_at].text);
    // "منذ عام 1990" is a year, not "a year ago"; "منذ سنوات" is no time at all (only seconds,
    // minutes and hours are said without a count: "منذ دقائق").
    if (s.is_number(*unit_at + 1)) return std::nullopt;
    if (count < 0 && !half && unit.implied_count == 0 && unit.seconds > 3600) return std::nullopt;
    std::int64_t n = count >= 0 ? count : (unit.implied_count > 0 ? unit.implied_count : 1);
    std::int64_t secs = n * unit.seconds;
    if (half) secs = unit.seconds / 2;
    if (n > kMaxRelativeCount || secs > kMaxRelativeSeconds) return std::nullopt;
    return now - std::chrono::seconds(secs);
  }
  return std::nullopt;
}

// "أمس", "أمس 10:30 م", "أول أمس", "اليوم الساعة 09:15": a day relative to `now` in the zone.
std::optional<WallTime> parse_day_word(const Scanner& s, std::string_view zone, WallTime now) {
  if (other_words(s) > kMaxOtherWordsDayWord) return std::nullopt;
  std::optional<int> shift;
  for (std::size_t i = 0; i < s.size() && !shift; ++i) {
    if (!s.is_word(i)) continue;
    const std::string& w = s[i].text;
    if (w == "امس" || w == "الامس" || w == "بالامس" || w == "البارحه" || w == "yesterday") {
      // "أول أمس", "أول من أمس", "أمس الأول": the day before yesterday.
      const bool before = (i >= 1 && s.is_word(i - 1, "اول")) ||
                          (i >= 2 && s.is_word(i - 2, "اول") && s.is_word(i - 1, "من")) || s.is_word(i + 1, "الاول");
      shift = before ? -2 : -1;
    } else if (w == "اليوم" || w == "today") {
      shift = 0;
    }
  }
  if (!shift) return std::nullopt;
  using namespace std::chrono;
  const Civil today = utc_to_local(now, zone);
  const year_month_day ymd{sys_days{year{today.year} / month{static_cast<unsigned>(today.month)} /
                                    day{static_cast<unsigned>(today.day)}} +
                           days{*shift}};
  Civil c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  if (auto t = find_time(s, 0, s.size())) {
    c.hour = t->hour;
    c.minute = t->minute;
    c.second = t->second;
  }
  return to_instant(c, std::nullopt, zone);
}

}  // namespace

std::optional<WallTime> parse_date(std::string_view text, std::string_view timezone, WallTime now) {
  text = ascii::trim(text.substr(0, kMaxDateTextBytes));
  if (text.empty()) return std::nullopt;
  if (auto t = parse_iso(text, timezone)) return t;
  std::vector<Token> tokens = tokenize(normalize_arabic(text));
  // "نشر في … | آخر تحديث …", in either order: the publication time wins, so read from its marker
  // up to the update marker.
  std::optional<std::size_t> published;
  std::optional<std::size_t> updated;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Kind::kWord) continue;
    const std::string& w = tokens[i].text;
    if (!published && (w == "نشر" || w == "النشر" || w == "نشرت" || w == "published")) published = i;
    if (!updated && (w == "تحديث" || w == "التحديث" || w == "محدث" || w == "updated" || w == "تعديل")) updated = i;
  }
  if (published && updated) {
    const std::size_t end = *updated > *published ? *updated : tokens.size();
    tokens = std::vector<Token>(tokens.begin() + static_cast<std::ptrdiff_t>(*published),
                                tokens.begin() + static_cast<std::ptrdiff_t>(end));
  }
  Scanner s(std::move(tokens));
  s.site_zone = timezone;
  if (text.find("عُمان") != std::string_view::npos) {
    s.oman = Scanner::Oman::kOman;
  } else if (text.find("عمّان") != std::string_view::npos || text.find("عَمّان") != std::string_view::npos) {
    s.oman = Scanner::Oman::kAmman;
  }
  if (auto t = parse_absolute(s, timezone, now)) return t;
  if (auto t = parse_relative(s, now)) return t;
  return parse_day_word(s, timezone, now);
}

}  // namespace akhbar::parsers
