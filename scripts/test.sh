#!/usr/bin/env bash
# Builds adgen and runs every test (lit + FileCheck, compiled-and-run checks,
# GoogleTest unit tests). Ends with one line: "N passed, N failed".
# --sanitize: the same suite on a build under ASan and UBSan, in build-asan/
# ($ADGEN_ASAN_BUILD_DIR), generated code included (docs/testing.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=(--sanitize) ;;
    *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
  esac
done
"$root/scripts/build.sh" "${sanitize[@]}"
if [ "${#sanitize[@]}" -gt 0 ]; then
  build="${ADGEN_ASAN_BUILD_DIR:-$root/build-asan}"
else
  build="${ADGEN_BUILD_DIR:-$root/build}"
fi
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
log="$(mktemp)"
set +e
python3 "$lit" -sv --time-tests "$build/test" "$build/test/unit" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# lit's summary lines look like "  Passed: 42 (100.00%)".
count() { { grep -E "^ *$1: +[0-9]+" "$log" || true; } | sed -E 's/^[^:]*: +([0-9]+).*/\1/' | head -1; }
n=$(count Passed)
passed=${n:-0}
failed=0
for kind in Failed Unresolved "Timed Out" "Unexpectedly Passed"; do
  n=$(count "$kind")
  failed=$(( failed + ${n:-0} ))
done
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
