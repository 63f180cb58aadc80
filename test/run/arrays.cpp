// Functions of arrays (seed 000 problems 2 and 5, seed 001's exercises):
// gradients through loops over pointers with len(...), std::vector,
// std::array and T[N], checked against finite differences (relative 1e-6)
// and against the analytic gradients (1e-9).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

// f(x) = 1/2 x^T A x + b^T x + c
ADGEN(grad(x), len(x, n), len(A, n * n), len(b, n))
double quadratic(const double *x, const double *A, const double *b, double c,
                 int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double Ax = 0;
    for (int j = 0; j < n; ++j)
      Ax += A[i * n + j] * x[j];
    s += 0.5 * x[i] * Ax + b[i] * x[i];
  }
  return s + c;
}
// A and x are read-only, so the backward sweep recomputes A[i * n + j] * x[j]
// instead of recording it, and since its loops only accumulate, they are
// fused with the forward loops: one pass over A, no tape, loops stay loops
// (the update of d_x[i], which needs the whole row's sum, follows the row).
// CHECK-LABEL: double quadratic_grad(const double *x, const double *A,
// CHECK: std::fill_n(d_x, n, 0.0);
// CHECK-NOT: Stack
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK: const double d_Ax = 0.5 * {{.*}};
// CHECK: for (int j = 0; j < n; ++j) {
// CHECK-NEXT: const double [[A:tmp[0-9]+]] = A[i * n + j];
// CHECK-NEXT: d_x[j] += [[A]] * d_Ax;
// CHECK-NEXT: Ax = Ax + [[A]] * x[j];
// CHECK-NEXT: }
// CHECK-NEXT: d_x[i] += {{.*}}Ax;

// f(x) = (x^T x)^2
ADGEN(grad, jvp)
double squared_norm_squared(const std::vector<double> &x) {
  double s = 0;
  for (double v : x)
    s += v * v;
  return s * s;
}
// CHECK-LABEL: double squared_norm_squared_grad(const std::vector<double> &x,
// CHECK-NEXT: std::vector<double> &d_x) {
// CHECK: d_x.assign(x.size(), 0.0);

// log sum_i exp(a_i^T x + b_i), A is m x n
ADGEN(grad(x), len(A, m * n), len(b, m), len(x, n))
double log_sum_exp(const double *A, const double *b, const double *x, int m,
                   int n) {
  double top = -1e300;
  for (int i = 0; i < m; ++i) {
    double z = b[i];
    for (int j = 0; j < n; ++j)
      z += A[i * n + j] * x[j];
    top = std::fmax(top, z);
  }
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double z = b[i];
    for (int j = 0; j < n; ++j)
      z += A[i * n + j] * x[j];
    s += std::exp(z - top);
  }
  return top + std::log(s);
}

// ln(1 + exp<a, x>)
ADGEN(grad(x))
double softplus_dot(const std::array<double, 8> &a, const std::array<double, 8> &x) {
  double d = 0;
  for (int i = 0; i < 8; ++i)
    d += a[i] * x[i];
  return std::log1p(std::exp(d));
}

// 1/2 ||Ax - b||^2
ADGEN(grad(x), len(A, m * n), len(b, m), len(x, n))
double least_squares(const double *A, const double *b, const double *x, int m,
                     int n) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double r = -b[i];
    for (int j = 0; j < n; ++j)
      r += A[i * n + j] * x[j];
    s += r * r;
  }
  return 0.5 * s;
}

// ||x||_2, -1 / (1 + x^T x), (1/3) ||x||^3 on a C array
ADGEN(grad) double norm2(const double x[5]) {
  double s = 0;
  for (int i = 0; i < 5; ++i)
    s += x[i] * x[i];
  return std::sqrt(s);
}
ADGEN(grad) double inverse_bump(const double x[5]) {
  double s = 0;
  for (int i = 0; i < 5; ++i)
    s += x[i] * x[i];
  return -1 / (1 + s);
}
ADGEN(grad) double norm_cubed(const double x[5]) {
  double s = 0;
  for (int i = 0; i < 5; ++i)
    s += x[i] * x[i];
  return std::pow(std::sqrt(s), 3) / 3;
}

