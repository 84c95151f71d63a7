#!/usr/bin/env python3
"""bench/frontier_bench.py: memory and throughput of `akhbard run --once` with a large frontier.

The question it answers: does akhbard's memory stay flat when the frontier holds 100,000 URLs
(issue 4: "1M queued URLs must not mean 1M objects in RAM")? akhbard keeps only a window of the
SQLite frontier in memory (daemon/crawler_impl.h, kWindow), so peak RSS should not depend on N.

--hosts loopback HTTP servers (default 8; akhbard keeps one transfer in flight per host), each a
ThreadingHTTPServer in its own forked process, generate every response on the fly:
  /robots.txt -> 404
  /section/   -> one Arabic listing page linking all of that host's articles (/a/<i>, N/H links)
  /a/<i>      -> a small Arabic article (<html lang="ar">, charset meta, article:published_time,
                 a title and three paragraphs that mention i, so every content hash differs)
Article i lives on host i % H. akhbard runs `run --once` on a fresh SQLite file in a temporary
directory: one site per host (its /section/ as the only source), concurrency 8, min_delay 0ms,
allow_private_addresses true, max_body 50MB, log level warn (so logging does not dominate).

Measured for the akhbard process alone: wall time, user+sys CPU and peak RSS (os.wait4 rusage),
plus VmRSS from /proc/PID/status every --sample seconds next to the number of stored articles
(read-only SQLite), printed as an RSS curve at 10 %..100 % of N. The servers count every request,
so "pages fetched" is exact. Afterwards: stored articles must equal N, no canonical_url twice,
urls by state.

--kill-after S sends SIGKILL to the first run after S seconds, then starts `run --once` again and
checks the resume: N articles stored, none twice, and how many article URLs were requested again
(in flight at the kill: allowed) versus requested again although already stored (done twice: not
allowed). Exit code 1 when a check fails; --keep keeps config, database and logs.

usage: frontier_bench.py [--akhbard PATH] [--pages N] [--hosts H] [--kill-after S] [--json FILE]
"""
import argparse
import http.server
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CITIES = ["دمشق", "حلب", "إدلب", "درعا", "حمص", "حماة", "القامشلي", "الحسكة", "دير الزور", "الرقة",
          "اللاذقية", "طرطوس", "السويداء", "منبج", "عفرين", "الباب"]

ARTICLE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{title} - أخبار المدن</title>
<meta property="og:site_name" content="أخبار المدن">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{iso}">
</head>
<body>
<header><nav><a href="/">الرئيسية</a> | <a href="/section/">أخبار</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<time datetime="{iso}">{iso}</time>
<p>{city} - أخبار المدن: أفاد مراسلنا في التقرير رقم {n} أن الأوضاع الميدانية في ريف {city} شهدت
تطورات جديدة خلال الساعات الماضية، وسط ترقب الأهالي لما ستؤول إليه الأمور في الأيام المقبلة.</p>
<p>وقال مصدر محلي إن {k} عائلة على الأقل نزحت من القرى المحيطة باتجاه مراكز الإيواء، فيما تعمل
فرق الدفاع المدني على فتح الطرقات وإيصال المساعدات الإنسانية إلى المناطق المتضررة.</p>
<p>وأضاف المصدر أن المجلس المحلي في {city} أعلن عن خطة طوارئ تشمل توزيع الخبز والمياه والأدوية،
داعياً المنظمات الدولية إلى التحرك العاجل لتلبية احتياجات السكان قبل حلول فصل الشتاء، بحسب البيان رقم {n}.</p>
</article>
</main>
<footer><p>جميع الحقوق محفوظة © أخبار المدن 2024</p></footer>
</body>
</html>
"""

LISTING_HEAD = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أخبار - أخبار المدن</title></head>
<body><header><nav><a href="/">الرئيسية</a></nav></header>
<main><h1>آخر الأخبار</h1><ul class="news-list">
"""
LISTING_TAIL = "</ul></main></body></html>\n"

SITE_YAML = """name: bench-host-{h}
title: أخبار المدن {h}
timezone: Asia/Damascus
sections:
  - http://127.0.0.1:{port}/section/
articles:
  match: '^http://127\\.0\\.0\\.1:{port}/a/'
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
  max_body: 50MB
retry:
  attempts: 3
  base_delay: 1s
  max_delay: 2s
allow_private_addresses: true
log:
  format: logfmt
  level: warn
"""


