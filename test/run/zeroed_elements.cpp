// An accumulation into an adjoint element known to be zero assigns
// (ZeroedElements.cpp): a zero-filled gradient output or a fresh local
// adjoint written once per element by a loop nest (counting up or down,
// counters declared first, std::size_t, under a branch, through a walking
// pointer), and the double buffer of a stencil whose adjoint one sweep sets
// and the next reads and clears. Accumulations that may meet an element
// twice keep +=: the same element every outer iteration, i % n, a
// triangular loop, a second read of the same array. Every gradient and JVP
// is checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

// CHECK-LABEL: double weighted_grad(
// CHECK-NOT: +=
// CHECK: d_x[i] = std::cos(
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double weighted(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(x[i]) * (1.0 + 0.5 * i);
  return s;
}

// The backward sweep runs the second loop first: it sets d_x, the first
// loop's adjoint adds to it.
// CHECK-LABEL: double twice_grad(
// CHECK: d_x[i_1] = tmp
// CHECK: d_x[i_2] += std::cos(
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double twice(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(x[i]);
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * x[i];
  return s;
}

// Row by row, counters declared before the loops.
// CHECK-LABEL: double rows_grad(
// CHECK-NOT: +=
// CHECK: d_x[{{.*}}] = 0.1 *
// CHECK: return
ADGEN(grad, jvp, len(x, n * m))
double rows(const double *x, int n, int m) {
  double s = 0;
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      s += std::exp(0.1 * x[i * m + j]) * (i - j);
  return s;
}

// Column by column with std::size_t counters, the inner loop over rows.
// CHECK-LABEL: double columns_grad(
// CHECK-NOT: +=
// CHECK: d_x[{{.*}}] ={{$}}
// CHECK-NEXT: std::cos(
// CHECK: return
ADGEN(grad, jvp, len(x, n * m))
double columns(const double *x, std::size_t n, std::size_t m) {
  double s = 0;
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t i = n; i > 0; --i)
      s += std::exp(0.1 * x[(i - 1) * m + j]) * std::sin(x[(i - 1) * m + j]);
  return s;
}

// A local array's adjoint is fresh: the backward loop (counting down, two
// reads of u per iteration) accumulates into it, so it stays +=; the loop
// that reads it back sets d_x.
// CHECK-LABEL: double local_grad(
// CHECK: d_u[{{.*}}] += 
// CHECK: d_x[i_2] = 0.3 *
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double local(const double *x, int n) {
  std::vector<double> u(n);
  for (int i = 0; i < n; ++i)
    u[i] = std::exp(0.3 * x[i]);
  double s = 0;
  for (int i = n - 1; i >= 0; --i)
    s += u[i] * u[n - 1 - i] * (1.0 + i);
  return s;
}

// A walking pointer, and a branch on data choosing the partial.
// CHECK-LABEL: double branchy_grad(
// CHECK-NOT: +=
// CHECK: d_x[p] = tmp
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double branchy(const double *x, int n) {
  double s = 0;
  const double *p = x;
  for (int i = 0; i < n; ++i) {
    if (*p > 0.1)
      s += *p * *p;
    else
      s -= std::sin(*p);
    ++p;
  }
  return s;
}

// The same element in every outer iteration.
// CHECK-LABEL: double repeated_grad(
// CHECK: d_x[i] += 
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double repeated(const double *x, int n, int T) {
  double s = 0;
  for (int t = 0; t < T; ++t)
    for (int i = 0; i < n; ++i)
      s += std::sin(x[i] * (t + 1));
  return s;
}

// i % n meets every element three times.
// CHECK-LABEL: double modulo_grad(
// CHECK: d_x[{{.*}}] += 
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double modulo(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < 3 * n; ++i)
    s += std::sin(x[i % n] * (i + 1));
  return s;
}

// x[j] for every j <= i.
// CHECK-LABEL: double triangular_grad(
// CHECK: d_x[j] -= 
// CHECK: return
ADGEN(grad, jvp, len(x, n))
double triangular(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j)
      s += std::cos(x[j]) * (i + 1);
  return s;
}

// x[i * m + j] and x[j]: two stores to d_x in one nest.
// CHECK-LABEL: double two_reads_grad(
// CHECK: d_x[{{.*}}] += 
// CHECK: d_x[j] += 
// CHECK: return
ADGEN(grad, jvp, len(x, n * m))
double two_reads(const double *x, int n, int m) {
  double s = 0;
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n; ++i)
      s += std::exp(0.1 * x[i * m + j]) * x[j];
  return s;
}

