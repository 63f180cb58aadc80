// checkGradJvp for the compiled-and-run tests: a gradient, and a JVP along
// a fixed direction, against Richardson central differences at x, and the
// value the gradient returns; failures print and clear ok (expect.h).
#ifndef ADGEN_TEST_FD_CHECK_H
#define ADGEN_TEST_FD_CHECK_H

#include "expect.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using Fn = std::function<double(const double *)>;
using Grad = std::function<double(const double *, double *)>;
using Jvp = std::function<double(const double *, const double *)>;

/// ValueTol is relative; 0 asks for the very same value.
inline void checkGradJvp(const char *Name, std::vector<double> x, Fn F, Grad G,
                         Jvp J, double ValueTol = 0) {
  int m = static_cast<int>(x.size());
  std::vector<double> d(m, -9.0), t(m);
  for (int i = 0; i < m; ++i)
    t[i] = std::cos(0.5 + i);
  double v = G(x.data(), d.data()), f = F(x.data());
  expect(std::fabs(v - f) <= ValueTol * std::max(1.0, std::fabs(f)), Name);
  double dot = 0;
  for (int i = 0; i < m; ++i) {
    auto at = [&](double h) {
      std::vector<double> y = x;
      y[i] += h;
      return F(y.data());
    };
    double h = 1e-4, d1 = (at(h) - at(-h)) / (2 * h),
           d2 = (at(h / 2) - at(-h / 2)) / h;
    double fd = (4 * d2 - d1) / 3;
    if (std::fabs(fd - d[i]) > 1e-6 * std::max(1.0, std::fabs(fd))) {
      std::printf("%s: d[%d] = %.12g, finite differences %.12g\n", Name, i,
                  d[i], fd);
      expect(false, Name);
    }
    dot += d[i] * t[i];
  }
  double jt = J(x.data(), t.data());
  if (std::fabs(jt - dot) > 1e-9 * std::max(1.0, std::fabs(dot))) {
    std::printf("%s: jvp %.12g, grad . t %.12g\n", Name, jt, dot);
    expect(false, Name);
  }
}

using Hvp = std::function<void(const double *, const double *, double *)>;

/// A Hessian-vector product against central differences (Richardson) of
/// the gradient along v, for a few directions v.
inline void checkHvp(const char *Name, std::vector<double> x, Grad G, Hvp H) {
  int m = static_cast<int>(x.size());
  for (int k = 0; k < 3; ++k) {
    std::vector<double> v(m), hv(m, -9.0), g1(m), g2(m), g3(m), g4(m);
    for (int i = 0; i < m; ++i)
      v[i] = std::cos(0.3 + 1.7 * i + k) + (i == k ? 1.0 : 0.0);
    H(x.data(), v.data(), hv.data());
    auto along = [&](double h, std::vector<double> &g) {
      std::vector<double> y = x;
      for (int i = 0; i < m; ++i)
        y[i] += h * v[i];
      G(y.data(), g.data());
    };
    double h = 1e-4;
    along(h, g1);
    along(-h, g2);
    along(h / 2, g3);
    along(-h / 2, g4);
    for (int i = 0; i < m; ++i) {
      double d1 = (g1[i] - g2[i]) / (2 * h), d2 = (g3[i] - g4[i]) / h;
      double fd = (4 * d2 - d1) / 3;
      if (std::fabs(fd - hv[i]) > 1e-6 * std::max(1.0, std::fabs(fd))) {
        std::printf("%s: Hv[%d] = %.12g, finite differences %.12g\n", Name,
                    i, hv[i], fd);
        expect(false, Name);
      }
    }
  }
}

#endif
