#!/usr/bin/env bash
# Builds and runs the benchmarks, then prints gradient/function ratios. With
# ADGEN_BENCH_KEPT=1, runs them again with freed memory kept by glibc (no
# trimming, no mmap) and adds that run's adgen/f as a column.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" >/dev/null
build="${ADGEN_BUILD_DIR:-$root/build}"
json="$(mktemp)"
kept="$(mktemp)"
trap 'rm -f "$json" "$kept"' EXIT
"$build/bench/adgen_bench" --benchmark_format=json \
  --benchmark_min_time="${ADGEN_BENCH_MIN_TIME:-0.2}" "$@" > "$json"
if [[ -n "${ADGEN_BENCH_KEPT:-}" ]]; then
  GLIBC_TUNABLES=glibc.malloc.trim_threshold=1000000000:glibc.malloc.mmap_threshold=1000000000 \
    "$build/bench/adgen_bench" --benchmark_format=json \
    --benchmark_min_time="${ADGEN_BENCH_MIN_TIME:-0.2}" "$@" > "$kept"
  python3 "$root/bench/report.py" "$json" "$kept"
else
  python3 "$root/bench/report.py" "$json"
fi