// jacobi-2d as PolyBench writes it, A and B in-out arrays of a helper: B's
// adjoint is set by one backward sweep and read and cleared by the next.
static void kernel_jacobi_2d(int tsteps, int n, double *A, double *B) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        B[i * n + j] =
            0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + 1 + j] +
                   A[(1 + i) * n + j] + A[(i - 1) * n + j]);
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        A[i * n + j] = B[i * n + j];
  }
}

// CHECK-LABEL: double jacobi_grad(
// CHECK: d_A[{{.*}}] = {{.*}} * 2.0;
// CHECK: d_B[{{.*}}] = tmp
// CHECK: return
ADGEN(grad, jvp, len(A0, n * n))
double jacobi(const double *A0, int n, int tsteps) {
  int i;
  std::vector<double> A(A0, A0 + n * n), B(n * n);
  kernel_jacobi_2d(tsteps, n, A.data(), B.data());
  double loss = 0;
  for (i = 0; i < n * n; i++)
    loss += A[i] * A[i];
  return loss;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  for (int n : {0, 1, 2, 5, 9}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.7 * std::sin(1.3 * i + 0.2);
    checkGradJvp(
        "weighted", x, [&](const double *v) { return weighted(v, n); },
        [&](const double *v, double *g) { return weighted_grad(v, n, g); },
        [&](const double *v, const double *t) {
          return weighted_jvp(v, n, t);
        },
        1e-13);
    checkGradJvp(
        "twice", x, [&](const double *v) { return twice(v, n); },
        [&](const double *v, double *g) { return twice_grad(v, n, g); },
        [&](const double *v, const double *t) { return twice_jvp(v, n, t); },
        1e-13);
    checkGradJvp(
        "local", x, [&](const double *v) { return local(v, n); },
        [&](const double *v, double *g) { return local_grad(v, n, g); },
        [&](const double *v, const double *t) { return local_jvp(v, n, t); },
        1e-13);
    checkGradJvp(
        "branchy", x, [&](const double *v) { return branchy(v, n); },
        [&](const double *v, double *g) { return branchy_grad(v, n, g); },
        [&](const double *v, const double *t) {
          return branchy_jvp(v, n, t);
        },
        1e-13);
    checkGradJvp(
        "repeated", x, [&](const double *v) { return repeated(v, n, 3); },
        [&](const double *v, double *g) {
          return repeated_grad(v, n, 3, g);
        },
        [&](const double *v, const double *t) {
          return repeated_jvp(v, n, 3, t);
        },
        1e-13);
    if (n > 0)
      checkGradJvp(
          "modulo", x, [&](const double *v) { return modulo(v, n); },
          [&](const double *v, double *g) { return modulo_grad(v, n, g); },
          [&](const double *v, const double *t) {
            return modulo_jvp(v, n, t);
          },
          1e-13);
    checkGradJvp(
        "triangular", x, [&](const double *v) { return triangular(v, n); },
        [&](const double *v, double *g) {
          return triangular_grad(v, n, g);
        },
        [&](const double *v, const double *t) {
          return triangular_jvp(v, n, t);
        },
        1e-13);
  }
  for (int n : {0, 1, 3}) {
    for (int m : {0, 1, 4}) {
      std::vector<double> x(n * m);
      for (int i = 0; i < n * m; ++i)
        x[i] = 0.6 * std::cos(0.8 * i + 0.3);
      std::size_t un = n, um = m;
      checkGradJvp(
          "rows", x, [&](const double *v) { return rows(v, n, m); },
          [&](const double *v, double *g) { return rows_grad(v, n, m, g); },
          [&](const double *v, const double *t) {
            return rows_jvp(v, n, m, t);
          },
          1e-13);
      checkGradJvp(
          "columns", x, [&](const double *v) { return columns(v, un, um); },
          [&](const double *v, double *g) {
            return columns_grad(v, un, um, g);
          },
          [&](const double *v, const double *t) {
            return columns_jvp(v, un, um, t);
          },
          1e-13);
      checkGradJvp(
          "two_reads", x, [&](const double *v) { return two_reads(v, n, m); },
          [&](const double *v, double *g) {
            return two_reads_grad(v, n, m, g);
          },
          [&](const double *v, const double *t) {
            return two_reads_jvp(v, n, m, t);
          },
          1e-13);
    }
  }
  for (int n : {1, 2, 3, 5}) {
    for (int T : {0, 1, 3}) {
      std::vector<double> a(n * n);
      for (int i = 0; i < n * n; ++i)
        a[i] = 0.5 * std::cos(0.9 * i + 0.1);
      checkGradJvp(
          "jacobi", a, [&](const double *v) { return jacobi(v, n, T); },
          [&](const double *v, double *g) { return jacobi_grad(v, n, T, g); },
          [&](const double *v, const double *t) {
            return jacobi_jvp(v, n, T, t);
          },
          1e-13);
    }
  }
  return ok ? 0 : 1;
}
#endif
