#!/usr/bin/env python3
"""Random program generator for adgen's property tests (test/run/random_*.test).

Given a seed, writes one C++ file with K functions marked ADGEN(grad, jvp)
(jvp and vjp for functions with output arrays) and a main() that checks
every one of them at a few random points:
  - the gradient (VJP) against central finite differences, component by
    component (the rule of adgen/check.h: Richardson-extrapolated central
    differences at h = 1e-3 max(1, |x|), relative 1e-6, absolute 1e-9 plus
    the rounding of the differences);
  - the JVP along a random direction against finite differences;
  - grad . t == jvp(t) (w . J t computed both ways for output arrays)
    wherever both are finite, relative 1e-9: this identity holds up to
    rounding at every point, kinks included, and is never relaxed.
main() prints each failure with the function's name and the point and
returns nonzero if there was one.

The programs are random but deterministic per seed, valid C++ that adgen
accepts (only constructs from docs/supported.md), and stay inside the
domains of the math functions: the generator computes an interval for every
value (it runs the code it writes on intervals, loops for their real trip
counts) and maps an argument into its function's domain when its interval
does not fit. Points near kinks and jumps (branch conditions, fabs at 0,
max ties, floor) make finite differences unreliable, so a comparison with
finite differences is made only where the central differences at h and h/2
agree and the one-sided ones from the left and from the right agree.

The generator is a small grammar, meant to grow with adgen:
  expressions  Expr subclasses (Const, Var, Elem, Bin, Call, Ternary,
               HelperCall) built by FnGen.expr(); math functions in UNARY
               and BINARY; conditions in FnGen.cond();
  statements   Stmt subclasses (Decl, Assign, ElemRef, If, Loop, Return,
               Jump, CallStmt, GradCallStmt) built by FnGen.statement() (one st_* method
               per kind, picked by weight);
  loops        FnGen.loop(), one spelling per key of LOOP_WEIGHT;
  functions    gen_function() (parameter kinds in PARAM_KINDS), helpers in
               gen_helpers();
  checks       HARNESS (C++) and glue(), which adapts each function to the
               harness's flat vectors of inputs and outputs.
Each construct has a name and a weight; --disable NAME,... turns constructs
off (DISABLED_BY_DEFAULT lists those that fail on the current main and are
kept out of the lit test; --enable-all turns them back on for a campaign).

--singular writes the second family (issue 8): functions that guard a
singular point (sqrt, log, 1/x, pow(x, 0.5), cbrt at 0; a constant data
column in the correlation kernel) with ?: (the singular value in either
arm), if, if/else, an early return, max/min/fmax, or a branch taken before
the call, in scalar code, in loops over arrays and in place in a local
array; checked AT the singular point, where the derivatives must be finite
and equal one-sided (forward) finite differences, and grad . t must equal
jvp(t).

Usage:
  random_programs.py --seed 7 [--functions 16] [--points 3] [--only 3,5]
                     [--singular] [--disable a,b] [--enable-all] -o f.cpp
  random_programs.py --seed 1,2,3 ...   several seeds in one file, one
                                        namespace each
"""

import argparse
import math
import random
import re
import sys

LIMIT = 1e3  # every value the programs compute stays within [-LIMIT, LIMIT]

# Constructs that fail on the current main (see docs/testing.md and the
# campaign's report); the lit test leaves them out, --enable-all keeps them.
DISABLED_BY_DEFAULT = {
    # Empty: the three constructs that once failed (an unread std::array
    # parameter, a wrong-size std::vector gradient, a constant-zero return
    # beside output arrays) are fixed and covered by test/run/
    # fuzz_regressions.cpp; add here what fails on main, with why.
}
DISABLED = set()


def on(name):
    return name not in DISABLED


class Reject(Exception):
    """A random choice led outside a domain or the value limit: try another."""


# ---------------------------------------------------------------- intervals


class Iv:
    """A closed interval [lo, hi] of doubles (conservative)."""
    __slots__ = ("lo", "hi")

    def __init__(self, lo, hi=None):
        self.lo = float(lo)
        self.hi = float(lo if hi is None else hi)

    def __repr__(self):
        return "[%g, %g]" % (self.lo, self.hi)

    def __eq__(self, o):
        return isinstance(o, Iv) and self.lo == o.lo and self.hi == o.hi

    def pad(self):
        # room for the rounding of the real computation
        e = 1e-9 * max(abs(self.lo), abs(self.hi)) + 1e-12
        return Iv(self.lo - e, self.hi + e)

    def join(self, o):
        return Iv(min(self.lo, o.lo), max(self.hi, o.hi))

    def maxabs(self):
        return max(abs(self.lo), abs(self.hi))

    def within(self, lo, hi):
        return lo <= self.lo and self.hi <= hi

    def near_zero(self, r):
        return self.lo < r and self.hi > -r

    def __add__(self, o):
        return Iv(self.lo + o.lo, self.hi + o.hi).pad()

    def __sub__(self, o):
        return Iv(self.lo - o.hi, self.hi - o.lo).pad()

    def __neg__(self):
        return Iv(-self.hi, -self.lo)

    def __mul__(self, o):
        p = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Iv(min(p), max(p)).pad()

    def __truediv__(self, o):
        if o.lo <= 0 <= o.hi:
            raise Reject("division by an interval containing 0")
        return self * Iv(1 / o.hi, 1 / o.lo)


def check(iv):
    """iv, or Reject when it is not finite or leaves [-LIMIT, LIMIT]."""
    if not (math.isfinite(iv.lo) and math.isfinite(iv.hi)):
        raise Reject("not finite")
    if iv.maxabs() > LIMIT:
        raise Reject("too large")
    return iv


def join_all(ivs):
    out = None
    for v in ivs:
        out = v if out is None else out.join(v)
    return out


def join_env(a, b):
    if a is None:
        return None if b is None else dict(b)
    if b is None:
        return dict(a)
    out = dict(a)
    for k, v in b.items():
        out[k] = out[k].join(v) if k in out else v
    return out


def fmt(v):
    """A C++ double literal."""
    s = repr(float(v))
    assert "e" not in s and "n" not in s, s
    return s


def nice(rng, lo, hi, step=0.05):
    """A random multiple of step in [lo, hi] (a constant with few digits)."""
    k0, k1 = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return round(rng.randint(k0, k1) * step, 10)


def wchoice(rng, weights):
    """A key of weights, picked with probability proportional to its value
    (disabled constructs and zero weights excluded)."""
    items = [(k, w) for k, w in weights.items() if w > 0 and on(k)]
    if not items:
        raise Reject("nothing to choose")
    r = rng.random() * sum(w for _, w in items)
    for k, w in items:
        r -= w
        if r <= 0:
            return k
    return items[-1][0]


# ---------------------------------------------------------- math functions


def _cbrt(x):
    return math.copysign(abs(x) ** (1.0 / 3.0), x)


def _round(x):
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


GAMMA_MIN = 1.4616321449683622

# Domains: the intervals arguments are kept in (away from the edges of the
# mathematical domain, so that finite differences stay accurate). "nz" is
# |x| >= 0.2 (denominators).
DOMAINS = {
    "any": (-LIMIT, LIMIT),
    "trig": (-6.0, 6.0),
    "exp": (-3.0, 3.0),
    "tan": (-1.2, 1.2),
    "unit": (-0.9, 0.9),
    "pos": (0.1, LIMIT),
    "log1p": (-0.8, LIMIT),
    "ge1": (1.1, LIMIT),
    "gamma": (0.3, 4.0),
    "base": (0.1, 20.0),
    "expo": (-2.0, 2.0),
    "mid": (-10.0, 10.0),
}


def _periodic(offset):
    def crit(iv):
        k0 = math.floor((iv.lo - offset) / math.pi) - 1
        k1 = math.ceil((iv.hi - offset) / math.pi) + 1
        return [offset + k * math.pi for k in range(k0, k1 + 1)]
    return crit


# name: (domain, Python function, points where it may have an extremum)
UNARY = {
    "sin": ("trig", math.sin, _periodic(math.pi / 2)),
    "cos": ("trig", math.cos, _periodic(0.0)),
    "tan": ("tan", math.tan, []),
    "asin": ("unit", math.asin, []),
    "acos": ("unit", math.acos, []),
    "atan": ("any", math.atan, []),
    "sinh": ("exp", math.sinh, []),
    "cosh": ("exp", math.cosh, [0.0]),
    "tanh": ("any", math.tanh, []),
    "asinh": ("any", math.asinh, []),
    "acosh": ("ge1", math.acosh, []),
    "atanh": ("unit", math.atanh, []),
    "exp": ("exp", math.exp, []),
    "exp2": ("exp", lambda x: 2.0 ** x, []),
    "expm1": ("exp", math.expm1, []),
    "log": ("pos", math.log, []),
    "log2": ("pos", math.log2, []),
    "log10": ("pos", math.log10, []),
    "log1p": ("log1p", math.log1p, []),
    "sqrt": ("pos", math.sqrt, []),
    "cbrt": ("pos", _cbrt, []),
    "fabs": ("any", abs, [0.0]),
    "abs": ("any", abs, [0.0]),
    "floor": ("mid", math.floor, []),
    "ceil": ("mid", math.ceil, []),
    "round": ("mid", _round, []),
    "trunc": ("mid", math.trunc, []),
    "erf": ("trig", math.erf, []),
    "erfc": ("trig", math.erfc, []),
    "lgamma": ("gamma", math.lgamma, [GAMMA_MIN]),
    "tgamma": ("gamma", math.gamma, [GAMMA_MIN]),
}
UNARY_WEIGHT = {"floor": 0.3, "ceil": 0.3, "round": 0.3, "trunc": 0.3,
                "abs": 0.5, "fabs": 1.5, "sqrt": 1.5, "exp": 1.5, "log": 1.5,
                "sin": 1.5, "cos": 1.5, "tanh": 1.2}
# Written without std:: now and then (the C library's double versions).
UNQUALIFIED_OK = {"sin", "cos", "exp", "log", "sqrt", "fabs", "tanh", "atan",
                  "pow", "hypot", "erf", "log1p"}
# "powi" is pow with an integer exponent; max, min, clamp are std::'s.
BINARY_WEIGHT = {"pow": 1.5, "powi": 1.5, "hypot": 1.0, "fmin": 0.7,
                 "fmax": 0.7, "copysign": 0.4, "fmod": 0.4, "fma": 0.7,
                 "max": 1.5, "min": 1.5, "clamp": 1.0}


def unary_iv(name, a):
    dom, f, crit = UNARY[name]
    if not a.within(*DOMAINS[dom]):
        raise Reject("%s outside its domain" % name)
    pts = [a.lo, a.hi] + [c for c in (crit(a) if callable(crit) else crit)
                          if a.lo <= c <= a.hi]
    try:
        vals = [f(p) for p in pts]
    except (ValueError, OverflowError):
        raise Reject("math error")
    return check(Iv(min(vals), max(vals)).pad())


# ------------------------------------------------------------ expressions
# Every expression has code() (C++ with few parentheses: prec is 1 for ?:,
# 2 for + -, 3 for * /, 4 for unary minus, 5 for primaries and calls),
# iv(env) (its interval given the variables' intervals; Reject when an
# argument can leave its domain) and reads() (the names it reads).


class Expr:
    prec = 5

    def reads(self):
        return set()

    def wrap(self, prec):
        c = self.code()
        return "(" + c + ")" if self.prec < prec else c


class Const(Expr):
    def __init__(self, v):
        self.v = float(v)
        self.prec = 4 if self.v < 0 else 5

    def code(self):
        return fmt(self.v)

    def iv(self, env):
        return Iv(self.v)


class Var(Expr):
    def __init__(self, name):
        self.name = name

    def code(self):
        return self.name

    def iv(self, env):
        return env[self.name]

    def reads(self):
        return {self.name}


class RefVar(Var):
    """A const reference to an array element (const double &e = a[i]): it
    sees later writes to the array, so its interval is the array's."""

    def __init__(self, name, arr):
        Var.__init__(self, name)
        self.arr = arr

    def iv(self, env):
        return env[self.arr]


class IntTerm(Expr):
    """scale * an integer (a loop counter, n) in double arithmetic."""
    prec = 3

    def __init__(self, code, lo, hi, names, scale):
        self.c, self.lo, self.hi, self.names, self.scale = code, lo, hi, names, scale

    def code(self):
        return "%s * %s" % (fmt(self.scale), self.c)

    def iv(self, env):
        return Iv(self.lo, self.hi) * Iv(self.scale)

    def reads(self):
        return set(self.names)


class Raw(Expr):
    """An integer argument (a length) with a known value."""

    def __init__(self, code, value, names=()):
        self.c, self.value, self.names = code, value, names

    def code(self):
        return self.c

    def iv(self, env):
        return Iv(self.value)

    def reads(self):
        return set(self.names)


class Elem(Expr):
    def __init__(self, arr, index, names=()):
        self.arr, self.index, self.names = arr, index, tuple(names)

    def code(self):
        return "%s[%s]" % (self.arr, self.index)

    def iv(self, env):
        return env[self.arr]

    def reads(self):
        return {self.arr} | set(self.names)


class PtrElem(Elem):
    """arr[i] read through a pointer walking beside the counter i: *p."""

    def __init__(self, arr, index, pointer, form="*%s"):
        Elem.__init__(self, arr, index, (index, pointer))
        self.text = form % pointer

    def code(self):
        return self.text


class MovingElem(Expr):
    """p[i] through a pointer into array a or b, whichever it was last set
    to (a pointer re-seated to another array)."""

    def __init__(self, a, b, index, pointer):
        self.a, self.b, self.index, self.pointer = a, b, index, pointer

    def code(self):
        return "%s[%s]" % (self.pointer, self.index)

    def iv(self, env):
        x, y = env[self.a], env[self.b]
        return Iv(min(x.lo, y.lo), max(x.hi, y.hi))

    def reads(self):
        return {self.a, self.b, self.index, self.pointer}


class Reduce(Expr):
    """std::accumulate(range of a, init) or std::inner_product(range of a,
    begin of b, init): a whole array of length L, spelled as a pointer range
    or with begin()/end() (std::begin/std::end on local C arrays)."""

    def __init__(self, name, arrays, kinds, L, init, spelling):
        self.name, self.arrays, self.kinds = name, arrays, kinds
        self.L, self.init, self.spelling = L, init, spelling

    def begin_end(self, a, kind):
        if kind in ("ptr", "carr") or (kind == "lcarr" and self.spelling == 0):
            return "%s" % a, "%s + %d" % (a, self.L)
        if kind == "lcarr" or self.spelling == 1:
            return "std::begin(%s)" % a, "std::end(%s)" % a
        return "%s.begin()" % a, "%s.end()" % a

    def code(self):
        first, last = self.begin_end(self.arrays[0], self.kinds[0])
        args = [first, last]
        if self.name == "inner_product":
            args.append(self.begin_end(self.arrays[1], self.kinds[1])[0])
        return "std::%s(%s, %s)" % (self.name, ", ".join(args), fmt(self.init))

    def iv(self, env):
        term = env[self.arrays[0]]
        if self.name == "inner_product":
            term = term * env[self.arrays[1]]
        return check(Iv(self.init + self.L * term.lo, self.init + self.L * term.hi).pad())

    def reads(self):
        return set(self.arrays)


class Neg(Expr):
    prec = 4

    def __init__(self, a):
        self.a = a

    def code(self):
        c = self.a.wrap(4)
        return "-(" + c + ")" if c.startswith("-") else "-" + c

    def iv(self, env):
        return -self.a.iv(env)

    def reads(self):
        return self.a.reads()


class Bin(Expr):
    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b
        self.prec = 2 if op in "+-" else 3

    def code(self):
        return "%s %s %s" % (self.a.wrap(self.prec), self.op,
                             self.b.wrap(self.prec + 1))

    def iv(self, env):
        a, b = self.a.iv(env), self.b.iv(env)
        if self.op == "+":
            return check(a + b)
        if self.op == "-":
            return check(a - b)
        if self.op == "*":
            return check(a * b)
        if b.near_zero(0.19):
            raise Reject("denominator near 0")
        return check(a / b)

    def reads(self):
        return self.a.reads() | self.b.reads()


class Call(Expr):
    """A <cmath> function, std::max/min/clamp, or pow(x, k) with an int k."""

    def __init__(self, name, args, qualified=True, k=None):
        self.name, self.args, self.qualified, self.k = name, args, qualified, k

    def code(self):
        q = "std::" if self.qualified else ""
        args = [a.code() for a in self.args]
        if self.name == "powi":
            return "%spow(%s, %d)" % (q, args[0], self.k)
        return "%s%s(%s)" % (q, self.name, ", ".join(args))

    def iv(self, env):
        ivs = [a.iv(env) for a in self.args]
        n = self.name
        if n in UNARY:
            return unary_iv(n, ivs[0])
        if n == "pow":
            b, e = ivs
            if not (b.within(*DOMAINS["base"]) and e.within(*DOMAINS["expo"])):
                raise Reject("pow outside its domain")
            vals = [x ** y for x in (b.lo, b.hi) for y in (e.lo, e.hi)]
            return check(Iv(min(vals), max(vals)).pad())
        if n == "powi":
            b = ivs[0]
            if (self.k < 0 and b.near_zero(0.19)) or b.maxabs() > 10:
                raise Reject("pow(x, k) outside its domain")
            pts = [b.lo, b.hi] + ([0.0] if b.lo < 0 < b.hi and self.k > 0 else [])
            vals = [p ** self.k for p in pts]
            return check(Iv(min(vals), max(vals)).pad())
        if n == "hypot":
            a, b = ivs
            da = 0 if a.lo <= 0 <= a.hi else min(abs(a.lo), abs(a.hi))
            db = 0 if b.lo <= 0 <= b.hi else min(abs(b.lo), abs(b.hi))
            return check(Iv(math.hypot(da, db), math.hypot(a.maxabs(), b.maxabs())).pad())
        if n in ("fmin", "min"):
            return Iv(min(ivs[0].lo, ivs[1].lo), min(ivs[0].hi, ivs[1].hi))
        if n in ("fmax", "max"):
            return Iv(max(ivs[0].lo, ivs[1].lo), max(ivs[0].hi, ivs[1].hi))
        if n == "clamp":
            v, lo, hi = ivs
            return Iv(min(max(v.lo, lo.lo), hi.hi), max(min(v.hi, hi.hi), lo.lo))
        if n == "copysign":
            m = ivs[0].maxabs()
            return Iv(-m, m)
        if n == "fmod":
            a, b = ivs
            if b.near_zero(0.19):
                raise Reject("fmod by ~0")
            m = min(a.maxabs(), b.maxabs())
            return Iv(0.0 if a.lo >= 0 else -m, 0.0 if a.hi <= 0 else m)
        if n == "fma":
            return check(ivs[0] * ivs[1] + ivs[2])
        raise AssertionError(n)

    def reads(self):
        return set().union(*[a.reads() for a in self.args])


