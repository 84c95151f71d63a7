#!/usr/bin/env python3
"""tools/conformance.py: how akhbard fares on the shared conformance corpus (third-party test data).

  tools/conformance.py [--corpus|--root DIR] [--akhbard PATH] [--group feeds] [--json [FILE]] [--verbose]
                       [--jobs N] [--strict]

The corpus (default: ../shared/conformance relative to the repository root) is read in place and
never copied. When it is absent the script says "conformance corpus not found" and exits 0. The exit
status is 0 whatever the results, unless --strict: then 1 when a feeds or dates assertion that maps
onto akhbar fails. `--json` alone prints the cases and summaries as JSON on stdout (tables go to stderr).

Groups are functions (GROUPS below): each takes the corpus and the akhbard path and returns a list
of per-case dicts plus printed tables: `articles`, `robots`, `feeds` and `dates`.

feeds: `akhbard parse-feed [--url U --content-type CT] FILE` for each of feedparser's test feeds
(feeds/expected.jsonl; the `http` cases get the URL and Content-Type they are served with) and the
JSON Feed examples, N at a time. Each `and`-term of feedparser's Expect is mapped onto akhbard's
output (feed title/link/updated/version/encoding/recovered, item id/title/link/published/updated/
author/summary/content/enclosures, the item count) or counted as unmapped with a reason category
(UNMAPPED). Text is compared as text (feedparser's HTML reduced to its text), URLs as URIs, dates as
instants. Prints per directory: files, assertions, mapped, passed, the pass rate of the mapped; the
unmapped by reason; then every failing mapped assertion with its file, field, expected, got and a
reason category.

dates: feedparser's date-parser cases (feeds/dates.jsonl) through `akhbard date --tz UTC`, with a
pass rate per upstream parser; the parsers and single cases outside akhbar's scope are reported as
unmapped with the reason (DATE_SCOPE, DATE_DESIGN).

robots: `akhbard robots --agent A FILE URL...`, one call per (robots.txt body, agent) with all its
URLs, over robots_cases.jsonl (google/robotstxt: rate overall, for the cases that are not
google_specific, which must all pass save the documented RFC-vs-google differences, and for the
google_specific ones, failures explained by test name), robots_cases_cpython.jsonl (informational),
crawl_delay_cases.jsonl (the printed crawl-delay) and real_world/*.robots.txt (must exit 0).

articles: for every articles/NAME.html with NAME.expected.json, `akhbard extract --url URL NAME.html`
(URL from the expected file when given) and, for each field the source annotates (null means "not
annotated", so it is skipped):
  title    equal after whitespace collapse (and NFC)
  body     token-level F1 (whitespace tokens, multiset) between expected and extracted body;
           pass when F1 >= 0.9
  paras    recall of expected paragraphs (fundus body_sections; else the body's blank-line blocks
           when it has more than one) found, whitespace-collapsed, inside the extracted body
  date     published: same instant when both carry an offset; same wall time when the expected one
           is naive; same day when it is a date only
  author   every expected name appears in the extracted author (case-insensitive)
  snippets body_must_contain all present and body_must_not_contain all absent
Arabic pages (lang "ar") are summarised apart from the others.
"""
import argparse
import contextlib
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BODY_F1_PASS = 0.9


