#!/bin/sh
# Installs what akhbar needs, then builds and runs every test twice: a warnings-as-errors build and
# an AddressSanitizer + UndefinedBehaviorSanitizer build.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh build-ci -DAKHBAR_WERROR=ON
(cd build-ci && ctest --output-on-failure --timeout 300 -j2)
./scripts/build.sh build-asan -DAKHBAR_WERROR=ON -DAKHBAR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --timeout 300 -j2)
