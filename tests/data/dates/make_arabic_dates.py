#!/usr/bin/env python3
"""Writes arabic_dates.tsv: dates as Arabic news sites print them, with the expected instant.

Expected values come from Python's zoneinfo over the system tz database (the same tzdata the
daemon reads, through an independent implementation), from wall-clock readings chosen here, never
from akhbard's output. Hijri rows carry Umm al-Qura dates whose Gregorian day is public record
(Ramadan, Eids, Hijri new year). Run: python3 make_arabic_dates.py > arabic_dates.tsv
"""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

EGYPT = ["يناير", "فبراير", "مارس", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
GULF = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
ALGERIA = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
MOROCCO = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]
COMBINED = [f"{a}/{b}" for a, b in zip(LEVANT, GULF)]
DAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def rfc3339(instant, site_zone):
    # Through UTC: astimezone() to the same ZoneInfo object would return a skipped reading unchanged.
    local = instant.astimezone(timezone.utc).astimezone(ZoneInfo(site_zone))
    off = local.utcoffset()
    sign = "+" if off >= timedelta(0) else "-"
    off = abs(off)
    hh, mm = divmod(int(off.total_seconds()) // 60, 60)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hh:02d}:{mm:02d}"


def wall(zone, y, mo, d, h=0, mi=0):
    # fold=0: a repeated reading is the earlier instant; a skipped one uses the offset before the jump.
    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo(zone))


def h12(h):
    return (h % 12) or 12, ("ص" if h < 12 else "م")


rows = []


def row(country, zone, now, text, expected, note):
    rows.append((country, zone, now, text, expected, note))


NOW = "2024-10-20T12:00:00Z"
NOW_DT = datetime(2024, 10, 20, 12, 0, tzinfo=timezone.utc)

# Each site: country, zone, month names, and wall-clock (y, m, d, h, mi) readings in summer and winter.
SITES = [
    # Egypt: summer time again since 2023 (none in 2022); 2024-04-26 00:00-01:00 is skipped (midnight
    # itself does not exist), 2024-10-31 23:00-24:00 happens twice.
    ("Egypt", "Africa/Cairo", EGYPT, [(2024, 7, 6, 10, 30), (2024, 1, 15, 21, 5), (2023, 8, 3, 14, 0), (2022, 7, 20, 9, 45),
                                      (2024, 4, 26, 0, 30), (2024, 10, 31, 23, 30)]),
    ("Saudi Arabia", "Asia/Riyadh", GULF, [(2024, 7, 14, 8, 15), (2024, 1, 9, 23, 50)]),
    ("UAE", "Asia/Dubai", GULF, [(2024, 6, 30, 13, 40), (2024, 12, 2, 7, 5)]),
    ("Qatar", "Asia/Qatar", GULF, [(2024, 8, 11, 16, 20), (2024, 2, 1, 11, 0)]),
    ("Syria", "Asia/Damascus", LEVANT, [(2021, 7, 12, 18, 30), (2021, 1, 5, 9, 0), (2024, 7, 12, 18, 30), (2024, 1, 5, 9, 0)]),
    # Lebanon: 2024-03-31 00:00-01:00 skipped, 2024-10-26 23:00-24:00 twice.
    ("Lebanon", "Asia/Beirut", LEVANT, [(2024, 7, 22, 19, 10), (2024, 1, 18, 8, 25), (2024, 3, 31, 0, 30), (2024, 10, 26, 23, 30)]),
    ("Iraq", "Asia/Baghdad", LEVANT, [(2024, 7, 3, 12, 0), (2024, 1, 27, 17, 35)]),
    ("Jordan", "Asia/Amman", LEVANT, [(2021, 8, 9, 20, 0), (2021, 12, 14, 10, 10), (2024, 8, 9, 20, 0)]),
    ("Morocco", "Africa/Casablanca", MOROCCO, [(2024, 7, 17, 15, 0), (2024, 3, 20, 15, 0), (2024, 1, 10, 6, 30)]),
    ("Algeria", "Africa/Algiers", ALGERIA, [(2024, 7, 5, 19, 45), (2024, 1, 2, 8, 0)]),
    ("Tunisia", "Africa/Tunis", ALGERIA, [(2024, 8, 13, 10, 0), (2024, 2, 14, 22, 15)]),
    ("Sudan", "Africa/Khartoum", EGYPT, [(2024, 6, 18, 11, 11), (2024, 12, 25, 20, 0)]),
    ("Yemen", "Asia/Aden", GULF, [(2024, 7, 26, 9, 30), (2024, 1, 30, 14, 45)]),
    ("Kuwait", "Asia/Kuwait", GULF, [(2024, 7, 29, 7, 0), (2024, 2, 25, 12, 30)]),
    ("Russia", "Europe/Moscow", GULF, [(2024, 7, 8, 17, 0), (2024, 1, 22, 9, 40), (2010, 7, 8, 17, 0)]),
    # 2024-03-31 01:30 does not exist in London (read at GMT: 02:30 BST); 2024-10-27 01:30 happens
    # twice (the earlier one, BST).
    ("UK", "Europe/London", COMBINED, [(2024, 7, 1, 11, 20), (2024, 1, 11, 16, 5), (2024, 3, 31, 1, 30), (2024, 10, 27, 1, 30)]),
]