def collapse(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def tokens(text):
    return unicodedata.normalize("NFC", text or "").split()


def token_f1(expected, got):
    e, g = Counter(tokens(expected)), Counter(tokens(got))
    if not e and not g:
        return 1.0
    common = sum((e & g).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def parse_when(text):
    """(kind, value): kind "instant" (aware datetime), "naive" (datetime), "date" (date) or None."""
    if not text:
        return None, None
    t = text.strip().replace("Z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return "date", dt.date.fromisoformat(t)
    try:
        value = dt.datetime.fromisoformat(t)
    except ValueError:
        return None, None
    return ("instant" if value.tzinfo else "naive"), value


def same_date(expected, got):
    ek, ev = parse_when(expected)
    gk, gv = parse_when(got)
    if ek is None or gk is None:
        return False
    if gk == "date":
        return ek != "instant" and (ev if ek == "date" else ev.date()) == gv
    if ek == "instant":
        return gk == "instant" and ev == gv
    if ek == "naive":
        return gv.replace(tzinfo=None) == ev  # the page's wall time, in whatever offset it gave
    return gv.date() == ev  # ek == "date"


def expected_paragraphs(exp):
    if exp.get("body_sections"):
        paragraphs = [p for section in exp["body_sections"] for p in section.get("paragraphs", [])]
    elif exp.get("body") and "\n\n" in exp["body"].strip():
        paragraphs = exp["body"].split("\n\n")
    else:
        return []
    return [collapse(p) for p in paragraphs if collapse(p)]


def expected_authors(exp):
    author = exp.get("author")
    if author is None:
        return []
    names = author if isinstance(author, list) else [author]
    return [collapse(n).lower() for n in names if collapse(n)]


def run_extract(akhbard, html_path, url, content_type=None):
    cmd = [akhbard, "extract"] + (["--url", url] if url else []) + [str(html_path)]
    if content_type:
        cmd[2:2] = ["--content-type", content_type]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=60)
    for line in proc.stdout.split("\n"):  # not splitlines(): U+2028 and \x1c-\x1e may sit inside a JSON string
        if line.strip():
            try:
                return json.loads(line), None
            except ValueError:
                return None, "unparseable output"
    return None, (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]


def check_article(akhbard, html_path, exp, content_type=None):
    got, error = run_extract(akhbard, html_path, exp.get("url"), content_type)
    case = {"name": html_path.name[: -len(".html")], "lang": exp.get("lang") or "?", "error": error}
    got = got or {}
    body = got.get("body") or ""
    if exp.get("title") is not None:
        case["title"] = collapse(got.get("title")) == collapse(exp["title"])
        case["title_got"] = got.get("title")
    if exp.get("body") is not None:
        case["body_f1"] = token_f1(exp["body"], body)
        case["body"] = case["body_f1"] >= BODY_F1_PASS
    paragraphs = expected_paragraphs(exp)
    if paragraphs:
        flat = collapse(body)
        case["para_recall"] = sum(1 for p in paragraphs if p in flat) / len(paragraphs)
    if exp.get("published") is not None:
        case["date"] = same_date(exp["published"], got.get("published_at"))
        case["date_got"] = got.get("published_at")
    names = expected_authors(exp)
    if names:
        got_author = collapse(got.get("author")).lower()
        case["author"] = bool(got_author) and all(n in got_author for n in names)
        case["author_got"] = got.get("author")
    must, must_not = exp.get("body_must_contain") or [], exp.get("body_must_not_contain") or []
    if must or must_not:
        flat = collapse(body)
        present = [s for s in must if collapse(s) in flat]
        leaked = [s for s in must_not if collapse(s) in flat]
        case["snippets"] = len(present) == len(must) and not leaked
        case["snippets_detail"] = f"{len(present)}/{len(must)} in, {len(leaked)}/{len(must_not)} leaked"
    return case


def mark(value):
    return "-" if value is None else ("ok" if value else "FAIL")


def print_article_table(cases):
    print(f"{'page':<44} {'lang':<4} {'title':<5} {'F1':>5} {'body':<5} {'paras':>5} {'date':<5} "
          f"{'author':<6} snippets")
    for c in cases:
        f1 = f"{c['body_f1']:.2f}" if "body_f1" in c else "-"
        paras = f"{c['para_recall']:.2f}" if "para_recall" in c else "-"
        snippets = f"{mark(c.get('snippets'))} ({c['snippets_detail']})" if "snippets" in c else "-"
        print(f"{c['name'][:44]:<44} {c['lang']:<4} {mark(c.get('title')):<5} {f1:>5} {mark(c.get('body')):<5} "
              f"{paras:>5} {mark(c.get('date')):<5} {mark(c.get('author')):<6} {snippets}"
              + (f"  [{c['error']}]" if c.get("error") else ""))


def summarise(cases):
    out = {"pages": len(cases), "errors": sum(1 for c in cases if c.get("error"))}
    for key in ("title", "body", "date", "author", "snippets"):
        judged = [c[key] for c in cases if key in c]
        out[key] = {"pass": sum(judged), "of": len(judged)}
    f1s = [c["body_f1"] for c in cases if "body_f1" in c]
    recalls = [c["para_recall"] for c in cases if "para_recall" in c]
    out["mean_body_f1"] = sum(f1s) / len(f1s) if f1s else None
    out["mean_para_recall"] = sum(recalls) / len(recalls) if recalls else None
    return out


def print_summary(label, s):
    def rate(key):
        p, n = s[key]["pass"], s[key]["of"]
        return f"{p}/{n} ({100 * p / n:.0f}%)" if n else "-"
    f1 = f"{s['mean_body_f1']:.3f}" if s["mean_body_f1"] is not None else "-"
    recall = f"{s['mean_para_recall']:.3f}" if s["mean_para_recall"] is not None else "-"
    print(f"{label:<9} pages {s['pages']:>3}  errors {s['errors']:>2}  title {rate('title'):<12} "
          f"body(F1>={BODY_F1_PASS}) {rate('body'):<12} mean F1 {f1}  mean para recall {recall}  "
          f"date {rate('date'):<12} author {rate('author'):<12} snippets {rate('snippets')}")


def group_articles(corpus, akhbard, verbose, content_type=None, jobs=1):
    folder = corpus / "articles"
    if not folder.is_dir():
        print("articles: no articles/ folder in the corpus")
        return {}
    cases = []
    for expected_file in sorted(folder.glob("*.expected.json")):
        html_path = folder / (expected_file.name[: -len(".expected.json")] + ".html")
        if not html_path.exists():
            continue
        exp = json.loads(expected_file.read_text(encoding="utf-8"))
        cases.append(check_article(akhbard, html_path, exp, content_type))
    arabic = [c for c in cases if c["lang"] == "ar"]
    others = [c for c in cases if c["lang"] != "ar"]
    print("== articles")
    print_article_table(arabic + others)
    if verbose:
        for c in cases:
            for key in ("title", "date", "author"):
                if c.get(key) is False:
                    print(f"  {c['name']}: {key} got {c.get(key + '_got')!r}")
    print()
    summary = {"arabic": summarise(arabic), "other": summarise(others), "all": summarise(cases)}
    print_summary("arabic", summary["arabic"])
    print_summary("other", summary["other"])
    print_summary("all", summary["all"])
    return {"cases": cases, "summary": summary}


# robots: why an assertion differs from akhbard, by test name: a Google extension we do not adopt
# (GoogleOnly_*), or, for urllib, a place where it and google/RFC 9309 part ways.
ROBOTS_KNOWN_DIFFERENCES = {
    "ID_Encoding": "google leaves the URL to the caller (akhbard follows it: the crawler passes canonical, "
                   "percent-encoded URLs)",
    "GoogleOnly_AcceptUserAgentUpToFirstSpace": "google matches the agent string as given ('Foo Bar' is not "
                   "'foo'); akhbard reduces any agent string to its product token (INTERFACE.md)",
    "GoogleOnly_IndexHTMLisDirectory": "google reads 'Allow: /d/index.html' as also allowing '/d/'; not in "
                   "RFC 9309",
    "GoogleOnly_LineTooLong": "google truncates a line at 16664 bytes (kMaxLineLen); akhbard reads whole lines "
                   "within the 500 KiB cap (RFC 9309 2.5)",
    # cpython (urllib.robotparser), informational only
    "UseFirstUserAgentWildcardTest": "urllib obeys only the first '*' group; RFC 9309 2.2.1 merges groups "
                   "naming the same agent",
    "CrawlDelayAndRequestRateTest": "urllib decodes the URL and the pattern before comparing ('/a%3cd.html' "
                   "vs '/a%3Cd.html', '/~joe' vs '/%7ejoe'); akhbard, like google, normalises only the pattern "
                   "and compares the URL as given",
    "DifferentAgentTest": "same URL-encoding difference as CrawlDelayAndRequestRateTest",
    "InvalidRequestRateTest": "same URL-encoding difference as CrawlDelayAndRequestRateTest",
    "UserAgentGoogleMobileTest": "urllib matches agents as substrings ('Googlebot' rules for "
                   "'Googlebot-Mobile'); RFC 9309 2.2.1 matches the whole product token",
}


def run_robots(akhbard, body, agent, urls):
    """(verdicts: list of bool|None, crawl_delay: float|None, stderr lines, exit code) for one body."""
    import tempfile
    with tempfile.NamedTemporaryFile("wb", suffix=".robots.txt") as tmp:
        tmp.write(body if isinstance(body, bytes) else body.encode("utf-8", "surrogateescape"))
        tmp.flush()
        proc = subprocess.run([akhbard, "robots", f"--agent={agent}", "--", tmp.name] + list(urls),
                              capture_output=True, timeout=60)
    lines = proc.stdout.decode("utf-8", "replace").split("\n")
    verdicts = [None] * len(urls)
    delay = None
    for i, line in enumerate(lines):
        word = line.split(" ", 1)[0]
        if i < len(urls) and word in ("allowed", "disallowed"):
            verdicts[i] = word == "allowed"
        elif word == "crawl-delay":
            delay = float(line.split(" ", 1)[1])
    return verdicts, delay, proc.stderr.decode("utf-8", "replace").splitlines(), proc.returncode


def robots_allow_cases(akhbard, path):
    """Runs every {robots, agent, url, allowed} case, one akhbard call per (robots, agent)."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    batches = {}
    for i, c in enumerate(cases):
        batches.setdefault((c["robots"], c["agent"]), []).append(i)
    for (body, agent), idx in batches.items():
        verdicts, _, _, code = run_robots(akhbard, body, agent, [cases[i]["url"] for i in idx])
        for i, got in zip(idx, verdicts):
            cases[i]["got"] = got
            cases[i]["pass"] = code == 0 and got == cases[i]["allowed"]
    for c in cases:
        c["test"] = c["source"].rsplit(":", 1)[-1]
    return cases


def print_robots_rate(label, cases):
    passed = sum(1 for c in cases if c["pass"])
    rate = f"{100 * passed / len(cases):.1f}%" if cases else "-"
    print(f"{label:<44} {passed:>3}/{len(cases):<3} {rate}")
    return {"pass": passed, "of": len(cases)}


def print_robots_failures(cases, verbose):
    by_test = Counter(c["test"] for c in cases if not c["pass"])
    for test, n in sorted(by_test.items()):
        reason = ROBOTS_KNOWN_DIFFERENCES.get(test, "not explained: a bug?")
        print(f"  {test}: {n} failing ({reason})")
        if verbose:
            for c in cases:
                if c["test"] == test and not c["pass"]:
                    url = c["url"] if len(c["url"]) < 90 else c["url"][:87] + "..."
                    print(f"    line {c['line']}: agent {c['agent']!r} url {url!r} expected "
                          f"{'allowed' if c['allowed'] else 'disallowed'}, got {c.get('got')}")


def group_robots(corpus, akhbard, verbose, content_type=None, jobs=1):
    folder = corpus / "robots"
    if not folder.is_dir():
        print("robots: no robots/ folder in the corpus")
        return {}
    print("== robots")
    summary = {}
    cases = []
    if (folder / "robots_cases.jsonl").exists():
        cases = robots_allow_cases(akhbard, folder / "robots_cases.jsonl")
        summary["google_all"] = print_robots_rate("google/robotstxt, all", cases)
        rfc = [c for c in cases if not c["google_specific"]]
        summary["google_rfc"] = print_robots_rate("google/robotstxt, not google_specific", rfc)
        print_robots_failures(rfc, verbose)
        specific = [c for c in cases if c["google_specific"]]
        summary["google_specific"] = print_robots_rate("google/robotstxt, google_specific", specific)
        print_robots_failures(specific, verbose)
    cpython = []
    if (folder / "robots_cases_cpython.jsonl").exists():
        cpython = robots_allow_cases(akhbard, folder / "robots_cases_cpython.jsonl")
        summary["cpython"] = print_robots_rate("cpython (informational, not RFC authority)", cpython)
        print_robots_failures(cpython, verbose)
    delays = []
    if (folder / "crawl_delay_cases.jsonl").exists():
        for line in (folder / "crawl_delay_cases.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            c = json.loads(line)
            _, got, _, code = run_robots(akhbard, c["robots"], c["agent"], ["/"])
            c["got"] = got
            c["pass"] = code == 0 and got == (None if c["crawl_delay"] is None else float(c["crawl_delay"]))
            c["test"] = c["source"].rsplit(":", 1)[-1]
            delays.append(c)
        summary["crawl_delay"] = print_robots_rate("crawl-delay", delays)
        print_robots_failures(delays, True)
    real = []
    for f in sorted((folder / "real_world").glob("*.robots.txt")):
        host = f.name[: -len(".robots.txt")]
        urls = [f"https://{host}/", f"https://{host}/search?q=x", f"https://{host}/news/2024/01/01/story"]
        verdicts, delay, warnings, code = run_robots(akhbard, f.read_bytes(), "akhbard/1.0 (+https://example.org)",
                                                     urls)
        ok = code == 0 and all(v is not None for v in verdicts)
        real.append({"file": f.name, "pass": ok, "exit": code, "warnings": len(warnings), "crawl_delay": delay,
                     "verdicts": verdicts, "test": f.name})
        shown = " ".join("-" if v is None else ("A" if v else "D") for v in verdicts)
        print(f"  {f.name:<36} exit {code}  warnings {len(warnings):>2}  verdicts {shown}  "
              f"crawl-delay {'-' if delay is None else delay}")
        if verbose:
            for w in warnings:
                print(f"    {w}")
    if real:
        summary["real_world"] = print_robots_rate("real_world files parsed (exit 0)", real)
    return {"cases": cases, "cpython": cpython, "crawl_delay": delays, "real_world": real, "summary": summary}


# ---------------------------------------------------------------------------------------------
# feeds: feedparser's test feeds (feeds/expected.jsonl) and the JSON Feed examples (feeds/jsonfeed/).
#
# Each `checks[]` term is mapped onto what `akhbard parse-feed` prints, or counted as unmapped with a
# reason category (UNMAPPED below). feedparser keeps sanitized HTML in title/summary/content and
# akhbar plain text, so an expected value is reduced to its text (tags dropped, script/style skipped,
# entities decoded, whitespace collapsed) before it is compared; URLs are compared as URIs (an IRI's
# host in IDNA, non-ASCII percent-encoded); dates as instants to the second.

FEEDS_HTTP_BASE = "http://127.0.0.1:8097/tests/"

# Unmapped reason categories: why an assertion says nothing about akhbar.
UNMAPPED = {
    "bozo-wellformed": "`not bozo` on a well-formed document: akhbar has no bozo flag (its `recovered` is "
                       "tallied apart, as information)",
    "bozo-encoding": "bozo for a charset override or a non-XML media type: akhbar has no such flag",
    "feedparser-key": "a key akhbar does not keep (detail.type/language, tags, category, comments, source, "
                      "expired, guidislink, link rel/type, enclosure length/type, feed id/author/"
                      "description/language...)",
    "xml-base": "the xml:base in effect (`*_detail.base`): akhbar exposes resolved links, not bases",
    "markup": "an assertion about HTML markup (attributes, href resolution inside content): akhbar's text "
              "fields are plain text",
    "sanitizer": "feedparser's HTML sanitizer output",
    "chardet": "statistical charset detection (upstream skips these without the chardet module)",
    "rfc3023-default": "text/xml without charset means us-ascii (RFC 3023), a rule RFC 7303 section 3.2 removed",
    "content-location": "Content-Location as the base URI: RFC 7231 section 3.1.4.2 dropped that rule and "
                        "akhbard takes no such header",
    "charset-guess": "the text feedparser gets from its own fallback decoding of invalid bytes",
    "feedparser-quirk": "feedparser's own reading of a non-standard element",
    "html5-parsing": "feedparser's sgmllib reading of HTML where an HTML5 tokenizer reads otherwise (\"<!'\" "
                     "opens a bogus comment that runs to the next '>')",
    "expression": "a feedparser-only expression (bozo_exception type, unknown elements, georss)",
    "item-dropped": "the item has neither link nor id: akhbar drops it by contract (feed.h FeedItem::id)",
}

# Judgement calls on single assertions: (file, field) -> unmapped category. Field None: every check.
FEED_OVERRIDES = {
    ("wellformed/sanitize/item_content_encoded_script_nested_cdata.xml", "entries[0].content[0].value"): "sanitizer",
    ("wellformed/rss/item_description_and_summary.xml", "entries[0].content[0].value"): "feedparser-quirk",
    ("wellformed/base/http_entry_link_base_content_location.xml", "entries[0].links[0].href"): "content-location",
    ("encoding/bozo_linenoise.xml", "entries[0].summary"): "charset-guess",
    ("wellformed/rss/item_description_not_a_doctype.xml", "entries[0].description"): "html5-parsing",
}

# Why feedparser says bozo for these, when it is not malformed XML.
BOZO_ENCODING_FILES = {"encoding/bozo_http_i18n.xml", "encoding/bozo_http_text_plain_charset.xml"}

VERSION_NAMES = {"rss091u": "rss091", "rss091n": "rss091", "https://jsonfeed.org/version/1": "json1",
                 "https://jsonfeed.org/version/1.1": "json11"}

# Pure synonyms (the same decoder); anything else must match by name.
ENCODING_SYNONYMS = {"ascii": "us-ascii", "ansi_x3.4-1968": "us-ascii", "us": "us-ascii", "latin1": "iso-8859-1",
                     "latin-1": "iso-8859-1", "l1": "iso-8859-1", "iso_8859-1": "iso-8859-1", "utf8": "utf-8",
                     "cp1252": "windows-1252", "big5-hkscs": "big5", "cp949": "euc-kr", "euckr": "euc-kr",
                     "utf-16-be": "utf-16be", "utf-16-le": "utf-16le"}
# WHATWG's Encoding Standard (what browsers do) decodes both labels with windows-1252; on the ASCII
# bytes of these files every reading gives the same text, so the runner accepts it and says so.
WHATWG_WINDOWS_1252 = {"us-ascii", "iso-8859-1", "windows-1252"}


class _TextOf(HTMLParser):
    """The text of an HTML fragment: tags dropped, script/style skipped, entities decoded."""
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
             "blockquote", "pre", "table", "hr", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def flat(text):
    """NFC, runs of ASCII whitespace as one space. Not \\s: U+00A0 and friends are what some entity
    cases assert, and a dropped entity must not pass for a kept one."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", unicodedata.normalize("NFC", text or "")).strip()


def html_text(value):
    parser = _TextOf()
    parser.feed(value)
    parser.close()
    return flat("".join(parser.parts))


def has_attributed_markup(value):
    return bool(re.search(r"<[A-Za-z][\w:-]*\s+[^>]*=", value))


def url_key(url):
    """A URI reference compared as a URI: scheme and host lowercase, an IRI host in IDNA, non-ASCII and
    spaces percent-encoded (UTF-8), an empty path as "/"."""
    from urllib.parse import quote, urlsplit, urlunsplit
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    netloc = host + (f":{parts.port}" if parts.port else "") if parts.netloc else ""
    if parts.username:
        netloc = parts.username + "@" + netloc
    safe = "%/:=&?~#+!$,;'@()*[]-._"
    path = quote(parts.path, safe=safe) or ("/" if netloc else "")
    return urlunsplit((parts.scheme.lower(), netloc, path, quote(parts.query, safe=safe),
                       quote(parts.fragment, safe=safe)))


def utc_instant(value):
    """An aware UTC datetime (to the second) from a feedparser 9-tuple, an RFC 822 or an ISO string."""
    import email.utils
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
    text = str(value).strip()
    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            t = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return t.astimezone(dt.timezone.utc).replace(microsecond=0)


def encoding_key(name):
    name = (name or "").strip().lower()
    return ENCODING_SYNONYMS.get(name, name)


# --- what the document holds, read statically (for index mapping and link relations)

def _entry_spans(text):
    spans = []
    for m in re.finditer(r"<((?:[\w.-]+:)?(?:item|entry))(?=[\s>/])", text):
        end = re.compile(r"</" + re.escape(m.group(1)) + r"\s*>").search(text, m.end())
        spans.append((m.start(), end.end() if end else len(text)))
    return spans


def _links(fragment):
    out = []
    for m in re.finditer(r"<((?:[\w.-]+:)?link)\b([^>]*?)(/?)>", fragment):
        attrs = dict((k.lower(), v1 if v1 is not None and v1 != "" else v2) for k, v1, v2 in
                     re.findall(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", m.group(2)))
        href = attrs.get("href")
        if href is None and not m.group(3):
            close = fragment.find("</" + m.group(1), m.end())
            href = fragment[m.end():close].strip() if close >= 0 else ""
        out.append({"rel": attrs.get("rel") or "alternate", "href": href or "", "attribute": "href" in attrs,
                    "bare": not attrs})
    return out


def _has_key(fragment):
    """A link or an id a feed reader must find: rdf:about, a non-empty guid/id, an href, or an RSS-style
    <link>URL</link> (text in an Atom <link rel=...> without href is not one)."""
    if re.match(r"<[^>]*\brdf:about\s*=\s*[\"'][^\"']", fragment):
        return True
    if re.search(r"<(?:[\w.-]+:)?(?:guid|id)\b[^>]*>\s*[^<\s]", fragment):
        return True
    return any(link["href"] and (link["attribute"] or link["bare"]) for link in _links(fragment))


def is_utf16(raw):
    return raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:4] in (b"<\x00?\x00", b"\x00<\x00?")


def feed_document(path):
    """{entries: [{has_key, links, open_end}], feed_links: [...]} read from the raw bytes with regular
    expressions (the files include malformed XML; this only needs tag boundaries). open_end: the byte
    offset just after the entry's start tag (single-byte encodings only), for probe_bytes."""
    raw = path.read_bytes()
    if is_utf16(raw):
        enc = "utf-16-le" if raw.startswith(b"\xff\xfe") or raw[:2] == b"<\x00" else "utf-16-be"
        text = raw.decode(enc, "replace")
    else:
        text = raw.decode("latin-1")  # one character per byte: offsets are byte offsets
    text = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group()), text, flags=re.S)
    spans = _entry_spans(text)
    entries = []
    for a, b in spans:
        start_tag = re.match(r"<[^>]*>", text[a:b])
        entries.append({"has_key": _has_key(text[a:b]), "links": _links(text[a:b]),
                        "open_end": a + start_tag.end() if start_tag and not start_tag.group().endswith("/>") else None,
                        "tag": re.match(r"<([\w.:-]+)", text[a:b]).group(1)})
    outside = text
    for a, b in reversed(spans):
        outside = outside[:a] + outside[b:]
    outside = re.sub(r"<((?:[\w.-]+:)?(?:image|textinput|textInput|source))\b.*?</\1\s*>", "", outside, flags=re.S)
    return {"entries": entries, "feed_links": _links(outside)}