def article_page(i):
    city = CITIES[i % len(CITIES)]
    iso = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{6 + i % 15:02d}:{i % 60:02d}:00+03:00"
    title = f"تطورات ميدانية جديدة في {city} (التقرير {i})"
    return ARTICLE.format(title=title, iso=iso, city=city, n=i, k=10 + i % 990).encode("utf-8")


def serve(port, host_index, hosts, pages, ready):
    """One host: runs in its own process until terminated. Counts requests per article."""
    counts = {}
    other = {"robots": 0, "section": 0, "other": 0}
    mine = range(host_index, pages, hosts)
    listing = (LISTING_HEAD + "".join(f'<li><a href="/a/{i}">خبر رقم {i} من {CITIES[i % len(CITIES)]}</a></li>\n'
                                      for i in mine) + LISTING_TAIL).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

        def log_message(self, *a):
            pass

        def reply(self, status, body, ctype="text/html; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = self.path
            if path.startswith("/a/"):
                try:
                    i = int(path[3:])
                except ValueError:
                    i = -1
                if 0 <= i < pages and i % hosts == host_index:
                    counts[i] = counts.get(i, 0) + 1
                    return self.reply(200, article_page(i))
                other["other"] += 1
                return self.reply(404, b"not found", "text/plain")
            if path == "/section/":
                other["section"] += 1
                return self.reply(200, listing)
            if path == "/robots.txt":
                other["robots"] += 1
                return self.reply(404, b"not found", "text/plain")
            if path == "/__counts":  # the harness, not the crawler
                body = json.dumps({"articles": sorted(counts.items()), **other}).encode()
                return self.reply(200, body, "application/json")
            other["other"] += 1
            return self.reply(404, b"not found", "text/plain")

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):  # resets when akhbard is killed
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    ready.set()
    server.serve_forever()


def free_ports(n):
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def server_counts(ports):
    """{article i: requests} over all hosts, plus robots/section/other totals."""
    import urllib.request
    articles, other = {}, {"robots": 0, "section": 0, "other": 0}
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__counts", timeout=30) as r:
            data = json.loads(r.read())
        articles.update({int(i): c for i, c in data["articles"]})
        for k in other:
            other[k] += data[k]
    return articles, other


