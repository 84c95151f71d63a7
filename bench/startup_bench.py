#!/usr/bin/env python3
"""bench/startup_bench.py: CPU cost (user+sys from wait4's rusage) of short akhbard commands.

Each command runs --runs times (default 100) after 5 untimed runs; the figure is the mean CPU ms
per run of the child process alone. /bin/true is measured the same way as the floor.

    bench/startup_bench.py --akhbard build-bench/daemon/akhbard [--runs 100] [--json out.json]
"""
import argparse
import json
import os
import sys


def cpu_ms(argv, runs, stdin_data=None):
    """Mean user+sys ms of the child. posix_spawn (vfork+exec) keeps the parent's interpreter out of
    the child's account: a fork()ed Python child pays ~0.5 ms of copy-on-write faults before exec."""
    total = 0.0
    devnull = os.open(os.devnull, os.O_WRONLY)
    for i in range(runs + 5):
        r, w = os.pipe() if stdin_data is not None else (None, None)
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        if r is not None:
            actions.append((os.POSIX_SPAWN_DUP2, r, 0))
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        if r is not None:
            os.close(r)
            os.write(w, stdin_data)
            os.close(w)
        _, status, ru = os.wait4(pid, 0)
        if i >= 5:
            total += (ru.ru_utime + ru.ru_stime) * 1000.0
    os.close(devnull)
    return total / runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--akhbard", default="build-bench/daemon/akhbard")
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--json")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    small = None
    art = os.path.join(root, "tests", "data", "articles")
    if os.path.isdir(art):
        htmls = sorted(f for f in os.listdir(art) if f.endswith(".html"))
        if htmls:
            small = os.path.join(art, htmls[0])
    exe = os.path.abspath(a.akhbard)
    cases = [
        ("/bin/true", ["/bin/true"], None),
        ("akhbard --help", [exe, "--help"], None),
        ("akhbard date -- x", [exe, "date", "--", "x"], None),
        ("akhbard normalize", [exe, "normalize"], "أخبار اليوم\n".encode()),
    ]
    if small:
        cases.append(("akhbard extract small.html", [exe, "extract", small], None))
    results = {}
    for name, argv, data in cases:
        ms = cpu_ms(argv, a.runs, data)
        results[name] = round(ms, 3)
        print(f"{name:32s} {ms:7.2f} ms CPU/run ({a.runs} runs)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"startup_cpu_ms": results, "runs": a.runs}, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())