def probe_bytes(raw, doc):
    """The document with a synthetic id in each entry that has neither link nor id (which akhbar drops by
    contract), so that the other assertions on it can be checked: rdf:about on an RSS 1.0 item, a
    <guid isPermaLink="false"> in other RSS items, an <id> in Atom entries. None when nothing to do."""
    if is_utf16(raw):
        return None
    out, last, changed = [], 0, False
    rdf = b"rdf:RDF" in raw or b"rdf:rdf" in raw
    for i, e in enumerate(doc["entries"]):
        if e["has_key"] or e["open_end"] is None:
            continue
        end = e["open_end"]
        prefix = e["tag"].rsplit(":", 1)[0] + ":" if ":" in e["tag"] else ""
        if e["tag"].endswith("item") and rdf:
            insert_at, text = end - 1, f' rdf:about="urn:conformance-probe:{i}"'
        elif e["tag"].endswith("item"):
            insert_at, text = end, f'<guid isPermaLink="false">urn:conformance-probe:{i}</guid>'
        else:
            insert_at, text = end, f"<{prefix}id>urn:conformance-probe:{i}</{prefix}id>"
        out += [raw[last:insert_at], text.encode("ascii")]
        last, changed = insert_at, True
    return b"".join(out + [raw[last:]]) if changed else None


