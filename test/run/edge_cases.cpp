// Less common but valid code: unnamed parameters, declared-then-assigned
// locals, nested ?:, marked functions calling marked
// functions, anonymous namespaces, float callees in double code, integer
// arguments to floating parameters, condition variables, long double
// literals. Every derivative is checked against finite differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <limits>

ADGEN(grad, jvp)
double unnamed(double x, double, int) { return x * x; }
// CHECK-LABEL: double unnamed_grad(double x, {{.*}}double arg1,

ADGEN(grad, jvp)
double declared_later(double x, double y) {
  double z;
  if (x > y)
    z = x * y;
  else
    z = x - y;
  return z * z;
}

ADGEN(grad, jvp)
double nested_ternary(double x, double y) {
  return x > 1 ? (y > 0 ? x * y : x / (1 + y * y)) : (y < -1 ? std::exp(x) : y);
}

float scaled(float a) { return 2.5f * a * a; }

ADGEN(grad)
double uses_float_callee(double x, double y) {
  return scaled(static_cast<float>(x)) * y + scaled(3);
}

ADGEN(grad, jvp)
double inner(double a, double b) { return std::sin(a) * b; }

ADGEN(grad, jvp)
double outer(double x, double y) { return inner(x, y) + inner(y, x) * inner(1.0, y); }
// inner_grad is generated once, before its callers.
// CHECK-LABEL: double inner_grad(
// CHECK-NOT: double inner_grad(
// CHECK-LABEL: double outer_grad(

namespace {
ADGEN(grad)
double hidden(double x) { return std::cbrt(x) * x; }
} // namespace
// CHECK: namespace {
// CHECK-NEXT: double hidden_grad(double x, double *d_x) {

ADGEN(grad, jvp)
double condition_variable(double x, double y) {
  if (double d = x - y; d > 0)
    return d * d;
  if (bool small = std::fabs(x) < 0.5)
    return x * y * small;
  return std::numeric_limits<double>::epsilon() + x * y;
}

ADGEN(grad, jvp)
long double precise(long double x) { return 0.1L * x * x + 3.14159265358979323846264338327950288L * x; }
// CHECK-LABEL: long double precise_grad(long double x, long double *d_x) {
// CHECK: 3.1415926535897932385L

ADGEN(grad, jvp)
double comma_and_increments(double x) {
  double a = x, b = 2 * x;
  a++;
  ++b;
  double c = (a += 1, a * b);
  return c - a--;
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  for (double x : {0.3, 1.7, -1.2}) {
    for (double y : {0.6, -1.4, 2.2}) {
      std::tuple t{0.5, -0.9};
      ok &= adgen::check_grad([](double a, double b) { return unnamed(a, b, 1); },
                              [](double a, double b, double *da, double *db) {
                                return unnamed_grad(a, b, 1, da, db);
                              },
                              x, y);
      ok &= adgen::check_grad(declared_later, declared_later_grad, x, y);
      ok &= adgen::check_jvp(declared_later, declared_later_jvp, std::tuple(x, y), t);
      ok &= adgen::check_grad(nested_ternary, nested_ternary_grad, x, y);
      ok &= adgen::check_jvp(nested_ternary, nested_ternary_jvp, std::tuple(x, y), t);
      adgen::CheckOptions loose{2e-3, 1e-4, true}; // float inside
      ok &= adgen::check_grad_with(loose, uses_float_callee, uses_float_callee_grad, x, y);
      ok &= adgen::check_grad(outer, outer_grad, x, y);
      ok &= adgen::check_jvp(outer, outer_jvp, std::tuple(x, y), t);
      ok &= adgen::check_grad(condition_variable, condition_variable_grad, x, y);
      ok &= adgen::check_jvp(condition_variable, condition_variable_jvp, std::tuple(x, y), t);
    }
    ok &= adgen::check_grad(hidden, hidden_grad, x);
    ok &= adgen::check_grad(precise, precise_grad, (long double)x);
    ok &= adgen::check_grad(comma_and_increments, comma_and_increments_grad, x);
    ok &= adgen::check_jvp(comma_and_increments, comma_and_increments_jvp,
                           std::tuple(x), std::tuple(1.5));
  }
  std::puts(ok ? "edge cases: ok" : "edge cases: FAILED");
  return ok ? 0 : 1;
}
#endif
