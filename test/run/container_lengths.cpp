// len(...) from the size of a container parameter: len(w, v.size()),
// len(y, 2 * a.size()) with a std::array. The printed length reads the
// container in the generated code. Gradients and JVPs against central
// differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <vector>

// CHECK: double weighted_grad(const std::vector<double> &v, const double *w,
// CHECK: static_cast<long long>(v.size())
ADGEN(grad, jvp, len(w, v.size()))
double weighted(const std::vector<double> &v, const double *w) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += w[i] * std::sin(v[i]) + w[i] * w[i];
  return s;
}

ADGEN(grad, jvp, len(y, 2 * a.size()))
double pairs(const std::array<double, 3> &a, const double *y) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += a[i] * y[2 * i] - std::cos(y[2 * i + 1] * a[i]);
  return s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int n = 4;
  checkGradJvp(
      "weighted", {0.5, -0.25, 1.5, 0.75, 0.1, -0.6, 0.9, 0.2},
      [&](const double *p) { return weighted(std::vector<double>(p, p + n), p + n); },
      [&](const double *p, double *g) {
        std::vector<double> d;
        double r = weighted_grad(std::vector<double>(p, p + n), p + n, d, g + n);
        for (int i = 0; i < n; ++i)
          g[i] = d[i];
        return r;
      },
      [&](const double *p, const double *t) {
        return weighted_jvp(std::vector<double>(p, p + n), p + n,
                            std::vector<double>(t, t + n), t + n);
      });
  auto arr = [](const double *p) { return std::array<double, 3>{p[0], p[1], p[2]}; };
  checkGradJvp(
      "pairs", {0.5, -0.25, 1.5, 0.75, 0.1, -0.6, 0.9, 0.2, 1.1},
      [&](const double *p) { return pairs(arr(p), p + 3); },
      [&](const double *p, double *g) {
        std::array<double, 3> d;
        double r = pairs_grad(arr(p), p + 3, d, g + 3);
        for (int i = 0; i < 3; ++i)
          g[i] = d[i];
        return r;
      },
      [&](const double *p, const double *t) {
        return pairs_jvp(arr(p), p + 3, arr(t), t + 3);
      });
  return ok ? 0 : 1;
}
#endif
