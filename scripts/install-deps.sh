#!/bin/sh
# Installs the Debian 12 packages akhbar needs to build, test and run. Non-interactive: safe in CI.
# akhbard does not link libcurl: it dlopens libcurl.so.4 when it fetches (fetchers/curl_api.h). At run
# time that is Debian's libcurl4, which libcurl4-openssl-dev depends on.
#
#   scripts/install-deps.sh          what builds, tests and runs akhbar
#   scripts/install-deps.sh bench    that, plus the peers bench/run.sh times beside it (readability-lxml)
set -eu
PACKAGES="
  build-essential cmake ninja-build pkg-config ccache python3
  libcurl4-openssl-dev libxml2-dev zlib1g-dev libboost-dev libsqlite3-dev sqlite3
  libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libicu-dev libexpected-dev libssl-dev libgtest-dev libgmock-dev googletest
  libhowardhinnant-date-dev tzdata libuchardet-dev
"
if [ "${1:-}" = bench ]; then PACKAGES="$PACKAGES python3-readability python3-lxml"; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Skip apt when everything is already there (a developer machine, a warm CI cache).
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing$missing"
$SUDO apt-get update
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