class Cond:
    """A condition: a comparison of doubles, &&, ||, !, or a test on an
    integer counter (text with the names it reads)."""

    def __init__(self, kind, parts, op=None, names=()):
        self.kind, self.parts, self.op, self.names = kind, parts, op, names

    def code(self):
        k, p = self.kind, self.parts
        if k == "cmp":
            return "%s %s %s" % (p[0].wrap(2), self.op, p[1].wrap(2))
        if k == "int":
            return p[0]
        if k == "not":
            return "!(%s)" % p[0].code()
        return (" %s " % self.op).join(
            c.code() if c.kind in ("cmp", "int") else "(" + c.code() + ")" for c in p)

    def check(self, env):
        for p in self.parts:
            if isinstance(p, Expr):
                p.iv(env)
            elif isinstance(p, Cond):
                p.check(env)

    def reads(self):
        r = set(self.names)
        for p in self.parts:
            if isinstance(p, (Expr, Cond)):
                r |= p.reads()
        return r


class Ternary(Expr):
    prec = 1

    def __init__(self, cond, a, b):
        self.cond, self.a, self.b = cond, a, b

    def code(self):
        c = self.cond.code()
        if self.cond.kind not in ("cmp", "int"):
            c = "(" + c + ")"
        return "%s ? %s : %s" % (c, self.a.wrap(2), self.b.wrap(2))

    def iv(self, env):
        self.cond.check(env)
        return self.a.iv(env).join(self.b.iv(env))

    def reads(self):
        return self.cond.reads() | self.a.reads() | self.b.reads()


class ArrArg:
    """An array argument of a helper call: the array, the code passed
    (x, x + 1, &x[1], v.data(), ...) and the names it reads."""

    def __init__(self, arr, code, names):
        self.arr, self.c, self.names = arr, code, tuple(names)

    def code(self):
        return self.c

    def reads(self):
        return set(self.names)


class HelperCall(Expr):
    def __init__(self, helper, args):
        self.helper, self.args = helper, args

    def code(self):
        return "%s(%s)" % (self.helper.name, ", ".join(a.code() for a in self.args))

    def arg_ivs(self, env):
        return [env[a.arr] if isinstance(a, ArrArg) else a.iv(env) for a in self.args]

    def iv(self, env):
        return self.helper.call_iv(self.arg_ivs(env))

    def reads(self):
        return set().union(*[a.reads() for a in self.args])


# ------------------------------------------------------------- statements
# Every statement has lines(indent), reads() and run(env, flow): run
# executes it on intervals (env maps names to intervals; an array's covers
# all its elements) and returns False when control does not fall through
# (return, break, continue), recording the state in flow.


class Flow:
    def __init__(self):
        self.returns, self.breaks, self.continues = [], [], []


def run_block(stmts, env, flow):
    for s in stmts:
        if not s.run(env, flow):
            return False
    return True


def block_lines(stmts, ind):
    out = []
    for s in stmts:
        out += s.lines(ind)
    return out


def block_reads(stmts):
    r = set()
    for s in stmts:
        r |= s.reads()
    return r


class Stmt:
    def lines(self, ind):
        return [ind + self.code()]

    def reads(self):
        return set()


class Line(Stmt):
    """Code that changes no double (a counter's declaration or increment)."""

    def __init__(self, text, names=()):
        self.text, self.names = text, names

    def code(self):
        return self.text

    def reads(self):
        return set(self.names)

    def run(self, env, flow):
        return True


class Decl(Stmt):
    """double v = e;  (or double v; with no initializer)"""

    def __init__(self, name, e):
        self.name, self.e = name, e

    def code(self):
        if self.e is None:
            return "double %s;" % self.name
        return "double %s = %s;" % (self.name, self.e.code())

    def reads(self):
        return self.e.reads() if self.e is not None else set()

    def run(self, env, flow):
        env[self.name] = self.e.iv(env) if self.e is not None else Iv(0.0)
        return True


class ArrayDecl(Stmt):
    """A local array: its declaration and the interval of its elements."""

    def __init__(self, text, name, init, names=(), init_exprs=()):
        self.text, self.name, self.init, self.names = text, name, init, names
        self.init_exprs = init_exprs

    def code(self):
        return self.text

    def reads(self):
        r = set(self.names)
        for e in self.init_exprs:
            r |= e.reads()
        return r

    def run(self, env, flow):
        env[self.name] = join_all([e.iv(env) for e in self.init_exprs]) \
            if self.init_exprs else (env[self.init] if isinstance(self.init, str)
                                     else self.init)
        return True


def apply_op(op, old, v):
    if op in ("++", "post++"):
        return old + Iv(1.0)
    if op == "--":
        return old - Iv(1.0)
    if op == "=":
        return v
    if op == "+=":
        return old + v
    if op == "-=":
        return old - v
    if op == "*=":
        return old * v
    if v.near_zero(0.19):
        raise Reject("/= by ~0")
    return old / v


class Assign(Stmt):
    """v = e, v += e, v -= e, v *= e, v /= e, ++v, v++, --v; or a store to
    an element a[i] op= e (a weak update: the array's interval grows)."""

    def __init__(self, target, op, e, index=None, index_names=()):
        self.target, self.op, self.e = target, op, e
        self.index, self.index_names = index, tuple(index_names)

    def lhs(self):
        return self.target if self.index is None else "%s[%s]" % (self.target, self.index)

    def code(self):
        if self.op in ("++", "--"):
            return "%s%s;" % (self.op, self.lhs())
        if self.op == "post++":
            return "%s++;" % self.lhs()
        return "%s %s %s;" % (self.lhs(), self.op, self.e.code())

    def reads(self):
        r = set(self.index_names)
        if self.e is not None:
            r |= self.e.reads()
        return r

    def run(self, env, flow):
        old = env[self.target]
        new = check(apply_op(self.op, old, self.e.iv(env) if self.e is not None else None))
        env[self.target] = new if self.index is None else old.join(new)
        return True


class ElemRef(Stmt):
    """double &r = a[i]; r op= e;  (a reference to an element)"""

    def __init__(self, name, arr, index, names, op, e):
        self.name, self.arr, self.index, self.names = name, arr, index, tuple(names)
        self.op, self.e = op, e

    def lines(self, ind):
        return [ind + "double &%s = %s[%s];" % (self.name, self.arr, self.index),
                ind + "%s %s %s;" % (self.name, self.op, self.e.code())]

    def reads(self):
        return {self.arr} | set(self.names) | self.e.reads()

    def run(self, env, flow):
        env[self.name] = env[self.arr]
        new = check(apply_op(self.op, env[self.arr], self.e.iv(env)))
        env[self.arr] = env[self.arr].join(new)
        return True


class CallStmt(Stmt):
    """helper(args); for a helper that writes arrays."""

    def __init__(self, call, writes):
        self.call, self.writes = call, writes  # writes: helper param -> array

    def code(self):
        return self.call.code() + ";"

    def reads(self):
        return self.call.reads()

    def run(self, env, flow):
        out = self.call.helper.call_writes(self.call.arg_ivs(env))
        for pname, arr in self.writes.items():
            env[arr] = check(env[arr].join(out[pname]))
        return True


class GradCallStmt(Stmt):
    """double gd0; ... g_grad(args, &gd0, ...); acc += s * tanh(gd0) + ...:
    a call to the generated gradient of an earlier marked function (declared
    by a prototype after it), which adgen differentiates in place. The
    partials are squashed by tanh, so the statement's range is known."""

    def __init__(self, callee, args, names, acc, scale):
        self.callee, self.args, self.names = callee, args, names
        self.acc, self.scale = acc, scale

    def lines(self, ind):
        out = [ind + "double %s;" % n for n in self.names]
        out.append(ind + "%s_grad(%s, %s);" % (
            self.callee.name, ", ".join(a.code() for a in self.args),
            ", ".join("&" + n for n in self.names)))
        out.append(ind + "%s += %s;" % (self.acc, " + ".join(
            "%s * std::tanh(%s)" % (fmt(self.scale), n) for n in self.names)))
        return out

    def reads(self):
        return set().union({self.acc}, *[a.reads() for a in self.args])

    def run(self, env, flow):
        self.callee.call_iv([a.iv(env) for a in self.args])  # boxes checked
        k = self.scale * len(self.names)
        env[self.acc] = check(apply_op("+=", env[self.acc], Iv(-k, k)))
        return True


class Return(Stmt):
    def __init__(self, e):
        self.e = e

    def code(self):
        return "return %s;" % self.e.code()

    def reads(self):
        return self.e.reads()

    def run(self, env, flow):
        flow.returns.append(self.e.iv(env))
        return False


class Jump(Stmt):
    def __init__(self, kind):
        self.kind = kind

    def code(self):
        return self.kind + ";"

    def run(self, env, flow):
        (flow.breaks if self.kind == "break" else flow.continues).append(dict(env))
        return False


def simple(block):
    return len(block) == 1 and isinstance(block[0], (Assign, Return, Jump, Decl))


class If(Stmt):
    """if / else / else if; init is a Decl in the head (C++17)."""

    def __init__(self, cond, then, els=None, braces=True, init=None):
        self.cond, self.then, self.els, self.braces = cond, then, els, braces
        self.init = init

    def lines(self, ind):
        head = ind + "if (%s)" % self.cond.code() if self.init is None else \
            ind + "if (%s %s)" % (self.init.code(), self.cond.code())
        chain = self.els is not None and len(self.els) == 1 and isinstance(self.els[0], If)
        if not self.braces and simple(self.then) and (
                self.els is None or chain or simple(self.els)):
            out = [head] + block_lines(self.then, ind + "  ")
            if self.els is None:
                return out
            if chain:
                sub = self.els[0].lines(ind)
                return out + [ind + "else " + sub[0].lstrip()] + sub[1:]
            return out + [ind + "else"] + block_lines(self.els, ind + "  ")
        out = [head + " {"] + block_lines(self.then, ind + "  ")
        if self.els is None:
            return out + [ind + "}"]
        if chain:
            sub = self.els[0].lines(ind)
            return out + [ind + "} else " + sub[0].lstrip()] + sub[1:]
        return out + [ind + "} else {"] + block_lines(self.els, ind + "  ") + [ind + "}"]

    def reads(self):
        return self.cond.reads() | block_reads(self.then) | block_reads(self.els or []) | \
            (self.init.reads() if self.init else set())

    def run(self, env, flow):
        if self.init:
            self.init.run(env, flow)
        self.cond.check(env)
        e1, e2 = dict(env), dict(env)
        f1 = run_block(self.then, e1, flow)
        f2 = run_block(self.els or [], e2, flow)
        out = join_env(e1 if f1 else None, e2 if f2 else None)
        if out is None:
            return False
        env.clear()
        env.update(out)
        return True


class Loop(Stmt):
    """A loop of any spelling: lines before it, its head and tail, the body,
    the counter's interval and the (largest) trip count, for run(). refvar
    is (variable, array, writes) for a range-for."""

    def __init__(self, pre, head, body, tail, counter, civ, trips, refvar=None,
                 names=(), braceless=False):
        self.pre, self.head, self.body, self.tail = pre, head, body, tail
        self.counter, self.civ, self.trips, self.refvar = counter, civ, trips, refvar
        self.names, self.braceless = tuple(names), braceless

    def lines(self, ind):
        out = [ind + p for p in self.pre]
        if self.braceless and self.tail is None and len(self.body) == 1 and \
                isinstance(self.body[0], Assign):
            return out + [ind + self.head[:-2]] + block_lines(self.body, ind + "  ")
        return out + [ind + self.head] + block_lines(self.body, ind + "  ") + \
            [ind + (self.tail or "}")]

    def reads(self):
        return set(self.names) | block_reads(self.body)

    def run(self, env, flow):
        acc, cur, breaks = dict(env), dict(env), []
        for _ in range(self.trips):
            inner = Flow()
            e = dict(cur)
            if self.counter:
                e[self.counter] = self.civ
            if self.refvar:
                e[self.refvar[0]] = e[self.refvar[1]]
            fell = run_block(self.body, e, inner)
            flow.returns += inner.returns
            breaks += inner.breaks
            nxt = e if fell else None
            for c in inner.continues:
                nxt = join_env(nxt, c)
            if nxt is None:
                break
            if self.refvar and self.refvar[2]:  # writes through the reference
                a = self.refvar[1]
                nxt[a] = check(nxt[a].join(nxt[self.refvar[0]]))
            new = join_env(acc, nxt)
            if new == acc:
                break
            acc, cur = new, nxt
        for b in breaks:
            acc = join_env(acc, b)
        for v in acc.values():
            check(v)
        env.clear()
        env.update(acc)
        return True


# ------------------------------------------------------------- functions

# Array parameters: pointer + len(x, n), std::vector, std::array, T[N].
PARAM_KINDS = ["ptr", "vec", "arr", "carr"]
CONTAINERS = ("vec", "arr", "lvec", "larr")  # have .size()


