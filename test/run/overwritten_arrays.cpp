// Arrays a function overwrites in place (issue 9, part 3): Cholesky with a
// constant row length, right-looking LU, forward substitution in while
// loops, Gauss-Seidel sweeps, an in-place update behind a branch and one
// counting down. Their gradients save each overwritten element once and
// read the array again in the backward sweep: no stack in the innermost
// loops (FileCheck), and every gradient and JVP agrees with central
// differences (and log det's gradient with the inverse).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

constexpr int N = 6;

// Cholesky of a fixed-size matrix in a std::array, row stride the constant
// N; log det A = 2 sum log L_ii.
ADGEN(grad, jvp, len(A0, N *N))
double chol_fixed(const double *A0) {
  std::array<double, N * N> L;
  for (int i = 0; i < N * N; ++i)
    L[i] = A0[i];
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j <= i; ++j) {
      double s = L[i * N + j];
      for (int k = 0; k < j; ++k)
        s -= L[i * N + k] * L[j * N + k];
      L[i * N + j] = i == j ? std::sqrt(s) : s / L[j * N + j];
    }
  }
  double logdet = 0;
  for (int i = 0; i < N; ++i)
    logdet += 2 * std::log(L[i * N + i]);
  return logdet;
}
// CHECK-LABEL: double chol_fixed_grad(
// CHECK: for (int k = 0; k < j; ++k) {
// CHECK-NOT: push
// CHECK: }
// CHECK: return logdet;

// Right-looking LU (k, i, j order), size_t counters and i + 1 < n bounds.
ADGEN(grad, jvp, len(A0, n *n))
double lu_right(std::size_t n, const double *A0) {
  std::vector<double> A(A0, A0 + n * n);
  for (std::size_t k = 0; k + 1 < n; ++k)
    for (std::size_t i = k + 1; i < n; ++i) {
      A[i * n + k] /= A[k * n + k];
      for (std::size_t j = k + 1; j < n; ++j)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
    }
  double logdet = 0;
  for (std::size_t i = 0; i < n; ++i)
    logdet += std::log(std::fabs(A[i * n + i]));
  return logdet;
}
// The innermost loop saves the element it overwrites, nothing else.
// CHECK-LABEL: double lu_right_grad(
// CHECK: for (unsigned long j = {{.*}}) {
// CHECK: push
// CHECK-NOT: push
// CHECK: }
// CHECK: return logdet;

// Forward substitution L y = b in place in y, classic C: counters declared
// first, while loops; loss sum y_i^2.
ADGEN(grad, jvp, len(x, n *n + n))
double forward_subst(int n, const double *x) {
  int i, j;
  std::vector<double> y(n);
  i = 0;
  while (i < n) {
    y[i] = x[n * n + i];
    ++i;
  }
  i = 0;
  while (i < n) {
    j = 0;
    while (j < i) {
      y[i] -= x[i * n + j] * y[j];
      ++j;
    }
    y[i] /= x[i * n + i];
    ++i;
  }
  double loss = 0;
  for (i = 0; i < n; i++)
    loss += y[i] * y[i];
  return loss;
}
// CHECK-LABEL: double forward_subst_grad(
// CHECK-NOT: while
// CHECK: for (int j = 0; j < i{{.*}}; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: return loss;

// T Gauss-Seidel sweeps for A z = b in place in z, A = x's first n * n
// values made diagonally dominant; loss sum z_i^2.
ADGEN(grad, jvp, len(x, n *n + n))
double gauss_seidel(int n, const double *x, int sweeps) {
  std::vector<double> z(n, 0.0);
  for (int t = 0; t < sweeps; ++t)
    for (int i = 0; i < n; ++i) {
      double r = x[n * n + i];
      for (int j = 0; j < n; ++j)
        if (j != i)
          r -= x[i * n + j] * z[j];
      z[i] = r / (n + x[i * n + i] * x[i * n + i]);
    }
  double loss = 0;
  for (int i = 0; i < n; ++i)
    loss += z[i] * z[i];
  return loss;
}
// CHECK-LABEL: double gauss_seidel_grad(
// CHECK: for (int j = 0; j < n; ++j) {
// CHECK-NOT: push
// CHECK: }
// CHECK: return loss;

// An in-place recurrence behind a branch on the data.
ADGEN(grad, jvp, len(x, n))
double branchy_recurrence(int n, const double *x) {
  std::vector<double> a(x, x + n);
  for (int i = 1; i < n; ++i) {
    if (a[i] > a[i - 1])
      a[i] = std::sqrt(a[i] * a[i] + a[i - 1] * a[i - 1]);
    else
      a[i] = a[i - 1] - 0.5 * a[i];
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * a[i] * (1 + 0.1 * i);
  return s;
}

// Counting down, each element updated from the one after it, twice over.
ADGEN(grad, jvp, len(x, n))
double backward_update(int n, const double *x) {
  std::vector<double> a(x, x + n);
  for (int pass = 0; pass < 2; ++pass)
    for (int i = n - 2; i >= 0; --i)
      a[i] = a[i] * std::cos(a[i + 1]) + 0.25 * a[i + 1];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i];
  return s * s;
}

