// One kernel, y = A^T (A x) with loss sum y^2 (PolyBench's atax), in four
// more spellings than bench/kernels.cpp's classic C (checked the same way by
// bench_workloads.cpp): size_t counters and a std::vector, a row pointer
// walking the matrix, a helper taking a row, and while loops. In every one
// the row's dot product is accumulated in a register (element promotion) and
// its value is saved once per row, not once per element: no push in the
// inner loops (FileCheck). Where the row's value is stored in tmp[i] and
// never overwritten, the backward sweep reads it back and records nothing. Every gradient and JVP is checked against central
// differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cstddef>
#include <vector>

ADGEN(grad, jvp, len(A, n *n + n))
double atax_size_t(std::size_t n, const double *A) {
  std::vector<double> y(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      tmp[i] += A[i * n + j] * A[n * n + j];
    for (std::size_t j = 0; j < n; ++j)
      y[j] += A[i * n + j] * tmp[i];
  }
  double loss = 0;
  for (std::size_t i = 0; i < n; ++i)
    loss += y[i] * y[i];
  return loss;
}
// CHECK-LABEL: double atax_size_t_grad(
// CHECK: for (unsigned long j = 0; j < n; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: for (unsigned long j_1 = 0; j_1 < n; ++j_1) {
// CHECK-NOT: push
// CHECK: return loss;

ADGEN(grad, jvp, len(A, n *n + n))
double atax_row_pointer(int n, const double *A) {
  std::vector<double> y(n), tmp(n);
  const double *row = A;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j)
      tmp[i] += row[j] * A[n * n + j];
    for (int j = 0; j < n; ++j)
      y[j] += row[j] * tmp[i];
    row += n;
  }
  double loss = 0;
  for (int i = 0; i < n; ++i)
    loss += y[i] * y[i];
  return loss;
}
// CHECK-LABEL: double atax_row_pointer_grad(
// CHECK: for (int j = 0; j < n; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: for (int j_1 = 0; j_1 < n; ++j_1) {
// CHECK-NOT: push
// CHECK: return loss;

// A helper taking a row (lowered in place at the call).
static void row_times(int n, const double *a, const double *x, double *t) {
  for (int j = 0; j < n; ++j)
    *t += a[j] * x[j];
}

ADGEN(grad, jvp, len(A, n *n + n))
double atax_helper(int n, const double *A) {
  std::vector<double> y(n), tmp(n);
  for (int i = 0; i < n; ++i) {
    row_times(n, &A[i * n], A + n * n, &tmp[i]);
    for (int j = 0; j < n; ++j)
      y[j] += A[i * n + j] * tmp[i];
  }
  double loss = 0;
  for (int i = 0; i < n; ++i)
    loss += y[i] * y[i];
  return loss;
}
// CHECK-LABEL: double atax_helper_grad(
// CHECK: for (int j = 0; j < n; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: tape{{.*}}.push(
// CHECK-NOT: push
// CHECK: for (int j_1 = 0; j_1 < n; ++j_1) {
// CHECK-NOT: push
// CHECK: return loss;

ADGEN(grad, jvp, len(A, n *n + n))
double atax_while(int n, const double *A) {
  std::vector<double> y(n), tmp(n);
  int i = 0;
  while (i < n) {
    int j = 0;
    while (j < n) {
      tmp[i] = tmp[i] + A[i * n + j] * A[n * n + j];
      ++j;
    }
    j = 0;
    while (j < n) {
      y[j] = y[j] + A[i * n + j] * tmp[i];
      j += 1;
    }
    ++i;
  }
  double loss = 0;
  for (i = 0; i < n; ++i)
    loss += y[i] * y[i];
  return loss;
}
// CHECK-LABEL: double atax_while_grad(
// CHECK-NOT: while
// CHECK: for (int j = 0; j < n; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: for (int j_1 = 0; j_1 < n; ++j_1) {
// CHECK-NOT: push
// CHECK: return loss;

#ifndef __ADGEN__
#include "fd_check.h"

#define CHECK_ATAX(name, n_type)                                               \
  for (int n : {0, 1, 2, 5}) {                                                 \
    std::vector<double> v(n *n + n);                                           \
    for (int k = 0; k < n * n + n; ++k)                                        \
      v[k] = 0.2 + 0.5 * std::sin(1.0 + 0.9 * k);                              \
    checkGradJvp(                                                              \
        #name, v, [&](const double *p) { return name((n_type)n, p); },         \
        [&](const double *p, double *d) {                                      \
          return name##_grad((n_type)n, p, d);                                 \
        },                                                                     \
        [&](const double *p, const double *t) {                                \
          return name##_jvp((n_type)n, p, t, nullptr);                         \
        },                                                                     \
        1e-13);                                                                \
  }

int main() {
  CHECK_ATAX(atax_size_t, std::size_t)
  CHECK_ATAX(atax_row_pointer, int)
  CHECK_ATAX(atax_helper, int)
  CHECK_ATAX(atax_while, int)
  return ok ? 0 : 1;
}
#endif
