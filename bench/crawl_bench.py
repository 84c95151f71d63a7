#!/usr/bin/env python3
"""bench/crawl_bench.py: end-to-end cost of `akhbard run --once` on a generated loopback site.

Generates N Arabic article pages (default 2000) modelled on the demo site's pages (header, <h1>,
<time datetime>, div.article-body with an "اقرأ أيضاً" line and an ad slot, a share bar, a
"مقالات ذات صلة" block linking six other articles, comments, footer) with text drawn from the demo
articles' paragraphs plus one unique lead paragraph each, and listing pages of 100 links each that
are configured as the site's sections. The pages are served by `python3 -m http.server` on free
127.0.0.1 ports: --hosts servers (default 4) share the pages, since akhbard keeps at most one
transfer in flight per host (scheme+host+port). akhbard runs with concurrency 8, min_delay 0ms,
allow_private_addresses true, on a fresh SQLite file in a temporary directory.

Measured for the akhbard process alone (os.wait4 rusage): wall time, user+sys CPU, peak RSS.
Reported: pages/s, CPU ms per fetched page and per stored article. The number of stored articles
(`akhbard export`) must equal N; a mismatch is printed and makes the exit code 1, it never raises.

usage: crawl_bench.py --akhbard PATH [--pages N] [--hosts H] [--concurrency C] [--json FILE] [--keep]
"""
import argparse
import html
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_SITE = REPO / "examples" / "demo" / "site"
PER_LISTING = 100

CITIES = ["دمشق", "حلب", "إدلب", "درعا", "حمص", "حماة", "القامشلي", "الحسكة", "دير الزور", "الرقة",
          "اللاذقية", "طرطوس", "السويداء", "منبج", "عفرين", "الباب"]
MONTHS = ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
          "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
          "كانون الأول/ديسمبر"]