for country, zone, months, readings in SITES:
    for (y, mo, d, h, mi) in readings:
        t = wall(zone, y, mo, d, h, mi)
        midnight = wall(zone, y, mo, d)
        mon = months[mo - 1]
        dn = DAYS[datetime(y, mo, d).weekday()]
        hh, ap = h12(h)
        exp, exp0 = rfc3339(t, zone), rfc3339(midnight, zone)
        season = "summer" if 4 <= mo <= 9 else "winter"
        row(country, zone, NOW, f"{dn}، {d:02d} {mon} {y} {hh:02d}:{mi:02d} {ap}", exp, f"{season}: day name, 12 h")
        row(country, zone, NOW, f"نشر في: {d} {mon} {y} - {h:02d}:{mi:02d}", exp, f"{season}: نشر في, 24 h")
        row(country, zone, NOW, f"{d} {mon} {y}", exp0, f"{season}: no time is midnight")
        row(country, zone, NOW, f"{d}/{mo}/{y} {hh}:{mi:02d} {ap}", exp, f"{season}: numeric day first")
        row(country, zone, NOW, f"{y}/{mo:02d}/{d:02d} {h:02d}:{mi:02d}", exp, f"{season}: numeric year first")
        row(country, zone, NOW, f"{d} {mon} {y} {hh}:{mi:02d} {ap}".translate(AR_DIGITS), exp, f"{season}: Arabic-Indic digits")
        row(country, zone, NOW, f"تاريخ النشر: {dn} {d} {mon} {y}م - {hh}:{mi:02d} {'صباحاً' if h < 12 else 'مساءً'}", exp, f"{season}: م after the year is CE")
        row(country, zone, NOW, f"آخر تحديث: {dn} {d} {mon} {y} | نشر في: {d:02d}-{mo:02d}-{y} {h:02d}:{mi:02d}", exp, f"{season}: publication wins (second)")
        utc = t.astimezone(timezone.utc)
        row(country, zone, NOW, f"{utc.day} {months[utc.month - 1]} {utc.year} {utc.hour:02d}:{utc.minute:02d} بتوقيت غرينتش", exp, f"{season}: Greenwich phrase fixes the instant")

