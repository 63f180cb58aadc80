// Local arrays filled by a loop with a cheap function of the index
// (c[i] = x[i] - mu[i]): reads of what the fill stored compute the function
// again, so reverse mode saves nothing for them (ContractArrays.cpp). Reads
// outside the filled range, after another write, or of a fill that calls
// exp keep reading the array. Every gradient and JVP is checked against
// central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

constexpr int D = 4, P = 3;

// A quadratic form per point, the centred point in a scratch vector that
// every point overwrites (the shape of ADBench's GMM).
// CHECK-LABEL: double quad_points_grad(
// CHECK-NOT: tape_c
// CHECK-NOT: c[
// CHECK: return
ADGEN(grad, jvp, len(x, P *D), len(mu, D), len(A, D *D))
double quad_points(const double *x, const double *mu, const double *A) {
  std::vector<double> c(D);
  double s = 0;
  for (int p = 0; p < P; ++p) {
    for (int i = 0; i < D; ++i)
      c[i] = x[p * D + i] - mu[i];
    double q = 0;
    for (int i = 0; i < D; ++i)
      for (int j = 0; j < D; ++j)
        q += c[i] * A[i * D + j] * c[j];
    s += std::log(1.0 + q) + std::sin(c[D - 1 - p]);
  }
  return s;
}

// The same with the counter declared first, a while loop, and reads
// reversed (c[D - 1 - i]).
// The tanh values it records get their room once, before the outer loop
// (its inner loop's bounds are constants).
// CHECK-LABEL: double quad_while_grad(
// CHECK-NOT: tape_c
// CHECK: tape.reserve(12);
// CHECK-NEXT: double s = 0.0;
// CHECK-NOT: reserve
// CHECK-NOT: c[
// CHECK: return
ADGEN(grad, jvp, len(x, P *D), len(mu, D))
double quad_while(const double *x, const double *mu) {
  double c[D];
  double s = 0;
  int p = 0;
  while (p < P) {
    int i;
    for (i = 0; i < D; i++)
      c[i] = 2.0 * (x[p * D + i] - mu[i]);
    for (i = 0; i < D; i++)
      s += std::tanh(c[i] * c[D - 1 - i]);
    ++p;
  }
  return s;
}

// Filled from 1 only: t[0] keeps its zero, and the loop that reads t[0]
// too still reads the array; a later write ends what is known.
ADGEN(grad, jvp, len(x, n))
double partial_fill(const double *x, int n) {
  std::vector<double> t(n);
  for (int i = 1; i < n; ++i)
    t[i] = x[i] * x[i - 1];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += t[i] * x[i];
  for (int i = 1; i < n; ++i)
    s += std::cos(t[i]);
  t[n / 2] = 3.0 * x[0];
  for (int i = 1; i < n; ++i)
    s += t[i] * t[i];
  return s;
}

// A fill that calls exp is kept as an array (too costly to compute again).
// CHECK-LABEL: double exp_fill_grad(
// CHECK: std::exp
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double exp_fill(const double *x, int n) {
  std::vector<double> e(n);
  for (int i = 0; i < n; ++i)
    e[i] = std::exp(0.5 * x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      s += e[i] * e[j] / (1.0 + (i - j) * (i - j));
  return std::log(s);
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  std::vector<double> xs(P * D + D + D * D);
  for (size_t i = 0; i < xs.size(); ++i)
    xs[i] = 0.3 * std::sin(1.0 + 0.9 * i);
  for (int i = 0; i < D; ++i) // A positive definite enough: 1 + q > 0
    xs[P * D + D + i * D + i] = 1.5;
  const int MU = P * D, AA = P * D + D;
  checkGradJvp(
      "quad_points", xs,
      [&](const double *v) { return quad_points(v, v + MU, v + AA); },
      [&](const double *v, double *g) {
        return quad_points_grad(v, v + MU, v + AA, g, g + MU, g + AA);
      },
      [&](const double *v, const double *t) {
        return quad_points_jvp(v, v + MU, v + AA, t, t + MU, t + AA);
      },
      1e-14);
  std::vector<double> xw(xs.begin(), xs.begin() + P * D + D);
  checkGradJvp(
      "quad_while", xw, [&](const double *v) { return quad_while(v, v + MU); },
      [&](const double *v, double *g) {
        return quad_while_grad(v, v + MU, g, g + MU);
      },
      [&](const double *v, const double *t) {
        return quad_while_jvp(v, v + MU, t, t + MU);
      },
      1e-14);
  for (int n : {1, 2, 7}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.4 * std::cos(0.7 * i + 0.2);
    checkGradJvp(
        "partial_fill", x, [&](const double *v) { return partial_fill(v, n); },
        [&](const double *v, double *g) { return partial_fill_grad(v, n, g); },
        [&](const double *v, const double *t) {
          return partial_fill_jvp(v, n, t);
        },
        1e-14);
    checkGradJvp(
        "exp_fill", x, [&](const double *v) { return exp_fill(v, n); },
        [&](const double *v, double *g) { return exp_fill_grad(v, n, g); },
        [&](const double *v, const double *t) { return exp_fill_jvp(v, n, t); },
        1e-14);
  }
  return ok ? 0 : 1;
}
#endif
