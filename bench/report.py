"""Turns adgen_bench's JSON into a table of gradient time / function time.
adgen/f, hand/f and adgen/hand come from the interleaved "ratios"
benchmarks (bench_util.h, addRatios): the medians over the processes given
with --ratios, or the main run's; the ADOL-C columns from the main run's
separate benchmarks. The processes given with --kept (freed memory kept,
bench/run.sh) give the column "kept", their median adgen/f."""
import argparse
import json
import statistics
from collections import OrderedDict

# bench_main.cpp registers the suites in the order ADOL-C needs them taped
# (by size); the table groups them by workload, in this order, then any
# other workload in the order of its first row.
ORDER = ["quadratic", "log_sum_exp", "factorization", "rosenbrock",
         "rosen_plus_one", "rosen_size_t", "rosen_while", "rosen_down",
         "rosen_pointer", "rosen_declared", "rosen_template", "matmul", "atax", "jacobi_2d",
         "cholesky", "lu", "gmm", "gmm_plain", "mlp_calls", "mlp_inline", "particles",
         "particles_flat", "determinant", "determinant_vector"]


def load(path):
    """{(workload, size): {kind: real time}}, grouped as ORDER says."""
    data = json.load(open(path))
    benchmarks = data["benchmarks"]
    if any(b.get("run_type") == "aggregate" for b in benchmarks):
        # With --benchmark_repetitions, report the medians.
        benchmarks = [b for b in benchmarks
                      if b.get("aggregate_name") == "median"]
    # Rows in the order the benchmarks are registered, also when the run
    # interleaves them (--benchmark_enable_random_interleaving).
    benchmarks.sort(key=lambda b: b.get("family_index", 0) * 1000 +
                    b.get("per_family_instance_index", 0))
    first = {w: i for i, w in enumerate(ORDER)}
    name = lambda b: b.get("run_name", b["name"])
    for b in benchmarks:
        first.setdefault(name(b).split("/")[0], len(first))
    benchmarks.sort(key=lambda b: first[name(b).split("/")[0]])
    times = OrderedDict()
    for b in benchmarks:
        parts = name(b).split("/")
        workload, size, kind = parts[:3]
        times.setdefault((workload, size), {})[kind] = b["real_time"]
        if kind == "ratios":
            # bench_util.h's addRatios: medians of interleaved rounds.
            times[(workload, size)][kind] = {
                k: b[k] for k in ("adgen_f", "hand_f", "adgen_hand")}
        if len(parts) > 3 and parts[3].startswith("sweeps="):
            times[(workload, size)]["sweeps"] = int(parts[3].split("=")[1])
    return times, data["benchmarks"][0]["time_unit"]


def second_order(times):
    """Issue 10's rows (they time grad, hvp, hessian): HVP / gradient and
    Hessian / (n x gradient), for adgen, the hand-written HVP and ADOL-C."""
    print()
    print(f"{'second order':15} {'size':8} {'grad (' + unit + ')':>12} "
          f"{'hvp/grad':>9} {'hand/grad':>10} {'ADOL-C/grad':>12} "
          f"{'H/(n grad)':>11} {'ADOL-C H/(n grad)':>18}")
    for (workload, size), t in times.items():
        n = int(size.split("=")[1])
        g = t["grad"]
        hand = f"{t['hand_hvp'] / g:10.2f}" if "hand_hvp" in t else f"{'-':>10}"
        print(f"{workload:15} {size:8} {g:12.1f} {t['hvp'] / g:9.2f} {hand} "
              f"{t['adolc_hvp'] / g:12.2f} {t['hessian'] / (n * g):11.2f} "
              f"{t['adolc_hessian'] / (n * g):18.2f}")


def jacobians(times):
    """Issue 10's Jacobian rows: f_jacobian / f, per sweep (n JVPs or m
    VJPs), and against a hand-written Jacobian."""
    print()
    print(f"{'jacobian':15} {'size':8} {'f (' + unit + ')':>12} {'sweeps':>7} "
          f"{'J/f':>9} {'J/(sweeps f)':>13} {'hand/f':>9} {'J/hand':>8}")
    for (workload, size), t in times.items():
        f, j, h = t["function"], t["jacobian"], t["hand_jacobian"]
        print(f"{workload:15} {size:8} {f:12.1f} {t['sweeps']:7d} {j / f:9.1f} "
              f"{j / (t['sweeps'] * f):13.2f} {h / f:9.1f} {j / h:8.1f}")


parser = argparse.ArgumentParser()
parser.add_argument("main", help="the run of every benchmark")
parser.add_argument("--ratios", action="append", default=[],
                    help="a process's ratio benchmarks (default allocator)")
parser.add_argument("--kept", action="append", default=[],
                    help="a process's ratio benchmarks, freed memory kept")
options = parser.parse_args()
times, unit = load(options.main)
second = OrderedDict((k, t) for k, t in times.items() if "grad" in t)
jac = OrderedDict((k, t) for k, t in times.items() if "jacobian" in t)
times = OrderedDict((k, t) for k, t in times.items()
                    if "grad" not in t and "jacobian" not in t)


def ratios(t):
    """adgen/f, hand/f, adgen/hand: from the interleaved rounds when the run
    has them, else from the separate benchmarks."""
    if "ratios" in t:
        r = t["ratios"]
        return r["adgen_f"], r["hand_f"], r["adgen_hand"]
    f = t["function"]
    return t["adgen"] / f, t["hand"] / f, t["adgen"] / t["hand"]


def median_ratios(paths):
    """{key: (adgen/f, hand/f, adgen/hand)}, each the median over the
    processes whose JSON files are paths."""
    per_key = {}
    for path in paths:
        for key, t in load(path)[0].items():
            if "ratios" in t:
                per_key.setdefault(key, []).append(ratios(t))
    return {key: tuple(statistics.median(r[i] for r in rows)
                       for i in range(3))
            for key, rows in per_key.items()}


across = median_ratios(options.ratios)
kept = median_ratios(options.kept)
processes = len(options.ratios)
if processes:
    print(f"adgen/f, hand/f, adgen/hand: medians over {processes} processes"
          + (f"; kept: over {len(options.kept)}" if kept else ""))
print(f"{'workload':15} {'size':20} {'f (' + unit + ')':>12} {'adgen/f':>8} "
      f"{'hand/f':>8} {'ADOL-C/f':>9} {'adgen/hand':>10} {'ADOL-C/adgen':>12}"
      + (f" {'kept':>6}" if kept else ""))
for key, t in times.items():
    workload, size = key
    f = t["function"]
    adgen_f, hand_f, adgen_hand = across.get(key) or ratios(t)
    row = (f"{workload:15} {size:20} {f:12.1f} {adgen_f:8.2f} "
           f"{hand_f:8.2f} {t['adolc'] / f:9.1f} "
           f"{adgen_hand:10.2f} {t['adolc'] / t['adgen']:12.1f}")
    if key in kept:
        row += f" {kept[key][0]:6.2f}"
    print(row)
if second:
    second_order(second)
if jac:
    jacobians(jac)