# Zone phrases naming a place: the place's zone (with its DST) fixes the instant, whatever the site.
PHRASES = [
    ("بتوقيت مكة المكرمة", "Asia/Riyadh"), ("بتوقيت أبوظبي", "Asia/Dubai"), ("بتوقيت الإمارات", "Asia/Dubai"),
    ("GST", "Asia/Dubai"), ("بتوقيت القاهرة", "Africa/Cairo"), ("بتوقيت دمشق", "Asia/Damascus"),
    ("بتوقيت بيروت", "Asia/Beirut"), ("بتوقيت بغداد", "Asia/Baghdad"), ("بتوقيت عمّان", "Asia/Amman"),
    ("بتوقيت الدوحة", "Asia/Qatar"), ("بتوقيت الرياض", "Asia/Riyadh"), ("بتوقيت القدس", "Asia/Jerusalem"),
    ("بتوقيت الكويت", "Asia/Kuwait"), ("بتوقيت موسكو", "Europe/Moscow"), ("بتوقيت لندن", "Europe/London"),
    ("بتوقيت بريطانيا", "Europe/London"), ("بتوقيت جرينتش", "UTC"), ("GMT", "UTC"), ("UTC", "UTC"),
]
for phrase, pz in PHRASES:
    for (y, mo, d, h, mi) in [(2024, 7, 10, 14, 0), (2024, 1, 10, 14, 0)]:
        t = wall(pz, y, mo, d, h, mi)
        row("zone phrase", "Africa/Cairo", NOW, f"{d} {GULF[mo - 1]} {y} - {h:02d}:{mi:02d} {phrase}", rfc3339(t, "Africa/Cairo"), f"{pz}")
for text, off in [("GMT+3", 3), ("+03:00", 3), ("GMT+2", 2)]:
    t = datetime(2024, 7, 10, 14, 0, tzinfo=timezone(timedelta(hours=off)))
    row("zone phrase", "Europe/London", NOW, f"10 يوليو 2024 14:00 {text}", rfc3339(t, "Europe/London"), "fixed offset")

# Forms quoted from real pages.
def lit(country, zone, text, instant_zone, y, mo, d, h=0, mi=0, note="", now=NOW):
    row(country, zone, now, text, rfc3339(wall(instant_zone, y, mo, d, h, mi), zone), note)