def proc_cpu_s(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def vm_rss_kb(pid):
    """(VmRSS, RssAnon) in KB: RssAnon is the heap; the rest is mapped files (the binary, libraries)."""
    try:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                      if ":" in line)
        return int(status["VmRSS"].split()[0]), int(status["RssAnon"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


class StoreReader:
    """Read-only look at the SQLite store while akhbard writes it (WAL)."""

    def __init__(self, db):
        self.db, self.conn = db, None

    def query(self, sql):
        try:
            if self.conn is None:
                if not self.db.exists():
                    return None
                self.conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=2)
            return self.conn.execute(sql).fetchall()
        except sqlite3.Error:
            return None

    def stored(self):
        rows = self.query("SELECT count(*) FROM articles")
        return rows[0][0] if rows else None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_akhbard(args, conf, log_path, db, kill_after=None):
    """One `run --once`; samples VmRSS and stored articles. Returns its figures."""
    reader = StoreReader(db)
    samples = []  # (seconds, VmRSS KB, stored articles, RssAnon KB)
    killed = False
    with open(log_path, "ab") as log:
        start = time.monotonic()
        proc = subprocess.Popen([args.akhbard, "run", "--once", "--config", str(conf)],
                                stdout=log, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.monotonic() - start
            if kill_after is not None and now >= kill_after and not killed:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                continue
            rss = vm_rss_kb(proc.pid)
            if rss is not None:
                samples.append((now, rss[0], reader.stored(), rss[1]))
            time.sleep(args.sample)
        wall = time.monotonic() - start
    reader.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"exit_code": proc.returncode, "killed": killed, "wall_s": wall,
            "cpu_user_s": usage.ru_utime, "cpu_sys_s": usage.ru_stime, "peak_rss_kb": usage.ru_maxrss,
            "samples": samples}


def rss_curve(samples, pages):
    """VmRSS at the first sample where 10 %, 20 % .. 100 % of the articles were stored."""
    curve = []
    at_start = next((s[2] for s in samples if s[2] is not None), 0)  # a resumed run starts part way
    for pct in range(10, 101, 10):
        want = pages * pct // 100
        if want <= at_start:
            continue
        hit = next((s for s in samples if s[2] is not None and s[2] >= want), None)
        if hit:
            curve.append({"pct": pct, "t_s": round(hit[0], 1), "stored": hit[2], "rss_kb": hit[1], "anon_kb": hit[3]})
    return curve


def print_run(name, r, fetched, pages):
    cpu = r["cpu_user_s"] + r["cpu_sys_s"]
    print(f"{name}: exit {r['exit_code']}{' (SIGKILL)' if r['killed'] else ''}, {r['wall_s']:.1f} s wall, "
          f"{fetched} article pages fetched ({fetched / r['wall_s'] if r['wall_s'] else 0:.0f} pages/s), "
          f"CPU {cpu:.1f} s (user {r['cpu_user_s']:.1f} + sys {r['cpu_sys_s']:.1f}) = "
          f"{cpu * 1e3 / fetched if fetched else 0:.3f} ms/page, peak RSS {r['peak_rss_kb'] / 1024:.1f} MB")
    rss = [s[1] for s in r["samples"]]
    every = max(1, len(rss) // 40)  # about 40 points over the run
    step = every * (r["samples"][1][0] - r["samples"][0][0] if len(rss) > 1 else 0)
    if rss:
        print(f"  VmRSS samples: {len(rss)}, min {min(rss) / 1024:.1f} MB, max {max(rss) / 1024:.1f} MB; "
              f"every {step:.1f} s: {' '.join(f'{s[1] / 1024:.0f}' for s in r['samples'][::every])} MB")
    curve = rss_curve(r["samples"], pages)
    if curve:
        print("  progress  t(s)   stored   VmRSS(MB)  RssAnon(MB)")
        for c in curve:
            print(f"  {c['pct']:>6} %  {c['t_s']:>5.1f}  {c['stored']:>7}  {c['rss_kb'] / 1024:>9.1f}  "
                  f"{c['anon_kb'] / 1024:>11.1f}")
        print(f"  {'exit':>8}  {r['wall_s']:>5.1f}  {'':>7}  {r['peak_rss_kb'] / 1024:>9.1f} (peak, ru_maxrss)")
    r["rss_curve"] = curve


def run(args):
    work = Path(tempfile.mkdtemp(prefix="akhbar-frontier-bench-"))
    servers, ok = [], True
    try:
        ports = free_ports(args.hosts)
        ctx = multiprocessing.get_context("fork")
        for h, port in enumerate(ports):
            ready = ctx.Event()
            p = ctx.Process(target=serve, args=(port, h, args.hosts, args.pages, ready), daemon=True)
            p.start()
            servers.append(p)
            if not ready.wait(10):
                print(f"frontier_bench: server on port {port} did not start")
                return None
        conf = work / "conf"
        (conf / "sites.d").mkdir(parents=True)
        db = work / "akhbar.db"
        (conf / "akhbard.yaml").write_text(DAEMON_YAML.format(db=db, concurrency=args.concurrency), encoding="utf-8")
        for h, port in enumerate(ports):
            (conf / "sites.d" / f"bench-host-{h}.yaml").write_text(SITE_YAML.format(h=h, port=port), encoding="utf-8")
        log_path = work / "akhbard.log"
        listing_kb = len(LISTING_HEAD) + args.pages // args.hosts * 80
        print(f"frontier_bench: {args.pages} articles on {args.hosts} loopback hosts (~{listing_kb / 1000:.0f} KB "
              f"listing each), concurrency {args.concurrency}, log level warn, akhbard {args.akhbard}, work {work}")

        result = {"pages": args.pages, "hosts": args.hosts, "concurrency": args.concurrency, "log_level": "warn",
                  "akhbard": args.akhbard}
        first = run_akhbard(args, conf / "akhbard.yaml", log_path, db, args.kill_after)
        counts1, other1 = server_counts(ports)
        print_run("run 1", first, sum(counts1.values()), args.pages)
        result["run1"] = {k: v for k, v in first.items() if k != "samples"}
        result["run1"]["article_requests"] = sum(counts1.values())

        if args.kill_after is not None:
            if not first["killed"]:
                print(f"run 1 finished before --kill-after {args.kill_after}s: nothing to resume")
                ok &= first["exit_code"] == 0
            else:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
                    stored_before = {int(u.rsplit('/', 1)[1]) for (u,) in c.execute("SELECT url FROM articles")}
                    states = dict(c.execute("SELECT state, count(*) FROM urls GROUP BY state").fetchall())
                print(f"after SIGKILL: {len(stored_before)} articles stored, urls by state {states}")
                result["after_kill"] = {"stored": len(stored_before), "urls_by_state": states}
                second = run_akhbard(args, conf / "akhbard.yaml", log_path, db)
                counts2, other2 = server_counts(ports)
                again = {i for i, c in counts2.items() if c > counts1.get(i, 0)}
                refetched = {i for i in again if counts1.get(i, 0) > 0}
                twice = refetched & stored_before
                print_run("run 2 (resume)", second, sum(counts2.values()) - sum(counts1.values()), args.pages)
                print(f"resume: run 2 fetched {len(again)} article URLs, {len(refetched)} of them already requested "
                      f"by run 1 (in flight at the kill), {len(twice)} of them already stored before the kill "
                      f"(done twice){': ' + str(sorted(twice)[:10]) if twice else ''}")
                result["run2"] = {k: v for k, v in second.items() if k != "samples"}
                result["resume"] = {"fetched": len(again), "refetched_in_flight": len(refetched),
                                    "stored_before_and_refetched": len(twice)}
                ok &= not twice and second["exit_code"] == 0
                counts1, other1 = counts2, other2
        elif first["exit_code"] != 0:
            ok = False

        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
            stored = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            dup_canon = c.execute("SELECT count(*) FROM (SELECT canonical_url FROM articles GROUP BY canonical_url "
                                  "HAVING count(*) > 1)").fetchone()[0]
            dup_url = c.execute("SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)"
                                ).fetchone()[0]
            dup_content = c.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
            states = dict(c.execute("SELECT state, count(*) FROM urls GROUP BY state").fetchall())
        # db + WAL: the WAL is left because the harness's reader was open when akhbard exited
        db_bytes = sum(p.stat().st_size for p in work.glob("akhbar.db*"))
        requested = sum(counts1.values())
        print(f"store: {stored} articles (expected {args.pages}), {dup_canon} canonical_url twice, {dup_url} url twice, "
              f"{dup_content} marked duplicate_of; urls by state {states}; db+WAL {db_bytes / 1e6:.1f} MB")
        print(f"servers: {requested} article requests for {len(counts1)} distinct articles, "
              f"{other1['section']} section, {other1['robots']} robots.txt, {other1['other']} other requests; "
              f"server CPU {sum(proc_cpu_s(p.pid) for p in servers):.1f} s")
        warn_lines = [l for l in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
        if warn_lines:
            print(f"akhbard log (level warn): {len(warn_lines)} lines, first: {warn_lines[0][:200]}")
        result.update({"stored_articles": stored, "duplicate_canonical_urls": dup_canon, "duplicate_urls": dup_url,
                       "duplicate_of": dup_content, "urls_by_state": states, "db_bytes": db_bytes,
                       "article_requests": requested, "distinct_articles_requested": len(counts1),
                       "log_lines": len(warn_lines)})
        checks = stored == args.pages and dup_canon == 0 and dup_url == 0
        print(f"check: {stored} stored == {args.pages}, no article twice: {'OK' if checks else 'FAILED'}")
        ok &= checks
        result["ok"] = ok
        if not ok:
            args.keep = True
        return result
    finally:
        for p in servers:
            p.terminate()
        for p in servers:
            p.join(5)
        if args.keep:
            print(f"frontier_bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--akhbard", help="default build-bench/daemon/akhbard, else build-main/daemon/akhbard")
    ap.add_argument("--pages", type=int, default=100000, help="article URLs in the frontier")
    ap.add_argument("--hosts", type=int, default=8, help="loopback servers (akhbard: one transfer per host)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--sample", type=float, default=0.5, help="seconds between VmRSS samples")
    ap.add_argument("--kill-after", type=float, help="SIGKILL the first run after this many seconds, then resume")
    ap.add_argument("--build", action="store_true", help="configure and build build-bench/ first (Release)")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary config, db and log")
    args = ap.parse_args()
    if args.build:
        bench = REPO / "build-bench"
        subprocess.run(["cmake", "-S", str(REPO), "-B", str(bench), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                        "-DAKHBAR_WERROR=OFF", "-DAKHBAR_BUILD_TESTS=OFF"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["ninja", "-C", str(bench), "-j2", "akhbard"], check=True)
    if not args.akhbard:
        candidates = [REPO / "build-bench" / "daemon" / "akhbard", REPO / "build-main" / "daemon" / "akhbard"]
        args.akhbard = str(next((c for c in candidates if os.access(c, os.X_OK)), candidates[0]))
    if not os.access(args.akhbard, os.X_OK):
        sys.exit(f"frontier_bench: {args.akhbard} is not an executable (build it first, or --build)")
    result = run(args)
    if result is None:
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