def demo_text():
    """Paragraphs and titles of the demo articles (their inner text, tags removed, still escaped)."""
    paragraphs, titles = [], []
    for page in sorted(DEMO_SITE.rglob("*.html")):
        raw = page.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # the demo keeps one windows-1256 page, as the real site does
            text = raw.decode("cp1256", errors="replace")
        titles += [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<h1[^>]*>(.*?)</h1>", text, re.S)]
        for p in re.findall(r"<p>(.*?)</p>", text, re.S):
            plain = re.sub(r"<[^>]+>", "", p).strip()
            if len(plain) > 80 and "اقرأ" not in plain:
                paragraphs.append(plain)
    if not paragraphs or not titles:
        sys.exit(f"crawl_bench: no demo text under {DEMO_SITE}")
    return paragraphs, titles


ARTICLE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{title} - بلدي نيوز</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="بلدي نيوز">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{iso}">
<link rel="stylesheet" href="/css/main.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="article-page">
<header class="site-header">
  <div class="logo"><a href="/"><img src="/img/logo.png" alt="بلدي نيوز"></a></div>
  <nav class="main-menu"><ul>
    <li><a href="/">الرئيسية</a></li><li><a href="/news/page-1.html">أخبار</a></li>
    <li><a href="/reports/">تقارير</a></li><li><a href="/opinion/">رأي</a></li>
  </ul></nav>
</header>
<main class="container">
  <div class="breadcrumb"><a href="/">الرئيسية</a> &raquo; <a href="/news/page-1.html">أخبار</a></div>
  <article class="news-article">
    <h1 class="article-title">{title}</h1>
    <div class="article-meta"><span class="source">بلدي نيوز - {city}</span> <time datetime="{iso}">{human}</time></div>
    <figure class="main-image"><img src="/img/{id}.jpg" alt=""><figcaption>صورة تعبيرية (إنترنت)</figcaption></figure>
    <div class="article-body">
{body}
    <div class="ad-slot">إعلان</div>
</div>
    <div class="share-bar"><span>شارك:</span>
  <a class="fb" href="https://www.facebook.com/sharer/sharer.php?u={url}">فيسبوك</a>
  <a class="tw" href="https://twitter.com/intent/tweet?url={url}">تويتر</a>
</div>
  </article>
  <div class="related-articles">
  <h3 class="block-title">مقالات ذات صلة</h3>
  <ul>
{related}
  </ul>
</div>
  <div class="comments"><h3>التعليقات</h3><p>لا توجد تعليقات بعد.</p></div>
</main>
<footer class="site-footer">
  <div class="footer-links"><a href="/about">من نحن</a> | <a href="/contact">اتصل بنا</a></div>
  <p class="copyright">جميع الحقوق محفوظة © بلدي نيوز 2024</p>
</footer>
</body>
</html>
"""

LISTING = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أخبار - الصفحة {n} - بلدي نيوز</title></head>
<body><header><nav><a href="/">الرئيسية</a></nav></header>
<main><h1>أخبار</h1><ul class="news-list">
{items}
</ul><div class="pager">{pager}</div></main></body></html>
"""

SITE_YAML = """name: bench-news
title: بلدي نيوز
timezone: Asia/Damascus
sections:
{sections}
articles:
  match: '^http://127\\.0\\.0\\.1:\\d+/articles/\\d+\\.html$'
  title: h1
  body: "div.article-body"
  date: "time[datetime]@datetime"
  remove: [".related-articles", ".share-bar", ".ad-slot", "figure", "script", "style"]
  title_suffix: " - بلدي نيوز"
"""

DAEMON_YAML = """store: {db}
sites: sites.d
user_agent: "akhbard-bench/0.1 (+https://example.org/crawler)"
concurrency: {concurrency}
politeness:
  min_delay: 0ms
fetch:
  timeout: 30s
  connect_timeout: 5s
retry:
  attempts: 2
  base_delay: 1s
  max_delay: 2s
allow_private_addresses: true
log:
  format: logfmt
  level: info
"""


def generate(root: Path, pages: int, ports: list, seed: int = 1):
    """Writes the site under root; returns the section URLs."""
    paragraphs, titles = demo_text()
    rng = random.Random(seed)
    (root / "articles").mkdir(parents=True)
    (root / "news").mkdir()
    url_of = lambda i: f"http://127.0.0.1:{ports[i % len(ports)]}/articles/{100000 + i}.html"
    for i in range(pages):
        city = CITIES[i % len(CITIES)]
        day, month, hour = 1 + i % 28, i % 12, 6 + i % 15
        iso = f"2024-{month + 1:02d}-{day:02d}T{hour:02d}:{i % 60:02d}:00+03:00"
        title = f"{rng.choice(titles)} ({city}، {i + 1})"
        lead = (f"{city} - بلدي نيوز: أفاد مراسلنا في التقرير رقم {i + 1} أن الأوضاع الميدانية شهدت "
                f"تطورات جديدة خلال الساعات الماضية، وسط ترقب الأهالي لما ستؤول إليه الأمور.")
        body = [lead] + rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(5, 10)))
        others = rng.sample(range(pages), k=min(pages, 7))
        body.insert(3, f'<strong>اقرأ أيضاً:</strong> <a href="{url_of(others[0])}">{html.escape(rng.choice(titles))}</a>')
        related = "\n".join(f'    <li><a href="{url_of(j)}">{html.escape(rng.choice(titles))}</a></li>'
                            for j in others[1:])
        page = ARTICLE.format(title=html.escape(title), iso=iso, city=city, id=100000 + i, url=url_of(i),
                              human=f"{day} {MONTHS[month]} 2024",
                              body="\n".join(f"    <p>{p}</p>" for p in body), related=related)
        (root / "articles" / f"{100000 + i}.html").write_text(page, encoding="utf-8")
    listings = (pages + PER_LISTING - 1) // PER_LISTING
    sections = []
    for n in range(1, listings + 1):
        chunk = range((n - 1) * PER_LISTING, min(pages, n * PER_LISTING))
        items = "\n".join(f'<li><a href="{url_of(i)}">خبر {i + 1}</a></li>' for i in chunk)
        pager = " ".join(f'<a href="/news/page-{k}.html">{k}</a>' for k in range(1, listings + 1))
        (root / "news" / f"page-{n}.html").write_text(LISTING.format(n=n, items=items, pager=pager),
                                                      encoding="utf-8")
        sections.append(f"http://127.0.0.1:{ports[n % len(ports)]}/news/page-{n}.html")
    return sections


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, deadline):
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def run(args):
    work = Path(tempfile.mkdtemp(prefix="akhbar-crawl-bench-"))
    servers = []
    try:
        ports = []
        while len(ports) < args.hosts:
            p = free_port()
            if p not in ports:
                ports.append(p)
        site = work / "site"
        t0 = time.time()
        sections = generate(site, args.pages, ports)
        site_bytes = sum(f.stat().st_size for f in site.rglob("*.html"))
        print(f"crawl_bench: generated {args.pages} articles + {len(sections)} listings "
              f"({site_bytes / 1e6:.1f} MB) in {time.time() - t0:.1f} s under {work}")
        log_dir = work / "logs"
        log_dir.mkdir()
        for port in ports:
            servers.append(subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                stdout=subprocess.DEVNULL, stderr=open(log_dir / f"server-{port}.log", "wb")))
        for port in ports:
            if not wait_for(port, time.time() + 10):
                print(f"crawl_bench: server on port {port} did not start")
                return None
        conf = work / "conf"
        (conf / "sites.d").mkdir(parents=True)
        db = work / "akhbar.db"
        (conf / "akhbard.yaml").write_text(DAEMON_YAML.format(db=db, concurrency=args.concurrency), encoding="utf-8")
        (conf / "sites.d" / "bench-news.yaml").write_text(
            SITE_YAML.format(sections="\n".join(f"  - {u}" for u in sections)), encoding="utf-8")

        log_path = log_dir / "akhbard.log"
        with open(log_path, "wb") as log:
            start = time.monotonic()
            proc = subprocess.Popen([args.akhbard, "run", "--once", "--config", str(conf / "akhbard.yaml")],
                                    stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.monotonic() - start
            proc.returncode = os.waitstatus_to_exitcode(status)

        export = subprocess.run([args.akhbard, "export", "--config", str(conf / "akhbard.yaml"), "--format", "jsonl"],
                                capture_output=True, text=True)
        stored = [json.loads(line) for line in export.stdout.splitlines() if line.strip()]
        log_text = log_path.read_text(encoding="utf-8", errors="replace")
        fetches = sum(1 for line in log_text.splitlines() if line.startswith("fetch ") or " fetch " in line[:40])
        summary = {}
        for line in log_text.splitlines():
            if "fetched=" in line and "articles=" in line:
                summary = dict(re.findall(r"(\w+)=(\S+)", line))
        fetched = int(summary.get("fetched", fetches) or 0)
        cpu = usage.ru_utime + usage.ru_stime
        result = {
            "pages": args.pages,
            "listings": len(sections),
            "hosts": args.hosts,
            "concurrency": args.concurrency,
            "site_bytes": site_bytes,
            "exit_code": proc.returncode,
            "wall_s": wall,
            "fetched": fetched,
            "failed": int(summary.get("failed", 0) or 0),
            "duplicates": int(summary.get("duplicates", 0) or 0),
            "stored_articles": len(stored),
            "stored_ok": len(stored) == args.pages,
            "pages_per_s": fetched / wall if wall > 0 else 0,
            "articles_per_s": len(stored) / wall if wall > 0 else 0,
            "cpu_user_s": usage.ru_utime,
            "cpu_sys_s": usage.ru_stime,
            "cpu_ms_per_page": cpu * 1e3 / fetched if fetched else None,
            "cpu_ms_per_article": cpu * 1e3 / len(stored) if stored else None,
            "peak_rss_kb": usage.ru_maxrss,
            "db_bytes": sum(p.stat().st_size for p in work.glob("akhbar.db*")),
        }
        print(f"akhbard run --once: exit {proc.returncode}, {wall:.2f} s wall, {fetched} fetched "
              f"({result['pages_per_s']:.0f} pages/s), CPU {cpu:.2f} s "
              f"(user {usage.ru_utime:.2f} + sys {usage.ru_stime:.2f}) = "
              f"{result['cpu_ms_per_page'] or 0:.3f} ms/page, {result['cpu_ms_per_article'] or 0:.3f} ms/article, "
              f"peak RSS {usage.ru_maxrss / 1024:.1f} MB, db {result['db_bytes'] / 1e6:.1f} MB")
        if result["stored_ok"]:
            print(f"stored articles: {len(stored)} = {args.pages} pages: OK")
        else:
            print(f"stored articles: {len(stored)} != {args.pages} pages: MISMATCH "
                  f"(failed={result['failed']} duplicates={result['duplicates']}; log: {log_path})")
            args.keep = True
        return result
    finally:
        for s in servers:
            s.terminate()
        for s in servers:
            try:
                s.wait(timeout=5)
            except subprocess.TimeoutExpired:
                s.kill()
        if args.keep:
            print(f"crawl_bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--akhbard", default=str(REPO / "build-bench" / "daemon" / "akhbard"))
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=4, help="http.server instances (akhbard: one transfer per host)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary site, config, db and logs")
    args = ap.parse_args()
    if not os.access(args.akhbard, os.X_OK):
        sys.exit(f"crawl_bench: {args.akhbard} is not an executable (build it first)")
    result = run(args)
    if result is None:
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["stored_ok"] and result["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
