// <algorithm> and <numeric> as code written for operator-overloading AD
// tools uses them: std::fill, fill_n, copy, copy_n, accumulate,
// inner_product (pointers, v.begin() + k, std::end) and std::swap of
// scalars and of elements. Each is the loop it stands for; gradients and
// JVPs against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <numeric>
#include <utility>
#include <vector>

// CHECK-LABEL: double smoothed_grad(
// CHECK-NOT: std::copy
ADGEN(grad, jvp, len(x, n))
double smoothed(const double *x, int n, double c) {
  std::vector<double> y(n);
  std::copy(x, x + n, y.begin());
  std::fill(y.begin() + 1, y.end() - 1, c);
  for (int i = 0; i < n; ++i)
    y[i] = std::sin(y[i]) + x[i];
  return std::inner_product(y.begin(), y.end(), x, 0.5) +
         std::accumulate(x, x + n, 1.5) * c;
}

// ADBench's style: scratch cleared with fill_n, a copy_n into a std::array,
// sums with std::accumulate over std::begin/std::end.
ADGEN(grad, jvp)
double residuals(const std::array<double, 4> &p, double s) {
  std::array<double, 4> r;
  std::fill_n(r.begin(), 4, 0.0);
  std::copy_n(p.begin(), 3, r.begin() + 1);
  double q[4];
  for (int k = 0; k < 4; ++k)
    q[k] = (r[k] - p[k]) * (r[k] - p[k]) + s * p[k];
  return std::accumulate(std::begin(q), std::end(q), 0.0) +
         std::inner_product(q, q + 4, r.begin(), 0.0);
}

// std::swap of scalars on a branch, and of array elements.
ADGEN(grad, jvp, len(v, n))
double ordered(double a, double b, const double *v, int n) {
  if (a > b)
    std::swap(a, b);
  std::vector<double> w(v, v + n);
  std::swap(w[0], w[n - 1]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += w[i] * (i + 1);
  return 3 * a + b * b + s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int n = 5;
  checkGradJvp(
      "smoothed", {0.3, -0.7, 1.1, 0.4, -0.2, 0.9},
      [&](const double *p) { return smoothed(p, n, p[n]); },
      [&](const double *p, double *g) {
        return smoothed_grad(p, n, p[n], g, &g[n]);
      },
      [&](const double *p, const double *t) {
        return smoothed_jvp(p, n, p[n], t, t[n]);
      });
  auto arr = [](const double *p) {
    return std::array<double, 4>{p[0], p[1], p[2], p[3]};
  };
  checkGradJvp(
      "residuals", {0.5, -1.5, 2.0, 0.25, 0.75},
      [&](const double *p) { return residuals(arr(p), p[4]); },
      [&](const double *p, double *g) {
        std::array<double, 4> d;
        double v = residuals_grad(arr(p), p[4], d, &g[4]);
        std::copy(d.begin(), d.end(), g);
        return v;
      },
      [&](const double *p, const double *t) {
        return residuals_jvp(arr(p), p[4], arr(t), t[4]);
      });
  // Both orders of a and b.
  for (double a : {0.2, 1.7}) {
    std::vector<double> in = {a, 0.9, 0.4, -0.3, 1.2, 0.8, -1.1};
    const int m = 5;
    checkGradJvp(
        "ordered", in,
        [&](const double *p) { return ordered(p[0], p[1], p + 2, m); },
        [&](const double *p, double *g) {
          return ordered_grad(p[0], p[1], p + 2, m, &g[0], &g[1], g + 2);
        },
        [&](const double *p, const double *t) {
          return ordered_jvp(p[0], p[1], p + 2, m, t[0], t[1], t + 2);
        });
  }
  return ok ? 0 : 1;
}
#endif
