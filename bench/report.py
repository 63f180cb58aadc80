"""Turns adgen_bench's JSON into a table of gradient time / function time."""
import json
import sys
from collections import OrderedDict

data = json.load(open(sys.argv[1]))
times = OrderedDict()
benchmarks = data["benchmarks"]
if any(b.get("run_type") == "aggregate" for b in benchmarks):
    # With --benchmark_repetitions, report the medians.
    benchmarks = [b for b in benchmarks if b.get("aggregate_name") == "median"]
# Rows in the order the benchmarks are registered, also when the run
# interleaves them (--benchmark_enable_random_interleaving).
benchmarks.sort(key=lambda b: b.get("family_index", 0) * 1000 +
                b.get("per_family_instance_index", 0))
# bench_main.cpp registers the suites in the order ADOL-C needs them taped
# (by size); the table groups them by workload, in this order, then any
# other workload in the order of its first row.
ORDER = ["quadratic", "log_sum_exp", "factorization", "rosenbrock",
         "rosen_plus_one", "rosen_size_t", "rosen_while", "rosen_down",
         "rosen_pointer", "rosen_declared", "matmul", "atax", "jacobi_2d",
         "cholesky", "lu", "gmm"]
first = {w: i for i, w in enumerate(ORDER)}
for b in benchmarks:
    first.setdefault(b.get("run_name", b["name"]).split("/")[0], len(first))
benchmarks.sort(key=lambda b: first[b.get("run_name", b["name"]).split("/")[0]])
for b in benchmarks:
    workload, size, kind = b.get("run_name", b["name"]).split("/")[:3]
    times.setdefault((workload, size), {})[kind] = b["real_time"]
unit = data["benchmarks"][0]["time_unit"]
print(f"{'workload':15} {'size':20} {'f (' + unit + ')':>12} {'adgen/f':>8} "
      f"{'hand/f':>8} {'ADOL-C/f':>9} {'adgen/hand':>10} {'ADOL-C/adgen':>12}")
for (workload, size), t in times.items():
    f = t["function"]
    print(f"{workload:15} {size:20} {f:12.1f} {t['adgen'] / f:8.2f} "
          f"{t['hand'] / f:8.2f} {t['adolc'] / f:9.1f} "
          f"{t['adgen'] / t['hand']:10.2f} {t['adolc'] / t['adgen']:12.1f}")