#ifndef __ADGEN__
#include "fd_check.h"

namespace {
/// Gradient and JVP at x against central differences (Richardson).
void check(const char *Name, std::vector<double> x, Fn F, Grad G, Jvp J) {
  checkGradJvp(Name, x, F, G, J, 1e-13);
}

/// A symmetric positive definite matrix M M^T + n I, row-major.
std::vector<double> spd(int n) {
  std::vector<double> M(n * n), A(n * n);
  for (int i = 0; i < n * n; ++i)
    M[i] = std::sin(1.0 + 0.7 * i);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double s = i == j ? n : 0.0;
      for (int k = 0; k < n; ++k)
        s += M[i * n + k] * M[j * n + k];
      A[i * n + j] = s;
    }
  return A;
}

/// The inverse by Gauss-Jordan without pivoting (A is well conditioned).
std::vector<double> inverse(std::vector<double> A, int n) {
  std::vector<double> I(n * n, 0.0);
  for (int i = 0; i < n; ++i)
    I[i * n + i] = 1;
  for (int c = 0; c < n; ++c) {
    double p = A[c * n + c];
    for (int j = 0; j < n; ++j) {
      A[c * n + j] /= p;
      I[c * n + j] /= p;
    }
    for (int r = 0; r < n; ++r) {
      if (r == c)
        continue;
      double f = A[r * n + c];
      for (int j = 0; j < n; ++j) {
        A[r * n + j] -= f * A[c * n + j];
        I[r * n + j] -= f * I[c * n + j];
      }
    }
  }
  return I;
}

std::vector<double> values(int m, double shift) {
  std::vector<double> v(m);
  for (int i = 0; i < m; ++i)
    v[i] = shift + 0.4 * std::sin(2.0 + 1.3 * i);
  return v;
}
} // namespace

int main() {
  // Cholesky reads the lower triangle: d/dA_ij = 2 (A^-1)_ij below the
  // diagonal, (A^-1)_ii on it, 0 above.
  std::vector<double> A = spd(N), Ainv = inverse(A, N);
  std::vector<double> g(N * N);
  chol_fixed_grad(A.data(), g.data());
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      double want = j < i ? 2 * Ainv[i * N + j] : j == i ? Ainv[i * N + i] : 0;
      expect(std::fabs(g[i * N + j] - want) < 1e-12, "chol_fixed: A^-1");
    }
  check(
      "chol_fixed", A, [](const double *x) { return chol_fixed(x); },
      [](const double *x, double *d) { return chol_fixed_grad(x, d); },
      [](const double *x, const double *t) {
        return chol_fixed_jvp(x, t, nullptr);
      });
  // LU: d log|det A| / dA = A^-T.
  for (int n : {1, 2, 5}) {
    std::vector<double> B = spd(n), Binv = inverse(B, n), h(n * n);
    lu_right_grad(n, B.data(), h.data());
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        expect(std::fabs(h[i * n + j] - Binv[j * n + i]) < 1e-12,
               "lu_right: A^-T");
    check(
        "lu_right", B, [&](const double *x) { return lu_right(n, x); },
        [&](const double *x, double *d) { return lu_right_grad(n, x, d); },
        [&](const double *x, const double *t) {
          return lu_right_jvp(n, x, t, nullptr);
        });
  }
  for (int n : {0, 1, 4}) {
    std::vector<double> x = values(n * n + n, 0.1);
    for (int i = 0; i < n; ++i)
      x[i * n + i] = 2.0 + 0.3 * i;
    check(
        "forward_subst", x,
        [&](const double *p) { return forward_subst(n, p); },
        [&](const double *p, double *d) { return forward_subst_grad(n, p, d); },
        [&](const double *p, const double *t) {
          return forward_subst_jvp(n, p, t, nullptr);
        });
    check(
        "gauss_seidel", x,
        [&](const double *p) { return gauss_seidel(n, p, 3); },
        [&](const double *p, double *d) {
          return gauss_seidel_grad(n, p, 3, d);
        },
        [&](const double *p, const double *t) {
          return gauss_seidel_jvp(n, p, 3, t, nullptr);
        });
  }
  for (int n : {0, 1, 2, 7}) {
    check(
        "branchy_recurrence", values(n, 0.5),
        [&](const double *p) { return branchy_recurrence(n, p); },
        [&](const double *p, double *d) {
          return branchy_recurrence_grad(n, p, d);
        },
        [&](const double *p, const double *t) {
          return branchy_recurrence_jvp(n, p, t, nullptr);
        });
    check(
        "backward_update", values(n, 0.3),
        [&](const double *p) { return backward_update(n, p); },
        [&](const double *p, double *d) {
          return backward_update_grad(n, p, d);
        },
        [&](const double *p, const double *t) {
          return backward_update_jvp(n, p, t, nullptr);
        });
  }
  return ok ? 0 : 1;
}
#endif