// mean logistic loss (1/m) sum_i log(1 + exp(a_i^T x)) + mu/2 ||x||^2
ADGEN(grad(x), len(A, m * n), len(x, n))
double logistic_loss(const double *A, const double *x, double mu, int m, int n) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < n; ++j)
      z += A[i * n + j] * x[j];
    loss += std::log1p(std::exp(z));
  }
  double reg = 0;
  for (int j = 0; j < n; ++j)
    reg += x[j] * x[j];
  return loss / m + 0.5 * mu * reg;
}

#ifndef __ADGEN__
#include <random>
#include "expect.h"
static std::vector<double> random_vector(std::mt19937 &rng, int n, double lo,
                                         double hi) {
  std::uniform_real_distribution<double> U(lo, hi);
  std::vector<double> v(n);
  for (double &e : v)
    e = U(rng);
  return v;
}
static bool all_close(const std::vector<double> &a,
                      const std::vector<double> &b, double rtol) {
  for (size_t i = 0; i < a.size(); ++i)
    if (!adgen::close(a[i], b[i], adgen::CheckOptions{rtol, 1e-13, true}))
      return false;
  return a.size() == b.size();
}

int main() {
  std::mt19937 rng(42);
  {
    const int n = 100;
    auto A = random_vector(rng, n * n, 0, 1), b = random_vector(rng, n, 0, 1),
         x = random_vector(rng, n, 0, 1);
    std::vector<double> d(n);
    double dA, db, dc; // unused: only x is differentiated
    (void)dA, (void)db, (void)dc;
    double v = quadratic_grad(x.data(), A.data(), b.data(), 1.0, n, d.data());
    expect(v == quadratic(x.data(), A.data(), b.data(), 1.0, n), "quadratic value");
    std::vector<double> analytic(n);
    for (int i = 0; i < n; ++i) {
      analytic[i] = b[i];
      for (int j = 0; j < n; ++j)
        analytic[i] += 0.5 * (A[i * n + j] + A[j * n + i]) * x[j];
    }
    expect(all_close(d, analytic, 1e-9), "quadratic analytic");
    auto f = [&](const std::vector<double> &y) {
      return quadratic(y.data(), A.data(), b.data(), 1.0, n);
    };
    expect(adgen::check_gradient(f, x, d), "quadratic fd");
  }
  {
    auto x = random_vector(rng, 30, -1, 1);
    std::vector<double> d{7.0}; // resized and overwritten
    squared_norm_squared_grad(x, d);
    double s = 0;
    for (double e : x)
      s += e * e;
    std::vector<double> analytic(x.size());
    for (size_t i = 0; i < x.size(); ++i)
      analytic[i] = 4 * s * x[i];
    expect(all_close(d, analytic, 1e-9), "(x^T x)^2 analytic");
    expect(adgen::check_gradient(squared_norm_squared, x, d), "(x^T x)^2 fd");
    auto t = random_vector(rng, 30, -1, 1);
    double value, dot = 0;
    for (size_t i = 0; i < x.size(); ++i)
      dot += d[i] * t[i];
    expect(adgen::close(squared_norm_squared_jvp(x, t, &value), dot,
                        adgen::CheckOptions{1e-12, 1e-14, true}),
           "(x^T x)^2 jvp");
  }
  {
    const int m = 7, n = 5;
    auto A = random_vector(rng, m * n, -1, 1), b = random_vector(rng, m, -1, 1),
         x = random_vector(rng, n, -1, 1);
    std::vector<double> d(n);
    log_sum_exp_grad(A.data(), b.data(), x.data(), m, n, d.data());
    std::vector<double> z(m), analytic(n, 0.0);
    double top = -1e300, s = 0;
    for (int i = 0; i < m; ++i) {
      z[i] = b[i];
      for (int j = 0; j < n; ++j)
        z[i] += A[i * n + j] * x[j];
      top = std::fmax(top, z[i]);
    }
    for (int i = 0; i < m; ++i)
      s += std::exp(z[i] - top);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j)
        analytic[j] += std::exp(z[i] - top) / s * A[i * n + j];
    expect(all_close(d, analytic, 1e-9), "log-sum-exp analytic");
    auto f = [&](const std::vector<double> &y) {
      return log_sum_exp(A.data(), b.data(), y.data(), m, n);
    };
    expect(adgen::check_gradient(f, x, d), "log-sum-exp fd");

    std::vector<double> dl(n);
    least_squares_grad(A.data(), b.data(), x.data(), m, n, dl.data());
    std::vector<double> ls(n, 0.0);
    for (int i = 0; i < m; ++i) {
      double r = -b[i];
      for (int j = 0; j < n; ++j)
        r += A[i * n + j] * x[j];
      for (int j = 0; j < n; ++j)
        ls[j] += A[i * n + j] * r;
    }
    expect(all_close(dl, ls, 1e-9), "least squares analytic");
    auto g = [&](const std::vector<double> &y) {
      return least_squares(A.data(), b.data(), y.data(), m, n);
    };
    expect(adgen::check_gradient(g, x, dl), "least squares fd");

    std::vector<double> dg(n);
    logistic_loss_grad(A.data(), x.data(), 0.1, m, n, dg.data());
    std::vector<double> lg(n);
    for (int j = 0; j < n; ++j)
      lg[j] = 0.1 * x[j];
    for (int i = 0; i < m; ++i) {
      double zi = 0;
      for (int j = 0; j < n; ++j)
        zi += A[i * n + j] * x[j];
      for (int j = 0; j < n; ++j)
        lg[j] += A[i * n + j] / (1 + std::exp(-zi)) / m;
    }
    expect(all_close(dg, lg, 1e-9), "logistic loss analytic");
    auto h = [&](const std::vector<double> &y) {
      return logistic_loss(A.data(), y.data(), 0.1, m, n);
    };
    expect(adgen::check_gradient(h, x, dg), "logistic loss fd");
  }
  {
    std::array<double, 8> a{}, x{}, d{};
    for (int i = 0; i < 8; ++i) {
      a[i] = 0.1 * (i - 3);
      x[i] = 0.2 * (5 - i);
    }
    softplus_dot_grad(a, x, d);
    double dot = 0;
    for (int i = 0; i < 8; ++i)
      dot += a[i] * x[i];
    for (int i = 0; i < 8; ++i)
      expect(adgen::close(d[i], a[i] / (1 + std::exp(-dot)),
                          adgen::CheckOptions{1e-9, 1e-13, true}),
             "softplus analytic");
  }
  {
    double x[5] = {0.3, -1.2, 0.5, 2.0, -0.7}, d[5];
    double s = 0;
    for (double e : x)
      s += e * e;
    double r = std::sqrt(s);
    std::vector<double> xv(x, x + 5);
    norm2_grad(x, d);
    for (int i = 0; i < 5; ++i)
      expect(adgen::close(d[i], x[i] / r, adgen::CheckOptions{1e-9, 1e-13, true}),
             "norm analytic");
    inverse_bump_grad(x, d);
    for (int i = 0; i < 5; ++i)
      expect(adgen::close(d[i], 2 * x[i] / ((1 + s) * (1 + s)),
                          adgen::CheckOptions{1e-9, 1e-13, true}),
             "inverse bump analytic");
    norm_cubed_grad(x, d);
    for (int i = 0; i < 5; ++i)
      expect(adgen::close(d[i], r * x[i], adgen::CheckOptions{1e-9, 1e-13, true}),
             "norm cubed analytic");
    auto f = [](const std::vector<double> &y) { return norm_cubed(y.data()); };
    expect(adgen::check_gradient(f, xv, std::vector<double>(d, d + 5)),
           "norm cubed fd");
  }
  std::puts(ok ? "arrays: ok" : "arrays: FAILED");
  return ok ? 0 : 1;
}
#endif