# --- running akhbard

def run_parse_feed(akhbard, path, url=None, content_type=None):
    cmd = [akhbard, "parse-feed"]
    if url:
        cmd += ["--url", url]
    if content_type:
        cmd += ["--content-type", content_type]
    cmd += ["--", str(path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return {"exit": "timeout", "feed": None, "stderr": ["timeout after 60 s"]}
    stderr = proc.stderr.decode("utf-8", "replace").splitlines()
    feed = None
    for line in proc.stdout.decode("utf-8", "replace").split("\n"):
        if line.strip():
            try:
                feed = json.loads(line)
            except ValueError:
                stderr.append("unparseable output")
            break
    return {"exit": proc.returncode, "feed": feed, "stderr": stderr}


def item_index_map(doc_entries, run):
    """Document entry index -> akhbar item index, or "dropped"/None. Uses akhbard's "item N ...
    dropped" warnings when it prints them, else the static link/id test."""
    dropped = set()
    warned = False
    for line in run["stderr"]:
        m = re.search(r"\bitem (\d+)\b.*\bdropped", line)
        if m:
            dropped.add(int(m.group(1)) - 1)
            warned = True
    if not warned:
        items = len((run["feed"] or {}).get("items") or [])
        keyed = [i for i, e in enumerate(doc_entries) if e["has_key"]]
        if items < len(doc_entries) and items == len(keyed):
            dropped = {i for i in range(len(doc_entries)) if not doc_entries[i]["has_key"]}
    out, k = {}, 0
    for i in range(len(doc_entries)):
        if i in dropped:
            out[i] = "dropped"
        else:
            out[i] = k
            k += 1
    return out


# --- mapping one check

def _path_of(expr):
    """entries[0]['links'][0]['href'] -> entries[0].links[0].href"""
    expr = expr.strip()
    expr = re.sub(r"\['([^']*)'\]", r".\1", expr)
    return expr.replace(".[", "[")


def expand_checks(row):
    """The row's checks as (field, op, value, src) with the handful of Python expressions that say
    something portable rewritten as plain checks."""
    out = []
    for c in row["checks"]:
        field, op, value, src = c.get("field"), c.get("op", "=="), c.get("value"), c.get("src", "")
        if op != "expr":
            out.append((field, op, value, src))
            continue
        src = src.strip()
        m = re.fullmatch(r"ord\((.+)\) == (\d+)", src)
        if m:
            out.append((_path_of(m.group(1)), "==", chr(int(m.group(2))), src))
            continue
        m = re.fullmatch(r"not (entries\[\d+\])\.has_key\('(\w+)'\)", src)
        if m:
            out.append((f"{m.group(1)}.{m.group(2)}", "absent", None, src))
            continue
        m = re.fullmatch(r"not bozo and (feed\['title'\]) == '(.*)' or feed\['title'\] == \"(.*)\"", src)
        if m:  # escaped_apos: either spelling is the same text
            out.append(("feed.title", "==", m.group(3), src))
            continue
        parts = [p.strip() for p in src.split(" == ")]
        if len(parts) >= 3 and re.fullmatch(r"'.*'", parts[-1]):
            literal = parts[-1][1:-1]
            for p in parts[:-1]:
                out.append((_path_of(p), "==", literal, src))
            continue
        if src == "1":
            out.append(("<no crash>", "ok", None, src))
            continue
        out.append((None, "expr", None, src))
    return out


FIELD_RE = re.compile(r"^(feed|entries|items)(?:\[(\d+)\])?(?:\.(.*))?$")


def map_check(name, row, field, op, value, doc):
    """(kind, spec): kind "unmapped" with a category, or "mapped" with {what, index, expected, cmp}."""
    ctx_dir = name.split("/", 1)[0]
    for key in ((name, field), (name, None)):
        if key in FEED_OVERRIDES:
            return "unmapped", FEED_OVERRIDES[key]
    if field == "bozo":
        if op == "falsy":
            return "unmapped", "bozo-wellformed"
        if "chardet" in (row.get("skip_unless_py") or ""):
            return "unmapped", "chardet"
        if name in BOZO_ENCODING_FILES:
            return "unmapped", "bozo-encoding"
        return "mapped", {"what": "recovered", "expected": True, "cmp": "recovered"}
    if op == "expr" or field is None:
        return "unmapped", "expression"
    if field == "<no crash>":
        need_feed = ctx_dir == "wellformed"
        return "mapped", {"what": "no-crash", "expected": "no crash" + (" and a feed" if need_feed else ""),
                          "cmp": "no-crash", "need_feed": need_feed}
    if field == "version":
        return "mapped", {"what": "version", "expected": VERSION_NAMES.get(value, value), "cmp": "eq"}
    if field == "encoding":
        if "chardet" in (row.get("skip_unless_py") or ""):
            return "unmapped", "chardet"
        http = row.get("http") or {}
        ct = (http.get("content_type") or "").lower()
        if value == "us-ascii" and ct.startswith("text/") and not re.search(r"charset\s*=", ct):
            return "unmapped", "rfc3023-default"
        return "mapped", {"what": "encoding", "expected": value, "cmp": "encoding"}
    if field in ("len(items)", "len(entries)"):
        return "mapped", {"what": "len(items)", "expected": value, "cmp": "eq"}
    m = FIELD_RE.match(field)
    if not m:
        return "unmapped", "feedparser-key"
    scope, index, rest = m.group(1), m.group(2), m.group(3) or ""
    keys = rest.split(".") if rest else []
    if scope in ("entries", "items"):
        index = int(index or 0)
        entry = doc["entries"][index] if index < len(doc["entries"]) else {"links": [], "has_key": True}
        links = entry["links"]
    else:
        index = None
        links = doc["feed_links"]

    def text_spec(what):
        if not isinstance(value, str):
            return "unmapped", "feedparser-key"
        if has_attributed_markup(value):
            return "unmapped", "markup"
        return "mapped", {"what": what, "index": index, "expected": value, "cmp": "text"}

    def date_spec(what):
        return "mapped", {"what": what, "index": index, "expected": value, "cmp": "date"}

    def link_spec(j, sub):
        link = links[j] if j < len(links) else {"rel": "alternate"}
        href = value.get("href") if isinstance(value, dict) else value
        if sub not in (None, "href", "url") or href is None:
            return "unmapped", "feedparser-key"
        if link["rel"] == "alternate":
            return "mapped", {"what": "link", "index": index, "expected": href, "cmp": "url"}
        if link["rel"] == "enclosure" and scope != "feed":
            return "mapped", {"what": "enclosures[*]", "index": index, "expected": href, "cmp": "url-in"}
        return "unmapped", "feedparser-key"

    head = keys[0] if keys else ""
    sub = keys[1] if len(keys) > 1 else None
    lm = re.fullmatch(r"(links|enclosures|content|authors)\[(\d+)\]", head)
    if lm:
        head, j = lm.group(1), int(lm.group(2))
    if scope == "feed":
        if head in ("title",) or (head == "title_detail" and sub == "value"):
            return text_spec("feed.title")
        if head == "link":
            return "mapped", {"what": "feed.link", "expected": value, "cmp": "url"}
        if head == "links":
            kind, spec = link_spec(j, sub)
            if kind == "mapped":
                spec["what"] = "feed.link"
            return kind, spec
        if head in ("updated", "updated_parsed", "published", "published_parsed", "modified", "modified_parsed"):
            return date_spec("feed.updated")
        if head.endswith("_detail") and sub == "base":
            return "unmapped", "xml-base"
        return "unmapped", "feedparser-key"
    # entries
    if op == "absent" and head == "link":
        return "mapped", {"what": "link", "index": index, "expected": "", "cmp": "absent"}
    if head == "title" or (head == "title_detail" and sub == "value"):
        return text_spec("title")
    if head in ("summary", "description") or (head == "summary_detail" and sub == "value"):
        return text_spec("summary")
    if head == "content" and sub == "value":
        return text_spec("content")
    if head == "link":
        return "mapped", {"what": "link", "index": index, "expected": value, "cmp": "url"}
    if head == "links":
        return link_spec(j, sub)
    if head in ("id", "guid"):
        return "mapped", {"what": "id", "index": index, "expected": value, "cmp": "eq"}
    if head in ("published", "published_parsed", "issued", "issued_parsed"):
        return date_spec("published")
    if head in ("updated", "updated_parsed", "modified", "modified_parsed"):
        return date_spec("updated")
    if head == "author" or (head == "author_detail" and sub == "name"):
        return "mapped", {"what": "author", "index": index, "expected": value, "cmp": "text"}
    if head == "authors" and sub == "name":
        return "mapped", {"what": "author", "index": index, "expected": value, "cmp": "text-in"}
    if head == "enclosures" and (sub in ("href", "url") or (sub is None and isinstance(value, dict))):
        href = value.get("href") if isinstance(value, dict) else value
        return "mapped", {"what": f"enclosures[{j}]", "index": index, "expected": href, "cmp": "url"}
    if head.endswith("_detail") and sub == "base" or (head == "content" and sub == "base"):
        return "unmapped", "xml-base"
    return "unmapped", "feedparser-key"


# --- judging one mapped check

def _get(feed, what, index):
    """akhbar's value for `what`; ("no-item", n) when the item is not there."""
    if what.startswith("feed."):
        return feed.get(what[5:])
    if what == "len(items)":
        return len(feed.get("items") or [])
    if what in ("version", "encoding", "recovered"):
        return feed.get(what)
    items = feed.get("items") or []
    if index is None or index >= len(items):
        return ("no-item", len(items))
    item = items[index]
    em = re.fullmatch(r"enclosures\[(\d+)\]", what)
    if em:
        enc = item.get("enclosures") or []
        j = int(em.group(1))
        return enc[j] if j < len(enc) else None
    if what == "enclosures[*]":
        return item.get("enclosures") or []
    if what == "updated":  # feedparser files RSS dc:date under updated, akhbar under published
        return item.get("updated") or item.get("published")
    return item.get(what)


def judge(spec, run, doc_index):
    """(passed: bool|None, got, category) for a mapped check; passed None means unmapped after all
    (category then names why)."""
    feed = run["feed"]
    if spec["cmp"] == "no-crash":
        crashed = run["exit"] not in (0, 1)
        ok = not crashed and (feed is not None or not spec.get("need_feed"))
        return ok, f"exit {run['exit']}", None if ok else ("crash" if crashed else "not-a-feed")
    if spec["cmp"] == "recovered":
        if feed is None:
            return True, f"exit {run['exit']} (not a feed)", None
        return bool(feed.get("recovered")), f"recovered={feed.get('recovered')}", \
            None if feed.get("recovered") else "not-flagged-recovered"
    if feed is None:
        return False, f"exit {run['exit']}: {(run['stderr'] or [''])[-1]}", "not-a-feed"
    index = spec.get("index")
    if index is not None:
        mapped = doc_index.get(index, index)
        if mapped == "dropped":
            if spec.get("has_key"):
                return False, "item dropped", "dropped-with-link-or-id"
            return None, "item dropped", "item-dropped"
        index = mapped
    got = _get(feed, spec["what"], index)
    if isinstance(got, tuple) and got and got[0] == "no-item":
        return False, f"no item {index} (akhbar has {got[1]})", "item-missing"
    expected, cmp = spec["expected"], spec["cmp"]
    if cmp == "eq":
        ok = got == expected or (isinstance(got, str) and isinstance(expected, str) and flat(got) == flat(expected))
        return ok, got, None if ok else ("missing" if got in ("", None) else "differs")
    if cmp == "encoding":
        e, g = encoding_key(expected), encoding_key(got)
        if e == g:
            return True, got, None
        if e in WHATWG_WINDOWS_1252 and g in WHATWG_WINDOWS_1252:
            return True, got, "whatwg-equivalent"
        return False, got, "missing" if not g else "differs"
    if cmp == "text":
        want = html_text(expected)
        ok = flat(got) == want
        if not ok and got and collapse(got) == collapse(want):
            return True, got, "unicode-whitespace"  # akhbar's text collapses U+00A0 like any space
        return ok, got, None if ok else ("missing" if not got else "differs")
    if cmp == "text-in":
        ok = html_text(expected) in flat(got)
        return ok, got, None if ok else ("missing" if not got else "differs")
    if cmp == "url":
        ok = bool(got) and url_key(got) == url_key(expected)
        return ok, got, None if ok else ("missing" if not got else "differs")
    if cmp == "url-in":
        ok = any(url_key(g) == url_key(expected) for g in got)
        return ok, got, None if ok else ("missing" if not got else "differs")
    if cmp == "absent":
        return not got, got, None if not got else "differs"
    if cmp == "date":
        want = utc_instant(expected)
        have = utc_instant(got) if got else None
        ok = want is not None and have == want
        return ok, got, None if ok else ("missing" if not got else "differs")
    return False, got, "unknown-comparison"


def feed_cases(corpus):
    """(name, path, row) for every feed file with expectations."""
    folder = corpus / "feeds"
    rows = []
    expected = folder / "expected.jsonl"
    if expected.exists():
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["file"].split("/", 1)[1], folder / row["file"], row))
    json_expected = folder / "jsonfeed" / "expected.jsonl"
    if json_expected.exists():
        for line in json_expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for c in row["checks"]:
                    c.setdefault("op", "falsy" if c["field"] == "bozo" and not c["value"] else "==")
                    c.setdefault("src", f"{c['field']} == {c['value']!r}")
                rows.append((row["file"], folder / row["file"], row))
    return rows


