#!/usr/bin/env bash
# Installs what is missing and builds adgen (Release) into $ADGEN_BUILD_DIR,
# build/ by default. Used by demo.sh and test.sh.
# --sanitize: builds under ASan and UBSan (-DADGEN_SANITIZE=ON, no benchmarks)
# into $ADGEN_ASAN_BUILD_DIR, build-asan/ by default.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    *) echo "usage: scripts/build.sh [--sanitize]" >&2; exit 2 ;;
  esac
done
if [ "$sanitize" -eq 1 ]; then
  "$root/scripts/setup.sh" --sanitize
  build="${ADGEN_ASAN_BUILD_DIR:-$root/build-asan}"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DADGEN_SANITIZE=ON -DADGEN_BUILD_BENCHMARKS=OFF >/dev/null
else
  "$root/scripts/setup.sh"
  build="${ADGEN_BUILD_DIR:-$root/build}"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build"