lit("UAE", "Asia/Dubai", "06 أكتوبر ,2024: 02:21 م GST", "Asia/Dubai", 2024, 10, 6, 14, 21, "Gulf News style")
lit("UAE", "Asia/Dubai", "نشر في: 11 يناير 2024 - 18:05 بتوقيت أبوظبي", "Asia/Dubai", 2024, 1, 11, 18, 5, "Al Ittihad style")
lit("Lebanon", "Asia/Beirut", "5 كانون 2 2025", "Asia/Beirut", 2025, 1, 5, note="كانون 2", now="2025-02-01T00:00:00Z")
lit("Lebanon", "Asia/Beirut", "20 تشرين 2 2023 - 13:15", "Asia/Beirut", 2023, 11, 20, 13, 15, "تشرين 2")
lit("Syria", "Asia/Damascus", "15 كانون ثاني 2024", "Asia/Damascus", 2024, 1, 15, note="كانون ثاني")
lit("Saudi Arabia", "Asia/Riyadh", "6/10/202410:35 م (بتوقيت مكة المكرمة)", "Asia/Riyadh", 2024, 10, 6, 22, 35, "glued year and hour")
lit("Lebanon", "Asia/Beirut", "الخميس 6 تشرين الأول/أكتوبر 2022", "Asia/Beirut", 2022, 10, 6, note="combined month")
lit("Egypt", "Africa/Cairo", "نُشر بتاريخ: الأحد، ٦ أكتوبر ٢٠٢٤ - ١٠:٣٠ ص", "Africa/Cairo", 2024, 10, 6, 10, 30, "نُشر بتاريخ")
lit("Egypt", "Africa/Cairo", "6 يونيه 2024 10:30", "Africa/Cairo", 2024, 6, 6, 10, 30, "يونيه")
lit("Egypt", "Africa/Cairo", "6 يوليه 2024 10:30", "Africa/Cairo", 2024, 7, 6, 10, 30, "يوليه")
lit("Egypt", "Africa/Cairo", "6 اغسطس 2024", "Africa/Cairo", 2024, 8, 6, note="اغسطس")
lit("Egypt", "Africa/Cairo", "6 أبريل 2024", "Africa/Cairo", 2024, 4, 6, note="أبريل")
lit("Egypt", "Africa/Cairo", "6 ماي 2024", "Africa/Cairo", 2024, 5, 6, note="ماي")
lit("Egypt", "Africa/Cairo", "٦ أكتوبر ۲۰۲۴", "Africa/Cairo", 2024, 10, 6, note="Persian digits")
lit("Egypt", "Africa/Cairo", "آخر تحديث: 12 يناير 2024 10:00 | نشر في: 11 يناير 2024 - 18:05", "Africa/Cairo", 2024, 1, 11, 18, 5, "publication wins (first)")
lit("Egypt", "Africa/Cairo", "نشر في: 11 يناير 2024 - 18:05 | آخر تحديث: 12 يناير 2024 10:00", "Africa/Cairo", 2024, 1, 11, 18, 5, "publication wins")
lit("Egypt", "Africa/Cairo", "15 يوليو", "Africa/Cairo", 2024, 7, 15, note="no year: this year")
lit("Egypt", "Africa/Cairo", "25 ديسمبر", "Africa/Cairo", 2023, 12, 25, note="no year: last year")
lit("Morocco", "Africa/Casablanca", "الأربعاء 20 مارس 2024 - 15:00", "Africa/Casablanca", 2024, 3, 20, 15, 0, "Ramadan: GMT+0")
lit("Algeria", "Africa/Algiers", "05 جويلية 2024", "Africa/Algiers", 2024, 7, 5, note="جويلية")
# Hijri (Umm al-Qura), dates of public record.
lit("Saudi Arabia", "Asia/Riyadh", "12 ربيع الأول 1446 هـ", "Asia/Riyadh", 2024, 9, 15, note="Mawlid 1446")
lit("Saudi Arabia", "Asia/Riyadh", "1446/04/03هـ", "Asia/Riyadh", 2024, 10, 6, note="numeric Hijri")
lit("Saudi Arabia", "Asia/Riyadh", "٣ ربيع الآخر ١٤٤٦ ه", "Asia/Riyadh", 2024, 10, 6, note="ربيع الآخر, Arabic-Indic")
lit("Saudi Arabia", "Asia/Riyadh", "الأحد 3 ربيع الآخر 1446 هـ - 10:30 ص", "Asia/Riyadh", 2024, 10, 6, 10, 30, "Hijri with time")
lit("Saudi Arabia", "Asia/Riyadh", "1 رمضان 1445 هـ", "Asia/Riyadh", 2024, 3, 11, note="Ramadan 1445")
lit("Saudi Arabia", "Asia/Riyadh", "1 شوال 1445 هـ", "Asia/Riyadh", 2024, 4, 10, note="Eid al-Fitr 1445")
lit("Saudi Arabia", "Asia/Riyadh", "10 ذو الحجة 1445 هـ", "Asia/Riyadh", 2024, 6, 16, note="Eid al-Adha 1445")
lit("Saudi Arabia", "Asia/Riyadh", "10 ذي الحجة 1445هـ", "Asia/Riyadh", 2024, 6, 16, note="ذي الحجة")
lit("Saudi Arabia", "Asia/Riyadh", "1 محرم 1446 هـ", "Asia/Riyadh", 2024, 7, 7, note="Hijri new year 1446")
lit("Saudi Arabia", "Asia/Riyadh", "1 محرم 1445 هـ", "Asia/Riyadh", 2023, 7, 19, note="Hijri new year 1445")
lit("Saudi Arabia", "Asia/Riyadh", "1 رمضان 1444 هـ", "Asia/Riyadh", 2023, 3, 23, note="Ramadan 1444")
lit("Saudi Arabia", "Asia/Riyadh", "الأحد 3 ربيع الآخر 1446 هـ الموافق 6 أكتوبر 2024 م", "Asia/Riyadh", 2024, 10, 6, note="Gregorian wins")
lit("Saudi Arabia", "Asia/Riyadh", "5 جمادى الأولى 1446 هـ", "Asia/Riyadh", 2024, 11, 7, note="1 Jumada I 1446 = 3 Nov 2024")
lit("Saudi Arabia", "Asia/Riyadh", "5 جمادى الآخرة 1446 هـ", "Asia/Riyadh", 2024, 12, 6, note="Rajab 1446 began 1 Jan 2025")
lit("Saudi Arabia", "Asia/Riyadh", "5 جمادى الثانية 1446هـ", "Asia/Riyadh", 2024, 12, 6, note="جمادى الثانية")
lit("Saudi Arabia", "Asia/Riyadh", "٥ ذي القعدة ١٤٤٥ هـ", "Asia/Riyadh", 2024, 5, 13, note="1 Dhu al-Qadah 1445 = 9 May 2024")
lit("Saudi Arabia", "Asia/Riyadh", "1 صفر 1446 هـ", "Asia/Riyadh", 2024, 8, 5, note="Safar 1446")
lit("Saudi Arabia", "Asia/Riyadh", "15 شعبان 1445 هـ", "Asia/Riyadh", 2024, 2, 25, note="1 Sha'ban 1445 = 11 Feb 2024")
lit("Saudi Arabia", "Asia/Riyadh", "27 رجب 1445 هـ", "Asia/Riyadh", 2024, 2, 8, note="1 Rajab 1445 = 13 Jan 2024")
lit("Saudi Arabia", "Asia/Riyadh", "الاثنين 7 أكتوبر 2024 - 4 ربيع الآخر 1446", "Asia/Riyadh", 2024, 10, 7, note="Gregorian first")
lit("Kuwait", "Asia/Kuwait", "12 ربيع أول 1446 هـ", "Asia/Kuwait", 2024, 9, 15, note="ربيع أول")
lit("Kuwait", "Asia/Kuwait", "3 ربيع الثاني 1446 هـ", "Asia/Kuwait", 2024, 10, 6, note="ربيع الثاني")

