// Lengths in len(...) are C++ expressions parsed by Clang in the scope of the
// function: parameters, constexpr constants, macros, namespace constants,
// casts, expressions over several lines, on either declaration. The
// generated code spells each length canonically (folded constants,
// parenthesised operators), and every gradient matches finite differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>

// The first half of x, rounded up.
ADGEN(grad, len(x, (n + 1) / 2))
double first_half(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < (n + 1) / 2; ++i)
    s += (i + 1) * x[i] * x[i];
  return std::sqrt(s);
}
// The loop writes d_x up to (n + 1) / 2 (FirstTouch): zeroing the rest is
// a loop up to the length.
// CHECK-LABEL: double first_half_grad(
// CHECK: static_cast<long long>(((n + 1) / 2));

ADGEN(grad, len(x, n % 7 + 1))
double wrapped(const double *x, int n) {
  double p = 1;
  for (int i = 0; i < n % 7 + 1; ++i)
    p *= 1 + x[i] * x[i];
  return std::log(p);
}
// CHECK-LABEL: double wrapped_grad(
// CHECK: static_cast<long long>(((n % 7) + 1));

// Constants are folded: N * M is 12 in the generated code.
constexpr int N = 3, M = 4;
ADGEN(grad, len(A, N * M))
double frobenius(const double *A) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < M; ++j)
      s += (i + 1) * A[i * M + j] * A[i * M + j];
  return s;
}
// CHECK-LABEL: double frobenius_grad(
// CHECK: std::fill_n(d_A, 12, 0.0);

// A macro is expanded, as in the function.
#define BLOCK 4
ADGEN(grad, len(x, BLOCK * n))
double blocks(const double *x, int n) {
  double s = 0;
  for (int b = 0; b < n; ++b)
    for (int k = 0; k < BLOCK; ++k)
      s += std::sin(x[b * BLOCK + k]) * (k + 1);
  return s;
}
// CHECK-LABEL: double blocks_grad(
// CHECK: std::fill_n(d_x, 4 * n, 0.0);

// Names are looked up in the function's namespace.
namespace geo {
constexpr int Dim = 3;
ADGEN(grad, len(p, Dim * n))
double spread(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int d = 0; d < Dim; ++d)
      s += (p[i * Dim + d] - p[d]) * (p[i * Dim + d] - p[d]);
  return s;
}
} // namespace geo
// CHECK-LABEL: double spread_grad(
// CHECK: std::fill_n(d_p, 3 * n, 0.0);

// Over two lines, and two lengths on one function, with an unsigned
// parameter and a cast.
ADGEN(grad, len(x, n *
                   m + 1),
      len(w, static_cast<int>(m) - 1))
double weighted(const double *x, const double *w, int n, std::size_t m) {
  double s = x[0] * x[0];
  for (int i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      s += w[j % (m - 1)] * x[1 + i * m + j] * x[1 + i * m + j];
  return s;
}
// CHECK-LABEL: double weighted_grad(
// CHECK-DAG: std::fill_n(d_x, (n * m) + 1, 0.0);
// CHECK-DAG: std::fill_n(d_w, static_cast<int>(m) - 1, 0.0);

// Marked on two declarations: the lengths on the first, the mode on the
// definition.
ADGEN(len(x, 2 * n)) double pairs(const double *x, int n);
ADGEN(grad)
double pairs(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[2 * i] * std::exp(x[2 * i + 1]);
  return s;
}
// CHECK-LABEL: double pairs_grad(
// CHECK: std::fill_n(d_x, 2 * n, 0.0);

#ifndef __ADGEN__
#include "expect.h"
#include <adgen/runtime.h>
#include <vector>

static std::vector<double> sample(std::size_t n) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = 0.3 + 0.1 * static_cast<double>(i % 5) - 0.05 * i;
  return x;
}

int main() {
  for (int n : {1, 4, 7, 13}) {
    std::vector<double> x = sample((n + 1) / 2), d(x.size());
    first_half_grad(x.data(), n, d.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return first_half(y.data(), n);
               },
               x, d),
           "first_half");
    x = sample(n % 7 + 1);
    d.assign(x.size(), 0.0);
    wrapped_grad(x.data(), n, d.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return wrapped(y.data(), n);
               },
               x, d),
           "wrapped");
    x = sample(4 * n);
    d.assign(x.size(), 0.0);
    blocks_grad(x.data(), n, d.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return blocks(y.data(), n);
               },
               x, d),
           "blocks");
    x = sample(3 * n);
    d.assign(x.size(), 0.0);
    geo::spread_grad(x.data(), n, d.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return geo::spread(y.data(), n);
               },
               x, d),
           "spread");
    x = sample(2 * n);
    d.assign(x.size(), 0.0);
    pairs_grad(x.data(), n, d.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return pairs(y.data(), n);
               },
               x, d),
           "pairs");
    std::size_t m = 3;
    x = sample(n * m + 1);
    std::vector<double> w = sample(m - 1), dx(x.size()), dw(w.size());
    weighted_grad(x.data(), w.data(), n, m, dx.data(), dw.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &y) {
                 return weighted(y.data(), w.data(), n, m);
               },
               x, dx),
           "weighted x");
    expect(adgen::check_gradient(
               [&](const std::vector<double> &v) {
                 return weighted(x.data(), v.data(), n, m);
               },
               w, dw),
           "weighted w");
  }
  std::vector<double> A = sample(12), dA(12);
  frobenius_grad(A.data(), dA.data());
  expect(adgen::check_gradient(
             [](const std::vector<double> &y) { return frobenius(y.data()); },
             A, dA),
         "frobenius");
  std::puts(ok ? "lengths: ok" : "lengths: FAILED");
  return ok ? 0 : 1;
}
#endif