def feed_directory(name):
    parts = name.split("/")
    return "/".join(parts[:2]) if parts[0] == "wellformed" else parts[0]


def map_json_field(field):
    """JSON Feed spec field names onto the feedparser-style ones map_check knows."""
    field = re.sub(r"^items\[", "entries[", field)
    field = field.replace(".home_page_url", ".link").replace(".content_text", ".content[0].value")
    field = field.replace(".content_html", ".content[0].value")
    return re.sub(r"^(entries\[\d+\])\.url$", r"\1.link", field)


def check_feed_file(akhbard, name, path, row):
    http = row.get("http") or {}
    run = run_parse_feed(akhbard, path, http.get("url"), http.get("content_type"))
    doc = feed_document(path) if name.endswith(".xml") else {"entries": [{"has_key": True, "links": []}] * 64,
                                                            "feed_links": []}
    doc_index = item_index_map(doc["entries"], run) if name.endswith(".xml") else {}
    checks, probes = [], []
    for field, op, value, src in expand_checks(row):
        if name.startswith("jsonfeed/") and field:
            field = map_json_field(field)
        kind, spec = map_check(name, row, field, op, value, doc)
        c = {"file": name, "dir": feed_directory(name), "field": field, "src": src, "expected": value}
        if kind == "unmapped":
            c.update(status="unmapped", category=spec)
        else:
            index = spec.get("index")
            spec["has_key"] = index is not None and index < len(doc["entries"]) and doc["entries"][index]["has_key"]
            passed, got, category = judge(spec, run, doc_index)
            c["got"] = got
            if passed is None:
                c.update(status="unmapped", category=category)
                if category == "item-dropped":
                    probes.append((c, spec))
            else:
                c.update(status="pass" if passed else "fail", category=category, compared=spec["what"])
                if spec["cmp"] == "text":
                    c["expected_text"] = html_text(spec["expected"])
        checks.append(c)
    if probes:
        probe_checks(akhbard, path, http, doc, probes)
    # Information: feedparser calls the document well-formed, did akhbar need recovery?
    wellformed = any(f == "bozo" and op == "falsy" for f, op, _, _ in expand_checks(row))
    info = {"file": name, "exit": run["exit"], "wellformed": wellformed,
            "recovered": (run["feed"] or {}).get("recovered"), "warnings": run["stderr"]}
    return checks, info


