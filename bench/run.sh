#!/usr/bin/env bash
# Builds and runs the benchmarks, then prints gradient/function ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" >/dev/null
build="${ADGEN_BUILD_DIR:-$root/build}"
json="$(mktemp)"
"$build/bench/adgen_bench" --benchmark_format=json \
  --benchmark_min_time="${ADGEN_BENCH_MIN_TIME:-0.2}" "$@" > "$json"
python3 "$root/bench/report.py" "$json"
rm -f "$json"
