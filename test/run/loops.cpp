// Counted loops with carried scalars: forward mode carries tangents, reverse
// mode runs a reversed loop that pops what it cannot recompute. Loops stay
// loops in the generated code. Every derivative is checked against finite
// differences, and powloop against n x^(n-1).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

ADGEN(grad, jvp)
double powloop(double x, int n) {
  double p = 1;
  for (int i = 0; i < n; ++i)
    p = p * x;
  return p;
}
// CHECK-LABEL: double powloop_grad(double x, int n, double *d_x) {
// CHECK: adgen::Stack<double> tape_p;
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: tape_p.push(p);
// CHECK: for (int i_1 = n - 1; i_1 >= 0; --i_1) {
// CHECK-NEXT: const double p_1 = tape_p.pop();

// continue, a branch in the body, loop-invariant terms.
ADGEN(grad, jvp)
double series(double x, double y, int n) {
  double s = 0;
  double t = x;
  for (int k = 1; k <= n; ++k) {
    if (k % 3 == 0)
      continue;
    double term = std::sin(k * x) * y / k;
    s += term * t;
    t = t * 0.5 + std::cos(y);
  }
  return s;
}

// A nonlinear recurrence: every iterate is needed backwards.
ADGEN(grad, jvp)
double recurrence(double x, double r) {
  double v = x;
  for (int i = 0; i != 20; ++i)
    v = r * v * (1 - v) + 0.01 * std::sin(v);
  return v;
}

// Nested loops, strides, downward loops, integer carried values.
ADGEN(grad, jvp)
double nested(double a, double b, int n) {
  double acc = 0;
  int count = 0;
  for (int i = n; i > 0; i -= 3) {
    double row = a;
    for (int j = 0; j < i; j += 2) {
      row = row * 0.9 + b / (1 + j);
      ++count;
    }
    acc += row * row / (i + count);
  }
  return acc + count;
}

// Sum of a product whose factors are recomputed, not stored: nothing is
// recorded for this loop.
ADGEN(grad, jvp)
double recomputed(double x, double y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double u = x * i - y;
    double w = 1 - x;
    s += 100 * u * u + w * w;
  }
  return s;
}
// CHECK-LABEL: double recomputed_grad(
// CHECK-NOT: Stack
// CHECK: return

static double smooth(double u) { return std::log(1 + std::exp(u)); }

ADGEN(grad, jvp)
double with_calls(double x, double y) {
  double s = 0;
  for (int i = 0; i < 5; ++i)
    s = smooth(s * x + y * i);
  return s;
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  for (int n : {0, 1, 4, 7}) {
    for (double x : {0.3, -1.1, 1.7}) {
      auto f = [n](double x) { return powloop(x, n); };
      auto g = [n](double x, double *d) { return powloop_grad(x, n, d); };
      ok &= adgen::check_grad(f, g, x);
      double d;
      powloop_grad(x, n, &d);
      ok &= adgen::close(d, n ? n * std::pow(x, n - 1) : 0.0,
                         adgen::CheckOptions{1e-12, 1e-300, true});
      ok &= adgen::close(powloop_jvp(x, n, 2.0), 2 * d,
                         adgen::CheckOptions{1e-12, 1e-300, true});
      for (double y : {0.8, -0.4}) {
        auto fs = [n](double x, double y) { return series(x, y, n); };
        auto gs = [n](double x, double y, double *dx, double *dy) {
          return series_grad(x, y, n, dx, dy);
        };
        auto js = [n](double x, double y, double tx, double ty, double *v) {
          return series_jvp(x, y, n, tx, ty, v);
        };
        ok &= adgen::check_grad(fs, gs, x, y);
        ok &= adgen::check_jvp(fs, js, std::tuple(x, y), std::tuple(0.3, 1.2));
        auto fn = [n](double a, double b) { return nested(a, b, n + 3); };
        auto gn = [n](double a, double b, double *da, double *db) {
          return nested_grad(a, b, n + 3, da, db);
        };
        auto jn = [n](double a, double b, double ta, double tb, double *v) {
          return nested_jvp(a, b, n + 3, ta, tb, v);
        };
        ok &= adgen::check_grad(fn, gn, x, y);
        ok &= adgen::check_jvp(fn, jn, std::tuple(x, y), std::tuple(-0.5, 0.7));
        auto fr = [n](double x, double y) { return recomputed(x, y, n); };
        auto gr = [n](double x, double y, double *dx, double *dy) {
          return recomputed_grad(x, y, n, dx, dy);
        };
        ok &= adgen::check_grad(fr, gr, x, y);
      }
    }
  }
  for (double x : {0.2, 0.45}) {
    for (double r : {2.5, 3.2}) {
      ok &= adgen::check_grad(recurrence, recurrence_grad, x, r);
      ok &= adgen::check_jvp(recurrence, recurrence_jvp, std::tuple(x, r),
                             std::tuple(1.0, -0.5));
    }
    ok &= adgen::check_grad(with_calls, with_calls_grad, x, 0.3);
    ok &= adgen::check_jvp(with_calls, with_calls_jvp, std::tuple(x, 0.3),
                           std::tuple(1.0, 2.0));
  }
  std::puts(ok ? "loops: ok" : "loops: FAILED");
  return ok ? 0 : 1;
}
#endif
