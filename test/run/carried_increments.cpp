// Backward loops that add to neighbouring adjoint elements (a transposed
// stencil) keep the partial sums in registers and add each element to memory
// once (CarryIncrements.cpp): loops counting up and down, reversed indices,
// gaps between offsets, walking pointers, loops that may not run. Offsets
// too far apart and increments inside a branch stay in memory. Every
// gradient and JVP is checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

// A 1-D three-point smoothing, T sweeps between two scratch arrays. The
// backward stencil loop counts down: the element at i + 1 is complete after
// iteration i; i and i - 1 are carried. The loop may not run (n < 3): the
// carried sums are added after it only when it ran.
// CHECK-LABEL: double smooth_grad(
// CHECK: double d_u_partial = 0.0;
// CHECK-NEXT: double d_u_partial_1 = 0.0;
// CHECK: d_u[{{.*}}] += d_u_partial_1 +
// CHECK: if (
// CHECK: d_u[{{.*}}] += d_u_partial;
// CHECK: d_u[{{.*}}] += d_u_partial_1;
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double smooth(const double *x, int n, int T) {
  std::vector<double> u(x, x + n), v(n);
  for (int t = 0; t < T; ++t) {
    for (int i = 1; i + 1 < n; ++i)
      v[i] = 0.25 * u[i - 1] + 0.5 * u[i] + 0.25 * u[i + 1];
    for (int i = 1; i + 1 < n; ++i)
      u[i] = std::sin(v[i]);
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += u[i] * u[i] * (1.0 + 0.1 * i);
  return s;
}

// The same counting down (the backward loop counts up), with std::size_t
// counters declared before the loops and a while loop.
// CHECK-LABEL: double smooth_down_grad(
// CHECK: _partial
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double smooth_down(const double *x, std::size_t n, int T) {
  std::vector<double> u(x, x + n), v(n);
  std::size_t i;
  int t = 0;
  while (t < T) {
    for (i = n - 2; i >= 1 && i < n; --i)
      v[i] = 0.2 * u[i - 1] + 0.7 * u[i] + 0.1 * u[i + 1];
    for (i = 1; i + 1 < n; i++)
      u[i] = v[i] * v[i];
    ++t;
  }
  double s = 0;
  for (i = 0; i < n; ++i)
    s += std::cos(u[i]);
  return s;
}

// Reversed indices and a gap: x[n - 1 - i] and x[n - 4 - i] (offsets 0 and
// -3 of n - i).
// CHECK-LABEL: double reversed_gap_grad(
// CHECK: _partial
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double reversed_gap(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 3 < n; ++i)
    s += std::exp(0.3 * x[n - 1 - i]) * x[n - 4 - i] + x[i];
  return s;
}

// A walking pointer reading p[-1], p[0], p[1].
// CHECK-LABEL: double walk_grad(
// CHECK: _partial
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double walk(const double *x, int n) {
  double s = 0;
  const double *p = x + 1;
  for (int k = 1; k < n - 1; ++k) {
    double lap = p[-1] - 2 * p[0] + p[1];
    s += lap * lap;
    ++p;
  }
  return s;
}

// Offsets nine apart are not carried (eight at most), and increments inside
// a branch stay in memory.
// CHECK-LABEL: double far_and_branch_grad(
// CHECK-NOT: _partial
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double far_and_branch(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 9 < n; ++i)
    s += x[i] * x[i + 9];
  for (int i = 1; i + 1 < n; ++i)
    if (x[i] > 0)
      s += x[i - 1] * x[i + 1];
  return s;
}

// A 2-D five-point stencil written PolyBench style (counters declared
// first); the row above and below are other groups.
// CHECK-LABEL: double jacobi_grad(
// CHECK: double d_a_partial = 0.0;
// CHECK: return
ADGEN(grad, jvp, len(a0, n * n))
double jacobi(const double *a0, int n, int T) {
  int t, i, j;
  std::vector<double> a(a0, a0 + n * n), b(n * n);
  for (t = 0; t < T; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        b[i * n + j] = 0.2 * (a[i * n + j] + a[i * n + j - 1] +
                              a[i * n + 1 + j] + a[(1 + i) * n + j] +
                              a[(i - 1) * n + j]);
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        a[i * n + j] = b[i * n + j];
  }
  double s = 0;
  for (i = 0; i < n * n; i++)
    s += a[i] * a[i] * a[i];
  return s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  for (int n : {1, 2, 3, 4, 6, 11, 13}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.6 * std::sin(1.3 * i + 0.4);
    checkGradJvp(
        "smooth", x, [&](const double *v) { return smooth(v, n, 3); },
        [&](const double *v, double *g) { return smooth_grad(v, n, 3, g); },
        [&](const double *v, const double *t) {
          return smooth_jvp(v, n, 3, t);
        },
        1e-13);
    std::size_t un = n;
    checkGradJvp(
        "smooth_down", x, [&](const double *v) { return smooth_down(v, un, 2); },
        [&](const double *v, double *g) {
          return smooth_down_grad(v, un, 2, g);
        },
        [&](const double *v, const double *t) {
          return smooth_down_jvp(v, un, 2, t);
        },
        1e-13);
    checkGradJvp(
        "reversed_gap", x, [&](const double *v) { return reversed_gap(v, n); },
        [&](const double *v, double *g) { return reversed_gap_grad(v, n, g); },
        [&](const double *v, const double *t) {
          return reversed_gap_jvp(v, n, t);
        },
        1e-13);
    checkGradJvp(
        "walk", x, [&](const double *v) { return walk(v, n); },
        [&](const double *v, double *g) { return walk_grad(v, n, g); },
        [&](const double *v, const double *t) { return walk_jvp(v, n, t); },
        1e-13);
    checkGradJvp(
        "far_and_branch", x,
        [&](const double *v) { return far_and_branch(v, n); },
        [&](const double *v, double *g) {
          return far_and_branch_grad(v, n, g);
        },
        [&](const double *v, const double *t) {
          return far_and_branch_jvp(v, n, t);
        },
        1e-13);
  }
  for (int n : {1, 2, 3, 5}) {
    std::vector<double> a(n * n);
    for (int i = 0; i < n * n; ++i)
      a[i] = 0.5 * std::cos(0.9 * i + 0.1);
    checkGradJvp(
        "jacobi", a, [&](const double *v) { return jacobi(v, n, 3); },
        [&](const double *v, double *g) { return jacobi_grad(v, n, 3, g); },
        [&](const double *v, const double *t) {
          return jacobi_jvp(v, n, 3, t);
        },
        1e-13);
  }
  return ok ? 0 : 1;
}
#endif
