// k-th derivatives in one scalar (ADGEN(derivative(x, k))): f_d<k>(params...)
// is the JVP along t_x = 1 applied k times; the other parameters are held
// fixed. Checked against closed forms: tanh to the 4th (seed 001), exp(a x)
// to the 8th, a polynomial evaluated by Horner's loop, and a branch.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>

// CHECK-LABEL: double th_d2(double x) {
// CHECK-NEXT: const double tmp0 = std::tanh(x);
// CHECK-NEXT: const double tmp1 = tmp0 * (1.0 - tmp0 * tmp0);
// CHECK-NEXT: return -(tmp1 + tmp1);
ADGEN(derivative(x, 1), derivative(x, 2), derivative(x, 3), derivative(x, 4))
double th(double x) { return std::tanh(x); }

// One strong-zero guard, not eight nested ones (the folder drops a guard on
// a inside a guard on a).
// CHECK-LABEL: double ex_d8(double a, double x) {
// CHECK-NEXT: return a == 0.0
// CHECK-NEXT: ? 0.0
// CHECK-NEXT: : a * (a * (a * (a * (a * (a * (a * (a * std::exp(a * x))))))));
ADGEN(derivative(x, 3), derivative(x, 8))
double ex(double a, double x) { return std::exp(a * x); }

// sum c[i] x^i by Horner's rule, in a loop counting down. The fifth
// derivative's loop carries p and its five derivatives: the 2^5 tangents of
// tangents are merged into k + 1 (MergeCarried.cpp).
// CHECK-LABEL: double poly_d5(
// CHECK: double t_p_4 = 0.0;
// CHECK-NOT: t_p_5
// CHECK: return t_p_4;
ADGEN(derivative(x, 2), derivative(x, 5), len(c, n))
double poly(const double *c, int n, double x) {
  double p = 0;
  for (int i = n - 1; i >= 0; --i)
    p = p * x + c[i];
  return p;
}

ADGEN(derivative(x, 3))
double piecewise(double x, double w) {
  if (x < w)
    return std::sin(2 * x) * w;
  return x * x * x * x;
}

#ifndef __ADGEN__
#include "expect.h"

static void near(double got, double want, const char *what) {
  bool good = std::fabs(got - want) <= 1e-12 * std::max(1.0, std::fabs(want));
  if (!good)
    std::printf("%s: %.17g, expected %.17g\n", what, got, want);
  expect(good, what);
}

int main() {
  for (double x : {-1.3, -0.2, 0.0, 0.7, 2.1}) {
    double t = std::tanh(x), s = 1 - t * t;
    near(th_d1(x), s, "tanh'");
    near(th_d2(x), -2 * t * s, "tanh''");
    near(th_d3(x), -2 * s * (1 - 3 * t * t), "tanh'''");
    near(th_d4(x), 8 * t * s * (2 - 3 * t * t), "tanh''''");
    double a = 0.6;
    near(ex_d3(a, x), a * a * a * std::exp(a * x), "exp 3");
    near(ex_d8(a, x), std::pow(a, 8) * std::exp(a * x), "exp 8");
    double c[6] = {0.5, -1.0, 2.0, 0.25, -0.75, 1.5};
    double p2 = 0, p5 = 0;
    for (int i = 2; i < 6; ++i)
      p2 += c[i] * i * (i - 1) * std::pow(x, i - 2);
    p5 = c[5] * 120;
    near(poly_d2(c, 6, x), p2, "poly 2");
    near(poly_d5(c, 6, x), p5, "poly 5");
    double w = 0.5;
    near(piecewise_d3(x, w),
         x < w ? -8 * std::cos(2 * x) * w : 24 * x, "piecewise 3");
  }
  return ok ? 0 : 1;
}
#endif
