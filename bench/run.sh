#!/bin/sh
# bench/run.sh: builds akhbar in Release (build-bench/), runs the parser benchmark (on the eval
# pages and on 40 generated pages), the start-up benchmark, the peers on the same pages and the
# crawl benchmark, stores the merged figures in build-bench/bench-results/latest.json (the previous
# latest becomes previous.json, and each run is also kept as run-<time>.json) and prints the change
# against the previous run in %. Results are local to the machine: they are not committed.
#
#   bench/run.sh [--seconds S] [--pages N] [--hosts H] [--no-build]
set -eu
cd "$(dirname "$0")/.."
build=build-bench
seconds=2
pages=2000
hosts=4
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    *) echo "usage: bench/run.sh [--seconds S] [--pages N] [--hosts H] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$do_build" = 1 ]; then
  scripts/install-deps.sh bench
  echo "== build (Release, $build)"
  # Warnings are not errors here: GCC 12 at -O3 reports false -Wrestrict positives in std::string.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAKHBAR_BUILD_TESTS=OFF -DAKHBAR_WERROR=OFF \
    -DAKHBAR_BUILD_BENCH=ON >/dev/null
  ninja -C "$build" -j2 akhbard akhbar_bench
fi

results=$build/bench-results
mkdir -p "$results"
stamp=$(date +%Y%m%dT%H%M%S)
parse_json=$results/parse-$stamp.json
crawl_json=$results/crawl-$stamp.json

echo "== parsers (akhbar_bench, ~${seconds} s per figure)"
"$build/bench/akhbar_bench" --seconds "$seconds" --json "$parse_json"

echo "== extraction on 40 generated pages (~58 KB, the web's boilerplate), written out for the peers"
generated_json=$results/generated-$stamp.json
generated_pages=$results/generated-pages
rm -rf "$generated_pages"
"$build/bench/akhbar_bench" --realistic-only --generated 40 --seconds "$seconds" --json "$generated_json" \
  --write-pages "$generated_pages"

echo "== start-up (short akhbard commands, 100 runs each)"
startup_json=$results/startup-$stamp.json
python3 bench/startup_bench.py --akhbard "$build/daemon/akhbard" --runs 100 --json "$startup_json"

echo "== peers on the same pages (readability-lxml, Debian's python3-readability)"
peers_eval_json=$results/peers-eval-$stamp.json
peers_generated_json=$results/peers-generated-$stamp.json
/usr/bin/python3 bench/peer_bench.py --seconds "$seconds" --json "$peers_eval_json" || true
/usr/bin/python3 bench/peer_bench.py --seconds "$seconds" --pages "$generated_pages" --json "$peers_generated_json" || true

echo "== crawl (akhbard run --once, $pages pages on $hosts loopback servers)"
crawl_status=0
python3 bench/crawl_bench.py --akhbard "$build/daemon/akhbard" --pages "$pages" --hosts "$hosts" \
  --json "$crawl_json" || crawl_status=$?

if [ -f "$results/latest.json" ]; then
  mv "$results/latest.json" "$results/previous.json"
fi
python3 bench/compare.py merge --parse "$parse_json" --crawl "$crawl_json" --startup "$startup_json" \
  --generated "$generated_json" --peers-eval "$peers_eval_json" --peers-generated "$peers_generated_json" \
  --out "$results/latest.json"
cp "$results/latest.json" "$results/run-$stamp.json"
rm -f "$parse_json" "$crawl_json" "$startup_json" "$generated_json" "$peers_eval_json" "$peers_generated_json"

echo
echo "== comparison ($results/latest.json)"
python3 bench/compare.py show "$results/latest.json" "$results/previous.json"
exit "$crawl_status"
