#!/usr/bin/python3
"""bench/peer_bench.py: CPU per page of the extractors users would pick instead of akhbar, on the
same realistic pages akhbar_bench times (tests/data/eval/ by default).

Today: readability-lxml (Debian's python3-readability), Document(html).summary() plus .title(),
which is what a user of it calls per article. Each page is decoded to text first (untimed), one
warm-up pass, then whole passes for about --seconds; CPU is this process's user+sys time.

    bench/peer_bench.py [--pages DIR] [--seconds S] [--json out.json]

A peer that is not installed is reported as missing, not as a failure: bench/run.sh installs it.
"""
import argparse
import json
import os
import resource
import sys


def cpu_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_pages(root):
    pages = []
    for name in sorted(os.listdir(root)):
        if name.endswith(".html") or name.endswith(".htm"):
            with open(os.path.join(root, name), "rb") as f:
                raw = f.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("windows-1256", errors="replace")
            pages.append(text)
    return pages


def time_passes(pages, extract, seconds):
    for p in pages:  # warm-up
        extract(p)
    passes = 0
    start = cpu_s()
    while True:
        for p in pages:
            extract(p)
        passes += 1
        if cpu_s() - start >= seconds:
            break
    spent = cpu_s() - start
    return spent * 1000.0 / (passes * len(pages)), passes


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--pages", default=os.path.join(root, "tests", "data", "eval"))
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--json")
    a = ap.parse_args()
    pages = load_pages(a.pages)
    if not pages:
        print(f"peer_bench: no pages in {a.pages}", file=sys.stderr)
        return 1
    kb = sum(len(p.encode("utf-8")) for p in pages) / len(pages) / 1024.0
    results = {"pages": len(pages), "average_kb": round(kb, 1), "peers": {}}
    try:
        from readability import Document  # Debian: python3-readability
    except ImportError:
        results["peers"]["readability-lxml"] = None
        print("readability-lxml        not installed (apt-get install python3-readability)")
    else:
        def extract(html):
            d = Document(html)
            return d.title(), d.summary()
        ms, passes = time_passes(pages, extract, a.seconds)
        results["peers"]["readability-lxml"] = {"cpu_ms_per_page": round(ms, 3), "passes": passes}
        print(f"readability-lxml     {ms:8.3f} CPU ms/page  ({len(pages)} pages, {kb:.1f} KB average, {passes} passes)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
