// Inputs the random program generator (test/Inputs/random_programs.py) found
// adgen wrong on: each once gave an internal error, a warning under -Werror,
// a NaN derivative or an unresized gradient vector. Each derivative is
// checked against finite differences or its analytic value.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <vector>

// vjp of a function returning the constant 0.0 whose outputs use hypot or
// fmin of a select: the returned constant was looked up inside the backward
// loop ("operand is not defined before use").
ADGEN(vjp, len(out, n), len(y, n))
double hypot_outputs(double x, const double *y, double *out, int n) {
  double c = x > 0.0 ? x : 0.0;
  for (int i = 0; i < n; ++i)
    out[i] = std::hypot(c, y[i]) + std::fmin(c, y[i]);
  return 0.0;
}

// fmax's tangent is a select: the argument not chosen may have an infinite
// tangent (sqrt at 0) and must not turn the derivative into NaN.
ADGEN(grad, jvp)
double fmax_of_sqrt(double x, double y) {
  return x * std::fmax(0.1, std::sqrt(y));
}

// A std::array used only for its size: [[maybe_unused]] (-Werror).
ADGEN(grad, jvp)
double size_only(const std::array<double, 4> &v,
                 const std::array<double, 4> &x) {
  double s = 0.0;
  for (int j = 0; j < static_cast<int>(x.size()); ++j)
    s += v[j] * v[j];
  return s;
}

// A std::vector gradient is resized even when its first write is a loop over
// a shorter length.
static double mean_tanh(const double *v, int m) {
  double s = 0.0;
  for (int i = 0; i < m; ++i)
    s += std::tanh(0.75 * v[i]);
  return s / m;
}

ADGEN(grad)
double vector_resized(const std::vector<double> &x, int n) {
  double acc = 0.0;
  for (double k : x)
    acc += k * k;
  return acc + mean_tanh(x.data(), n);
}

// 0.0 + x is not x when x is -0.0 (IEEE gives +0.0): the folder kept the
// -0.0 and copysign gave the opposite sign (random programs, seed 1009).
ADGEN(grad, jvp)
double signed_zero(double p) {
  double hs = 0.0;
  double w = (0.5 - p) * std::pow(hs * -0.25, 3); // -0.0 for p < 0.5
  hs += w;                                        // +0.0
  return std::copysign(p + p, hs) + 0.25 * hs;
}

// Each step reads t twice, so the expression graph of the derivative shares
// every subexpression: walks over it without a visited set took 2^40 steps
// (loop fusion's test for an accumulation hung; random programs, seeds 209
// and 220).
ADGEN(grad, hvp, len(x, n))
double shared_chain(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = x[i];
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    t = std::sin(t) + 0.5 * t;
    s += t;
  }
  return s;
}

// A pointer whose length is another parameter's size and whose values the
// result does not depend on: the Hessian never names it, so it is
// [[maybe_unused]] (-Werror; random programs, seed 315).
ADGEN(grad, hessian, len(v, x.size()))
double unread_pointer(const std::array<double, 3> &x, const double *v,
                      double a) {
  for (int i = 0; i < 3; ++i) {
    double t = v[i] * a;
    t = 0.7 * t + v[i];
  }
  return x[1] * a * a;
}

// The Jacobian of a function reading an array of records of unknown size:
// its forward branch, taken when the columns (5 + v.size()) are few, is
// unreachable for any size, and g++ -O1 warned (-Wstringop-overflow) on the
// zeroing of the tangent array in it, sized by a negative count there.
struct FuzzPt {
  int id;
  double pos;
};
ADGEN(jacobian)
double records_jacobian(const std::array<FuzzPt, 5> &x, double a,
                        const std::vector<FuzzPt> &v) {
  if (a > 0.8)
    return std::atanh(0.5 * v[0].pos) * a;
  return (v[1].pos - a) * std::cos(x[0].pos) + a * x[4].pos;
}

#ifndef __ADGEN__
#include "expect.h"

