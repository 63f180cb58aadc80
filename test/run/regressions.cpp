// Inputs that once produced wrong code (found in review): names that clash
// with generated names, locals hiding callees, integer constant folding of
// every width, NaN and signed zeros, integer division by a zero constant in
// dead code, pow(x, 0) at 0, overloaded callees, inline namespaces, several
// ADGEN annotations, enumerators. Values are compared with the original
// function and derivatives with finite differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

// Parameters named like generated ones.
ADGEN(grad, jvp) double named_value(double value) { return value * value; }
ADGEN(grad, jvp) double named_d(double x, double d_x) { return x * d_x; }
ADGEN(grad, jvp) double named_t(double x, double t_x) { return x * std::sin(t_x); }
ADGEN(grad, jvp) double unnamed_arg(double arg1, double) { return arg1 * 3; }

// Locals that hide the callee or its gradient.
double arg1(double a, double b) { return a * b; }
ADGEN(grad, jvp)
double hides_grad(double x, double y) {
  double arg1_grad = arg1(x, y) * 2;
  return arg1_grad + arg1(y, x);
}
double g(double a, double b) { return a * b + 1; }
ADGEN(grad, jvp)
double hides_callee(double x, double y) {
  double r = x;
  {
    double g = x * y;
    r = r + g;
  }
  return r * g(2.0, 3.0) + g(x, y);
}

// Integer constants fold in their own width and signedness.
ADGEN(grad)
double folding(double x) {
  unsigned char c = (unsigned char)300;
  short s = (short)70000;
  signed char sc = (signed char)200;
  unsigned u = 0u - 1u;
  long long w = (long long)u;
  int n = -5;
  unsigned three = 3;
  bool wraps = (unsigned)n < three;
  unsigned long long big = 18446744073709551615ull;
  double z = big;
  double r = c * x + s * x + sc * x + w * x * 1e-9 + u / 4294967296.0 * x;
  return (wraps ? x : 2 * x) + r + z * 1e-19 * x;
}

// NaN and signed zeros are not merged with other constants.
ADGEN(grad)
double zeros(double x) {
  double n = 0.0 / 0.0;
  double z = 0.0;
  double b = -0.0;
  double r = (n != n) ? x : z;
  r += std::copysign(x, 0.0) + std::copysign(x, -0.0);
  r += std::atan2(b, -1.0) * x;
  double y = 0.7;
  r += std::copysign(1.0, -(x - y)) * x;
  return r;
}

// Integer division by a constant zero in a branch that never runs.
ADGEN(grad)
double dead_division(double x) {
  int n = 0;
  if (x > 100)
    return (1 / n) * x + (5 % n);
  return x;
}

// x^0 is 1 everywhere, so its derivative is 0 at 0 too.
ADGEN(grad) double pow_zero(double x) { return std::pow(x, 0) + std::pow(x, 0.0); }

// Overloads: each gets its own gradient.
double h(double x) { return x * x; }
float h(float x) { return x * x * x; }
ADGEN(grad, jvp) double overloads(double x) { return h(x) + h((float)x); }

inline namespace v1 {
ADGEN(grad, jvp) double in_inline_namespace(double x) { return x * x * x; }
} // namespace v1

ADGEN(grad) ADGEN(jvp) double two_annotations(double x) { return std::exp(x); }

enum Weights { Low = 2, High = 5 };
enum class Scoped { X = 3 };
ADGEN(grad) double enums(double x) { return Low * x + High + (int)Scoped::X * x * x; }

#ifndef __ADGEN__
#include "expect.h"
template <class F, class G> void same_value(F f, G g, double x, const char *what) {
  double d;
  double v = g(x, &d);
  double e = f(x);
  expect((std::isnan(v) && std::isnan(e)) || v == e ||
             std::fabs(v - e) <= 1e-12 * std::fabs(e),
         what);
}

int main() {
  expect(adgen::check_grad(named_value, named_value_grad, 0.7), "named_value");
  expect(adgen::check_jvp(named_value, named_value_jvp, std::tuple(0.7),
                          std::tuple(1.5)), "named_value jvp");
  expect(adgen::check_grad(named_d, named_d_grad, 0.7, -0.2), "named_d");
  expect(adgen::check_grad(named_t, named_t_grad, 0.7, -0.2), "named_t");
  expect(adgen::check_jvp(named_t, named_t_jvp, std::tuple(0.7, -0.2),
                          std::tuple(1.0, 2.0)), "named_t jvp");
  expect(adgen::check_grad(unnamed_arg, unnamed_arg_grad, 0.7, 1.0), "unnamed");
  expect(adgen::check_grad(hides_grad, hides_grad_grad, 0.7, 1.3), "hides_grad");
  expect(adgen::check_grad(hides_callee, hides_callee_grad, 0.7, 1.3),
         "hides_callee");
  same_value(folding, folding_grad, 0.7, "folding value");
  expect(adgen::check_grad(folding, folding_grad, 0.7), "folding grad");
  same_value(zeros, zeros_grad, 0.7, "zeros value");
  same_value(dead_division, dead_division_grad, 0.7, "dead division");
  double d = -1;
  expect(pow_zero_grad(0.0, &d) == 2 && d == 0, "pow(x, 0) at 0");
  // h(float) computes in float: compare at float accuracy.
  expect(adgen::check_grad_with(adgen::CheckOptions{1e-4, 1e-6, true},
                                overloads, overloads_grad, 0.7),
         "overloads");
  expect(adgen::check_grad(in_inline_namespace, in_inline_namespace_grad, 0.7),
         "inline namespace");
  expect(adgen::check_grad(two_annotations, two_annotations_grad, 0.7) &&
             adgen::check_jvp(two_annotations, two_annotations_jvp,
                              std::tuple(0.7), std::tuple(1.0)),
         "two annotations");
  expect(adgen::check_grad(enums, enums_grad, 0.7), "enums");
  std::puts(ok ? "regressions: ok" : "regressions: FAILED");
  return ok ? 0 : 1;
}
#endif
