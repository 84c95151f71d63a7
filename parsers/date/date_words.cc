// Word tables for date.cc. Every Arabic entry is written in its normalize_arabic() form: no hamza on
// alef (أ إ آ → ا), ة → ه, ى → ي, no tashkeel or tatweel; hamza on its carriers stays (ئ ؤ), so a
// word some sites spell without it ("دقايق", "الجزاير") has both spellings.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "parsers/date/date_internal.h"

namespace akhbar::parsers::date_detail {
namespace {

struct MonthSpelling {
  std::string_view text;
  int month;
};

constexpr MonthSpelling kMonths[] = {
    // Levantine / Iraqi (Syriac names).
    {"كانون الثاني", 1}, {"شباط", 2}, {"اذار", 3}, {"نيسان", 4}, {"ايار", 5}, {"حزيران", 6},
    {"تموز", 7}, {"اب", 8}, {"ايلول", 9}, {"تشرين الاول", 10}, {"تشرين الثاني", 11}, {"كانون الاول", 12},
    {"كانون ثاني", 1}, {"تشرين اول", 10}, {"تشرين ثاني", 11}, {"كانون اول", 12},
    // "كانون 2", "تشرين 1": the number is part of the name.
    {"كانون 2", 1}, {"تشرين 1", 10}, {"تشرين 2", 11}, {"كانون 1", 12},
    // Egypt, Gulf, Sudan (transliterated), with their common spellings.
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"ابريل", 4}, {"مايو", 5}, {"يونيو", 6}, {"يونيه", 6},
    {"يوليو", 7}, {"يوليه", 7}, {"اغسطس", 8}, {"سبتمبر", 9}, {"اكتوبر", 10}, {"نوفمبر", 11},
    {"ديسمبر", 12},
    // Algeria and Tunisia (from French).
    {"جانفي", 1}, {"فيفري", 2}, {"افريل", 4}, {"ماي", 5}, {"جوان", 6}, {"جويليه", 7}, {"جويلي", 7}, {"اوت", 8},
    // Morocco.
    {"يوليوز", 7}, {"غشت", 8}, {"شتنبر", 9}, {"نونبر", 11}, {"دجنبر", 12},
    // English, as in RFC 822 and English-language pages.
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
    {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12}, {"jan", 1},
    {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
    {"oct", 10}, {"nov", 11}, {"dec", 12},
};

// Hijri (Umm al-Qura) months, in every spelling seen on Gulf and Egyptian sites.
constexpr MonthSpelling kHijriMonths[] = {
    {"محرم", 1}, {"صفر", 2},
    {"ربيع الاول", 3}, {"ربيع اول", 3},
    {"ربيع الاخر", 4}, {"ربيع اخر", 4}, {"ربيع الثاني", 4}, {"ربيع ثاني", 4},
    {"جمادي الاولي", 5}, {"جمادي الاول", 5}, {"جمادي اولي", 5}, {"جمادي اول", 5},
    {"جمادي الاخره", 6}, {"جمادي الاخر", 6}, {"جمادي الثانيه", 6}, {"جمادي الثاني", 6}, {"جمادي ثاني", 6},
    {"جمادي اخره", 6},
    {"رجب", 7}, {"شعبان", 8}, {"رمضان", 9}, {"شوال", 10},
    {"ذو القعده", 11}, {"ذي القعده", 11}, {"ذوالقعده", 11}, {"ذيالقعده", 11},
    {"ذو الحجه", 12}, {"ذي الحجه", 12}, {"ذوالحجه", 12}, {"ذيالحجه", 12},
};

template <std::size_t N>
std::vector<MonthName> build_months(const MonthSpelling (&table)[N]) {
  std::vector<MonthName> out;
  for (const auto& m : table) {
    MonthName name{{}, m.month};
    std::string_view rest = m.text;
    while (!rest.empty()) {
      const std::size_t sp = rest.find(' ');
      name.words.emplace_back(rest.substr(0, sp));
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp + 1);
    }
    out.push_back(std::move(name));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MonthName& a, const MonthName& b) { return a.words.size() > b.words.size(); });
  return out;
}

template <class T>
std::optional<T> lookup(const std::pair<std::string_view, T>* begin, const std::pair<std::string_view, T>* end,
                        std::string_view word) {
  for (auto it = begin; it != end; ++it) {
    if (it->first == word) return it->second;
  }
  return std::nullopt;
}

