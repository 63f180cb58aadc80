#!/usr/bin/env bash
# Builds and runs the benchmarks, then prints gradient/function ratios.
# The ratio columns are medians over ADGEN_BENCH_PROCESSES (default 5)
# further processes that time only the interleaved ratio benchmarks: one
# process's layout (where ASLR and the kernel put code, inputs and pages)
# can move a function's time by 40%, so no single process is trusted. With
# ADGEN_BENCH_KEPT=1, as many processes run with freed memory kept by glibc
# (no trimming, no mmap), and their median adgen/f is the column "kept".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" >/dev/null
build="${ADGEN_BUILD_DIR:-$root/build}"
bench="$build/bench/adgen_bench"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$bench" --benchmark_format=json \
  --benchmark_min_time="${ADGEN_BENCH_MIN_TIME:-0.2}" "$@" > "$dir/main.json"
processes="${ADGEN_BENCH_PROCESSES:-5}"
ratios=(--benchmark_filter='/ratios$' --benchmark_min_time=0.2
        --benchmark_format=json)
args=("$dir/main.json")
for ((i = 0; i < processes; ++i)); do
  "$bench" "${ratios[@]}" > "$dir/default$i.json"
  args+=(--ratios "$dir/default$i.json")
  if [[ -n "${ADGEN_BENCH_KEPT:-}" ]]; then
    GLIBC_TUNABLES=glibc.malloc.trim_threshold=1000000000:glibc.malloc.mmap_threshold=1000000000 \
      "$bench" "${ratios[@]}" > "$dir/kept$i.json"
    args+=(--kept "$dir/kept$i.json")
  fi
done
python3 "$root/bench/report.py" "${args[@]}"
