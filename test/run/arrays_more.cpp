// More array forms: std::span (C++20), C-array outputs with vjp, local
// arrays (T[N] with initialisers, std::array, std::vector(n, v), copies),
// overwriting elements several times, a[i] += ..., ++a[i], in-out arrays in
// jvp, integer arrays as non-differentiable inputs. Checked against finite
// differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++20
// RUN: %adgen %s -o %t.cpp -- -std=c++20
// RUN: %gxx %cxxflags -std=c++20 -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -std=c++20 -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

// Weighted sum of squares with integer weights from an int array.
ADGEN(grad(x), jvp(x))
double span_energy(std::span<const double> x, std::span<const int> w) {
  double s = 0;
  for (size_t i = 0; i < x.size(); ++i)
    s += w[i] * x[i] * x[i];
  return s;
}

// A C-array output: y = cumulative products of x, then y[0] overwritten.
ADGEN(vjp, jvp)
void cumprod(const double x[4], double y[4]) {
  double p = 1;
  for (int i = 0; i < 4; ++i) {
    p *= x[i];
    y[i] = p;
  }
  y[0] = y[0] * y[3];
  y[1] += x[0];
  ++y[2];
}

// Local arrays of every kind, each element written several times.
ADGEN(grad, len(x, n))
double locals(const double *x, int n) {
  double a[3] = {1.0, 2.0};
  std::array<double, 3> b{};
  std::vector<double> c(n, 0.5);
  std::vector<double> d(c);
  for (int i = 0; i < n; ++i) {
    a[i % 3] = a[i % 3] * x[i] + 1;
    b[i % 3] += std::sin(x[i]);
    c[i] = c[i] + x[i] * x[i];
    c[i] = c[i] * d[i];
  }
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += a[i] * b[i];
  for (double v : c)
    s += v;
  return s;
}

// An in-out array: y is read before it is written.
ADGEN(jvp)
void scale_in_place(const std::vector<double> &k, std::vector<double> &y) {
  for (size_t i = 0; i < y.size(); ++i)
    y[i] = y[i] * k[i] + std::exp(k[i]);
}

#ifndef __ADGEN__
#include "expect.h"

int main() {
  {
    std::vector<double> x{0.3, -1.2, 0.8, 2.0};
    std::vector<int> w{1, 2, 3, 4};
    std::vector<double> d(4);
    span_energy_grad(x, w, d);
    auto f = [&](const std::vector<double> &y) {
      return span_energy(y, w);
    };
    expect(adgen::check_gradient(f, x, d), "span grad");
    std::vector<double> t{1, -1, 0.5, 2};
    double dot = 0;
    for (int i = 0; i < 4; ++i)
      dot += d[i] * t[i];
    expect(adgen::close(span_energy_jvp(x, w, t), dot,
                        adgen::CheckOptions{1e-12, 1e-14, true}),
           "span jvp");
  }
  {
    double x[4] = {0.5, -1.5, 2.0, 0.7}, y[4], w[4] = {1, -2, 0.5, 3}, d[4];
    cumprod_vjp(x, y, w, d);
    double y0[4];
    cumprod(x, y0);
    for (int i = 0; i < 4; ++i)
      expect(y[i] == y0[i], "cumprod outputs");
    auto weighted = [&](const std::vector<double> &v) {
      double out[4];
      cumprod(v.data(), out);
      double s = 0;
      for (int i = 0; i < 4; ++i)
        s += w[i] * out[i];
      return s;
    };
    std::vector<double> xv(x, x + 4);
    expect(adgen::check_gradient(weighted, xv, std::vector<double>(d, d + 4)),
           "cumprod vjp");
    double t[4] = {1, 0.5, -1, 2}, ty[4];
    cumprod_jvp(x, y, t, ty);
    for (int i = 0; i < 4; ++i) {
      auto yi = [&](const std::vector<double> &v) {
        double out[4];
        cumprod(v.data(), out);
        return out[i];
      };
      expect(adgen::close(ty[i],
                          adgen::fd_directional(yi, xv, std::vector<double>(t, t + 4)),
                          adgen::CheckOptions{}),
             "cumprod jvp");
    }
  }
  {
    std::vector<double> x{0.3, -0.7, 1.1, 0.2, -1.4, 0.9, 0.5};
    std::vector<double> d(x.size());
    locals_grad(x.data(), (int)x.size(), d.data());
    auto f = [](const std::vector<double> &y) {
      return locals(y.data(), (int)y.size());
    };
    expect(adgen::check_gradient(f, x, d), "local arrays");
  }
  {
    std::vector<double> k{0.2, -0.5, 1.3}, y{1.0, 2.0, -1.0}, tk{1, 2, 3},
        ty{0.5, -1, 2};
    // d/dk (y k + e^k) tk + k ty (ty holds the tangent of y's initial value)
    std::vector<double> expected(3);
    for (int i = 0; i < 3; ++i)
      expected[i] = y[i] * tk[i] + std::exp(k[i]) * tk[i] + k[i] * ty[i];
    std::vector<double> y0 = y;
    scale_in_place_jvp(k, y, tk, ty);
    for (int i = 0; i < 3; ++i) {
      expect(adgen::close(ty[i], expected[i], adgen::CheckOptions{1e-12, 1e-14, true}),
             "in-out jvp");
      expect(adgen::close(y[i], y0[i] * k[i] + std::exp(k[i]),
                          adgen::CheckOptions{1e-15, 0, true}),
             "in-out value");
    }
  }
  std::puts(ok ? "arrays more: ok" : "arrays more: FAILED");
  return ok ? 0 : 1;
}
#endif