// RFC 822 section 5.1 zones, plus ones seen on the web near our sites.
constexpr std::pair<std::string_view, int> kZones[] = {
    {"gmt", 0},          {"ut", 0},           {"utc", 0},          {"z", 0},           {"est", -5 * 3600},
    {"edt", -4 * 3600},  {"cst", -6 * 3600},  {"cdt", -5 * 3600},  {"mst", -7 * 3600}, {"mdt", -6 * 3600},
    {"pst", -8 * 3600},  {"pdt", -7 * 3600},  {"cet", 1 * 3600},   {"cest", 2 * 3600}, {"eet", 2 * 3600},
    {"eest", 3 * 3600},  {"msk", 3 * 3600},   {"bst", 1 * 3600},   {"wet", 0},         {"west", 1 * 3600},
    {"met", 1 * 3600},   {"mest", 2 * 3600},
    {"غرينتش", 0},       {"جرينتش", 0},       {"غرينيتش", 0},      {"جرينيتش", 0},
};

// "بتوقيت القاهرة", "GST": a city, country or abbreviation that names an IANA zone (the zone's own
// rules, DST included, then fix the instant).
constexpr std::pair<std::string_view, std::string_view> kZonePhrases[] = {
    {"مكه", "Asia/Riyadh"},        {"الرياض", "Asia/Riyadh"},          {"السعوديه", "Asia/Riyadh"},
    {"جده", "Asia/Riyadh"},        {"ابوظبي", "Asia/Dubai"},           {"دبي", "Asia/Dubai"},
    {"الامارات", "Asia/Dubai"},    {"gst", "Asia/Dubai"},              {"القاهره", "Africa/Cairo"},
    {"مصر", "Africa/Cairo"},       {"دمشق", "Asia/Damascus"},          {"سوريا", "Asia/Damascus"},
    {"بيروت", "Asia/Beirut"},      {"لبنان", "Asia/Beirut"},           {"بغداد", "Asia/Baghdad"},
    {"العراق", "Asia/Baghdad"},    {"عمان", "Asia/Amman"},             {"الاردن", "Asia/Amman"},
    {"مسقط", "Asia/Muscat"},       {"الدوحه", "Asia/Qatar"},           {"قطر", "Asia/Qatar"},
    {"القدس", "Asia/Jerusalem"},   {"فلسطين", "Asia/Gaza"},            {"غزه", "Asia/Gaza"},
    {"الكويت", "Asia/Kuwait"},     {"المنامه", "Asia/Bahrain"},        {"البحرين", "Asia/Bahrain"},
    {"موسكو", "Europe/Moscow"},    {"لندن", "Europe/London"},          {"بريطانيا", "Europe/London"},
    {"الخرطوم", "Africa/Khartoum"}, {"السودان", "Africa/Khartoum"},    {"صنعاء", "Asia/Aden"},
    {"اليمن", "Asia/Aden"},        {"الرباط", "Africa/Casablanca"},    {"المغرب", "Africa/Casablanca"},
    {"الجزاير", "Africa/Algiers"}, {"الجزائر", "Africa/Algiers"},      {"تونس", "Africa/Tunis"},
    {"طرابلس", "Africa/Tripoli"},  {"ليبيا", "Africa/Tripoli"},        {"نواكشوط", "Africa/Nouakchott"},
    {"انقره", "Europe/Istanbul"},  {"اسطنبول", "Europe/Istanbul"},     {"باريس", "Europe/Paris"},
    {"واشنطن", "America/New_York"}, {"طهران", "Asia/Tehran"},
};

constexpr std::pair<std::string_view, int> kTrailingZones[] = {
    {"at", -4 * 3600}, {"et", -5 * 3600}, {"ct", -6 * 3600}, {"mt", -7 * 3600}, {"pt", -8 * 3600},
};

constexpr int kMinute = 60;
constexpr int kHour = 3600;
constexpr int kDay = 86400;