class Param:
    def __init__(self, name, kind, out=False, box=None, value=None, byref=False,
                 offset_ok=False):
        self.name, self.kind, self.out, self.box = name, kind, out, box
        self.value, self.byref, self.offset_ok = value, byref, offset_ok
        self.cols = None  # a T[N] written as T x[N / cols][cols]
        # a T[N] input held in a record's member vals (docs/contract.md,
        # "Records"): passed as "ref" (const R &), "ptr" (const R *) or
        # "value" (R); record is the record's name, rectype as the harness
        # names it
        self.record = None
        self.recname = self.rectype = None
        # an input array of numbers held as an array of records, element i
        # the member pos of record i (docs/contract.md, "Arrays of records"):
        # elem the record's name, elemtype as the harness names it
        self.elem = self.elemtype = None
        # a matrix (cols set) held as std::vector<std::vector<double>>
        self.nested = False

    def decl(self, L):
        n, k, c = self.name, self.kind, "" if self.out else "const "
        if self.nested:
            return "const std::vector<std::vector<double>> &" + n
        if self.elem:
            return {"ptr": "const %s *%s", "vec": "const std::vector<%s> &%s",
                    "arr": "const std::array<%s, %d> &%s",
                    "carr": "const %s %s[%d]"}[k] % (
                (self.elem, n) if k in ("ptr", "vec") else
                (self.elem, L, n) if k == "arr" else (self.elem, n, L))
        if k == "scalar":
            return ("const double &" if self.byref else "double ") + n
        if k == "int":
            return "int " + n
        if k == "ptr":
            return "%sdouble *%s" % (c, n)
        if k == "vec":
            return "%sstd::vector<double> &%s" % (c, n)
        if k == "arr":
            return "%sstd::array<double, %d> &%s" % (c, L, n)
        if k == "ref":  # one output value through a reference
            return "double &" + n
        if k == "sptr":  # one output value through a pointer: *err
            return "double *" + n
        if k == "carr" and self.record:
            return {"ref": "const %s &%s", "ptr": "const %s *%s",
                    "value": "%s %s"}[self.record] % (self.recname, n)
        if k == "carr" and self.cols:
            return "%sdouble %s[%d][%d]" % (c, n, L // self.cols, self.cols)
        if k == "carr":
            return "%sdouble %s[%d]" % (c, n, L)
        raise AssertionError(k)


def member_of_elements(line, name, member):
    """name[e] -> name[e].member, e with its own brackets."""
    out, i = [], 0
    for m in re.finditer(r"\b%s\[" % name, line):
        if m.start() < i:
            continue
        depth, j = 1, m.end()
        while depth:
            depth += {"[": 1, "]": -1}.get(line[j], 0)
            j += 1
        out.append(line[i:j] + "." + member)
        i = j
    return "".join(out) + line[i:]


def only_subscripted(text, name):
    """Every use of name is name[...] (not &name[...]) or name.size()."""
    uses = list(re.finditer(r"(&\s*)?\b%s\b(\[|\.size\(\))?" % name, text))
    return bool(uses) and all(u.group(2) and not u.group(1) for u in uses)


def as_matrix(line, name, cols):
    """line with the flat array name read as a matrix of cols columns:
    name[e] becomes name[(e) / cols][(e) % cols], and name alone (passed
    to a function, bound to a pointer) &name[0][0]."""
    out, i = [], 0
    pattern = re.compile(r"\b%s\b" % re.escape(name))
    while True:
        m = pattern.search(line, i)
        if not m:
            out.append(line[i:])
            return "".join(out)
        out.append(line[i:m.start()])
        j = m.end()
        if j < len(line) and line[j] == "[":
            depth, k = 0, j
            while True:
                depth += {"[": 1, "]": -1}.get(line[k], 0)
                if depth == 0:
                    break
                k += 1
            e = as_matrix(line[j + 1:k], name, cols)
            out.append("%s[(%s) / %d][(%s) %% %d]" % (name, e, cols, e, cols))
            i = k + 1
        else:
            out.append("(&%s[0][0])" % name)
            i = j


class Helper:
    """A function the marked ones call: a scalar one (called through its
    generated gradient), or one with array parameters (lowered in place).
    A call's interval comes from running the body on the argument
    intervals."""

    def __init__(self, name, params, body, ret, static=False, note=""):
        self.name, self.params, self.body, self.ret = name, params, body, ret
        self.static, self.note = static, note
        self.cache = {}

    def run(self, arg_ivs):
        env = {p.name: iv for p, iv in zip(self.params, arg_ivs)}
        flow = Flow()
        run_block(self.body, env, flow)
        return env, flow

    def call_iv(self, arg_ivs):
        key = tuple((a.lo, a.hi) for a in arg_ivs)
        if key not in self.cache:
            try:
                self.cache[key] = check(join_all(self.run(arg_ivs)[1].returns))
            except Reject as r:
                self.cache[key] = r
        v = self.cache[key]
        if isinstance(v, Reject):
            raise v
        return v

    def call_writes(self, arg_ivs):
        env, _ = self.run(arg_ivs)
        return {p.name: env[p.name] for p in self.params if p.out}

    def lines(self, L=0):
        sig = "%s%s %s(%s)" % ("static " if self.static else "", self.ret, self.name,
                               ", ".join(p.decl(L) for p in self.params))
        out = ["// %s" % self.note] if self.note else []
        return out + [sig + " {"] + block_lines(self.body, "  ") + ["}"]


class MarkedCallee(Helper):
    """An earlier marked scalar function, called like a helper; when
    plain (no loop, no call: its gradient records nothing), also through
    its generated gradient."""

    def __init__(self, fn, ret_iv, plain=False):
        Helper.__init__(self, fn.name, [Param(p.name, "scalar", box=p.box) for p in fn.params],
                        [], "double")
        self.ret_iv = ret_iv
        self.plain = plain
        self.recursive = fn.recursive  # it calls rec0 or rec1, maybe through others

    def call_iv(self, arg_ivs):
        for p, a in zip(self.params, arg_ivs):
            if not a.within(*p.box):
                raise Reject("argument outside the callee's box")
        return self.ret_iv


class Function:
    """A marked function: the annotation, the signature and the body."""

    def __init__(self, name, params, ret, body, L, modes, lens, note):
        self.name, self.params, self.ret, self.body = name, params, ret, body
        self.L, self.modes, self.lens, self.note = L, modes, lens, note
        self.callees = set()  # names of the helpers and marked functions it calls
        self.recursive = False  # it calls rec0 or rec1, maybe through others
        self.sizes = {}       # array lengths other than L
        self.points = None    # fixed points (singular programs)
        self.tbox = None      # direction boxes (singular programs)
        self.as_callee = None # a MarkedCallee when later functions may call it
        self.derivative_of = None  # the scalar of derivative(x, 1) and (x, 2)
        self.template = False # written as a template on T, instantiated on double
        self.requested = False  # no ADGEN: ADGEN_DIFFERENTIATE(name, ...) after it
        # scalar parameters moved into a local record at entry and used as
        # its members from there on: (names, "braces" or "constructor")
        self.local_record = None

    def lines(self):
        ann = ", ".join(self.modes + ["len(%s, %s)" % kv for kv in self.lens])
        sig = "%s %s(%s)" % (self.ret, self.name, ", ".join(p.decl(self.L) for p in self.params))
        proto = []
        if self.as_callee is not None and self.as_callee.plain:
            # what later functions call: the contract's f_grad (scalars by
            # value, then a pointer per partial)
            proto = ["double %s_grad(%s);" % (self.name, ", ".join(
                ["double " + p.name for p in self.params] +
                ["double *d_" + p.name for p in self.params]))]
        body = block_lines(self.body, "  ")
        records = []
        for p in self.params:
            if p.record:
                # x is the member array: x.vals[e], x->vals + 4, h(x.vals,
                # n); no parameter is named vals, so one record's member
                # is never taken for another parameter
                member = "%s->vals" if p.record == "ptr" else "%s.vals"
                body = [re.sub(r"\b%s\b" % p.name, member % p.name, line)
                        for line in body]
                records.append("struct %s {\n  int tag;\n  double vals[%d];\n"
                               "  long id;\n};" % (p.recname, self.L))
            if p.cols:
                body = [as_matrix(line, p.name, p.cols) for line in body]
            if p.elem:
                body = [member_of_elements(line, p.name, "pos") for line in body]
                records.append("struct %s {\n  int id;\n  double pos;\n};" % p.elem)
            if p.kind in ("ref", "sptr"):
                index = re.compile(r"\b%s\[[^\]]*\]" % p.name)
                one = p.name if p.kind == "ref" else p.name + "[0]"
                body = [index.sub(one, line) for line in body]
        mark = ["ADGEN(%s)" % ann]
        request = []
        if self.requested:
            # code the user cannot edit: the request names it afterwards
            mark = []
            request = ["ADGEN_DIFFERENTIATE(%s%s, %s);" % (
                self.name, "<double>" if self.template else "", ann)]
        if self.template:
            # template <typename T> with every double spelled T, and an
            # explicit instantiation on double: adgen differentiates it
            on_t = lambda line: re.sub(r"\bdouble\b", "T", line)
            inst = "template %s %s<double>(%s);" % (
                self.ret, self.name, ", ".join(p.decl(self.L) for p in self.params))
            return ["// %s (a template)" % self.note, "template <typename T>"] + \
                mark + [on_t(sig) + " {"] + \
                [on_t(line) for line in body] + ["}", inst] + request + proto
        if self.local_record:
            names, how = self.local_record
            rec = "Loc_%s" % self.name
            fields = "".join("  double %s;\n" % n for n in names)
            ctor = "  %s(%s) : %s {}\n" % (
                rec, ", ".join("double %s" % n for n in names),
                ", ".join("%s(%s)" % (n, n) for n in names)) \
                if how == "constructor" else ""
            records.append("struct %s {\n%s%s};" % (rec, fields, ctor))
            for n in names:  # s.a from here on
                body = [re.sub(r"\b%s\b" % n, "s_." + n, line) for line in body]
            init = ("  %s s_(%s);" if how == "constructor" else "  %s s_ = {%s};") % (
                rec, ", ".join(names))
            body = [init] + body
        return records + ["// %s" % self.note] + mark + [sig + " {"] + \
            body + ["}"] + request + proto

    def inputs(self):
        return [p for p in self.params if not p.out and p.kind != "int"]

    def outputs(self):
        return [p for p in self.params if p.out]


LOOP_WEIGHT = {"for": 4, "for_plus1": 1, "for_plus2": 0.7,
               "for_size_t": 1.5, "for_declared_before": 1,
               "for_assigned_before": 0.7, "while": 1.2, "do_while": 1, "for_down": 1,
               "for_stride2": 0.7, "for_from1": 0.7, "for_ne": 0.7, "for_post_increment": 0.7,
               "range_for": 1.5, "range_for_ref": 1, "while_and": 0.7, "for_float_counter": 0.5,
               "for_pointer": 1, "for_size_t_down": 0.7, "for_size_t_postdec": 0.7,
               "for_comma_pointer": 0.7, "for_moving_pointer": 0.7}


class Scope:
    def __init__(self):
        self.doubles, self.arrays = [], []


class LoopInfo:
    """An enclosing loop's counter: name, C++ type, the inclusive range of
    its values (lo, L + hi_rel), whether break/continue may be added."""

    def __init__(self, name, ty, lo, hi_rel, can_break=True, can_continue=True,
                 ranged=False):
        self.name, self.ty, self.lo, self.hi_rel = name, ty, lo, hi_rel
        self.can_break, self.can_continue, self.ranged = can_break, can_continue, ranged
        self.walker = None  # (pointer, array): a pointer advanced with the counter
        self.can_return = True  # false where the loop's condition assigns


class FnGen:
    """Generates the body of one function: random statements, and the
    bookkeeping that keeps it valid (every local and parameter read, every
    index in bounds, every math argument in its domain). env holds the
    intervals at the current point of the body."""

    def __init__(self, rng, L, params, callees=(), writers=(), acc="acc", returns=True):
        self.rng, self.L, self.params = rng, L, params
        self.callees, self.writers = list(callees), list(writers)
        self.acc, self.returns = acc, returns
        self.env = {acc: Iv(0.0)}
        self.scopes = [Scope()]
        self.loops = []
        self.unstable = set()
        self.read = set()
        self.ncounters = 0
        self.nlocals = 0
        self.arrays = {}        # name -> kind: ptr vec arr carr (params), lvec larr lcarr (locals)
        self.writable = set()   # outputs and local arrays
        self.flow = Flow()
        self.fill = None        # a local array the next loop fills
        self.readonly = set()   # range-for variables, const references
        self.refs = {}          # const references to elements -> their array
        self.depth = 3
        for p in params:
            if p.kind == "scalar":
                self.env[p.name] = Iv(*p.box)
            elif p.kind == "int":
                self.env[p.name] = Iv(p.value)
            else:
                self.arrays[p.name] = p.kind
                # outputs start with the harness's pattern 0.25 (k + 1)
                self.env[p.name] = Iv(0.25, 0.25 * L) if p.out else Iv(*p.box)
                if p.out:
                    self.writable.add(p.name)

    # -- state

    def snapshot(self):
        return (dict(self.env), [(list(s.doubles), list(s.arrays)) for s in self.scopes],
                dict(self.arrays), set(self.writable), list(self.loops), set(self.unstable),
                set(self.read), self.ncounters, list(self.flow.returns), self.fill)

    def rollback(self, s):
        (self.env, scopes, self.arrays, self.writable, self.loops, self.unstable,
         self.read, self.ncounters, self.flow.returns, self.fill) = \
            (dict(s[0]), s[1], dict(s[2]), set(s[3]), list(s[4]), set(s[5]),
             set(s[6]), s[7], list(s[8]), s[9])
        self.scopes = self.scopes[:len(scopes)]
        for sc, (d, a) in zip(self.scopes, scopes):
            sc.doubles, sc.arrays = list(d), list(a)

    # -- names

    def fresh(self, base):
        self.nlocals += 1
        return "%s%d" % (base, self.nlocals)

    def counter(self):
        names = "ijkpqru"
        c = names[self.ncounters % len(names)]
        if self.ncounters >= len(names):
            c += str(self.ncounters // len(names))
        self.ncounters += 1
        return c

    def scalars(self):
        """Readable doubles: scalar parameters, the accumulator, locals."""
        out = [p.name for p in self.params if p.kind == "scalar"] + [self.acc]
        for s in self.scopes:
            out += s.doubles
        return out

    def locals_(self):
        """Assignable doubles: the accumulator, the locals in scope and the
        scalar parameters passed by value."""
        out = [self.acc]
        if on("assign_parameter"):
            out += [p.name for p in self.params if p.kind == "scalar" and not p.byref]
        for s in self.scopes:
            out += [v for v in s.doubles if v not in self.readonly]
        return out

    def var(self, name):
        return RefVar(name, self.refs[name]) if name in self.refs else Var(name)

    def ranged_arrays(self):
        """The arrays pointers and iterators can walk: all but HeapBuf
        locals, which are only indexed."""
        return [a for a, k in self.arrays.items() if k != "lheap"]

    def int_lengths(self):
        """Spellings of L as an int, with the names they read."""
        c = [("n", ("n",))] if any(p.kind == "int" and p.name == "n" for p in self.params) else []
        for a, k in self.arrays.items():
            if k in CONTAINERS:
                c.append(("static_cast<int>(%s.size())" % a, (a,)))
        if not c or any(k in ("arr", "carr", "larr", "lcarr") for k in self.arrays.values()):
            c.append((str(self.L), ()))
        return c

    def size_lengths(self):
        """Spellings of L as a std::size_t."""
        c = [("%s.size()" % a, (a,)) for a, k in self.arrays.items() if k in CONTAINERS]
        if any(p.kind == "int" and p.name == "n" for p in self.params):
            c.append(("static_cast<std::size_t>(n)", ("n",)))
        if not c:
            c.append((str(self.L), ()))
        return c

    def counted(self):
        return [lp for lp in self.loops if not lp.ranged]

    def index_codes(self):
        """Valid indices into an array of length L here: (code, names)."""
        L = self.L
        out = [("0", ()), (str(L - 1), ())]
        if L >= 3:
            out.append(("1", ()))
        for lp in self.counted():
            lo, hi, i = lp.lo, L + lp.hi_rel, lp.name
            Ls, names = self.rng.choice(self.size_lengths() if lp.ty == "std::size_t"
                                        else self.int_lengths())
            if lo >= 0 and hi <= L - 1:
                out += [(i, (i,))] * 4
                out.append(("%s - 1 - %s" % (Ls, i), (i,) + names))
                out.append(("(%s + 1) %% %s" % (i, Ls), (i,) + names))
            if lo >= 1 and hi <= L:
                out.append(("%s - 1" % i, (i,)))
            if lo >= 0 and hi <= L - 2:
                out.append(("%s + 1" % i, (i,)))
                if on("neighbour_indices"):  # stencils: carried increments
                    out.append(("%s - 2 - %s" % (Ls, i), (i,) + names))
            if lo >= 0 and hi <= L - 3 and on("neighbour_indices"):
                out.append(("%s + 2" % i, (i,)))
            if lo >= 0 and hi <= 2 * L - 1:
                out.append(("%s / 2" % i, (i,)))
        return out

    def neighbour_pairs(self):
        """Pairs of valid indices a few elements apart, in a counted loop."""
        L, out = self.L, []
        for lp in self.counted():
            lo, hi, i = lp.lo, L + lp.hi_rel, lp.name
            Ls, names = self.rng.choice(self.size_lengths() if lp.ty == "std::size_t"
                                        else self.int_lengths())
            if lo >= 0 and hi <= L - 2:
                out.append((("%s" % i, "%s + 1" % i), (i,)))
                out.append((("%s - 1 - %s" % (Ls, i), "%s - 2 - %s" % (Ls, i)),
                            (i,) + names))
            if lo >= 1 and hi <= L - 1:
                out.append((("%s - 1" % i, "%s" % i), (i,)))
            if lo >= 0 and hi <= L - 3:
                out.append((("%s" % i, "%s + 2" % i), (i,)))
        return out

    # -- expressions

    def leaf(self):
        rng = self.rng
        k = wchoice(rng, {"const": 1.0, "var": 3.0,
                          "elem": (3.0 if self.loops else 1.2) if self.arrays else 0,
                          "counter": 0.6 if self.counted() else 0,
                          "int_param": 0.3 if any(p.kind == "int" for p in self.params) else 0})
        if k == "var":
            vs = self.scalars()
            unread = [v for v in vs if v not in self.read]
            return self.var(rng.choice(unread) if unread and rng.random() < 0.6 else rng.choice(vs))
        walkers = [(lp.walker, lp.name) for lp in self.loops if lp.walker]
        if k == "elem" and walkers and rng.random() < 0.4:
            (pname, arr), i = rng.choice(walkers)
            return PtrElem(arr, i, pname, rng.choice(["*%s", "%s[0]"]))
        if k == "elem":
            arrs = list(self.arrays)
            unread = [a for a in arrs if a not in self.read]
            a = rng.choice(unread) if unread and rng.random() < 0.6 else rng.choice(arrs)
            pairs = self.neighbour_pairs() if on("neighbour_indices") else []
            if pairs and rng.random() < 0.3:
                # a difference or sum of neighbours (a stencil: its adjoint
                # increments are carried across iterations)
                (i1, i2), names = rng.choice(pairs)
                return Bin(rng.choice("+-"), Elem(a, i1, names), Elem(a, i2, names))
            idx, names = rng.choice(self.index_codes())
            return Elem(a, idx, names)
        if k == "counter":
            lp = rng.choice(self.counted())
            return IntTerm(lp.name, lp.lo, max(lp.lo, self.L + lp.hi_rel), (lp.name,),
                           nice(rng, 0.05, 0.5))
        if k == "int_param":
            p = rng.choice([p for p in self.params if p.kind == "int"])
            return IntTerm(p.name, p.value, p.value, (p.name,), nice(rng, 0.05, 0.5))
        return Const(nice(rng, -2, 2, 0.25) or 0.5)

    def expr(self, depth=None):
        """A random double expression valid here (tries until one is)."""
        depth = self.depth if depth is None else depth
        for _ in range(30):
            try:
                e = self._expr(depth)
                if e.iv(self.env).maxabs() > 100 and self.rng.random() < 0.7:
                    e = self.fit(e, (-50.0, 50.0))
                return e
            except Reject:
                continue
        return Const(0.5)

    def _expr(self, depth):
        rng = self.rng
        if depth <= 0 or rng.random() < 0.2:
            return self.leaf()
        k = wchoice(rng, {"arith": 4, "unary": 3, "binary": 1.5, "neg": 0.3,
                          "ternary": 0.8, "helper_call": 0.8 if self.callees else 0,
                          "reduce": 0.25 if self.ranged_arrays() and on("algorithms")
                          else 0})
        if k == "reduce":
            # <numeric> over whole arrays: std::accumulate, std::inner_product
            name = rng.choice(["accumulate", "inner_product"])
            arrs = [rng.choice(self.ranged_arrays())
                    for _ in range(2 if name == "inner_product" else 1)]
            return Reduce(name, arrs, [self.arrays[a] for a in arrs], self.L,
                          nice(rng, -1, 1, 0.25), rng.randint(0, 2))
        if k == "arith":
            op = rng.choice("+-*/+*")
            a, b = self._expr(depth - 1), self._expr(depth - 1)
            if op == "/":
                b = self.fit(b, "nz")
            elif op == "*":
                a, b = self.fit(a, "mid"), self.fit(b, "mid")
            return Bin(op, a, b)
        if k == "neg":
            return Neg(self._expr(depth - 1))
        if k == "unary":
            name = wchoice(rng, {n: UNARY_WEIGHT.get(n, 1.0) for n in UNARY})
            return Call(name, [self.fit(self._expr(depth - 1), UNARY[name][0])],
                        qualified=not (name in UNQUALIFIED_OK and rng.random() < 0.15
                                       and on("unqualified")))
        if k == "binary":
            name = wchoice(rng, BINARY_WEIGHT)
            q = not (name in UNQUALIFIED_OK and rng.random() < 0.15 and on("unqualified"))
            a, b = self._expr(depth - 1), self._expr(depth - 1)
            if name == "pow":
                return Call("pow", [self.fit(a, "base"), self.fit(b, "expo")], q)
            if name == "powi":
                k = rng.choice([2, 2, 3, 4, -1, -2])
                return Call("powi", [self.fit(a, "nz" if k < 0 else (-3.0, 3.0))], q, k)
            if name == "fmod":
                return Call("fmod", [a, self.fit(b, "nz")])
            if name == "fma":
                return Call("fma", [self.fit(a, "mid"), self.fit(b, "mid"),
                                    self._expr(depth - 1)])
            if name == "clamp":
                lo = nice(rng, -1.5, 0.5, 0.25)
                return Call("clamp", [a, Const(lo), Const(lo + nice(rng, 0.5, 2.0, 0.25))])
            return Call(name, [a, b], q if name == "hypot" else True)
        if k == "ternary":
            return Ternary(self.cond(depth - 1), self._expr(depth - 1), self._expr(depth - 1))
        h = rng.choice(self.callees)
        return HelperCall(h, self.helper_args(h, depth - 1))

    def helper_args(self, h, depth):
        """Arguments for a call to h: scalars mapped into the parameter's
        box; arrays whole or from an offset (x + 1, &x[1]) with the length
        to match."""
        rng, args, off = self.rng, [], 0
        for p in h.params:
            if p.kind == "scalar":
                args.append(self.fit(self._expr(depth), tuple(p.box)))
            elif p.kind == "int":
                Ln, names = rng.choice(self.int_lengths())
                args.append(Raw(Ln if not off else "%s - %d" % (Ln, off), self.L - off, names))
            else:
                a = self.array_arg(p, allow_offset=p.offset_ok)
                if a is None:
                    raise Reject("no array for the helper")
                off = a.offset
                args.append(a)
        return args

    def array_arg(self, p, allow_offset=False, exclude=()):
        rng, cands = self.rng, []
        for a, k in self.arrays.items():
            if a in exclude or (p.out and a not in self.writable):
                continue
            if p.kind == "vec":
                if k in ("vec", "lvec"):
                    cands.append((a, a, 0))
            elif k in ("ptr", "carr", "lcarr"):
                cands += [(a, a, 0), (a, "&%s[0]" % a, 0)]
                if allow_offset and on("offset_args"):
                    cands += [(a, "%s + 1" % a, 1), (a, "&%s[1]" % a, 1)]
            elif k in CONTAINERS:
                cands.append((a, "%s.data()" % a, 0))
                if allow_offset and on("offset_args"):
                    cands.append((a, "%s.data() + 1" % a, 1))
        if not cands:
            return None
        a, code, off = rng.choice(cands)
        arg = ArrArg(a, code, (a,))
        arg.offset = off
        return arg

    def fit(self, e, dom):
        """e mapped into a domain (a DOMAINS key, "nz" for |x| >= 0.2, or an
        interval): e itself when its interval fits for good, else an affine
        map of it (when its interval is known for good) or a bounded
        function of it. Inside a loop, anything but parameters and counters
        may change in later iterations, so is mapped by a bounded function."""
        rng = self.rng
        if dom == "any":
            return e
        nz = dom == "nz"
        lo, hi = (0.2, 10.0) if nz else (DOMAINS[dom] if isinstance(dom, str) else dom)
        try:
            iv = e.iv(self.env)
        except Reject:
            iv = None
        stable = iv is not None and not (e.reads() & self.unstable)
        if stable:
            if nz and (iv.lo >= 0.2 or iv.hi <= -0.2):
                return e
            if not nz and iv.within(lo, hi):
                return e
        sign = -1 if nz and rng.random() < 0.3 else 1
        # the target: [lo, hi] narrowed to at most 20 wide, around 0 if it can
        if lo < 0 < hi:
            lo, top = max(lo, -10.0), min(hi, 10.0)
        elif lo >= 0:
            top = min(hi, lo + 20.0)
        else:
            lo, top = max(lo, hi - 20.0), hi
        out = None
        if stable and iv.hi > iv.lo and rng.random() < 0.5:
            s = float("%.2g" % (0.9 * (top - lo) / (iv.hi - iv.lo)))
            b = math.ceil((lo + 0.05 * (top - lo) - s * iv.lo) * 100) / 100
            if 1e-3 <= s <= 100:
                out = Bin("+", Bin("*", Const(s), e), Const(b)) if b >= 0 else \
                    Bin("-", Bin("*", Const(s), e), Const(-b))
        if out is None:
            mid = math.floor((lo + top) / 2 * 100) / 100
            rad = math.floor(0.9 * min(top - mid, mid - lo) * 100) / 100
            k = rng.choice(["tanh", "atan", "ratio"] + (["square"] if lo > 0 or nz else []) +
                           (["sin"] if stable and iv.within(*DOMAINS["trig"]) else []))
            if k == "square":
                inner = self.fit(e, (-3.0, 3.0))
                out = Bin("+", Bin("*", inner, inner), Const(math.ceil(max(lo, 0.2) * 100) / 100))
                if out.iv(self.env).hi > hi:
                    k = "tanh"
            if k != "square":
                if k == "ratio":
                    f = Bin("/", e, Bin("+", Const(1.0), Call("fabs", [e])))
                elif k == "sin":
                    f = Call("sin", [e])
                elif k == "atan":  # |atan| < pi / 2
                    f = Bin("*", Const(0.63), Call("atan", [e]))
                else:
                    f = Call(k, [e])
                out = Bin("+", Const(mid), Bin("*", Const(rad), f)) if mid != 0 \
                    else Bin("*", Const(rad), f)
        if sign < 0:
            out = Neg(out)
        v = out.iv(self.env)
        if not ((v.lo >= 0.2 or v.hi <= -0.2) if nz else v.within(lo, hi)):
            raise Reject("fit failed")
        return out

    def bounded(self, e):
        """e mapped into [-10, 10] (cannot fail)."""
        try:
            return self.fit(e, "mid")
        except Reject:
            return Call("tanh", [e])

    def cond(self, depth=1, top=True):
        """A condition; tests on counters only at the top, or g++ warns about
        i % 2 == 0 && !(i % 2 == 0)."""
        rng = self.rng
        k = wchoice(rng, {"cmp": 5, "and": 0.6, "or": 0.5, "not": 0.3,
                          "int_cond": 0.6 if self.counted() and top else 0})
        if k == "cmp":
            a = self._expr(max(0, depth - 1))
            b = self._expr(0) if rng.random() < 0.6 else Const(nice(rng, -1, 1, 0.1))
            return Cond("cmp", [a, b], rng.choice(["<", ">", "<=", ">="]))
        if k == "int_cond":
            i = rng.choice(self.counted()).name
            return Cond("int", [rng.choice(["%s %% 2 == 0", "%s %% 3 == 1", "%s > 1"]) % i],
                        names=(i,))
        if k == "not":
            return Cond("not", [self.cond(depth, False)])
        return Cond(k, [self.cond(depth, False), self.cond(depth, False)],
                    "&&" if k == "and" else "||")

    # -- statements

    def emit(self, stmts, s):
        """Appends s, runs it on the current intervals, notes its reads."""
        if isinstance(s, Assign) and s.op == "=" and s.index is None and \
                isinstance(s.e, Var) and s.e.name == s.target:
            raise Reject("self-assignment")
        s.run(self.env, self.flow)
        stmts.append(s)
        self.read |= s.reads()
        return s

    def declare(self, name):
        self.scopes[-1].doubles.append(name)
        if self.loops:
            self.unstable.add(name)

    def block(self, n, loops_ok=True):
        """n random statements in a new scope."""
        stmts = []
        self.scopes.append(Scope())
        for _ in range(n):
            self.statement(stmts, loops_ok)
        self.close_scope(stmts)
        return stmts

    def close_scope(self, stmts):
        """Adds the scope's unread locals into the accumulator (every
        variable must be read: the tests compile with -Wall -Werror)."""
        sc = self.scopes.pop()
        r = block_reads(stmts)
        for v in sc.doubles:
            if v not in r:
                self.emit(stmts, Assign(self.acc, "+=", self.bounded(self.var(v))))
        for a in sc.arrays:
            if a not in r:
                self.emit(stmts, Assign(self.acc, "+=", Elem(a, "0")))
            del self.arrays[a]
            self.writable.discard(a)

    def statement(self, stmts, loops_ok=True):
        rng = self.rng
        lp = self.loops[-1] if self.loops else None
        weights = {"decl": 3, "assign": 3, "if": 1.5, "select_decl": 0.8,
                   "declare_then_assign": 0.5, "incdec": 0.3,
                   "loop": 2.5 if loops_ok and len(self.loops) < 2 else 0,
                   "local_array": 0.8 if loops_ok and not self.loops else 0,
                   "early_return": 0.4 if self.returns and
                   all(lp.can_return for lp in self.loops) else 0,
                   "store": 2.0 if self.loops and self.writable else 0,
                   "element_reference": 0.5 if self.loops and self.writable else 0,
                   "const_element_reference": 0.4 if self.arrays else 0,
                   "array_helper_call": 0.6 if self.writers and self.writable else 0,
                   "grad_call": 1.5 if self.plain_callees() else 0,
                   "break": 0.3 if lp and lp.can_break else 0,
                   "continue": 0.3 if lp and lp.can_continue else 0}
        for _ in range(8):
            saved, n = self.snapshot(), len(stmts)
            try:
                getattr(self, "st_" + wchoice(rng, weights))(stmts)
                return
            except Reject:
                self.rollback(saved)
                del stmts[n:]

    def st_decl(self, stmts):
        name = self.fresh(self.rng.choice("tvwz"))
        self.emit(stmts, Decl(name, self.expr()))
        self.declare(name)

    def st_select_decl(self, stmts):
        """double c = cond ? a : b; on a variable and a literal (a select)
        or on expressions (a branch)."""
        rng = self.rng
        if rng.random() < 0.5:
            a, b = self.var(rng.choice(self.scalars())), Const(nice(rng, -1, 1, 0.25))
            if rng.random() < 0.5:
                a, b = b, a
        else:
            a, b = self.expr(2), self.expr(2)
        name = self.fresh("c")
        self.emit(stmts, Decl(name, Ternary(self.cond(1), a, b)))
        self.declare(name)

    def st_declare_then_assign(self, stmts):
        name = self.fresh("d")
        stmts.append(Decl(name, None))
        self.env[name] = Iv(0.0)
        self.emit(stmts, If(self.cond(1), [Assign(name, "=", self.expr(2))],
                            [Assign(name, "=", self.expr(2))], braces=self.rng.random() < 0.5))
        self.declare(name)

    def st_assign(self, stmts):
        rng = self.rng
        t = rng.choice(self.locals_())
        op = wchoice(rng, {"=": 1, "+=": 3, "-=": 1, "*=": 1, "/=": 0.5})
        e = self.expr()
        if op == "*=":
            e = self.fit(e, (0.5, 1.5))
        elif op == "/=":
            e = self.fit(e, (0.7, 2.0))
        elif op == "=" and rng.random() < 0.5:
            # a recurrence: the new value reads the old one
            e = Bin("+", Bin("*", Const(nice(rng, 0.3, 0.9)), Var(t)), self.expr(2))
        self.emit(stmts, Assign(t, op, e))

    def st_incdec(self, stmts):
        self.emit(stmts, Assign(self.rng.choice(self.locals_()),
                                self.rng.choice(["++", "--", "post++"]), None))

    def st_if(self, stmts):
        rng = self.rng
        init = None
        if rng.random() < 0.15 and on("if_init"):
            # if (double q = e; q > c): q is in scope in both branches
            init = Decl(self.fresh("q"), self.expr(2))
            init.run(self.env, self.flow)
            self.scopes.append(Scope())
            self.declare(init.name)
            c = Cond("cmp", [Var(init.name), Const(nice(rng, -1, 1, 0.25))],
                     rng.choice(["<", ">"]))
        else:
            c = self.cond(2)
        c.check(self.env)
        entry = dict(self.env)
        then = self.block(rng.randint(1, 2))
        self.env = dict(entry)
        els, r = None, rng.random()
        if r < 0.4:
            els = self.block(rng.randint(1, 2))
        elif r < 0.55 and on("else_if"):
            c2 = self.cond(1)
            t2 = self.block(1)
            self.env = dict(entry)
            els = [If(c2, t2, self.block(1) if rng.random() < 0.5 else None)]
        self.env = entry
        if init:
            self.scopes.pop()
            del self.env[init.name]
        self.emit(stmts, If(c, then, els, braces=rng.random() < 0.6, init=init))

    def st_early_return(self, stmts):
        self.emit(stmts, If(self.cond(2), [Return(self.final_expr())], None,
                            braces=self.rng.random() < 0.5))

    def st_break(self, stmts):
        self.emit(stmts, If(self.cond(1), [Jump("break")], None, braces=self.rng.random() < 0.4))

    def st_continue(self, stmts):
        self.emit(stmts, If(self.cond(1), [Jump("continue")], None,
                            braces=self.rng.random() < 0.4))

    def st_store(self, stmts):
        """a[i] op= e on an output or a local array (an in-place update)."""
        rng = self.rng
        arr = rng.choice(sorted(self.writable))
        idx, names = rng.choice(self.index_codes())
        op = wchoice(rng, {"=": 2, "+=": 2, "-=": 0.5, "*=": 0.7})
        e = self.expr()
        if op == "*=":
            e = self.fit(e, (0.5, 1.5))
        elif op == "=" and rng.random() < 0.3:
            e = Bin("+", Bin("*", Const(nice(rng, 0.3, 0.9)), Elem(arr, idx, names)), e)
        self.emit(stmts, Assign(arr, op, e, idx, names))

    def st_const_element_reference(self, stmts):
        """const double &e = a[i]; read later (it sees writes to a[i])."""
        arr = self.rng.choice(list(self.arrays))
        idx, names = self.rng.choice(self.index_codes())
        name = self.fresh("r")
        self.emit(stmts, Line("const double &%s = %s[%s];" % (name, arr, idx),
                              (arr,) + tuple(names)))
        self.env[name] = self.env[arr]
        self.refs[name] = arr
        self.declare(name)
        self.readonly.add(name)

    def st_element_reference(self, stmts):
        rng = self.rng
        arr = rng.choice(sorted(self.writable))
        idx, names = rng.choice(self.index_codes())
        name = self.fresh("e")
        op = rng.choice(["+=", "=", "*="])
        self.env[name] = self.env[arr]
        e = self.expr(2)
        if op == "*=":
            e = self.fit(e, (0.5, 1.5))
        elif op == "=":
            e = Bin("+", Bin("*", Const(nice(rng, 0.2, 0.9)), Var(name)), e)
        self.emit(stmts, ElemRef(name, arr, idx, names, op, e))

    def plain_callees(self):
        return [h for h in self.callees if isinstance(h, MarkedCallee) and h.plain]

    def st_grad_call(self, stmts):
        """A call to an earlier marked function's generated gradient."""
        h = self.rng.choice(self.plain_callees())
        args = [self.fit(self.expr(2), tuple(p.box)) for p in h.params]
        names = [self.fresh("gd") for _ in h.params]
        self.emit(stmts, GradCallStmt(h, args, names, self.acc,
                                      nice(self.rng, 0.1, 0.5, 0.05)))

    def st_array_helper_call(self, stmts):
        """A call to a helper that writes one of our arrays (lowered in
        place by adgen), sometimes the array it also reads."""
        h = self.rng.choice(self.writers)
        args, writes, used = [], {}, set()
        for p in h.params:
            if p.kind == "scalar":
                args.append(self.fit(self.expr(2), tuple(p.box)))
            elif p.kind == "int":
                Ln, names = self.rng.choice(self.int_lengths())
                args.append(Raw(Ln, self.L, names))
            else:
                # the output may be the array the helper reads (f(v, v))
                a = None
                if p.out and used and on("overlapping_args") and self.rng.random() < 0.3:
                    a = self.array_arg(p, exclude=set(self.arrays) - used)
                if a is None:
                    a = self.array_arg(p, exclude=used)
                if a is None:
                    raise Reject("no distinct arrays for the helper")
                used.add(a.arr)
                if p.out:
                    writes[p.name] = a.arr
                args.append(a)
        self.emit(stmts, CallStmt(HelperCall(h, args), writes))

    def st_local_array(self, stmts):
        """A local array, initialised, filled by a loop, read later."""
        rng, L = self.rng, self.L
        name = self.fresh(rng.choice(["buf", "tmp", "u"]))
        kind = wchoice(rng, {"lcarr": 1, "larr": 1, "lvec": 2,
                             "lheap": 0.7 if on("heap_records") else 0})
        inputs = [a for a, k in self.arrays.items() if a not in self.writable]
        r = rng.random()
        init, names, exprs = Iv(0.0), (), ()
        if kind == "lcarr":
            if r < 0.3:
                vals = [nice(rng, -1, 1, 0.25) for _ in range(L)]
                text = "double %s[%d] = {%s};" % (name, L, ", ".join(fmt(v) for v in vals))
                init = Iv(min(vals), max(vals))
            else:
                text = "double %s[%d] = {};" % (name, L)
        elif kind == "lheap":
            # a class owning new double[n]() (HEAP_BUFFER), indexed through
            # its accessor double &operator[]
            Ln, lnames = rng.choice(self.int_lengths())
            text, names = "HeapBuf %s(%s);" % (name, Ln), lnames
        elif kind == "larr":
            same = [a for a in inputs if self.arrays[a] == "arr"]
            if same and r < 0.4:
                src = rng.choice(same)
                text, init, names = "std::array<double, %d> %s = %s;" % (L, name, src), src, (src,)
            else:
                text = "std::array<double, %d> %s{};" % (L, name)
        else:
            Ln, lnames = rng.choice(self.int_lengths())
            ptrs = [a for a in inputs if self.arrays[a] in ("ptr", "carr")]
            conts = [a for a in inputs if self.arrays[a] in ("vec", "arr")]
            if ptrs and r < 0.3:
                src = rng.choice(ptrs)
                form = rng.choice(["std::vector<double> %s(%s, %s + %s);",
                                   "std::vector<double> %s(&%s[0], %s + %s);"])
                text, init, names = form % (name, src, src, Ln), src, (src,) + lnames
            elif conts and r < 0.55:
                src = rng.choice(conts)
                if self.arrays[src] == "vec" and rng.random() < 0.5:
                    text = "std::vector<double> %s(%s);" % (name, src)
                else:
                    text = "std::vector<double> %s(%s.begin(), %s.end());" % (name, src, src)
                init, names = src, (src,)
            elif r < 0.7:
                v = nice(rng, -1, 1, 0.25)
                text = "std::vector<double> %s(%s, %s);" % (name, Ln, fmt(v))
                init, names = Iv(v), lnames
            elif r < 0.8 and on("vector_braces"):
                exprs = [self.expr(1) for _ in range(L)]
                text = "std::vector<double> %s{%s};" % (name, ", ".join(e.code() for e in exprs))
            else:
                text, names = "std::vector<double> %s(%s);" % (name, Ln), lnames
        self.emit(stmts, ArrayDecl(text, name, init, names, exprs))
        self.arrays[name] = kind
        self.writable.add(name)
        self.scopes[-1].arrays.append(name)
        self.fill = name
        self.st_loop(stmts)
        self.fill = None

    def st_loop(self, stmts):
        saved, n = self.snapshot(), len(stmts)
        for _ in range(4):
            try:
                self.emit(stmts, self.loop())
                return
            except Reject:
                self.rollback(saved)
                del stmts[n:]
        raise Reject("no valid loop")

    def loop(self):
        """A loop in a random spelling. Its body is generated on the
        intervals of the first iteration; emit() then runs the whole loop on
        intervals (Loop.run), which rejects it when a later iteration could
        leave a domain."""
        rng, L = self.rng, self.L
        ranged = [a for a, k in self.arrays.items() if k in CONTAINERS + ("lcarr",)]
        weights = dict(LOOP_WEIGHT)
        if not ranged:
            weights["range_for"] = 0
        if not [a for a in ranged if a in self.writable]:
            weights["range_for_ref"] = 0
        outer = self.loops[-1] if self.loops else None
        triangular = outer is not None and not outer.ranged and rng.random() < 0.5 and \
            on("triangular")
        if triangular:
            weights = {"for": 3, "while": 1}
        sp = wchoice(rng, weights)
        i = self.counter()
        ty = "std::size_t" if sp in ("for_size_t", "for_size_t_down",
                                     "for_size_t_postdec") else "int"
        if triangular:
            ty = outer.ty
        Ln, lnames = rng.choice(self.size_lengths() if ty == "std::size_t" else self.int_lengths())
        lo, hi_rel, trips = 0, -1, L
        pre, tail, refvar, inc = [], None, None, None
        can_continue, can_break = True, True
        if triangular:
            # j < i or j <= i: an inner loop bounded by the outer counter
            ohi = L + outer.hi_rel
            incl = rng.random() < 0.5 and ohi <= L - 1
            Ln, lnames = outer.name, (outer.name,)
            cmp = "<=" if incl else "<"
            hi_rel = outer.hi_rel if incl else outer.hi_rel - 1
            trips = max(ohi + 1 if incl else ohi, 0)
            if sp == "while":
                pre = ["%s %s = 0;" % (ty, i)]
                head = "while (%s %s %s) {" % (i, cmp, Ln)
                inc, can_continue = "++%s;" % i, False
            else:
                head = "for (%s %s = 0; %s %s %s; ++%s) {" % (ty, i, i, cmp, Ln, i)
        elif sp == "for":
            head = "for (int %s = 0; %s < %s; ++%s) {" % (i, i, Ln, i)
        elif sp == "for_post_increment":
            head = "for (int %s = 0; %s < %s; %s++) {" % (i, i, Ln, i)
        elif sp == "for_ne":
            head = "for (int %s = 0; %s != %s; ++%s) {" % (i, i, Ln, i)
        elif sp == "for_plus1":
            head = "for (int %s = 0; %s + 1 < %s; ++%s) {" % (i, i, Ln, i)
            hi_rel, trips = -2, L - 1
        elif sp == "for_plus2":
            head = "for (int %s = 0; %s + 2 < %s; ++%s) {" % (i, i, Ln, i)
            hi_rel, trips = -3, max(L - 2, 0)
        elif sp == "for_size_t":
            head = "for (std::size_t %s = 0; %s < %s; ++%s) {" % (i, i, Ln, i)
        elif sp == "for_declared_before":
            pre = ["int %s = 0;" % i]
            head = "for (; %s < %s; ++%s) {" % (i, Ln, i)
        elif sp == "for_assigned_before":
            pre = ["int %s;" % i]
            head = "for (%s = 0; %s < %s; %s += 1) {" % (i, i, Ln, i)
        elif sp == "while":
            pre = ["int %s = 0;" % i]
            head = "while (%s < %s) {" % (i, Ln)
            inc, can_continue = rng.choice(["++%s;", "%s += 1;", "%s++;"]) % i, False
        elif sp == "do_while":
            pre = ["int %s = 0;" % i]
            head, tail = "do {", "} while (%s < %s);" % (i, Ln)
            inc, can_continue = rng.choice(["++%s;", "%s += 1;"]) % i, False
        elif sp == "for_down":
            head = "for (int %s = %s - 1; %s >= 0; --%s) {" % (i, Ln, i, i)
        elif sp == "for_stride2":
            head = "for (int %s = 0; %s < %s; %s += 2) {" % (i, i, Ln, i)
            trips = (L + 1) // 2
        elif sp == "while_and":
            # a while loop that may stop early: not counted
            pre = ["int %s = 0;" % i]
            head = "while (%s < %s && %s < %s) {" % (i, Ln, self.acc, fmt(nice(rng, 1, 20, 0.5)))
            inc, can_continue = "++%s;" % i, False
            lnames = lnames + (self.acc,)
        elif sp == "for_float_counter":
            # a floating-point counter: not counted either, and not an index
            step = rng.choice([0.25, 0.5])
            head = "for (double %s = 0.0; %s < %s; %s += %s) {" % (
                i, i, fmt(step * L), i, fmt(step))
            refvar, lnames = None, ()
        elif sp in ("for_pointer", "for_comma_pointer"):
            # const double *p = x; ... *p ...; then ++p as the last statement,
            # or beside ++i in the header
            if not self.arrays:
                raise Reject("no array to walk")
            if not self.ranged_arrays():
                raise Reject("no array to walk")
            arr = rng.choice(sorted(self.ranged_arrays()))
            pname = self.fresh("p")
            base = arr + ".data()" if self.arrays[arr] in ("vec", "arr", "lvec", "larr") \
                else arr
            pre = ["const double *%s = %s;" % (pname, base)]
            if sp == "for_pointer":
                head = "for (int %s = 0; %s < %s; ++%s) {" % (i, i, Ln, i)
                inc, can_continue = "++%s;" % pname, False
            else:
                head = "for (int %s = 0; %s < %s; ++%s, ++%s) {" % (i, i, Ln, i, pname)
        elif sp == "for_moving_pointer":
            # a pointer re-seated to another array (an LSTM's layer input):
            # const double *p = a; ... p[i] ...; p = b; (or p = i % 2 ? a : b;)
            # as the last statement
            if len(self.ranged_arrays()) < 2 or not on("moving_pointers"):
                raise Reject("no two arrays to point into")
            ma, mb = rng.sample(sorted(self.ranged_arrays()), 2)
            base = lambda arr: arr + ".data()" if self.arrays[arr] in (
                "vec", "arr", "lvec", "larr") else arr
            pname = self.fresh("p")
            pre = ["const double *%s = %s;" % (pname, base(ma))]
            head = "for (int %s = 0; %s < %s; ++%s) {" % (i, i, Ln, i)
            inc = rng.choice(["%s = %s;" % (pname, base(mb)),
                              "%s = %s %% 2 ? %s : %s;" % (pname, i, base(ma), base(mb))])
            can_continue = False
        elif sp == "for_size_t_postdec":
            # the unsigned idiom: the decrement in the condition, no break
            head = "for (std::size_t %s = %s; %s-- > 0;) {" % (i, Ln, i)
            can_break = False
        elif sp == "for_from1":
            head = "for (int %s = 1; %s <= %s; ++%s) {" % (i, i, Ln, i)
            lo, hi_rel = 1, 0
        elif sp == "for_size_t_down":
            # an unsigned counter counting down to 1: indices i - 1
            head = "for (std::size_t %s = %s; %s > 0; --%s) {" % (i, Ln, i, i)
            lo, hi_rel = 1, 0
        elif sp == "range_for":
            arr = rng.choice(ranged)
            form = rng.choice(["double %s", "const double &%s", "const auto &%s", "auto %s"])
            head = ("for (" + form + " : %s) {") % (i, arr)
            refvar, lnames = (i, arr, False), (arr,)
        else:  # range_for_ref
            arr = rng.choice([a for a in ranged if a in self.writable])
            head = "for (double &%s : %s) {" % (i, arr)
            refvar, lnames = (i, arr, True), (arr,)
        counter = None if refvar else i
        civ = Iv(float(lo), float(max(lo, L + hi_rel)))
        if sp == "for_float_counter":
            civ = Iv(0.0, step * (L - 1))
        saved_unstable = set(self.unstable)
        self.unstable |= set(self.locals_()) | set(self.arrays)
        entry = dict(self.env)
        if sp == "for_float_counter":
            self.loops.append(LoopInfo(i, "double", 0, -1, ranged=True))
            self.env[i] = civ
            self.scopes.append(Scope())
            self.scopes[-1].doubles.append(i)
            self.readonly.add(i)
        elif counter:
            self.loops.append(LoopInfo(i, ty, lo, hi_rel, can_break, can_continue))
            self.env[i] = civ
            self.loops[-1].can_return = sp != "for_size_t_postdec"
            if sp in ("for_pointer", "for_comma_pointer"):
                self.loops[-1].walker = (pname, arr)
        else:
            self.loops.append(LoopInfo(i, ty, 0, -1, ranged=True))
            self.env[i] = self.env[refvar[1]]
        body = []
        self.scopes.append(Scope())
        if refvar:
            if refvar[2]:
                e = self.expr(2)
                op = rng.choice(["=", "+=", "*="])
                if op == "*=":
                    e = self.fit(e, (0.5, 1.5))
                elif op == "=":
                    e = Bin("+", Bin("*", Const(nice(rng, 0.2, 0.9)), Var(i)), e)
                self.emit(body, Assign(i, op, e))
            else:
                self.scopes[-1].doubles.append(i)
                self.readonly.add(i)
        if self.fill and counter and lo == 0 and hi_rel == -1 and not triangular and \
                sp != "for_float_counter":
            e = self.expr(2)
            self.emit(body, Assign(self.fill, rng.choice(["=", "+="]), e, i, (i,)))
        fill, self.fill = self.fill, None
        for _ in range(rng.randint(1, 3)):
            self.statement(body, loops_ok=len(self.loops) < 2)
        self.fill = fill
        if sp in ("for_pointer", "for_comma_pointer") and pname not in block_reads(body):
            self.emit(body, Assign(self.acc, "+=", PtrElem(arr, i, pname)))
        if sp == "for_moving_pointer":
            self.emit(body, Assign(self.acc, "+=", MovingElem(ma, mb, i, pname)))
        self.close_scope(body)
        if sp == "for_float_counter":
            self.scopes.pop()
        if inc:
            body.append(Line(inc, (pname,) if sp in ("for_pointer", "for_moving_pointer")
                             else (i,)))
        self.loops.pop()
        self.unstable = saved_unstable
        self.env = entry
        return Loop(pre, head, body, tail, counter, civ, trips, refvar,
                    (lnames + ((i,) if inc or tail else ())), rng.random() < 0.3)

    def final_expr(self):
        e = Bin("+", self.expr(), Bin("*", Const(nice(self.rng, 0.1, 1.0)), Var(self.acc)))
        e.iv(self.env)
        return e


# --------------------------------------------------------------- helpers


def gen_helpers(rng):
    """Non-marked functions the marked ones call: two scalar ones (called
    through their generated gradient), a reduction over a pointer and a
    length (called with a whole array or from an offset, x + 1, &x[1]), a
    norm of a std::vector with an early return, and a writer
    out[i] (+)= alpha * tanh(a[i]) (array calls are lowered in place)."""
    callees, writers = [], []
    for k in range(2):
        params = [Param("p%d" % j, "scalar", box=(-3.0, 3.0)) for j in range(rng.randint(1, 2))]
        g = FnGen(rng, 4, params, acc="hs")
        body = []
        g.emit(body, Decl("hs", Const(0.0)))
        for _ in range(rng.randint(1, 3)):
            g.statement(body)
        g.close_scope(body)
        e = g.final_expr()
        for p in params:
            if p.name not in block_reads(body) | e.reads():
                e = Bin("+", e, Bin("*", Const(0.5), Var(p.name)))
        g.emit(body, Return(e))
        callees.append(Helper("helper%d" % k, params, body, "double", rng.random() < 0.5,
                              "a scalar helper: called through its generated gradient"))
    if on("recursion"):
        # p0 when n <= 0, else c1 tanh(rec0(p0, n - 1)) + c2 p0: called with
        # a length as n, differentiated through its own gradient
        c1, c2 = nice(rng, 0.2, 0.9), nice(rng, 0.1, 0.5)

        class Recursive(Helper):
            def call_iv(self, arg_ivs):
                x = arg_ivs[0]
                return check(Iv(min(x.lo, -c1 + c2 * x.lo), max(x.hi, c1 + c2 * x.hi)).pad())

            def lines(self, L=0):
                return ["// %s" % self.note, "double rec0(double p0, int n) {",
                        "  if (n <= 0)", "    return p0;",
                        "  return %s * std::tanh(rec0(p0, n - 1)) + %s * p0;" % (
                            fmt(c1), fmt(c2)), "}"]

        callees.append(Recursive("rec0", [Param("p0", "scalar", box=(-3.0, 3.0)),
                                          Param("n", "int")], [], "double", False,
                                 "a recursive scalar helper: its derivatives call "
                                 "its own gradient"))
    if on("array_helpers") and on("array_recursion"):
        # Divide and conquer over a read-only array: the first half as it
        # is, the second copied into a scaled local array; marked (its
        # gradient needs len), its derivatives call its own gradient with a
        # partials array per array argument (docs/calls.md).
        a1, a2 = nice(rng, 0.2, 0.9), nice(rng, 0.2, 0.9)
        k, shrink = nice(rng, 0.2, 1.5), nice(rng, 0.3, 0.9)
        inner = rng.choice(["tanh", "atan", "sin"])

        class RecursiveArray(Helper):
            def call_iv(self, arg_ivs):
                b = max(1.5, a1 + a2, 0.5 * arg_ivs[2].maxabs())
                return check(Iv(-b, b).pad())

            def lines(self, L=0):
                return ["// %s" % self.note, "ADGEN(grad, len(v, m))",
                        "double rec1(const double *v, int m, double c) {",
                        "  if (m <= 0)", "    return 0.5 * c;",
                        "  if (m == 1)", "    return std::tanh(c * v[0]);",
                        "  int h = m / 2;",
                        "  std::vector<double> w(m - h);",
                        "  for (int i = 0; i < m - h; ++i)",
                        "    w[i] = %s * std::%s(v[h + i]);" % (fmt(k), inner),
                        "  return %s * std::tanh(rec1(v, h, c)) +" % fmt(a1),
                        "         %s * std::tanh(rec1(w.data(), m - h, %s * c));" % (
                            fmt(a2), fmt(shrink)),
                        "}"]

        callees.append(RecursiveArray(
            "rec1", [Param("v", "ptr", box=(-LIMIT, LIMIT), offset_ok=True),
                     Param("m", "int"), Param("c", "scalar", box=(-2.0, 2.0))],
            [], "double", False,
            "a recursive array helper: its derivatives call its own gradient, "
            "which fills a partials array per array argument"))
    if on("array_helpers"):
        c = nice(rng, 0.2, 0.9)
        fn = rng.choice(["tanh", "atan", "sin"])
        v = Param("v", "ptr", box=(-LIMIT, LIMIT), offset_ok=True)
        body = [Decl("s", Const(0.0)),
                Loop([], "for (int i = 0; i < m; ++i) {",
                     [Assign("s", "+=", Call(fn, [Bin("*", Const(c), Elem("v", "i", ("i",)))]))],
                     None, "i", Iv(0.0, 7.0), 8, None, ("m",), braceless=True),
                Return(Bin("/", Var("s"), Var("m")))]
        callees.append(Helper("reduce0", [v, Param("m", "int")], body, "double", True,
                              "an array helper: lowered in place at each call"))
    if on("array_helpers") and on("kept_calls"):
        # Large enough (six loops) to stay a call when it reads read-only
        # parameters of its caller (docs/calls.md); lowered in place when it
        # reads a local array or an output.
        v = Param("v", "ptr", box=(-LIMIT, LIMIT), offset_ok=True)
        c = Param("c", "scalar", box=(-2.0, 2.0))
        body = [Decl("s", Const(0.0))]
        for k, fn in enumerate(rng.sample(["tanh", "atan", "sin", "cos"], 4) + ["tanh", "atan"]):
            scale = nice(rng, 0.001, 0.01, 0.001)
            term = Call(fn, [Bin("*", Const(scale), Bin("*", Var("c"), Elem("v", "i", ("i",))))])
            if k % 2:
                term = Bin("*", term, Const(nice(rng, 0.2, 0.9)))
            body.append(Loop([], "for (int i = 0; i < m; ++i) {", [Assign("s", "+=", term)],
                             None, "i", Iv(0.0, 7.0), 8, None, ("m",), braceless=True))
        body.append(Return(Bin("/", Var("s"), Var("m"))))
        callees.append(Helper("reduce_big", [v, Param("m", "int"), c], body, "double", True,
                              "a large array helper: a call when it reads read-only "
                              "parameters, lowered in place otherwise"))

        class Norm(Helper):
            def call_iv(self, arg_ivs):  # the guard s < 1e-12 is beyond intervals
                return check(Iv(0.0, 3.0 * arg_ivs[0].maxabs()).pad())

        body = [Decl("s", Const(0.0)),
                Loop([], "for (const double &e : w) {",
                     [Assign("s", "+=", Bin("*", Var("e"), Var("e")))], None, None, None, 8,
                     ("e", "w", False), ("w",), braceless=True),
                If(Cond("cmp", [Var("s"), Const(0.0)], "<="),
                   [Return(Const(0.0))], None, braces=False),
                Return(Call("sqrt", [Var("s")]))]
        callees.append(Norm("norm2", [Param("w", "vec", box=(-LIMIT, LIMIT))], body, "double",
                            False, "a std::vector helper with an early return"))
        op = rng.choice(["+=", "="])
        body = [Loop([], "for (int i = 0; i < m; ++i) {",
                     [Assign("out", op, Bin("*", Var("alpha"), Call("tanh", [Elem("a", "i")])),
                             "i", ("i",))],
                     None, "i", Iv(0.0, 7.0), 8, None, ("m",), braceless=True)]
        writers.append(Helper("scale_into", [Param("alpha", "scalar", box=(-2.0, 2.0)),
                                             Param("a", "ptr", box=(-LIMIT, LIMIT)),
                                             Param("out", "ptr", out=True), Param("m", "int")],
                              body, "void", rng.random() < 0.5,
                              "a helper that writes its caller's array (lowered in place)"))
    return callees, writers


# ------------------------------------------------------- marked functions


def make_box(rng):
    r = rng.random()
    if r < 0.5:
        return (-1.5, 1.5)
    if r < 0.8:
        return (0.25, 2.0)
    return (-2.0, -0.3)


def gen_function(rng, idx, callees, writers, marked):
    """A marked function: a scalar one (doubles, maybe an int n), one of
    arrays (pointer + len, std::vector, std::array, T[N]) returning a double,
    or one with output arrays (void or double; jvp and vjp)."""
    kind = wchoice(rng, {"scalar_function": 3, "array_function": 4.5,
                         "output_function": 2.5})
    L = rng.randint(2, 6) if kind == "scalar_function" else rng.randint(3, 6)
    params, lens = [], []
    arr_names, sc_names = iter(["x", "v", "w"]), iter(["a", "b", "c"])
    if kind == "scalar_function":
        for _ in range(rng.randint(1, 3)):
            params.append(Param(next(sc_names), "scalar", box=make_box(rng)))
        if rng.random() < 0.5:
            params.append(Param("n", "int", value=L))
    else:
        for _ in range(rng.randint(1, 2)):
            params.append(Param(next(arr_names), wchoice(rng, {"ptr": 3, "vec": 2, "arr": 1.5,
                                                               "carr": 1}), box=make_box(rng)))
        for _ in range(rng.randint(0, 2)):
            params.append(Param(next(sc_names), "scalar", box=make_box(rng)))
        rng.shuffle(params)
        if kind == "output_function":
            for j in range(1 if rng.random() < 0.8 else 2):
                params.append(Param(["out", "y"][j], wchoice(rng, {"ptr": 3, "vec": 2, "arr": 1,
                                                                   "carr": 1}), out=True))
        if any(p.kind == "ptr" for p in params) or rng.random() < 0.2:
            params.insert(rng.randint(0, len(params)), Param("n", "int", value=L))
        lens = [(p.name, "n") for p in params if p.kind == "ptr"]
        # the length from a container parameter's size: len(x, v.size())
        sized = [q.name for q in params if q.kind in ("vec", "arr") and not q.out]
        if sized and on("container_lengths"):
            lens = [(a, "%s.size()" % rng.choice(sized)) if rng.random() < 0.3 else (a, n)
                    for a, n in lens]
    for p in params:
        if p.kind == "scalar" and rng.random() < 0.1 and on("const_ref_param"):
            p.byref = True
    has_out = any(p.out for p in params)
    ret = "void" if has_out and rng.random() < 0.5 else "double"
    if has_out:
        modes = ["jvp", "vjp"] if rng.random() < 0.5 else ["vjp", "jvp"]
    else:
        modes = ["grad", "jvp"] + (["vjp"] if rng.random() < 0.25 and on("vjp_of_scalar") else [])
    acc = rng.choice(["acc", "sum", "total", "s"])
    usable = [h for h in callees if not isinstance(h, MarkedCallee) or on("marked_calls")]
    usable += [m for m in marked] if on("marked_calls") else []
    # Some scalar functions are straight-line code without calls: their
    # gradients record nothing, so later functions may call them (grad_call).
    straight = kind == "scalar_function" and all(p.kind == "scalar" for p in params) and \
        on("grad_calls") and rng.random() < 0.35
    g = FnGen(rng, L, params, [] if straight else usable,
              writers, acc=acc, returns=ret == "double")
    body = []
    g.emit(body, Decl(acc, Const(0.0)))
    for _ in range(rng.randint(2, 5)):
        g.statement(body, loops_ok=not straight)
    for p in params:
        if p.out:
            write_output(g, body, p)
    r = block_reads(body)
    for p in params:
        if p.kind == "arr" and not p.out and not on("std_array_param_unread"):
            # a read that stays live, so that the derivatives read p
            g.emit(body, Assign(acc, "+=", Bin("*", Const(0.125), Elem(p.name, str(L - 1)))))
            continue
        if p.name in r or p.out:
            continue
        if p.kind == "scalar":
            g.emit(body, Assign(acc, "+=", g.bounded(Var(p.name))))
        elif p.kind == "int":
            g.emit(body, Assign(acc, "+=", IntTerm(p.name, p.value, p.value, (p.name,), 0.01)))
        else:
            g.emit(body, Assign(acc, "+=", Elem(p.name, "0")))
    g.close_scope(body)
    if ret == "void":
        out0 = [p for p in params if p.out][0]
        g.emit(body, Assign(out0.name, "+=", Bin("*", Const(0.5), Var(acc)), "0"))
    else:
        e = g.final_expr()
        if has_out and not on("constant_zero_return"):
            # the returned value depends on an input, so never folds to 0.0
            p = [p for p in params if not p.out and p.kind != "int"][0]
            e = Bin("+", e, Bin("*", Const(0.125), Var(p.name) if p.kind == "scalar"
                                else Elem(p.name, "0")))
        g.emit(body, Return(e))
    desc = {"scalar": "double", "int": "int", "ptr": "pointer + len", "vec": "std::vector",
            "arr": "std::array", "carr": "C array"}
    note = "f%d: %s" % (idx, ", ".join(("output " if p.out else "") + desc[p.kind]
                                      for p in params))
    fn = Function("f%d" % idx, params, ret, body, L, modes, lens, note)
    text = "\n".join(block_lines(body, ""))
    fn.callees = set(h.name for h in g.callees + g.writers
                     if re.search(r"\b%s(_grad)?\(" % h.name, text))
    # second derivatives lower calls in place, which recursion cannot be
    recursive = bool({"rec0", "rec1"} & fn.callees) or any(
        getattr(m, "recursive", False) for m in usable if m.name in fn.callees)
    fn.recursive = recursive
    if "grad" in modes and on("hvp") and rng.random() < 0.5 and not recursive:
        # calls are lowered in place for second derivatives
        fn.modes = modes + ["hvp"] + (["hessian"] if rng.random() < 0.5 and on("hessian")
                                      else [])
    if on("jacobian") and rng.random() < 0.3:
        # the full Jacobian: JVP columns or VJP rows, chosen by its shape
        fn.modes = fn.modes + ["jacobian"]
    scalars = [p for p in params if p.kind == "scalar" and not p.byref]
    if ret == "double" and not has_out and scalars and not recursive and \
            on("derivative") and rng.random() < 0.3:
        # f_d1 and f_d2 in one scalar (repeated forward mode)
        fn.derivative_of = rng.choice(scalars).name
        fn.modes = fn.modes + ["derivative(%s, %d)" % (fn.derivative_of, k) for k in (1, 2)]
    # ADBench's style: a function template on the scalar type
    fn.template = on("templates") and rng.random() < 0.2
    # marked by ADGEN_DIFFERENTIATE after its definition instead of ADGEN
    fn.requested = on("requests") and rng.random() < 0.15
    # an output of one value, as code for operator-overloading tools writes
    # its result: double &y or double *y (*err), when the body indexes it
    # only by a constant or a counter (y[i] becomes y, or y[0])
    for p in params:
        uses = re.findall(r"\b%s\b(\[[^\]]*\])?" % p.name, text)
        if p.out and on("single_outputs") and rng.random() < 0.6 and \
                sum(q.out for q in params) == 1 and "grad" not in fn.modes and \
                uses and all(re.match(r"^\[\s*(\d+|[a-z]\w*)\s*\]$", u) for u in uses) and \
                "&%s[" % p.name not in text and \
                not re.search(r"\b{0}\[[^\]]*\] = {0}\[[^\]]*\];".format(p.name), text):
            # (y[i] = y[i]; would become y = y;, which -Wself-assign rejects)
            p.kind = rng.choice(["ref", "sptr"])
            fn.sizes[p.name] = 1
            fn.lens = [kv for kv in fn.lens if kv[0] != p.name]
    # classic kernels' matrices: a T[N] parameter written T x[R][C], read
    # as x[(e) / C][(e) % C]; not when a range-for runs over it
    if on("matrices"):
        for p in params:
            if p.kind == "carr" and rng.random() < 0.5 and \
                    not re.search(r":\s*%s\)" % p.name, text):
                p.cols = rng.choice([c for c in range(1, L + 1) if L % c == 0])
                # rows of a std::vector of std::vectors, where the body only
                # indexes it (rows are separate allocations)
                p.nested = on("nested_vectors") and not p.out and \
                    only_subscripted(text, p.name) and rng.random() < 0.5
    # scalar inputs copied into a local record (braces or a constructor),
    # then read and assigned as its members
    scalars_in = [p.name for p in params if p.kind == "scalar" and not p.byref]
    if on("local_records") and not fn.template and scalars_in and \
            rng.random() < 0.3:
        fn.local_record = (scalars_in[:2], rng.choice(["braces", "constructor"]))
    # a record holding an input array (beside integer members, which the
    # derivatives leave alone), read as its member
    if on("records") and not fn.template:
        for p in params:
            if p.kind == "carr" and not p.out and not p.cols and \
                    rng.random() < 0.6:
                p.record = rng.choice(["ref", "ptr", "value"])
                p.recname = "Rec_%s_%s" % (fn.name, p.name)
    # an input array held as an array of records (x[i].pos)
    if on("record_arrays") and not fn.template:
        for p in params:
            if p.kind in ("ptr", "vec", "arr", "carr") and not p.out and \
                    not p.cols and not p.record and rng.random() < 0.3 and \
                    only_subscripted(text, p.name):
                p.elem = "Pt_%s_%s" % (fn.name, p.name)
    if kind == "scalar_function" and ret == "double" and all(p.kind == "scalar" for p in params):
        plain = on("grad_calls") and not fn.callees and "grad" in fn.modes and \
            not re.search(r"\b(for|while|do)\b", text) and \
            not re.search(r"gamma", text)  # lgamma's third derivative is an error
        fn.as_callee = MarkedCallee(fn, join_all(g.flow.returns), plain)
    return fn


def write_output(g, body, p):
    """A loop that writes every element of the output p (reading it first
    now and then: an in-out array), then maybe an in-place update."""
    rng, L = g.rng, g.L
    i = g.counter()
    if p.kind in ("vec", "arr") and rng.random() < 0.4:
        ty, Ln, names = "std::size_t", "%s.size()" % p.name, (p.name,)
    else:
        ty = "int"
        Ln, names = ("n", ("n",)) if any(q.name == "n" for q in g.params) else (str(L), ())
    saved_unstable = set(g.unstable)
    g.unstable |= set(g.locals_()) | set(g.arrays)
    g.loops.append(LoopInfo(i, ty, 0, -1, can_break=False, can_continue=False))
    entry = dict(g.env)
    g.env[i] = Iv(0.0, L - 1.0)
    inner = []
    g.scopes.append(Scope())
    if rng.random() < 0.4:
        g.statement(inner, loops_ok=False)
    e = g.expr()
    if rng.random() < 0.15 and on("in_out"):
        e = Bin("+", Bin("*", Const(nice(rng, 0.2, 0.9)), Elem(p.name, i, (i,))), e)
    g.emit(inner, Assign(p.name, "=", e, i, (i,)))
    g.close_scope(inner)
    g.loops.pop()
    g.unstable = saved_unstable
    g.env = entry
    g.emit(body, Loop([], "for (%s %s = 0; %s < %s; ++%s) {" % (ty, i, i, Ln, i), inner, None,
                      i, Iv(0.0, L - 1.0), L, None, names, rng.random() < 0.4))
    if rng.random() < 0.35 and on("in_place_output"):
        j = g.counter()
        if rng.random() < 0.5:
            s = Assign(p.name, "+=", Bin("*", Const(nice(rng, 0.1, 0.5)),
                                         Elem(p.name, "%s - 1" % j, (j,))), j, (j,))
            start, civ, trips = 1, Iv(1.0, L - 1.0), L - 1
        else:
            s = Assign(p.name, "*=", Const(nice(rng, 0.5, 1.5)), j, (j,))
            start, civ, trips = 0, Iv(0.0, L - 1.0), L
        g.emit(body, Loop([], "for (%s %s = %d; %s < %s; ++%s) {" % (ty, j, start, j, Ln, j),
                          [s], None, j, civ, trips, None, names, True))


# -------------------------------------------------------------- the checks

HARNESS = r'''
// ---- checks (test/Inputs/random_programs.py) ----
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace rp {
using Vec = std::vector<double>;
// Each function is adapted to flat vectors: Z its inputs (scalars and array
// elements in parameter order), R its outputs (the returned value, then the
// output arrays), W weights of the outputs, G the gradient, T a direction,
// TR the output tangents.
typedef void (*EvalFn)(const Vec &Z, Vec &R);
typedef void (*RevFn)(const Vec &Z, const Vec &W, Vec &G, Vec &R);
typedef void (*FwdFn)(const Vec &Z, const Vec &T, Vec &TR, Vec &R);
typedef void (*HvpFn)(const Vec &Z, const Vec &V, Vec &HV);
typedef void (*HessianFn)(const Vec &Z, Vec &H, Vec &R);
typedef void (*JacobianFn)(const Vec &Z, Vec &J, Vec &R);

inline void take(const Vec &Z, std::size_t &O, double *x, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    x[k] = Z[O++];
}
inline void append(Vec &R, const double *x, std::size_t n) {
  R.insert(R.end(), x, x + n);
}
// Output arrays start with this pattern before every call (in-out arrays
// read it; their tangents start at 0, as the VJP treats it as a constant).
inline void pattern(double *y, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    y[k] = 0.25 * static_cast<double>(k + 1);
}
inline void fill(double *y, std::size_t n, double v) {
  for (std::size_t k = 0; k < n; ++k)
    y[k] = v;
}

struct Case {
  const char *name = "";
  std::size_t nin = 0, nout = 0;
  EvalFn eval = nullptr;
  FwdFn fwd = nullptr;
  RevFn rev[2] = {nullptr, nullptr};
  const char *rev_name[2] = {"", ""}; // "grad" (weight 1) or "vjp"
  Vec lo, hi;               // random points are drawn from this box,
  std::vector<Vec> points;  // or are these
  Vec tlo, thi;             // the box of directions (default [-1, 1])
  EvalFn grad = nullptr;    // with hvp: the gradient, as a function of Z
  HvpFn hvp = nullptr;
  HessianFn hessian = nullptr; // with hvp: H t must equal hvp(t)
  JacobianFn jacobian = nullptr; // J t must equal jvp(t)
  EvalFn d1 = nullptr, d2 = nullptr; // derivative(x, 1) and (x, 2)
  std::size_t d_index = 0;           // x's place among the inputs
};

class Runner {
public:
  Runner(const char *label, std::uint64_t seed, bool one_sided)
      : label_(label), state_(seed), one_sided_(one_sided) {}

  void run(const Case &c, int npoints) {
    ++functions_;
    failed_here_ = 0;
    for (int &k : counts_)
      k = 0;
    std::size_t before = compared_;
    std::size_t n = c.points.empty() ? static_cast<std::size_t>(npoints) : c.points.size();
    for (std::size_t p = 0; p < n; ++p)
      point(c, c.points.empty() ? draw(c.lo, c.hi, c.nin) : c.points[p]);
    if (compared_ == before && failed_here_ == 0)
      std::printf("note: %s: no point smooth enough for finite differences\n", c.name);
    if (failed_here_) {
      ++failed_functions_;
      std::printf("FAILED %s: %d failures (values %d, jvp %d, %s %d, %s %d, "
                  "the identity %d, hvp %d, f_d1/f_d2 %d)\n",
                  c.name, failed_here_, counts_[Value], counts_[Jvp],
                  c.rev[0] ? c.rev_name[0] : "-", counts_[Rev0],
                  c.rev[1] ? c.rev_name[1] : "-", counts_[Rev1], counts_[Identity],
                  counts_[Hessian], counts_[Higher]);
    }
  }

  int finish() const {
    std::printf("%s: %d functions, %d points, %zu comparisons with finite "
                "differences (%zu skipped: not smooth there), %d failures in "
                "%d functions\n",
                label_, functions_, points_, compared_, skipped_, failures_,
                failed_functions_);
    return failures_ ? 1 : 0;
  }

private:
  const char *label_;
  std::uint64_t state_;
  bool one_sided_;
  int functions_ = 0, points_ = 0, failures_ = 0, failed_functions_ = 0;
  int failed_here_ = 0;
  int counts_[7] = {0, 0, 0, 0, 0, 0, 0}; // this function's failures by kind
  std::size_t compared_ = 0, skipped_ = 0;
  enum Kind { Value, Jvp, Rev0, Rev1, Identity, Hessian, Higher };

  double uniform(double lo, double hi) { // splitmix64
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return lo + (hi - lo) * static_cast<double>(z >> 11) * 0x1.0p-53;
  }
  Vec draw(const Vec &lo, const Vec &hi, std::size_t n) {
    Vec v(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = lo.empty() ? uniform(-1, 1) : uniform(lo[i], hi[i]);
    return v;
  }

  static void print(const char *what, const Vec &v) {
    std::printf("  %s = (", what);
    for (std::size_t i = 0; i < v.size(); ++i)
      std::printf("%s%.17g", i ? ", " : "", v[i]);
    std::printf(")\n");
  }
  void fail(const Case &c, const Vec &z, const Vec *t, const char *msg, Kind kind) {
    ++failures_;
    ++counts_[kind];
    if (++failed_here_ > 3)
      return;
    std::printf("FAIL %s (%s): %s\n", c.name, label_, msg);
    print("at z", z);
    if (t)
      print("t", *t);
  }

  // Central differences at h, h/2, h/4 and one-sided ones from each side
  // (two Richardson steps), h = 1e-3 max(1, |z_i| over the moving i) / |v|.
  // est is the extrapolated central difference at h (adgen/check.h's
  // rule); ok says whether it can be trusted: the extrapolations at h and
  // h/2 agree (no kink or jump within h) and the left and right slopes agree
  // (not at a kink). With one_sided_, est is the forward difference.
  void fd(const Case &c, const Vec &z, const Vec &v, Vec &est, std::vector<char> &ok,
          Vec &noise) {
    double scale = 1, vmax = 0;
    for (std::size_t i = 0; i < z.size(); ++i)
      if (v[i] != 0) {
        scale = std::max(scale, std::fabs(z[i]));
        vmax = std::max(vmax, std::fabs(v[i]));
      }
    est.assign(c.nout, 0.0);
    ok.assign(c.nout, 1);
    noise.assign(c.nout, 0.0);
    if (vmax == 0)
      return;
    const double h = 1e-3 * scale / vmax;
    const double steps[7] = {0, h, h / 2, h / 4, -h, -h / 2, -h / 4};
    Vec f[7];
    for (int s = 0; s < (one_sided_ ? 4 : 7); ++s) {
      Vec p(z);
      for (std::size_t i = 0; i < z.size(); ++i)
        p[i] = z[i] + steps[s] * v[i];
      c.eval(p, f[s]);
      f[s].resize(c.nout, std::nan(""));
    }
    for (std::size_t k = 0; k < c.nout; ++k) {
      double big = 0;
      for (int s = 0; s < (one_sided_ ? 4 : 7); ++s)
        big = std::max(big, std::fabs(f[s][k]));
      noise[k] = 2e-13 * big / h; // rounding of the values, amplified
      double sp = side(f[0][k], f[1][k], f[2][k], f[3][k], h);
      if (one_sided_) {
        // One-sided differences converge slower: the gap between the
        // estimates at h and h/2 bounds their truncation error.
        double coarse = 2 * (f[2][k] - f[0][k]) / (h / 2) -
                        (f[1][k] - f[0][k]) / h;
        est[k] = sp;
        ok[k] = std::isfinite(sp);
        noise[k] += std::isfinite(coarse) ? std::fabs(sp - coarse) : 0;
        continue;
      }
      double sm = side(f[0][k], f[4][k], f[5][k], f[6][k], -h);
      double c1 = (f[1][k] - f[4][k]) / (2 * h), c2 = (f[2][k] - f[5][k]) / h,
             c4 = (f[3][k] - f[6][k]) / (h / 2);
      double r1 = (4 * c2 - c1) / 3, r2 = (4 * c4 - c2) / 3;
      double sc = std::max(std::max(std::fabs(r1), std::fabs(r2)),
                           std::max(std::fabs(sp), std::fabs(sm)));
      est[k] = r1;
      ok[k] = std::isfinite(r1) && std::isfinite(r2) && std::isfinite(sp) &&
              std::isfinite(sm) && std::fabs(r1 - r2) <= 1e-7 * sc + noise[k] &&
              std::fabs(sp - sm) <= 1e-4 * sc + 1e-7 + 8 * noise[k];
    }
  }
  static double side(double f0, double a1, double a2, double a4, double h) {
    double d1 = (a1 - f0) / h, d2 = (a2 - f0) / (h / 2), d4 = (a4 - f0) / (h / 4);
    double e1 = 2 * d2 - d1, e2 = 2 * d4 - d2;
    return (4 * e2 - e1) / 3;
  }

  void compare(const Case &c, const Vec &z, const Vec *t, const char *what, std::size_t k,
               double got, double ref, bool reliable, double noise, Kind kind) {
    char msg[256];
    if (!std::isfinite(got)) {
      std::snprintf(msg, sizeof msg, "%s[%zu] = %.17g is not finite (finite differences: %.17g)",
                    what, k, got, ref);
      fail(c, z, t, msg, kind);
      return;
    }
    if (!reliable) {
      ++skipped_;
      return;
    }
    ++compared_;
    if (std::fabs(got - ref) <= 1e-6 * std::max(std::fabs(got), std::fabs(ref)) + 1e-9 + noise)
      return;
    std::snprintf(msg, sizeof msg, "%s[%zu] = %.17g, finite differences give %.17g", what, k,
                  got, ref);
    fail(c, z, t, msg, kind);
  }

  void same_values(const Case &c, const Vec &z, const char *what, const Vec &got,
                   const Vec &ref) {
    char msg[256];
    if (got.size() != ref.size()) {
      std::snprintf(msg, sizeof msg, "%s gives %zu outputs, not %zu", what, got.size(),
                    ref.size());
      return fail(c, z, nullptr, msg, Value);
    }
    for (std::size_t k = 0; k < got.size(); ++k)
      if (!(std::fabs(got[k] - ref[k]) <= 1e-12 * std::fabs(ref[k]) + 1e-13)) {
        std::snprintf(msg, sizeof msg, "%s: output %zu is %.17g, the function gives %.17g", what,
                      k, got[k], ref[k]);
        return fail(c, z, nullptr, msg, Value);
      }
  }

  void point(const Case &c, const Vec &z) {
    ++points_;
    char msg[256];
    Vec f0;
    c.eval(z, f0);
    for (double v : f0)
      if (!std::isfinite(v))
        return fail(c, z, nullptr, "the function's value is not finite (a generator bug)",
                    Value);
    Vec t(c.nin);
    for (std::size_t i = 0; i < c.nin; ++i)
      t[i] = c.tlo.empty() ? uniform(-1, 1) : uniform(c.tlo[i], c.thi[i]);
    Vec tr, fv;
    c.fwd(z, t, tr, fv);
    same_values(c, z, "jvp's value", fv, f0);
    if (tr.size() != c.nout)
      return fail(c, z, &t, "jvp gives the wrong number of tangents", Jvp);
    Vec est, noise;
    std::vector<char> ok;
    fd(c, z, t, est, ok, noise);
    for (std::size_t k = 0; k < c.nout; ++k)
      compare(c, z, &t, "jvp(t)", k, tr[k], est[k], ok[k], noise[k], Jvp);
    std::vector<Vec> col(c.nin), colnoise(c.nin);
    std::vector<std::vector<char>> colok(c.nin);
    bool have_cols = false;
    for (int r = 0; r < 2; ++r) {
      if (!c.rev[r])
        continue;
      const char *name = c.rev_name[r];
      const Kind kind = r == 0 ? Rev0 : Rev1;
      Vec w(c.nout, 1.0);
      if (std::strcmp(name, "grad") != 0)
        for (double &x : w)
          x = uniform(-1, 1);
      Vec g, fr;
      c.rev[r](z, w, g, fr);
      same_values(c, z, name, fr, f0);
      if (g.size() != c.nin) {
        std::snprintf(msg, sizeof msg, "%s gives %zu derivatives, not %zu", name, g.size(), c.nin);
        fail(c, z, nullptr, msg, kind);
        continue;
      }
      // The property: (w^T J) t == w^T (J t), wherever both are finite.
      double lhs = 0, rhs = 0, sl = 0, sr = 0;
      for (std::size_t i = 0; i < c.nin; ++i) {
        lhs += g[i] * t[i];
        sl += std::fabs(g[i] * t[i]);
      }
      for (std::size_t k = 0; k < c.nout; ++k) {
        rhs += w[k] * tr[k];
        sr += std::fabs(w[k] * tr[k]);
      }
      if (std::isfinite(lhs) && std::isfinite(rhs)) {
        if (std::fabs(lhs - rhs) > 1e-9 * std::max(sl, sr) + 1e-12) {
          std::snprintf(msg, sizeof msg, "%s . t = %.17g but w . jvp(t) = %.17g", name, lhs, rhs);
          fail(c, z, &t, msg, Identity);
        }
      } else if (std::isfinite(lhs) != std::isfinite(rhs)) {
        std::snprintf(msg, sizeof msg, "%s . t = %.17g but w . jvp(t) = %.17g (one not finite)",
                      name, lhs, rhs);
        fail(c, z, &t, msg, Identity);
      }
      if (!have_cols) {
        for (std::size_t i = 0; i < c.nin; ++i) {
          Vec e(c.nin, 0.0);
          e[i] = 1;
          fd(c, z, e, col[i], colok[i], colnoise[i]);
        }
        have_cols = true;
      }
      for (std::size_t i = 0; i < c.nin; ++i) {
        double ref = 0, nz = 0;
        bool rel = true;
        for (std::size_t k = 0; k < c.nout; ++k)
          if (w[k] != 0) {
            ref += w[k] * col[i][k];
            nz += std::fabs(w[k]) * colnoise[i][k];
            rel = rel && colok[i][k];
          }
        compare(c, z, nullptr, name, i, g[i], ref, rel, nz, kind);
      }
    }
    if (c.d1) {
      // f_d1 is the JVP along e_x; f_d2 the derivative of f_d1.
      Vec e(c.nin, 0.0), tr1, fv1, d1v, d2v;
      e[c.d_index] = 1;
      c.fwd(z, e, tr1, fv1);
      c.d1(z, d1v);
      if (std::isfinite(tr1[0]) &&
          !(std::fabs(d1v[0] - tr1[0]) <=
            1e-9 * std::max(std::fabs(d1v[0]), std::fabs(tr1[0])) + 1e-12)) {
        std::snprintf(msg, sizeof msg, "f_d1 = %.17g but jvp(e) = %.17g", d1v[0], tr1[0]);
        fail(c, z, nullptr, msg, Higher);
      }
      Case dc = c;
      dc.eval = c.d1;
      dc.nout = 1;
      Vec est3, noise3;
      std::vector<char> ok3;
      fd(dc, z, e, est3, ok3, noise3);
      c.d2(z, d2v);
      compare(c, z, nullptr, "f_d2", 0, d2v[0], est3[0], ok3[0], noise3[0], Higher);
    }
    if (c.jacobian) {
      // The full Jacobian (nout x nin): J t == jvp(t), and f's values.
      Vec J, fj;
      c.jacobian(z, J, fj);
      same_values(c, z, "jacobian's value", fj, f0);
      if (J.size() != c.nout * c.nin)
        return fail(c, z, nullptr, "jacobian has the wrong size", Identity);
      for (std::size_t k = 0; k < c.nout; ++k) {
        double jt = 0, scale = 0;
        for (std::size_t i = 0; i < c.nin; ++i) {
          jt += J[k * c.nin + i] * t[i];
          scale += std::fabs(J[k * c.nin + i] * t[i]);
        }
        if (std::isfinite(tr[k]) &&
            !(std::fabs(jt - tr[k]) <= 1e-9 * std::max(scale, std::fabs(tr[k])) + 1e-12)) {
          std::snprintf(msg, sizeof msg, "(J t)[%zu] = %.17g but jvp(t)[%zu] = %.17g", k, jt, k,
                        tr[k]);
          fail(c, z, &t, msg, Identity);
        }
      }
    }
    if (c.hvp) {
      // H t against central differences of the gradient along t.
      Vec hv;
      c.hvp(z, t, hv);
      Case gc = c;
      gc.eval = c.grad;
      gc.nout = c.nin;
      Vec est2, noise2;
      std::vector<char> ok2;
      fd(gc, z, t, est2, ok2, noise2);
      if (hv.size() != c.nin)
        return fail(c, z, &t, "hvp gives the wrong number of values", Hessian);
      for (std::size_t i = 0; i < c.nin; ++i)
        compare(c, z, &t, "hvp(t)", i, hv[i], est2[i], ok2[i], noise2[i], Hessian);
      if (c.hessian) {
        // The full Hessian: symmetric, H t == hvp(t), and f's value.
        Vec H, fh;
        c.hessian(z, H, fh);
        same_values(c, z, "hessian's value", fh, f0);
        for (std::size_t i = 0; i < c.nin; ++i) {
          double ht = 0, scale = 0;
          for (std::size_t j = 0; j < c.nin; ++j) {
            ht += H[i * c.nin + j] * t[j];
            scale += std::fabs(H[i * c.nin + j] * t[j]);
            double a = H[i * c.nin + j], b = H[j * c.nin + i];
            if (!(std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)) + 1e-12)) {
              std::snprintf(msg, sizeof msg, "H[%zu][%zu] = %.17g but H[%zu][%zu] = %.17g", i, j,
                            a, j, i, b);
              fail(c, z, nullptr, msg, Hessian);
            }
          }
          if (!(std::fabs(ht - hv[i]) <= 1e-9 * scale + 1e-12)) {
            std::snprintf(msg, sizeof msg, "(H t)[%zu] = %.17g but hvp(t)[%zu] = %.17g", i, ht,
                          i, hv[i]);
            fail(c, z, &t, msg, Hessian);
          }
        }
      }
    }
  }
};
} // namespace rp
'''


def take(p, L, vec, off, pre=""):
    """Declares p's value (named pre + p.name) from the flat vector vec."""
    n = pre + p.name
    if p.kind == "scalar":
        return ["  const double %s = %s[%s++];" % (n, vec, off)]
    if p.nested:  # rows of cols
        return ["  std::vector<std::vector<double>> %s(%d, std::vector<double>(%d));" % (
                    n, L // p.cols, p.cols),
                "  for (int k = 0; k < %d; ++k)" % L,
                "    %s[k / %d][k %% %d] = %s[%s++];" % (n, p.cols, p.cols, vec, off)]
    if p.elem:  # the harness's array is the records' member pos
        return [container(p, L, n, L),
                "  for (int k = 0; k < %d; ++k)" % L,
                "    %s[k].pos = %s[%s++];" % (n, vec, off)]
    if p.record:  # the harness's array is the record's member
        return ["  %s %s_rec{};" % (p.rectype, n),
                "  double (&%s)[%d] = %s_rec.vals;" % (n, L, n),
                "  rp::take(%s, %s, %s, %d);" % (vec, off, n, L)]
    if p.kind in ("ptr", "vec"):
        return ["  std::vector<double> %s(%d);" % (n, L),
                "  rp::take(%s, %s, %s.data(), %d);" % (vec, off, n, L)]
    if p.kind == "arr":
        return ["  std::array<double, %d> %s{};" % (L, n),
                "  rp::take(%s, %s, %s.data(), %d);" % (vec, off, n, L)]
    return ["  double %s[%d] = {};" % (n, L), "  rp::take(%s, %s, %s, %d);" % (vec, off, n, L)]


def container(p, L, n, size):
    """The declaration of the array of records n for p (size records)."""
    if p.kind in ("ptr", "vec"):
        return "  std::vector<%s> %s(%d);" % (p.elemtype, n, size)
    if p.kind == "arr":
        return "  std::array<%s, %d> %s{};" % (p.elemtype, L, n)
    return "  %s %s[%d] = {};" % (p.elemtype, n, L)


def declare_array(p, L, pre, init):
    """An array for p (an output, a tangent or a gradient) filled by init
    ('pattern', 'zero' or a value)."""
    n = pre + p.name
    if p.nested:  # a gradient or tangent: a gradient is resized
        rows, cols = (1, 1) if pre == "d_" and on("vector_gradient_resize") else \
            (L // p.cols, p.cols)
        value = "0.0" if init in ("zero", "pattern") else init
        return ["  std::vector<std::vector<double>> %s(%d, std::vector<double>(%d, %s));" % (
            n, rows, cols, value)]
    if p.elem:  # a gradient or tangent of an array of records
        size = 1 if pre == "d_" and p.kind == "vec" and on("vector_gradient_resize") else L
        value = "0.0" if init in ("zero", "pattern") else init
        return [container(p, L, n, size),
                "  for (auto &e : %s)" % n, "    e.pos = %s, e.id = 41;" % value]
    data = n if p.kind in ("carr", "ref", "sptr") else n + ".data()"
    if p.kind in ("ptr", "vec"):
        # a gradient vector of the wrong size: adgen resizes it
        size = 1 if pre == "d_" and p.kind == "vec" and on("vector_gradient_resize") else L
        out = ["  std::vector<double> %s(%d);" % (n, size)]
    elif p.kind == "arr":
        out = ["  std::array<double, %d> %s{};" % (L, n)]
    elif p.record:
        # an int member the generated function must leave alone
        out = ["  %s %s_rec{};" % (p.rectype, n), "  %s_rec.tag = 41;" % n,
               "  double (&%s)[%d] = %s_rec.vals;" % (n, L, n)]
    else:
        out = ["  double %s[%d] = {};" % (n, L)]
    if init == "pattern":
        out.append("  rp::pattern(%s, %d);" % (data, L))
    elif init != "zero":
        out.append("  rp::fill(%s, %s.size(), %s);" % (data, n, init) if p.kind == "vec" else
                   "  rp::fill(%s, %d, %s);" % (data, L, init))
    return out


def arg(p, pre=""):
    n = pre + p.name
    if p.kind == "int":
        return str(p.value)
    if p.kind == "ptr":
        return n + ".data()"
    if p.elem or p.nested:
        return n
    if p.kind == "carr" and p.cols:
        # the flat double[N] the harness holds, seen as rows of cols
        return "reinterpret_cast<double (*)[%d]>(%s)" % (p.cols, n)
    if p.kind == "ref":  # the harness holds one value in a double[1]
        return n + "[0]"
    if p.record:
        return ("&" if p.record == "ptr" else "") + n + "_rec"
    return n


def append(p, vec, pre=""):
    n = pre + p.name
    if p.elem:
        return "  for (int k = 0; k < %d; ++k)\n    %s.push_back(%s[k].pos);" % (p.L, vec, n)
    if p.nested:
        return "  for (int k = 0; k < %d; ++k)\n    %s.push_back(%s[k / %d][k %% %d]);" % (
            p.L, vec, n, p.cols, p.cols)
    if p.kind in ("carr", "ref", "sptr"):
        return "  rp::append(%s, %s, %d);" % (vec, n, p.L)
    return "  rp::append(%s, %s.data(), %s.size());" % (vec, n, n)


def results_per_input(ins, pre):
    """Declarations of one result per input (pre + name, 7.0 everywhere:
    results are set, not accumulated), the call's arguments, and the lines
    that pack them into the flat vector G."""
    lines, args, pack = [], [], []
    for p in ins:
        if p.kind == "scalar":
            lines.append("  double %s%s = 7.0;" % (pre, p.name))
            args.append("&%s%s" % (pre, p.name))
            pack.append("  G.push_back(%s%s);" % (pre, p.name))
        else:
            lines += declare_array(p, p.L, pre, "7.0")
            args.append(arg(p, pre))
            pack.append(append(p, "G", pre))
    return lines, args, pack


def nin_of(ins):
    """How many numbers the inputs flatten to."""
    return sum(1 if p.kind == "scalar" else p.L for p in ins)


def glue(f, ns=""):
    """C++ adapting f, f_grad / f_vjp and f_jvp to the harness's flat
    vectors, and the lines of main() that check it. ns: f's namespace."""
    L = f.L
    name = ns + "::" + f.name if ns else f.name  # f's qualified name
    gn = ns + "_" + f.name if ns else f.name     # prefix of the glue's names
    ins, outs = f.inputs(), f.outputs()
    sizes = f.sizes
    for p in f.params:
        p.L = sizes.get(p.name, L)  # the length of an array
        if p.record:
            p.rectype = (ns + "::" if ns else "") + p.recname
        if p.elem:
            p.elemtype = (ns + "::" if ns else "") + p.elem
    ret = f.ret == "double"
    args = ", ".join(arg(p) for p in f.params)
    lines = []
    unpack = [ln for p in ins for ln in take(p, p.L, "Z", "O")]
    outputs = [ln for p in outs for ln in declare_array(p, p.L, "", "pattern")]
    pack_r = ["  R.clear();"] + (["  R.push_back(r);"] if ret else []) + \
        [append(p, "R") for p in outs]
    lines += ["static void %s_eval(const rp::Vec &Z, rp::Vec &R) {" % gn,
              "  std::size_t O = 0;"] + unpack + outputs + \
        ["  %s%s(%s);" % ("const double r = " if ret else "", name, args)] + pack_r + ["}"]

    def rev(kind):
        lines = ["static void %s_%s_rev(const rp::Vec &Z, const rp::Vec &W, rp::Vec &G, "
                 "rp::Vec &R) {" % (gn, kind), "  std::size_t O = 0;"]
        lines += unpack + outputs
        decls, dargs, pack_g = results_per_input(ins, "d_")
        lines += decls
        if kind == "grad":
            lines.append("  (void)W;")
            call = "%s_grad(%s, %s)" % (name, args, ", ".join(dargs))
        else:
            lines.append("  std::size_t OW = 0;")
            wargs = []
            if ret:
                lines.append("  const double w_return = W[OW++];")
                wargs.append("w_return")
            for p in outs:
                lines += take(p, p.L, "W", "OW", "w_")
                wargs.append(arg(p, "w_"))
            call = "%s_vjp(%s, %s, %s)" % (name, args, ", ".join(wargs), ", ".join(dargs))
        lines.append("  %s%s;" % ("const double r = " if ret else "", call))
        lines += ["  G.clear();"] + pack_g
        return lines + pack_r + ["}"]

    revs = []
    if "grad" in f.modes:
        lines += rev("grad")
        revs.append("grad")
    if "vjp" in f.modes:
        lines += rev("vjp")
        revs.append("vjp")
    if "hvp" in f.modes:
        # the gradient alone (for finite differences), and Hv
        lines += ["static void %s_grad_eval(const rp::Vec &Z, rp::Vec &G) {" % gn,
                  "  rp::Vec W, R;", "  %s_grad_rev(Z, W, G, R);" % gn, "}"]
        lines += ["static void %s_hvp_glue(const rp::Vec &Z, const rp::Vec &V, rp::Vec &G) {" % gn,
                  "  std::size_t O = 0, OV = 0;"]
        lines += unpack + [ln for p in ins for ln in take(p, p.L, "V", "OV", "v_")]
        decls, hargs, pack_g = results_per_input(ins, "Hv_")
        lines += decls
        lines.append("  %s_hvp(%s, %s, %s);" % (name, args, ", ".join(arg(p, "v_") for p in ins),
                                              ", ".join(hargs)))
        lines += ["  G.clear();"] + pack_g + ["}"]
    if f.derivative_of:
        for k in (1, 2):
            lines += ["static void %s_d%d_glue(const rp::Vec &Z, rp::Vec &R) {" % (gn, k),
                      "  std::size_t O = 0;"] + unpack + \
                ["  R.assign(1, %s_d%d(%s));" % (name, k, args), "}"]
    if "hessian" in f.modes:
        lines += ["static void %s_hessian_glue(const rp::Vec &Z, rp::Vec &H, rp::Vec &R) {" % gn,
                  "  std::size_t O = 0;"] + unpack
        lines += ["  H.assign(%d, 7.0);" % (nin_of(ins) ** 2),
                  "  const double r = %s_hessian(%s, H.data());" % (name, args)] + pack_r + ["}"]
    if "jacobian" in f.modes:
        nrows = (1 if ret else 0) + sum(p.L for p in outs)
        lines += ["static void %s_jacobian_glue(const rp::Vec &Z, rp::Vec &J, rp::Vec &R) {" % gn,
                  "  std::size_t O = 0;"] + unpack + outputs
        lines += ["  J.assign(%d, 7.0);" % (nrows * nin_of(ins)),
                  "  %s%s_jacobian(%s, J.data());" % ("const double r = " if ret else "", name,
                                                      args)] + pack_r + ["}"]
    lines += ["static void %s_fwd(const rp::Vec &Z, const rp::Vec &T, rp::Vec &TR, "
              "rp::Vec &R) {" % gn, "  std::size_t O = 0, OT = 0;"]
    lines += unpack + [ln for p in ins for ln in take(p, p.L, "T", "OT", "t_")] + outputs
    lines += [ln for p in outs for ln in declare_array(p, p.L, "t_", "zero")]
    targs = [arg(p, "t_") for p in ins] + [arg(p, "t_") for p in outs]
    if ret:
        lines.append("  double value = 0;")
        lines.append("  const double tr = %s_jvp(%s, %s, &value);" % (name, args, ", ".join(targs)))
    else:
        lines.append("  %s_jvp(%s, %s);" % (name, args, ", ".join(targs)))
    lines += ["  TR.clear();"] + (["  TR.push_back(tr);"] if ret else []) + \
        [append(p, "TR", "t_") for p in outs]
    lines += ["  R.clear();"] + (["  R.push_back(value);"] if ret else []) + \
        [append(p, "R") for p in outs] + ["}"]
    nin = sum(1 if p.kind == "scalar" else p.L for p in ins)
    nout = (1 if ret else 0) + sum(p.L for p in outs)
    lo = [p.box[0] for p in ins for _ in range(1 if p.kind == "scalar" else p.L)]
    hi = [p.box[1] for p in ins for _ in range(1 if p.kind == "scalar" else p.L)]
    reg = ["  {", "    rp::Case c;", '    c.name = "%s";' % name,
           "    c.nin = %d;" % nin, "    c.nout = %d;" % nout,
           "    c.eval = %s_eval;" % gn, "    c.fwd = %s_fwd;" % gn]
    for k, r in enumerate(revs):
        reg += ["    c.rev[%d] = %s_%s_rev;" % (k, gn, r), '    c.rev_name[%d] = "%s";' % (k, r)]
    if "hvp" in f.modes:
        reg += ["    c.grad = %s_grad_eval;" % gn, "    c.hvp = %s_hvp_glue;" % gn]
    if "hessian" in f.modes:
        reg += ["    c.hessian = %s_hessian_glue;" % gn]
    if "jacobian" in f.modes:
        reg += ["    c.jacobian = %s_jacobian_glue;" % gn]
    if f.derivative_of:
        flat = 0
        for p in ins:
            if p.name == f.derivative_of:
                break
            flat += 1 if p.kind == "scalar" else p.L
        reg += ["    c.d1 = %s_d1_glue;" % gn, "    c.d2 = %s_d2_glue;" % gn,
                "    c.d_index = %d;" % flat]
    vec = lambda v: "{" + ", ".join(fmt(x) for x in v) + "}"
    if f.points is None:
        reg += ["    c.lo = %s;" % vec(lo), "    c.hi = %s;" % vec(hi)]
    else:
        reg.append("    c.points = {%s};" % ", ".join(vec(p) for p in f.points))
        reg += ["    c.tlo = %s;" % vec(f.tbox[0]), "    c.thi = %s;" % vec(f.tbox[1])]
    reg += ["    run.run(c, POINTS);", "  }"]
    return lines, reg


# ----------------------------------------------- guarded singular points

# The singular function of y, a guard that holds for y in [0, 0.005] (so
# that forward differences from y = 0 stay in the guarded region), its
# negation, and a clamp with the same effect near 0.
SINGULAR = {
    "sqrt": ("std::sqrt({y})", "{s} <= 0.1", "{s} > 0.1", "std::max({s}, 0.1)"),
    "pow": ("std::pow({y}, 0.5)", "{s} <= 0.1", "{s} > 0.1", "std::fmax({s}, 0.1)"),
    "cbrt": ("std::cbrt({y})", "{s} <= 0.2", "{s} > 0.2", "std::max(0.2, {s})"),
    "log": ("std::log({y})", "{s} < -4.0", "{s} >= -4.0", "std::max({s}, -4.0)"),
    "inv": ("1.0 / {y}", "{s} > 100.0", "{s} <= 100.0", "std::min({s}, 100.0)"),
}
# Guard forms: where the singular arm is and how the guard is written.
GUARD_FORMS = ["select", "select_swapped", "select_on_input", "if_assign", "if_assign_braces",
               "if_else", "early_return", "clamp", "branch_before"]
USES = ["{x} * {s}", "{x} * {s} + std::sin({x}) * {s}", "std::tanh({x} * {s})",
        "{s} * {s} * {x}", "{x} * {x} / (1.0 + {s} * {s})"]


def guard_lines(form, fn, y, s, k, use, x, ind=""):
    """Lines computing s = fn(y) guarded near y = 0, and either the result
    of use (as 'return ...;' when final) or nothing."""
    f, g, ng, clamp = [t.format(y=y, s=s) for t in SINGULAR[fn]]
    ygrd = "%s <= 0.005" % y
    if form == "branch_before":
        return [ind + "const double %s = %s ? %s : %s;" % (s, ygrd, k, f)]
    out = [ind + "double %s = %s;" % (s, f)]
    if form == "select":
        out.append(ind + "%s = %s ? %s : %s;" % (s, g, k, s))
    elif form == "select_swapped":
        out.append(ind + "%s = %s ? %s : %s;" % (s, ng, s, k))
    elif form == "select_on_input":
        out.append(ind + "%s = %s ? %s : %s;" % (s, ygrd, k, s))
    elif form == "if_assign":
        out += [ind + "if (%s)" % g, ind + "  %s = %s;" % (s, k)]
    elif form == "if_assign_braces":
        out += [ind + "if (%s) {" % ng, ind + "} else {", ind + "  %s = %s;" % (s, k), ind + "}"]
    elif form == "clamp":
        out.append(ind + "%s = %s;" % (s, clamp))
    return out


def gen_singular(rng, idx):
    """A function guarding a singular point, with the points to check it at
    (on the singular point) and the box of directions (towards the domain)."""
    shape = wchoice(rng, {"scalar": 4, "loop": 3, "array_in_place": 1.5, "correlation": 1.5})
    # every guard form and every function in turn
    form = GUARD_FORMS[idx % len(GUARD_FORMS)]
    fn = sorted(SINGULAR)[(idx + 2 * (idx // len(GUARD_FORMS))) % len(SINGULAR)]
    k = fmt(rng.choice([1.0, 0.5, 2.0, 1.5]))
    use = rng.choice(USES)
    name = "g%d" % idx
    if shape == "scalar":
        params = [Param("x", "scalar", box=(-2, 2)), Param("y", "scalar", box=(0, 0))]
        lines = guard_lines(form if form not in ("if_else", "early_return") else "if_assign",
                            fn, "y", "s", k, use, "x")
        if form == "if_else":
            f, g, ng, _ = [t.format(y="y", s="s") for t in SINGULAR[fn]]
            lines = ["double s = %s;" % f, "double r;", "if (%s) {" % ng,
                     "  r = %s;" % use.format(x="x", s="s"), "} else {",
                     "  r = %s;" % use.format(x="x", s=k), "}", "return r;"]
        elif form == "early_return":
            f, g, ng, _ = [t.format(y="y", s="s") for t in SINGULAR[fn]]
            lines = ["double s = %s;" % f, "if (%s)" % g, "  return %s;" % use.format(x="x", s=k),
                     "return %s;" % use.format(x="x", s="s")]
        else:
            lines.append("return %s;" % use.format(x="x", s="s"))
        f_ = Function(name, params, "double", [Line(ln) for ln in lines], 1,
                      ["grad", "jvp", "vjp"], [],
                      "%s: %s guarded by %s, at y = 0" % (name, fn, form))
        xs = [nice(rng, -2, 2, 0.125) or 0.75 for _ in range(2)]
        f_.points = [[x, 0.0] for x in xs]
        f_.tbox = ([-1.0, 0.0], [1.0, 1.0])
        return f_
    L = rng.randint(3, 5)
    if shape in ("loop", "array_in_place"):
        params = [Param("x", "ptr", box=(-2, 2)), Param("v", "ptr", box=(0, 2)),
                  Param("n", "int", value=L)]
        lens = [("x", "n"), ("v", "n")]
        if form in ("if_else", "early_return"):
            form = "select"
        if shape == "loop":
            body = ["double acc = 0.0;", "for (int j = 0; j < n; ++j) {"] + \
                guard_lines(form, fn, "v[j]", "s", k, use, "x[j]", "  ") + \
                ["  acc += %s;" % use.format(x="x[j]", s="s"), "}", "return acc;"]
        else:
            f, g, ng, clamp = [t.format(y="v[j]", s="sd[j]") for t in SINGULAR[fn]]
            guard = {"select": "sd[j] = %s ? %s : sd[j];" % (g, k),
                     "select_swapped": "sd[j] = %s ? sd[j] : %s;" % (ng, k),
                     "select_on_input": "sd[j] = v[j] <= 0.005 ? %s : sd[j];" % k,
                     "if_assign": "if (%s) sd[j] = %s;" % (g, k),
                     "if_assign_braces": "if (%s) {\n} else {\n  sd[j] = %s;\n}" % (ng, k),
                     "clamp": "sd[j] = %s;" % clamp,
                     "branch_before": None}[form]
            body = ["std::vector<double> sd(n);"]
            if guard is None:
                body += ["for (int j = 0; j < n; ++j)",
                         "  sd[j] = v[j] <= 0.005 ? %s : %s;" % (k, f)]
            else:
                body += ["for (int j = 0; j < n; ++j)", "  sd[j] = %s;" % f,
                         "for (int j = 0; j < n; ++j) {"] + \
                    ["  " + ln for ln in guard.split("\n")] + ["}"]
            body += ["double acc = 0.0;", "for (int j = 0; j < n; ++j)",
                     "  acc += %s;" % use.format(x="x[j]", s="sd[j]"), "return acc;"]
        f_ = Function(name, params, "double", [Line(ln) for ln in body], L,
                      ["grad", "jvp", "vjp"], lens,
                      "%s: %s guarded by %s in a loop over arrays, at zeros of v" %
                      (name, fn, form))
        pts = []
        for _ in range(2):
            zeros = set(rng.sample(range(L), rng.randint(1, L - 1)))
            xs = [nice(rng, -2, 2, 0.125) or 0.5 for _ in range(L)]
            vs = [0.0 if j in zeros else nice(rng, 0.5, 2, 0.125) for j in range(L)]
            pts.append(xs + vs)
        f_.points = pts
        f_.tbox = ([-1.0] * L + [0.0] * L, [1.0] * (2 * L))
        return f_
    # the correlation kernel (PolyBench), a constant column in the data
    m, n = 4, L
    guard = rng.choice(["stddev[j] = stddev[j] <= eps ? 1.0 : stddev[j];",
                        "if (stddev[j] <= eps)\n  stddev[j] = 1.0;",
                        "stddev[j] = stddev[j] > eps ? stddev[j] : 1.0;",
                        "stddev[j] = std::max(stddev[j], eps);"])
    output = rng.random() < 0.5
    params = [Param("data", "ptr", box=(-2, 2)), Param("float_n", "scalar", box=(4, 4)),
              Param("m", "int", value=m), Param("n", "int", value=n)]
    if output:
        params.append(Param("corr", "ptr", out=True))
    body = ["const double eps = 0.1;",
            "std::vector<double> mean(n), stddev(n), d(data, data + m * n);",
            "for (int j = 0; j < n; j++) {", "  mean[j] = 0.0;",
            "  for (int i = 0; i < m; i++)", "    mean[j] += d[i * n + j];",
            "  mean[j] /= float_n;", "}",
            "for (int j = 0; j < n; j++) {", "  stddev[j] = 0.0;",
            "  for (int i = 0; i < m; i++)",
            "    stddev[j] += (d[i * n + j] - mean[j]) * (d[i * n + j] - mean[j]);",
            "  stddev[j] /= float_n;", "  stddev[j] = std::sqrt(stddev[j]);"] + \
        ["  " + ln for ln in guard.split("\n")] + ["}",
            "for (int i = 0; i < m; i++)", "  for (int j = 0; j < n; j++) {",
            "    d[i * n + j] -= mean[j];",
            "    d[i * n + j] /= std::sqrt(float_n) * stddev[j];", "  }"]
    if output:
        body += ["for (int i = 0; i < n; i++) {", "  corr[i * n + i] = 1.0;",
                 "  for (int j = i + 1; j < n; j++) {", "    corr[i * n + j] = 0.0;",
                 "    for (int k = 0; k < m; k++)",
                 "      corr[i * n + j] += d[k * n + i] * d[k * n + j];",
                 "    corr[j * n + i] = corr[i * n + j];", "  }", "}"]
        modes, ret, lens = ["jvp", "vjp"], "void", [("data", "m * n"), ("corr", "n * n")]
    else:
        body += ["double s = 0.0;", "for (int i = 0; i + 1 < n; i++)",
                 "  for (int j = i + 1; j < n; j++) {", "    double c = 0.0;",
                 "    for (int k = 0; k < m; k++)", "      c += d[k * n + i] * d[k * n + j];",
                 "    s += c * c + 0.5 * c;", "  }", "return s;"]
        modes, ret, lens = ["grad", "jvp", "vjp"], "double", [("data", "m * n")]
    f_ = Function(name, params, ret, [Line(ln) for ln in body], m * n, modes, lens,
                  "%s: the correlation kernel, a constant data column" % name)
    f_.sizes = {"data": m * n, "corr": n * n}
    const_col = rng.randrange(n)
    pts = []
    for _ in range(2):
        cv = rng.choice([0.5, 1.0, -0.25, 2.0])
        data = [cv if j == const_col else nice(rng, -2, 2, 0.125) for i in range(m)
                for j in range(n)]
        # a column that is not constant must not be constant by chance
        for j in range(n):
            if j != const_col:
                data[j] = data[j] + 0.375 if len({data[i * n + j] for i in range(m)}) == 1 \
                    else data[j]
        pts.append(data + [float(m)])
    f_.points = pts
    nin = m * n + 1
    f_.tbox = ([-1.0] * nin, [1.0] * nin)
    return f_


# --------------------------------------------------------------- program


def generate(seed, nfun, singular=False, points=3):
    """The functions (and helpers) of the program for seed."""
    rng = random.Random(seed)
    if singular:
        return [], [gen_singular(rng, k) for k in range(nfun)]
    callees, writers = gen_helpers(rng)
    functions, marked = [], []
    for k in range(nfun):
        for attempt in range(20):
            try:
                f = gen_function(rng, k, callees, writers, marked)
                break
            except Reject:
                continue
        functions.append(f)
        if f.as_callee is not None:
            marked.append(f.as_callee)
    return callees + writers, functions


def select(helpers, functions, only):
    """The functions in only, the marked ones they call, the helpers used."""
    if only is not None:
        # keep the requested functions, the marked ones they call, the
        # helpers they use
        keep = set(only)
        changed = True
        while changed:
            changed = False
            for k, f in enumerate(functions):
                if k in keep:
                    for j, g in enumerate(functions):
                        if j not in keep and g.name in f.callees:
                            keep.add(j)
                            changed = True
        functions = [f for k, f in enumerate(functions) if k in keep]
    used = set()
    for f in functions:
        used |= f.callees
    return [h for h in helpers if h.name in used], functions


# Local arrays of kind "lheap" (construct heap_records): a class owning its
# storage, as operator-overloading code writes one.
HEAP_BUFFER = [
    "// A buffer that owns its storage (construct heap_records).",
    "struct HeapBuf {",
    "  std::size_t n;",
    "  double *v;",
    "  explicit HeapBuf(int len)",
    "      : n(static_cast<std::size_t>(len)), v(new double[n]()) {}",
    "  HeapBuf(const HeapBuf &) = delete;",
    "  HeapBuf &operator=(const HeapBuf &) = delete;",
    "  ~HeapBuf() { delete[] v; }",
    "  double &operator[](std::size_t i) { return v[i]; }",
    "};", ""]


def emit_file(groups, singular, points, only):
    seeds = ",".join(str(s) for s, _, _ in groups)
    label = "random %sprograms, seed%s %s" % ("singular " if singular else "",
                                             "s" if len(groups) > 1 else "", seeds)
    nfun = 0
    out = ["// Generated by test/Inputs/random_programs.py --seed %s%s: do not edit." %
           (seeds, " --singular" if singular else ""), "", "#include <adgen/adgen.h>",
           "#include <algorithm>", "#include <array>", "#include <cmath>", "#include <cstddef>", "#include <iterator>", "#include <numeric>",
           "#include <vector>", ""] + HEAP_BUFFER
    glues, regs = [], []
    for seed, helpers, functions in groups:
        helpers, functions = select(helpers, functions, only)
        nfun += len(functions)
        ns = "s%d" % seed if len(groups) > 1 else ""
        if ns:
            out += ["namespace %s {" % ns, ""]
        for h in helpers:
            out += h.lines(4) + [""]
        for f in functions:
            out += f.lines() + [""]
        if ns:
            out += ["} // namespace %s" % ns, ""]
        for f in functions:
            lines, reg = glue(f, ns)
            glues += lines + [""]
            regs += reg
    out[1] = "// %d marked functions, each checked by main() at %s." % (
        nfun, "its singular points" if singular else "%d random points" % points)
    out += ["#ifndef __ADGEN__", HARNESS.strip("\n"), ""] + glues
    out += ["int main() {", "  const int POINTS = %d;" % points,
            '  rp::Runner run("%s", %dULL, %s);' % (label, groups[0][0],
                                                   "true" if singular else "false")]
    out += regs + ["  return run.finish();", "}", "#endif", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", required=True,
                    help="a seed, or several (1,2,3): one namespace each, one main()")
    ap.add_argument("--functions", type=int, default=None,
                    help="number of marked functions (default 16, 12 with --singular)")
    ap.add_argument("--points", type=int, default=3, help="random points per function")
    ap.add_argument("--only", default=None, help="emit only these functions (indices: 3,5)")
    ap.add_argument("--singular", action="store_true",
                    help="guarded singular points, checked there (issue 8)")
    ap.add_argument("--disable", default="", help="constructs to leave out (names, a,b)")
    ap.add_argument("--enable-all", action="store_true",
                    help="keep the constructs that fail on the current main")
    ap.add_argument("-o", dest="output", default="-")
    a = ap.parse_args()
    DISABLED.clear()
    if not a.enable_all:
        DISABLED.update(DISABLED_BY_DEFAULT)
    DISABLED.update(x for x in a.disable.split(",") if x)
    nfun = a.functions if a.functions is not None else (12 if a.singular else 16)
    seeds = [int(s) for s in a.seed.split(",")]
    only = [int(x) for x in a.only.split(",")] if a.only else None
    if only is not None and len(seeds) > 1:
        ap.error("--only needs a single seed")
    groups = [(s,) + generate(s, nfun, a.singular, a.points) for s in seeds]
    text = emit_file(groups, a.singular, a.points, only)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
