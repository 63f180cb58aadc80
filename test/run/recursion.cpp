// Recursion through numbers: a recursive call of a function whose
// parameters and result are numbers goes, in every derivative, to the
// function's own generated gradient (f_grad calls f_grad; f_jvp and f_vjp
// call f_grad too). Direct recursion (a power, a continued fraction),
// recursion in a helper the marked function calls, mutual recursion
// (declared in the generated code before its first call), and a template
// with a loop at each level. Every derivative against central differences
// or its formula, f_jvp against f_grad . t.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang
// The generated code compiles on its own too, without the header.
// RUN: %gxx %cxxflags -DWITHOUT_MAIN -c %t.cpp -o %t.o

#include <adgen/adgen.h>
#include <cmath>

// CHECK: double even_part_grad(double x, int n, double *d_x);
// CHECK-LABEL: double power_grad(double x, int n, double *d_x) {
// CHECK: = ::power_grad(x, n - 1, &

ADGEN(grad, jvp)
double power(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * power(x, n - 1);
}

// a continued fraction, recursive in two numbers
ADGEN(grad, jvp)
double cfrac(double a, double b, int depth) {
  if (depth == 0)
    return a;
  return a + b / cfrac(a * 0.5 + 1.0, b, depth - 1);
}

// Called by a marked function, not marked itself.
double down(double x, int n) {
  if (n == 0)
    return x;
  return std::sin(down(x, n - 1));
}

ADGEN(grad, jvp)
double through_helper(double x) { return down(x, 3) * x; }

// Mutual recursion.
double odd_part(double x, int n);
double even_part(double x, int n) {
  if (n <= 0)
    return 1.0;
  return 1.0 + x * odd_part(x, n - 1);
}
double odd_part(double x, int n) {
  if (n <= 0)
    return x;
  return x * even_part(0.5 * x, n - 1);
}

ADGEN(grad, vjp)
double mutual(double x, double y) { return even_part(x, 5) + y * odd_part(y, 4); }

// A template on T, with a loop in each level.
template <typename T>
ADGEN(grad, jvp)
T series(T x, T y, int depth) {
  if (depth == 0)
    return y;
  T s = 0;
  for (int k = 1; k <= 3; ++k)
    s += std::pow(x, k) / k;
  return s + series(0.9 * x, x * y, depth - 1);
}
template double series<double>(double, double, int);

#if !defined(__ADGEN__) && !defined(WITHOUT_MAIN)
#include "expect.h"

#include <adgen/check.h>
#include <cstdio>

int main() {
  for (int n : {0, 1, 4}) {
    for (double x : {-0.7, 1.3}) {
      double d = -1;
      double v = power_grad(x, n, &d);
      expect(v == power(x, n), "power: value");
      double ex = n == 0 ? 0.0 : n * std::pow(x, n - 1);
      expect(std::fabs(d - ex) < 1e-12, "power: gradient formula");
      double value = 0;
      expect(std::fabs(power_jvp(x, n, 0.5, &value) - 0.5 * ex) < 1e-12 &&
                 value == v,
             "power: jvp");
    }
  }
  for (int depth : {0, 1, 3}) {
    auto f = [depth](double a, double b) { return cfrac(a, b, depth); };
    auto g = [depth](double a, double b, double *da, double *db) {
      return cfrac_grad(a, b, depth, da, db);
    };
    expect(adgen::check_grad(f, g, 0.8, 1.7), "cfrac: gradient");
    double da, db, value = 0;
    g(0.8, 1.7, &da, &db);
    expect(std::fabs(cfrac_jvp(0.8, 1.7, depth, 0.3, -0.6, &value) -
                     (0.3 * da - 0.6 * db)) < 1e-12,
           "cfrac: jvp");
  }
  expect(adgen::check_grad(through_helper, through_helper_grad, 0.9),
         "through_helper: gradient");
  expect(adgen::check_grad(mutual, mutual_grad, 0.6, -0.45),
         "mutual: gradient");
  {
    double dx = 0, dy = 0, gx = 0, gy = 0;
    mutual_vjp(0.6, -0.45, 2.5, &dx, &dy);
    mutual_grad(0.6, -0.45, &gx, &gy);
    expect(std::fabs(dx - 2.5 * gx) < 1e-12 && std::fabs(dy - 2.5 * gy) < 1e-12,
           "mutual: vjp");
  }
  for (int depth : {0, 2, 5}) {
    auto f = [depth](double x, double y) { return series(x, y, depth); };
    auto g = [depth](double x, double y, double *dx, double *dy) {
      return series_grad(x, y, depth, dx, dy);
    };
    expect(adgen::check_grad(f, g, 0.7, 1.1), "series: gradient");
  }
  if (ok)
    std::printf("recursion checked\n");
  return ok ? 0 : 1;
}
#endif
