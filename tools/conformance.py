#!/usr/bin/env python3
"""tools/conformance.py: how akhbard fares on the shared conformance corpus (third-party test data).

  tools/conformance.py [--corpus DIR] [--akhbard PATH] [--group articles] [--json FILE] [--verbose]

The corpus (default: ../shared/conformance relative to the repository root) is read in place and
never copied. When it is absent the script says "conformance corpus not found" and exits 0.

Groups are functions (GROUPS below): each takes the corpus and the akhbard path and returns a list
of per-case dicts plus printed tables: `articles` and `robots` today; feeds will be added as its own.

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
import datetime as dt
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
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


def group_articles(corpus, akhbard, verbose, content_type=None):
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


def group_robots(corpus, akhbard, verbose, content_type=None):
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


# name -> function(corpus: Path, akhbard: str, verbose: bool, content_type: str|None) -> dict
# (feeds will be added here as group_feeds)
GROUPS = {"articles": group_articles, "robots": group_robots}


def default_akhbard():
    for build in ("build-bench", "build", "build-main"):
        candidate = REPO / build / "daemon" / "akhbard"
        if candidate.exists():
            return str(candidate)
    return "akhbard"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "conformance"))
    ap.add_argument("--akhbard", default=default_akhbard())
    ap.add_argument("--group", action="append", choices=sorted(GROUPS), help="default: every group")
    ap.add_argument("--json", help="write every case and summary here")
    ap.add_argument("--verbose", action="store_true", help="show what was extracted for failed fields")
    ap.add_argument("--content-type", help="HTTP Content-Type to pretend every page came with (e.g. "
                    "'text/html; charset=utf-8': some saved pages were re-encoded but keep their old <meta charset>)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print("conformance corpus not found")
        return 0
    results = {}
    for name in args.group or sorted(GROUPS):
        results[name] = GROUPS[name](corpus, args.akhbard, args.verbose, args.content_type)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