constexpr std::pair<std::string_view, Unit> kUnits[] = {
    {"ثانيه", {1, 1}},          {"ثواني", {1, 0}},          {"ثوان", {1, 0}},           {"ثانيتين", {1, 2}},
    {"ثانيتان", {1, 2}},        {"دقيقه", {kMinute, 1}},    {"دقائق", {kMinute, 0}},    {"دقايق", {kMinute, 0}},
    {"دقيقتين", {kMinute, 2}},  {"دقيقتان", {kMinute, 2}},  {"ساعه", {kHour, 1}},       {"ساعات", {kHour, 0}},      {"ساعتين", {kHour, 2}},
    {"ساعتان", {kHour, 2}},     {"يوم", {kDay, 1}},         {"ايام", {kDay, 0}},        {"يومين", {kDay, 2}},
    {"يومان", {kDay, 2}},       {"اسبوع", {7 * kDay, 1}},   {"اسابيع", {7 * kDay, 0}},  {"اسبوعين", {7 * kDay, 2}},
    {"اسبوعان", {7 * kDay, 2}}, {"شهر", {30 * kDay, 1}},    {"اشهر", {30 * kDay, 0}},   {"شهور", {30 * kDay, 0}},
    {"شهرين", {30 * kDay, 2}},  {"شهران", {30 * kDay, 2}},  {"سنه", {365 * kDay, 1}},   {"سنوات", {365 * kDay, 0}},
    {"سنتين", {365 * kDay, 2}}, {"عام", {365 * kDay, 1}},   {"اعوام", {365 * kDay, 0}}, {"عامين", {365 * kDay, 2}},
    {"second", {1, 1}},         {"seconds", {1, 0}},        {"minute", {kMinute, 1}},   {"minutes", {kMinute, 0}},
    {"min", {kMinute, 1}},      {"mins", {kMinute, 0}},     {"hour", {kHour, 1}},       {"hours", {kHour, 0}},
    {"day", {kDay, 1}},         {"days", {kDay, 0}},        {"week", {7 * kDay, 1}},    {"weeks", {7 * kDay, 0}},
};

constexpr std::pair<std::string_view, int> kNumberWords[] = {
    {"واحد", 1}, {"واحده", 1}, {"اثنين", 2}, {"اثنتين", 2}, {"ثلاث", 3}, {"ثلاثه", 3}, {"اربع", 4},
    {"اربعه", 4}, {"خمس", 5}, {"خمسه", 5}, {"ست", 6}, {"سته", 6}, {"سبع", 7}, {"سبعه", 7},
    {"ثماني", 8}, {"ثمان", 8}, {"ثمانيه", 8}, {"تسع", 9}, {"تسعه", 9}, {"عشر", 10}, {"عشره", 10},
    {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
};

}  // namespace

const std::vector<MonthName>& month_names() {
  static const std::vector<MonthName> kNames = build_months(kMonths);
  return kNames;
}

const std::vector<MonthName>& hijri_month_names() {
  static const std::vector<MonthName> kNames = build_months(kHijriMonths);
  return kNames;
}

std::optional<std::string_view> zone_phrase(std::string_view word) {
  return lookup(std::begin(kZonePhrases), std::end(kZonePhrases), word);
}

std::optional<int> zone_abbreviation_offset(std::string_view word) {
  return lookup(std::begin(kZones), std::end(kZones), word);
}

std::optional<int> trailing_zone_offset(std::string_view word) {
  return lookup(std::begin(kTrailingZones), std::end(kTrailingZones), word);
}

std::optional<Unit> relative_unit(std::string_view word) { return lookup(std::begin(kUnits), std::end(kUnits), word); }

std::optional<int> number_word(std::string_view word) {
  return lookup(std::begin(kNumberWords), std::end(kNumberWords), word);
}

std::optional<int> apply_meridiem(std::string_view w, int hour) {
  const bool am = w == "ص" || w == "صباحا" || w == "صباح" || w == "فجرا" || w == "am";
  const bool pm = w == "م" || w == "مساء" || w == "مساءا" || w == "مسا" || w == "عصرا" || w == "pm";
  if (am) return hour == 12 ? 0 : hour;
  if (pm) return hour < 12 ? hour + 12 : hour;
  if (w == "ظهرا") return (hour >= 11 || hour == 0) ? hour : hour + 12;  // 11 ظهرا is late morning, 1 ظهرا 13:00
  if (w == "ليلا") {                                                      // 10 ليلا = 22:00, 12 ليلا = 00:00, 2 ليلا = 02:00
    if (hour == 12) return 0;
    return hour >= 6 && hour < 12 ? hour + 12 : hour;
  }
  return std::nullopt;
}

}  // namespace akhbar::parsers::date_detail