# Relative forms, against now = 2024-10-20T12:00Z.
def rel(country, zone, text, delta, note):
    row(country, zone, NOW, text, rfc3339(NOW_DT - delta, zone), note)

for country, zone in [("Egypt", "Africa/Cairo"), ("Lebanon", "Asia/Beirut"), ("UK", "Europe/London")]:
    rel(country, zone, "الآن", timedelta(0), "now")
    rel(country, zone, "منذ لحظات", timedelta(0), "moments ago")
    rel(country, zone, "منذ دقيقة", timedelta(minutes=1), "")
    rel(country, zone, "منذ دقيقتين", timedelta(minutes=2), "dual")
    rel(country, zone, "منذ 5 دقائق", timedelta(minutes=5), "")
    rel(country, zone, "منذ ساعة", timedelta(hours=1), "")
    rel(country, zone, "منذ ساعتين", timedelta(hours=2), "")
    rel(country, zone, "منذ 3 ساعات", timedelta(hours=3), "")
    rel(country, zone, "قبل 3 ساعات", timedelta(hours=3), "قبل")
    rel(country, zone, "منذ يوم", timedelta(days=1), "")
    rel(country, zone, "منذ يومين", timedelta(hours=48), "now − 48 h")
    rel(country, zone, "منذ أسبوع", timedelta(days=7), "")
    rel(country, zone, "قبل قليل", timedelta(0), "a moment ago")
    rel(country, zone, "كتب: محمد أحمد - منذ ساعتين", timedelta(hours=2), "byline")
    rel(country, zone, "منذ ٣ ساعات", timedelta(hours=3), "Arabic-Indic count")
    today = NOW_DT.astimezone(ZoneInfo(zone))
    for text, shift, h, mi in [("أمس", 1, 0, 0), ("أمس 18:00", 1, 18, 0), ("أمس الأول", 2, 0, 0), ("أول أمس", 2, 0, 0),
                               ("أول من أمس", 2, 0, 0), ("اليوم 10:30", 0, 10, 30)]:
        day = today.date() - timedelta(days=shift)
        row(country, zone, NOW, text, rfc3339(wall(zone, day.year, day.month, day.day, h, mi), zone), "day word")