int main() {
  {
    const int n = 3;
    double y[n] = {0.5, -1.0, 2.0}, out[n], w[n] = {1.0, 2.0, -1.0}, d_y[n];
    for (double x : {-1.0, 0.7}) {
      double d_x = -1;
      double value = hypot_outputs_vjp(x, y, out, n, 1.0, w, &d_x, d_y);
      expect(value == 0.0, "hypot_outputs: value");
      double c = x > 0 ? x : 0, dc = x > 0 ? 1 : 0, ex = 0;
      for (int i = 0; i < n; ++i) {
        double h = std::hypot(c, y[i]);
        double wc = (h == 0 ? 0 : c / h) + (c < y[i] ? 1 : 0);
        double wy = (h == 0 ? 0 : y[i] / h) + (y[i] < c ? 1 : 0);
        ex += w[i] * wc * dc;
        expect(std::fabs(d_y[i] - w[i] * wy) < 1e-14, "hypot_outputs: d_y");
      }
      expect(std::fabs(d_x - ex) < 1e-14, "hypot_outputs: d_x");
    }
  }
  {
    std::array<FuzzPt, 5> x{};
    std::vector<FuzzPt> v(3);
    for (int i = 0; i < 5; ++i)
      x[i].pos = 0.1 * i + 0.2;
    for (int i = 0; i < 3; ++i)
      v[i].pos = 0.3 - 0.2 * i;
    for (double a : {0.5, 0.9}) {
      double J[9];
      double value = records_jacobian_jacobian(x, a, v, J);
      expect(value == records_jacobian(x, a, v), "records_jacobian: value");
      // Columns: x[0..4].pos, a, v[0..2].pos; central differences.
      auto at = [&](int k, double h) {
        std::array<FuzzPt, 5> y = x;
        std::vector<FuzzPt> w = v;
        double b = a;
        if (k < 5)
          y[k].pos += h;
        else if (k == 5)
          b += h;
        else
          w[k - 6].pos += h;
        return records_jacobian(y, b, w);
      };
      for (int k = 0; k < 9; ++k) {
        double fd = (at(k, 1e-6) - at(k, -1e-6)) / 2e-6;
        expect(std::fabs(J[k] - fd) < 1e-7, "records_jacobian: column");
      }
    }
  }
  {
    double d_x = -1, d_y = -1;
    fmax_of_sqrt_grad(2.0, 0.0, &d_x, &d_y);
    expect(d_x == 0.1 && d_y == 0, "fmax_of_sqrt: gradient at y = 0");
    expect(fmax_of_sqrt_jvp(2.0, 0.0, 0.0, 1.0, nullptr) == 0,
           "fmax_of_sqrt: jvp along y at y = 0");
    expect(adgen::check_grad(fmax_of_sqrt, fmax_of_sqrt_grad, 2.0, 0.25),
           "fmax_of_sqrt: gradient at y = 0.25");
  }
  {
    std::array<double, 4> v{1, 2, 3, 4}, x{}, d_v{}, d_x{};
    size_only_grad(v, x, d_v, d_x);
    expect(d_v[2] == 6 && d_x[0] == 0, "size_only: gradient");
  }
  {
    std::vector<double> x{0.1, 0.2, 0.3, 0.4}, d; // d empty: f_grad resizes
    vector_resized_grad(x, 2, d);
    expect(d.size() == 4, "vector_resized: d_x resized");
    if (d.size() == 4)
      for (int i = 0; i < 4; ++i) {
        double t = std::tanh(0.75 * x[i]);
        double ex = 2 * x[i] + (i < 2 ? 0.75 * (1 - t * t) / 2 : 0);
        expect(std::fabs(d[i] - ex) < 1e-14, "vector_resized: gradient");
      }
  }
  {
    double d = 0;
    expect(signed_zero_grad(0.2, &d) == signed_zero(0.2) &&
               signed_zero(0.2) == 0.4 && d == 2,
           "signed_zero: value and gradient");
    double v = 0;
    expect(signed_zero_jvp(0.2, 1.0, &v) == 2 && v == 0.4,
           "signed_zero: jvp and value");
  }
  {
    // Derivative of one chain step by step: t' = cos(t) + 0.5, and
    // t'' = -sin(t) t'^2 + (cos(t) + 0.5) t''.
    const int n = 3;
    double x[n] = {0.3, -0.8, 1.4}, g[n], v[n] = {1.0, -2.0, 0.5}, hv[n];
    shared_chain_grad(x, n, g);
    shared_chain_hvp(x, n, v, hv);
    for (int i = 0; i < n; ++i) {
      double t = x[i], d1 = 1, d2 = 0;
      for (int k = 0; k < 40; ++k) {
        double c = std::cos(t) + 0.5;
        d2 = -std::sin(t) * d1 * d1 + c * d2;
        d1 = c * d1;
        t = std::sin(t) + 0.5 * t;
      }
      expect(std::fabs(g[i] - d1) < 1e-12 * (1 + std::fabs(d1)),
             "shared_chain: gradient");
      expect(std::fabs(hv[i] - d2 * v[i]) < 1e-10 * (1 + std::fabs(d2)),
             "shared_chain: hvp");
    }
  }
  {
    // f = x1 a^2: the Hessian in (x, v, a) has only H[x1][a] = H[a][x1] = 2a
    // and H[a][a] = 2 x1.
    std::array<double, 3> x{0.5, -1.5, 2.0};
    double v[3] = {1, 2, 3}, H[7 * 7], a = 0.75;
    expect(unread_pointer_hessian(x, v, a, H) == x[1] * a * a,
           "unread_pointer: value");
    for (int r = 0; r < 7; ++r)
      for (int c = 0; c < 7; ++c) {
        double ex = 0;
        if ((r == 1 && c == 6) || (r == 6 && c == 1))
          ex = 2 * a;
        if (r == 6 && c == 6)
          ex = 2 * x[1];
        expect(H[r * 7 + c] == ex, "unread_pointer: Hessian");
      }
  }
  if (ok)
    std::printf("fuzz regressions checked\n");
  return ok ? 0 : 1;
}
#endif
