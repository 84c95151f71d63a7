#!/usr/bin/env python3
"""bench/compare.py: merges the parser and crawl results into one file and compares two runs.

  compare.py merge --parse P.json --crawl C.json [--startup S.json] --out latest.json
  compare.py show latest.json [previous.json]

`show` prints the headline figures, the change against the previous run in % (for each figure,
whether up is better is known, so the verdict column says "better"/"worse" beyond ±5 %, the usual
noise of a 2-core shared machine), and the reference tools measured on this machine with the
target akhbar aims at (a tenth of their cost).
"""
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

# (label, path in the merged file, unit, True when a larger value is better)
METRICS = [
    ("extract_article CPU", "parse.extract_article.cpu_ms_per_unit", "ms/page", False),
    ("extract_article", "parse.extract_article.units_per_s", "pages/s", True),
    ("extract_article", "parse.extract_article.mb_per_s", "MB/s", True),
    ("parse_feed CPU", "parse.parse_feed.cpu_ms_per_unit", "ms/item", False),
    ("parse_feed", "parse.parse_feed.units_per_s", "items/s", True),
    ("parse_feed", "parse.parse_feed.mb_per_s", "MB/s", True),
    ("parse_feed[rss]", "parse.parse_feed_rss.units_per_s", "items/s", True),
    ("parse_feed[atom]", "parse.parse_feed_atom.units_per_s", "items/s", True),
    ("parse_feed[jsonfeed]", "parse.parse_feed_jsonfeed.units_per_s", "items/s", True),
    ("parse_feed[sitemaps]", "parse.parse_feed_sitemaps.units_per_s", "items/s", True),
    ("parse_feed[sitemaps]", "parse.parse_feed_sitemaps.mb_per_s", "MB/s", True),
    ("normalize_arabic", "parse.normalize_arabic.mb_per_s", "MB/s", True),
    ("content_hash", "parse.content_hash.mb_per_s", "MB/s", True),
    ("extract_links", "parse.extract_links.units_per_s", "pages/s", True),
    ("extract_article[real] CPU", "parse.extract_article_realistic.cpu_ms_per_unit", "ms/page", False),
    ("extract_article[real]", "parse.extract_article_realistic.mb_per_s", "MB/s", True),
    ("html_parse[real] CPU", "parse.html_parse_realistic.cpu_ms_per_unit", "ms/page", False),
    ("extract_links[real] CPU", "parse.extract_links_realistic.cpu_ms_per_unit", "ms/page", False),
    ("extract[generated] CPU", "generated.extract_article_realistic.cpu_ms_per_unit", "ms/page", False),
    ("extract+links[gen] CPU", "generated.extract_with_links_realistic.cpu_ms_per_unit", "ms/page", False),
    ("html_parse[gen] CPU", "generated.html_parse_realistic.cpu_ms_per_unit", "ms/page", False),
    ("readability[eval] CPU", "peers_eval.peers.readability-lxml.cpu_ms_per_page", "ms/page", False),
    ("readability[gen] CPU", "peers_generated.peers.readability-lxml.cpu_ms_per_page", "ms/page", False),
    ("akhbar_bench peak RSS", "parse.peak_rss_kb", "KB", False),
    ("start-up --help CPU", "startup.startup_cpu_ms.akhbard --help", "ms", False),
    ("start-up date CPU", "startup.startup_cpu_ms.akhbard date -- x", "ms", False),
    ("start-up extract CPU", "startup.startup_cpu_ms.akhbard extract small.html", "ms", False),
    ("crawl wall", "crawl.wall_s", "s", False),
    ("crawl", "crawl.pages_per_s", "pages/s", True),
    ("crawl CPU", "crawl.cpu_ms_per_page", "ms/page", False),
    ("crawl CPU", "crawl.cpu_ms_per_article", "ms/article", False),
    ("akhbard peak RSS", "crawl.peak_rss_kb", "KB", False),
    ("stored articles", "crawl.stored_articles", "", True),
]