def probe_checks(akhbard, path, http, doc, probes):
    """Re-runs a file whose asserted items akhbar dropped, with synthetic ids (probe_bytes), and records
    the verdict of each such check under c["probe"]. Outside the main tally: the input was changed."""
    import tempfile
    probed = probe_bytes(path.read_bytes(), doc)
    if probed is None:
        return
    with tempfile.NamedTemporaryFile("wb", suffix=path.suffix, prefix="akhbar-conformance-probe-") as tmp:
        tmp.write(probed)
        tmp.flush()
        run = run_parse_feed(akhbard, tmp.name, http.get("url"), http.get("content_type"))
    doc_index = {i: i for i in range(len(doc["entries"]))}
    for c, spec in probes:
        passed, got, category = judge(dict(spec, has_key=True), run, doc_index)
        c["probe"] = {"status": "pass" if passed else "fail", "got": got, "category": category}


def summarise_checks(checks):
    s = {"assertions": len(checks), "mapped": 0, "passed": 0, "unmapped": 0}
    for c in checks:
        if c["status"] == "unmapped":
            s["unmapped"] += 1
        else:
            s["mapped"] += 1
            s["passed"] += c["status"] == "pass"
    s["rate"] = s["passed"] / s["mapped"] if s["mapped"] else None
    return s


