#!/bin/sh
# The demo: installs what akhbar needs, builds it, serves the two demo sites of examples/demo on
# 127.0.0.1:8765, crawls them once with examples/demo/akhbard.yaml, then prints what was stored.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh build -DAKHBAR_BUILD_TESTS=OFF

port=8765
rm -rf examples/demo/var && mkdir -p examples/demo/var
python3 -m http.server "$port" --bind 127.0.0.1 --directory examples/demo/site \
  >examples/demo/var/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT INT TERM
# Wait until the server answers (at most 5 s), without sleeping blindly.
python3 - "$port" <<'PY'
import socket, sys, time
deadline = time.time() + 5
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("demo: the demo site did not start on port " + sys.argv[1])
PY

echo "== akhbard check-config"
./build/daemon/akhbard check-config --config examples/demo/akhbard.yaml
echo "== akhbard run --once"
start=$(date +%s.%N)
./build/daemon/akhbard run --once --config examples/demo/akhbard.yaml
end=$(date +%s.%N)
echo "== run --once took $(python3 -c "print(f'{$end - $start:.2f}')") s"
echo "== akhbard stats --sources"
./build/daemon/akhbard stats --sources --config examples/demo/akhbard.yaml
echo "== akhbard export --format jsonl (title, site, published_at, duplicate_of, first 80 characters of body)"
./build/daemon/akhbard export --config examples/demo/akhbard.yaml | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    print(json.dumps({k: a[k] for k in ("id", "site", "title", "published_at", "duplicate_of")}, ensure_ascii=False))
    print("   ", a["body"][:80].replace("\n", " ") + "…")
'
echo "== akhbard stories (copies across sites: who ran it first, then every copy)"
./build/daemon/akhbard stories --config examples/demo/akhbard.yaml
