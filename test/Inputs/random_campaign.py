#!/usr/bin/env python3
"""Runs random_programs.py over many seeds against an adgen binary: for each
seed, generates a program, runs adgen (source and header), compiles the
result with g++ and clang++ under -Wall -Wextra -Werror, runs it, and sorts
what went wrong by function: adgen errors and crashes, compiler errors and
warnings, failed checks. Writes DIR/summary.txt and keeps the files of every
failing seed in DIR.

  random_campaign.py --adgen build/adgen --seeds 1-150 --out /tmp/campaign
      [--functions 16] [--singular] [--enable-all] [--jobs 2]

A failing function is isolated with random_programs.py --seed S --only K.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def sh(cmd, timeout=300):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, text=True, errors="replace")
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return "timeout", ""


def function_at(path, line):
    """The marked function (or helper) around a line of a file."""
    try:
        lines = open(path).read().split("\n")[:line]
    except OSError:
        return "?"
    for ln in reversed(lines):
        m = re.match(r"^(?:ADGEN|//) ?(?:.*?\b)?([fg]\d+)[:(]", ln) or \
            re.match(r"^\S.*?\b([fg]\d+|helper\d|reduce0|norm2|scale_into)"
                     r"(?:_grad|_jvp|_vjp)?\(", ln)
        if m:
            return m.group(1)
    return "?"


def one_seed(a, seed):
    d = a.out
    base = os.path.join(d, "s%d" % seed)
    gen = [sys.executable, os.path.join(HERE, "random_programs.py"), "--seed", str(seed),
           "--functions", str(a.functions), "-o", base + ".cpp"]
    if a.singular:
        gen.append("--singular")
    if a.enable_all:
        gen.append("--enable-all")
    problems = []
    rc, out = sh(gen)
    if rc != 0:
        return seed, [("generator", "?", out.strip().split("\n")[-1])]
    for emit, dst in (("source", base + ".out.cpp"), ("header", base + ".h")):
        rc, out = sh([a.adgen, "--emit=" + emit, base + ".cpp", "-o", dst, "--", "-std=c++17"])
        if rc != 0:
            kind = "adgen crash" if rc == "timeout" or (isinstance(rc, int) and rc < 0) or \
                "Stack dump" in out or "Assertion" in out else "adgen error"
            m = re.search(r"s%d\.cpp:(\d+):\d+: error: (.*)" % seed, out)
            where = function_at(base + ".cpp", int(m.group(1))) if m else "?"
            msg = m.group(0).split(": ", 1)[1] if m else (out.strip().split("\n") or ["?"])[-1]
            if where == "?":
                where = isolate(a, seed, emit)
            return seed, [(kind, where, msg[:300])]
    flags = ["-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", "-I" + a.runtime]
    for cc, tag in ((a.gxx, "gcc"), (a.clangxx, "clang")):
        exe = base + "." + tag
        rc, out = sh([cc] + flags + ["-include", base + ".h", base + ".out.cpp", "-o", exe])
        if rc != 0:
            seen = set()
            for m in re.finditer(r"(s%d\.(?:out\.cpp|h|cpp)):(\d+):\d+: (?:error|warning): (.*)"
                                 % seed, out):
                where = function_at(os.path.join(d, m.group(1)), int(m.group(2)))
                key = (where, m.group(3))
                if key not in seen:
                    seen.add(key)
                    problems.append(("%s: %s" % (tag, "compile"), where, m.group(3)[:300]))
            if not seen:
                problems.append(("%s: compile" % tag, "?", out.strip()[-300:]))
            continue
        rc, out = sh([exe], timeout=120)
        if rc != 0:
            seen = set()
            for m in re.finditer(r"^FAIL (\S+) \([^)]*\): (.*)\n  at z = (.*)", out, re.M):
                if m.group(1) not in seen:
                    seen.add(m.group(1))
                    problems.append(("%s: check" % tag, m.group(1),
                                     m.group(2)[:200] + " at z = " + m.group(3)[:200]))
            if not seen:
                problems.append(("%s: run" % tag, "?", "exit %s: %s" % (rc, out[-300:])))
    if not problems:
        for ext in (".cpp", ".out.cpp", ".h", ".gcc", ".clang"):
            try:
                os.remove(base + ext)
            except OSError:
                pass
    return seed, problems


def isolate(a, seed, emit):
    """The functions that make adgen fail, by generating them one by one."""
    bad = []
    for k in range(a.functions):
        path = os.path.join(a.out, "s%d_only%d.cpp" % (seed, k))
        gen = [sys.executable, os.path.join(HERE, "random_programs.py"), "--seed", str(seed),
               "--functions", str(a.functions), "--only", str(k), "-o", path]
        if a.singular:
            gen.append("--singular")
        if a.enable_all:
            gen.append("--enable-all")
        sh(gen)
        rc, _ = sh([a.adgen, "--emit=" + emit, path, "-o", path + ".out", "--", "-std=c++17"])
        if rc != 0:
            bad.append("%s%d" % ("g" if a.singular else "f", k))
        else:
            os.remove(path)
        try:
            os.remove(path + ".out")
        except OSError:
            pass
    return ",".join(bad) or "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--adgen", required=True)
    ap.add_argument("--seeds", default="1-100", help="A-B")
    ap.add_argument("--functions", type=int, default=16)
    ap.add_argument("--out", required=True)
    ap.add_argument("--singular", action="store_true")
    ap.add_argument("--enable-all", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--gxx", default="g++")
    ap.add_argument("--clangxx", default="clang++")
    ap.add_argument("--runtime", default=os.path.join(ROOT, "runtime", "include"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    lo, hi = (int(x) for x in a.seeds.split("-"))
    nfail = 0
    with open(os.path.join(a.out, "summary.txt"), "a") as summary, \
            concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        for seed, problems in ex.map(lambda s: one_seed(a, s), range(lo, hi + 1)):
            for kind, where, msg in problems:
                line = "seed %d %s %s: %s" % (seed, where, kind, msg)
                print(line, flush=True)
                summary.write(line + "\n")
                summary.flush()
            nfail += bool(problems)
    print("%d seeds, %d functions, %d seeds with problems" %
          (hi - lo + 1, (hi - lo + 1) * a.functions, nfail))


if __name__ == "__main__":
    main()