def short(value, width=70):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 3] + "..."


def group_feeds(corpus, akhbard, verbose, content_type=None, jobs=4):
    from concurrent.futures import ThreadPoolExecutor
    if not (corpus / "feeds").is_dir():
        print("feeds: no feeds/ folder in the corpus")
        return {}
    cases = [c for c in feed_cases(corpus) if c[1].exists()]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: check_feed_file(akhbard, *c), cases))
    checks = [c for file_checks, _ in results for c in file_checks]
    infos = [info for _, info in results]
    print("== feeds")
    directories = sorted({c["dir"] for c in checks}, key=lambda d: (d.startswith("jsonfeed"), d))
    print(f"{'directory':<26} {'files':>5} {'asserts':>7} {'mapped':>6} {'passed':>6} {'rate':>7}")
    per_dir = {}
    for d in directories + ["all"]:
        subset = [c for c in checks if d == "all" or c["dir"] == d]
        s = summarise_checks(subset)
        s["files"] = len({c["file"] for c in subset})
        per_dir[d] = s
        rate = f"{100 * s['rate']:.1f}%" if s["rate"] is not None else "-"
        print(f"{d:<26} {s['files']:>5} {s['assertions']:>7} {s['mapped']:>6} {s['passed']:>6} {rate:>7}")
    print("\nunmapped, by reason:")
    unmapped = Counter(c["category"] for c in checks if c["status"] == "unmapped")
    for category, n in unmapped.most_common():
        print(f"  {n:>4}  {category}: {UNMAPPED.get(category, '?')}")
    for category, label in (("whatwg-equivalent", "WHATWG-equivalent encodings (us-ascii/iso-8859-1 read as "
                                                   "windows-1252)"),
                            ("unicode-whitespace", "U+00A0 collapsed as a space (akhbar's text collapses it like "
                                                   "any whitespace)")):
        passed = [c["file"] for c in checks if c["status"] == "pass" and c.get("category") == category]
        if passed:
            print(f"\npassed as {label}: {len(passed)}: {', '.join(passed)}")
    failures = [c for c in checks if c["status"] == "fail"]
    print(f"\nfailing mapped assertions: {len(failures)}, by reason: "
          + ", ".join(f"{k} {n}" for k, n in Counter(c["category"] for c in failures).most_common()))
    for c in sorted(failures, key=lambda c: (c["dir"], c["file"], c["field"] or "")):
        expected = c.get("expected_text", c["expected"])
        print(f"  {c['file']}: {c['field']} [{c['category']}]\n      expected {short(expected)}\n"
              f"      got      {short(c.get('got'))}")
    probed = [c for c in checks if c.get("probe")]
    if probed:
        passed = sum(c["probe"]["status"] == "pass" for c in probed)
        print(f"\nprobe (not in the rates above): {len(probed)} assertions on items akhbar drops for want of a link "
              f"or id, re-run with a synthetic id in those items: {passed}/{len(probed)} pass")
        for c in sorted(probed, key=lambda c: (c["dir"], c["file"], c["field"] or "")):
            if c["probe"]["status"] != "pass":
                expected = c.get("expected_text", html_text(c["expected"]) if isinstance(c["expected"], str) and
                                 c["field"] and re.search(r"title|summary|description|content|author", c["field"])
                                 else c["expected"])
                print(f"  {c['file']}: {c['field']} [{c['probe']['category']}]\n      expected {short(expected)}\n"
                      f"      got      {short(c['probe']['got'])}")
    unexpected = [i for i in infos if i["wellformed"] and i["recovered"]]
    refused = [i for i in infos if i["exit"] != 0]
    print(f"\ninformation: well-formed files (feedparser: not bozo) akhbar flagged recovered: {len(unexpected)} of "
          f"{sum(1 for i in infos if i['wellformed'])}"
          + ("".join(f"\n  {i['file']}" for i in unexpected)))
    print(f"information: files akhbard refused (exit != 0): {len(refused)}"
          + "".join(f"\n  {i['file']}: exit {i['exit']}: {short((i['warnings'] or [''])[-1], 90)}" for i in refused))
    if verbose:
        print("\nunmapped assertions:")
        for c in checks:
            if c["status"] == "unmapped":
                print(f"  {c['file']}: {c['field'] or c['src']} [{c['category']}]")
    return {"summary": {"directories": per_dir, "unmapped": dict(unmapped), "failures": len(failures)},
            "checks": checks, "files": infos, "strict_failures": len(failures)}


# ---------------------------------------------------------------------------------------------
# dates: feedparser's date-parser cases (feeds/dates.jsonl) through `akhbard date --tz UTC`.
#
# A case passes when akhbard prints the expected instant to the second (feedparser's 9-tuples have
# no fraction), or "unparsed" where feedparser expects None. In scope: the machine forms a news feed
# or page writes. Out of scope, and counted as unmapped with the reason: other languages' month
# names, and forms no feed uses; single cases that hit a documented akhbar convention are too.

DATE_NOW = "2024-06-01T00:00:00Z"  # the reference for dates without a year; fixed for repeatable runs

DATE_SCOPE = {
    "rfc822": None, "w3dtf": None, "asctime": None, "iso8601": None,
    "perforce": None,  # "Fri, 2006/09/15 08:19:53 EDT": an RFC 822 mistake with a numeric date
    "greek": "Greek month and weekday names: not a language akhbar's sites write dates in",
    "hungarian": "Hungarian month names: not a language akhbar's sites write dates in",
    "nate": "Korean (nate.com) dates with 오전/오후 in KST: not a language akhbar's sites write dates in",
    "onblog": "Korean (onblog) dates with 년/월/일 in KST: not a language akhbar's sites write dates in",
}