# Machine forms keep working.
row("machine", "Asia/Beirut", NOW, "2024-07-06T10:30:00Z", "2024-07-06T13:30:00+03:00", "RFC 3339")
row("machine", "Asia/Beirut", NOW, "Sat, 06 Jul 2024 10:30:00 GMT", "2024-07-06T13:30:00+03:00", "RFC 1123")
row("machine", "Asia/Beirut", NOW, "2024-01-06 10:30:00", "2024-01-06T10:30:00+02:00", "ISO, site zone")

# "عمان" is Amman (عَمّان) or Oman (عُمان) once diacritics are folded: the marks, "سلطنة", then the
# site's own zone decide; bare, on a site of neither, it is Amman.
lit("Oman", "Asia/Muscat", "12 مارس 2024 - 09:15 بتوقيت عمان", "Asia/Muscat", 2024, 3, 12, 9, 15, "bare عمان on an Omani site")
lit("Oman", "Asia/Muscat", "12 يوليو 2024 - 09:15 بتوقيت عُمان", "Asia/Muscat", 2024, 7, 12, 9, 15, "عُمان with its damma")
lit("Oman", "Asia/Muscat", "12 يوليو 2024 09:15 ص بتوقيت سلطنة عمان", "Asia/Muscat", 2024, 7, 12, 9, 15, "سلطنة عمان")
lit("Oman", "Asia/Muscat", "الأحد 12 يناير 2025 - 18:40 بتوقيت عمّان", "Asia/Amman", 2025, 1, 12, 18, 40, "عمّان with its shadda is Amman")
lit("zone phrase", "Africa/Cairo", "12 يوليو 2024 - 09:15 بتوقيت عمان", "Asia/Amman", 2024, 7, 12, 9, 15, "bare عمان elsewhere: Amman")
lit("zone phrase", "Africa/Cairo", "12 يوليو 2024 - 09:15 بتوقيت سلطنة عمان", "Asia/Muscat", 2024, 7, 12, 9, 15, "سلطنة عمان elsewhere: Oman")
lit("Jordan", "Asia/Amman", "12 يوليو 2024 - 09:15 بتوقيت عمان", "Asia/Amman", 2024, 7, 12, 9, 15, "bare عمان on a Jordanian site")
# Must stay unparsed.
for text, note in [
    ("31 فبراير 2024", "impossible day"), ("30/02/2024", "impossible numeric day"), ("2024/13/01", "month 13"),
    ("31 نيسان 2024", "April has 30 days"), ("قال الوزير إن الحكومة ستعمل على خفض الأسعار خلال الفترة المقبلة", "prose"),
    ("اقرأ المزيد", "a link"), ("", "empty"), ("رمضان كريم", "a month name alone"),
    ("كتب: محمد أحمد", "a byline"), ("مشاهدة 1234", "a view count"), ("هاتف 0123/456/7890", "a phone number"),
    ("10:61", "not a time"), ("30 ربيع 1446 هـ", "incomplete Hijri month"),
    ("قال الوزير اليوم إن الحكومة ستعمل على خفض الأسعار", "اليوم in prose"),
    ("أعلنت الوزارة أمس عن خطة جديدة للنقل", "أمس in prose"), ("صحيفة اليوم السابع", "a newspaper's name"),
    ("تأسست الشركة منذ عام 1990 في القاهرة", "منذ عام + a year"), ("منذ سنوات طويلة والبلاد تعاني", "years, no count"),
    ("رمضان 2024", "a month and a year: no day"), ("2024", "a year alone"),
]:
    row("unparsed", "Africa/Cairo", NOW, text, "unparsed", note)

print("# country\tzone\tnow\tinput\texpected (RFC 3339 in the site zone, or unparsed)\tcomment")
print("# Generated by make_arabic_dates.py; expected instants from Python zoneinfo over the system tzdata.")
for r in rows:
    assert "\t" not in "".join(r)
    print("\t".join(r))