# What the usual tools cost (CPU ms per unit), and the figure akhbar compares with. A peer timed in
# this run (bench/peer_bench.py on the same pages) replaces the figure measured earlier.
REFERENCES = [
    ("Scrapy", 6.4, None, "ms CPU per crawled page", "crawl.cpu_ms_per_page"),
    ("readability-lxml", 13.3, "peers_eval.peers.readability-lxml.cpu_ms_per_page", "ms per eval page",
     "parse.extract_article_realistic.cpu_ms_per_unit"),
    ("readability-lxml", 13.3, "peers_generated.peers.readability-lxml.cpu_ms_per_page", "ms per generated page",
     "generated.extract_article_realistic.cpu_ms_per_unit"),
    ("feedparser", 0.64, None, "ms per feed item", "parse.parse_feed.cpu_ms_per_unit"),
]


def lookup(doc, path):
    head, _, last = path.partition(".startup_cpu_ms.")  # command names hold dots and spaces
    keys = head.split(".") + ["startup_cpu_ms", last] if last else path.split(".")
    for key in keys:
        if not isinstance(doc, dict) or key not in doc:
            return None
        doc = doc[key]
    return doc


def merge(parse_path, crawl_path, out_path, startup_path=None, generated_path=None, peers_eval_path=None,
          peers_generated_path=None):
    def load(p):
        if not p:
            return None
        try:
            return json.loads(Path(p).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
    try:
        commit = subprocess.run(["git", "-C", str(Path(__file__).parent), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip() or None
    except OSError:
        commit = None
    doc = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "host": platform.node(),
        "machine": platform.machine(),
        "cpus": __import__("os").cpu_count(),
        "commit": commit,
        "parse": load(parse_path),
        "crawl": load(crawl_path),
        "startup": load(startup_path),
        "generated": load(generated_path),
        "peers_eval": load(peers_eval_path),
        "peers_generated": load(peers_generated_path),
    }
    Path(out_path).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, bool):
        return str(v)
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3f}"


def show(latest_path, previous_path=None):
    latest = json.loads(Path(latest_path).read_text(encoding="utf-8"))
    previous = None
    if previous_path and Path(previous_path).exists():
        previous = json.loads(Path(previous_path).read_text(encoding="utf-8"))
    title = f"results {latest.get('time')}" + (f" vs {previous.get('time')}" if previous else " (no previous run)")
    print(title)
    print(f"{'figure':<24} {'unit':<11} {'previous':>10} {'latest':>10} {'delta':>8}  verdict")
    for label, path, unit, higher_better in METRICS:
        now = lookup(latest, path)
        before = lookup(previous, path) if previous else None
        delta, verdict = "", ""
        if isinstance(now, (int, float)) and isinstance(before, (int, float)) and before:
            change = (now - before) / abs(before) * 100
            delta = f"{change:+.1f}%"
            if abs(change) > 5:
                verdict = "better" if (change > 0) == higher_better else "worse"
            else:
                verdict = "same (noise)"
        print(f"{label:<24} {unit:<11} {fmt(before):>10} {fmt(now):>10} {delta:>8}  {verdict}")
    if lookup(latest, "crawl.stored_ok") is False:
        print("WARNING: the crawl stored", lookup(latest, "crawl.stored_articles"), "articles for",
              lookup(latest, "crawl.pages"), "pages")
    print("\nfor scale, measured on this machine (akhbar aims at a tenth of each; 'live' = timed in this run):")
    for tool, earlier, live_path, what, path in REFERENCES:
        live = lookup(latest, live_path) if live_path else None
        cost = live if isinstance(live, (int, float)) and live > 0 else earlier
        what = f"{what} ({'live' if cost is live else 'earlier'})"
        ours = lookup(latest, path)
        ratio = f"{cost / ours:.1f}x cheaper" if isinstance(ours, (int, float)) and ours > 0 else "-"
        target = cost / 10
        status = ""
        if isinstance(ours, (int, float)):
            status = "meets the target" if ours <= target else "above the target"
        print(f"  {tool:<17} {cost:>6.2f} {what:<36} target {target:.3f}  akhbar {fmt(ours)}  ({ratio}, {status})")


def main(argv):
    if len(argv) >= 2 and argv[1] == "merge":
        args = dict(zip(argv[2::2], argv[3::2]))
        merge(args.get("--parse"), args.get("--crawl"), args["--out"], args.get("--startup"), args.get("--generated"),
              args.get("--peers-eval"), args.get("--peers-generated"))
        return 0
    if len(argv) >= 3 and argv[1] == "show":
        show(argv[2], argv[3] if len(argv) > 3 else None)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