# (parser, input) -> why akhbar reads it otherwise on purpose.
DATE_DESIGN = {
    ("iso8601", "-0312"): "ISO 8601:1988 two-digit-year truncated form (withdrawn in 2004; no feed writes it)",
    ("iso8601", "031231"): "ISO 8601:1988 two-digit-year basic form (withdrawn in 2004)",
    ("iso8601", "03-12-31"): "ISO 8601:1988 two-digit year (withdrawn in 2004)",
    ("iso8601", "-03-12"): "ISO 8601:1988 truncated form (withdrawn in 2004)",
    ("iso8601", "03335"): "ISO 8601:1988 two-digit-year ordinal date (withdrawn in 2004)",
    ("iso8601", "2003-012-31T10:14:55+00:00"): "a three-digit month is not ISO 8601 (a feedparser leniency)",
    ("w3dtf", "2003"): "year only: akhbar needs a day (a publication time of 1 January is a guess)",
    ("w3dtf", "2003-12"): "year and month only: akhbar needs a day",
    ("rfc822", "Thu, 01 Jan 0100 00:00:01 +0100"): "year outside akhbar's 1970-2100 window (date.cc kMinYear)",
    ("rfc822", "Sun, 16 Dec zz 11:47:32 GMT"): "no readable year: akhbar takes the closest past year "
                                               "(date.h convention) rather than refusing",
}


def run_date(akhbard, text):
    proc = subprocess.run([akhbard, "date", "--tz", "UTC", "--now", DATE_NOW, "--", text], capture_output=True,
                          timeout=30)
    out = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        return None, f"exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace').strip()}"
    return out, None


def check_date_case(akhbard, c):
    expected = c["expected_utc"]
    case = {"parser": c["parser"], "input": c["input"], "line": c.get("line"),
            "expected": None if expected is None else "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(expected[:6])}
    scope = DATE_SCOPE.get(c["parser"], "a parser the runner does not know")
    design = DATE_DESIGN.get((c["parser"], c["input"]))
    got, error = run_date(akhbard, c["input"])
    case["got"] = error or got
    if got is not None and got != "unparsed":
        t = utc_instant(got)
        case["got_utc"] = "%04d-%02d-%02dT%02d:%02d:%02dZ" % t.timetuple()[:6] if t else got
    ok = error is None and ((case["expected"] is None and got == "unparsed") or
                            (case["expected"] is not None and case.get("got_utc") == case["expected"]))
    if scope:
        case.update(status="unmapped", reason=scope)
    elif design and not ok:
        case.update(status="unmapped", reason=design)
    else:
        case.update(status="pass" if ok else "fail", reason=None)
    case["would_pass"] = ok
    return case


def group_dates(corpus, akhbard, verbose, content_type=None, jobs=4):
    from concurrent.futures import ThreadPoolExecutor
    path = corpus / "feeds" / "dates.jsonl"
    if not path.exists():
        print("dates: no feeds/dates.jsonl in the corpus")
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        cases = list(pool.map(lambda c: check_date_case(akhbard, c), rows))
    print("== dates")
    print(f"{'parser':<10} {'cases':>5} {'in scope':>8} {'passed':>6} {'rate':>7}  {'unmapped':>8}  "
          "unmapped that pass anyway")
    per_parser = {}
    for parser in sorted({c["parser"] for c in cases}) + ["all"]:
        subset = [c for c in cases if parser == "all" or c["parser"] == parser]
        mapped = [c for c in subset if c["status"] != "unmapped"]
        passed = sum(c["status"] == "pass" for c in mapped)
        unmapped = [c for c in subset if c["status"] == "unmapped"]
        rate = f"{100 * passed / len(mapped):.1f}%" if mapped else "-"
        per_parser[parser] = {"cases": len(subset), "mapped": len(mapped), "passed": passed,
                              "unmapped": len(unmapped), "unmapped_would_pass": sum(c["would_pass"] for c in unmapped)}
        print(f"{parser:<10} {len(subset):>5} {len(mapped):>8} {passed:>6} {rate:>7}  {len(unmapped):>8}  "
              f"{per_parser[parser]['unmapped_would_pass']}")
    reasons = Counter(c["reason"] for c in cases if c["status"] == "unmapped")
    print("\nunmapped, by reason:")
    for reason, n in reasons.most_common():
        print(f"  {n:>3}  {reason}")
    failures = [c for c in cases if c["status"] == "fail"]
    print(f"\nfailing in-scope cases: {len(failures)}")
    for c in failures:
        print(f"  {c['parser']} {c['input']!r}: expected {c['expected'] or 'unparsed'}, got {c['got']}")
    if verbose:
        for c in cases:
            if c["status"] == "unmapped":
                print(f"  unmapped {c['parser']} {c['input']!r}: expected {c['expected'] or 'unparsed'}, got "
                      f"{c['got']} ({c['reason']})")
    return {"summary": per_parser, "cases": cases, "strict_failures": len(failures)}

# name -> function(corpus: Path, akhbard: str, verbose: bool, content_type: str|None) -> dict
GROUPS = {"articles": group_articles, "dates": group_dates, "feeds": group_feeds, "robots": group_robots}


def default_akhbard():
    for build in ("build-bench", "build", "build-main"):
        candidate = REPO / build / "daemon" / "akhbard"
        if candidate.exists():
            return str(candidate)
    return "akhbard"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", "--root", dest="corpus", default=str(REPO.parent / "shared" / "conformance"))
    ap.add_argument("--akhbard", default=default_akhbard())
    ap.add_argument("--group", action="append", choices=sorted(GROUPS), help="default: every group")
    ap.add_argument("--json", nargs="?", const="-", metavar="FILE",
                    help="write every case and summary to FILE; alone (or '-'): JSON on stdout, tables on stderr")
    ap.add_argument("--verbose", action="store_true", help="show what was extracted for failed fields")
    ap.add_argument("--jobs", type=int, default=4, help="akhbard processes at once (feeds, dates)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when a feeds or dates assertion that maps onto akhbar fails")
    ap.add_argument("--content-type", help="HTTP Content-Type to pretend every page came with (e.g. "
                    "'text/html; charset=utf-8': some saved pages were re-encoded but keep their old <meta charset>)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    tables = sys.stderr if args.json == "-" else sys.stdout
    if not corpus.is_dir():
        print("conformance corpus not found", file=tables)
        if args.json == "-":
            print("{}")
        return 0
    if not shutil.which(args.akhbard):
        print(f"akhbard not found at {args.akhbard!r}: build it (ninja akhbard) or pass --akhbard", file=tables)
        return 1 if args.strict else 0
    results = {}
    with contextlib.redirect_stdout(tables):
        for name in args.group or sorted(GROUPS):
            results[name] = GROUPS[name](corpus, args.akhbard, args.verbose, args.content_type, jobs=args.jobs)
            print()
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
    elif args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    failures = sum(r.get("strict_failures", 0) for r in results.values() if isinstance(r, dict))
    return 1 if args.strict and failures else 0


if __name__ == "__main__":
    sys.exit(main())
