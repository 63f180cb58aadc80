// The benchmark workloads of issue 9 (bench/kernels.cpp, factorizations.cpp,
// gmm.cpp) at small sizes: every adgen gradient against central differences,
// and log det's gradient against A^{-T} (its symmetric part, for Cholesky).
// g++ only, to keep the test short: the same code builds with clang++ too.
// DEFINE: %{b} = %src_root/bench
// RUN: %adgen %{b}/kernels.cpp -o %t.k.cpp -- -std=c++17
// RUN: %adgen --emit=header %{b}/kernels.cpp -o %t.k.h -- -std=c++17
// RUN: %adgen %{b}/factorizations.cpp -o %t.f.cpp -- -std=c++17
// RUN: %adgen --emit=header %{b}/factorizations.cpp -o %t.f.h -- -std=c++17
// RUN: %adgen %{b}/gmm.cpp -o %t.g.cpp -- -std=c++17
// RUN: %adgen --emit=header %{b}/gmm.cpp -o %t.g.h -- -std=c++17
// RUN: %adgen %{b}/calls.cpp -o %t.c.cpp -- -std=c++17
// RUN: %adgen --emit=header %{b}/calls.cpp -o %t.c.h -- -std=c++17
// DEFINE: %{headers} = -include %t.k.h -include %t.f.h -include %t.g.h -include %t.c.h
// DEFINE: %{sources} = %s %t.k.cpp %t.f.cpp %t.g.cpp %t.c.cpp
// RUN: %gxx %cxxflags -I%{b} %{headers} %{sources} -o %t.gcc && %t.gcc
// RUN: %section %t.k.cpp | FileCheck %s --check-prefix=ATAX
// RUN: %section %t.f.cpp | FileCheck %s --check-prefix=FACTOR
// RUN: %section %t.g.cpp | FileCheck %s --check-prefix=GMM
// RUN: %section %t.c.cpp | FileCheck %s --check-prefix=CALLS

// What the gradients record (issue 9, item 3). atax: tmp[i] once per row
// (it was pushed once per element of the row), nothing per element.
// ATAX-LABEL: double atax_loss_grad(
// ATAX: for (int j = 0; j < n; ++j) {
// ATAX-NOT: push
// ATAX: }
// ATAX-NEXT: tape.push(
// ATAX-NEXT: for (int j_1 = 0; j_1 < n; ++j_1) {
// ATAX-NOT: push
// ATAX: return loss;
// The in-place factorisations restore A: their innermost loops push nothing.
// FACTOR-LABEL: double cholesky_logdet_grad(
// FACTOR: for (int k_1 = 0; k_1 < j; ++k_1) {
// FACTOR-NOT: push
// FACTOR: }
// FACTOR: for (int k_2 = 0; k_2 < i; ++k_2) {
// FACTOR-NOT: push
// FACTOR: }
// FACTOR-LABEL: double lu_logdet_grad(
// FACTOR: for (int k_1 = 0; k_1 < j; ++k_1) {
// FACTOR-NOT: push
// FACTOR: }
// The mixture's triangular loop (Qtimesx) records nothing per entry, and
// its running index is recorded nowhere: the backward column loop only
// accumulates, so it runs in the forward order and advances the index from
// d as f does.
// Its scratch vector xcentered (x - mean, refilled per point and component)
// is computed again where it is read, not saved (ContractArrays.cpp), and
// the stacks of the nested loops are reserved once, before the point loop:
// no reservation (a possible call) among the ops of the loop bodies.
// GMM-LABEL: double gmm_objective_grad(
// GMM-NOT: Stack<int>
// GMM-NOT: tape_xcentered
// GMM: tape_m.reserve(
// GMM: double slse = 0.0;
// GMM-NEXT: for (int ix = 0; ix < n; ++ix) {
// GMM-NOT: reserve
// GMM: for (int r = {{.*}}; r < d; ++r) {
// GMM-NOT: push
// GMM: off = off +
// GMM-NEXT: }
// GMM-NOT: tape_off
// GMM: int [[OFF:off_[0-9]+]] = d;
// GMM-NEXT: for (int [[C:c_[0-9]+]] = 0; [[C]] < d; ++[[C]]) {
// GMM: [[OFF]] = [[OFF]] +
// GMM: return
// The network's helper stays a call: one accumulating vjp, called per row.
// CALLS-LABEL: double predict_vjp_add_w(
// CALLS-LABEL: double mlp_calls_grad(
// CALLS: ::predict(w, data + [[ROW:tmp[0-9]+]], d, h)
// CALLS: ::predict_vjp_add_w(w, data + [[ROW]], d, h,
// CALLS-NOT: tanh
// CALLS: return
// CALLS-LABEL: double mlp_inline_grad(
// CALLS-NOT: predict
// CALLS: return

#include "expect.h"
#include "workloads.h"

#include <adgen/check.h>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {
using Vec = std::vector<double>;

Vec values(int n, double scale, double shift, unsigned seed) {
  Vec v(n);
  for (int i = 0; i < n; ++i)
    v[i] = shift + scale * std::sin(1.3 * (i + 1) + 0.7 * seed);
  return v;
}

void checkFd(const std::string &What, std::function<double(const Vec &)> F,
             const Vec &x, const Vec &g, double value) {
  expect(std::fabs(value - F(x)) <= 1e-12 * std::fmax(1, std::fabs(value)),
         (What + ": value").c_str());
  expect(adgen::check_gradient(F, x, g), (What + ": gradient").c_str());
}

/// A^{-1} by Gauss-Jordan elimination with partial pivoting.
Vec inverse(Vec A, int n) {
  Vec I(n * n, 0.0);
  for (int i = 0; i < n; ++i)
    I[i * n + i] = 1;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (std::fabs(A[r * n + c]) > std::fabs(A[p * n + c]))
        p = r;
    for (int j = 0; j < n; ++j) {
      std::swap(A[c * n + j], A[p * n + j]);
      std::swap(I[c * n + j], I[p * n + j]);
    }
    double inv = 1 / A[c * n + c];
    for (int j = 0; j < n; ++j) {
      A[c * n + j] *= inv;
      I[c * n + j] *= inv;
    }
    for (int r = 0; r < n; ++r) {
      double m = A[r * n + c];
      if (r == c || m == 0)
        continue;
      for (int j = 0; j < n; ++j) {
        A[r * n + j] -= m * A[c * n + j];
        I[r * n + j] -= m * I[c * n + j];
      }
    }
  }
  return I;
}

/// A diagonally dominant matrix, symmetric (positive definite) if asked.
Vec dominant(int n, bool Symmetric, unsigned seed) {
  Vec A = values(n * n, 1, 0, seed);
  for (int i = 0; i < n; ++i) {
    A[i * n + i] = n + 0.5 * i;
    for (int j = 0; Symmetric && j < i; ++j)
      A[j * n + i] = A[i * n + j];
  }
  return A;
}

void kernels() {
  int n = 4;
  Vec AB = values(2 * n * n, 1, 0.1, 1), g(2 * n * n, -3.0);
  double v = matmul_loss_grad(AB.data(), AB.data() + n * n, n, g.data(),
                              g.data() + n * n);
  checkFd(
      "matmul_loss",
      [&](const Vec &y) { return matmul_loss(y.data(), y.data() + n * n, n); },
      AB, g, v);

  for (int m : {1, 5}) {
    Vec Ax = values(m * m + m, 1, 0, 2), h(m * m + m, -3.0);
    v = atax_loss_grad(Ax.data(), Ax.data() + m * m, m, h.data(),
                       h.data() + m * m);
    checkFd(
        "atax_loss at n = " + std::to_string(m),
        [&](const Vec &y) { return atax_loss(y.data(), y.data() + m * m, m); },
        Ax, h, v);
  }

  for (int m : {2, 6})
    for (int T : {0, 1, 3}) {
      Vec A0 = values(m * m, 1, 0.5, 3), h(m * m, -3.0);
      v = jacobi_loss_grad(A0.data(), m, T, h.data());
      checkFd(
          "jacobi_loss at n = " + std::to_string(m) +
              ", T = " + std::to_string(T),
          [&](const Vec &y) { return jacobi_loss(y.data(), m, T); }, A0, h, v);
    }
}

void factorizations() {
  for (int n : {1, 2, 5}) {
    std::string N = " at n = " + std::to_string(n);
    // Cholesky reads A's lower triangle: the gradient is 2 (A^{-1})_ij below
    // the diagonal, (A^{-1})_ii on it, so its symmetric part is A^{-T}.
    Vec A = dominant(n, true, 4), g(n * n, -3.0);
    double v = cholesky_logdet_grad(A.data(), n, g.data());
    checkFd(
        "cholesky_logdet" + N,
        [&](const Vec &y) { return cholesky_logdet(y.data(), n); }, A, g, v);
    Vec Ai = inverse(A, n);
    bool same = true;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        same &= std::fabs((g[i * n + j] + g[j * n + i]) / 2 - Ai[j * n + i]) <
                1e-12;
    expect(same, ("cholesky_logdet: sym(gradient) = A^{-T}" + N).c_str());

    // LU reads all of A: the gradient of log |det A| is A^{-T}. A negative
    // diagonal entry makes det A's sign matter.
    Vec B = dominant(n, false, 5), h(n * n, -3.0);
    B[0] = -B[0];
    v = lu_logdet_grad(B.data(), n, h.data());
    checkFd(
        "lu_logdet" + N, [&](const Vec &y) { return lu_logdet(y.data(), n); },
        B, h, v);
    Vec Bi = inverse(B, n);
    same = true;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        same &= std::fabs(h[i * n + j] - Bi[j * n + i]) < 1e-12;
    expect(same, ("lu_logdet: gradient = A^{-T}" + N).c_str());
  }
}

void gmm() {
  struct Size {
    int d, k, n;
  };
  for (Size s : {Size{1, 1, 1}, Size{3, 4, 5}, Size{4, 2, 3}}) {
    int d = s.d, k = s.k, n = s.n, icf_sz = d * (d + 1) / 2;
    int N = k + k * d + k * icf_sz, means = k, icf = k + k * d;
    Vec p = values(N, 0.5, 0, 6), x = values(n * d, 1, 0.2, 7), g(N, -3.0);
    for (double gamma : {1.0, 0.7})
      for (int m : {0, 2}) {
        double v = gmm_objective_grad(
            d, k, n, p.data(), p.data() + means, p.data() + icf, x.data(),
            gamma, m, g.data(), g.data() + means, g.data() + icf);
        checkFd(
            "gmm_objective at d = " + std::to_string(d) +
                ", K = " + std::to_string(k) + ", n = " + std::to_string(n) +
                ", m = " + std::to_string(m),
            [&](const Vec &y) {
              return gmm_objective(d, k, n, y.data(), y.data() + means,
                                   y.data() + icf, x.data(), gamma, m);
            },
            p, g, v);
      }
  }
}
// The network loss in both spellings (the helper kept as a call, and
// written in the loop).
void mlp() {
  for (int h : {1, 3}) {
    int n = 4, d = 2, N = h * d + h * h + 3 * h + 1;
    Vec w = values(N, 0.6, 0, 8), x = values(n * d, 1, 0, 9),
        y = values(n, 1, 0.1, 10), g(N, -3.0);
    double v = mlp_calls_grad(w.data(), x.data(), y.data(), n, d, h, g.data());
    checkFd(
        "mlp_calls at h = " + std::to_string(h),
        [&](const Vec &u) {
          return mlp_calls(u.data(), x.data(), y.data(), n, d, h);
        },
        w, g, v);
    v = mlp_inline_grad(w.data(), x.data(), y.data(), n, d, h, g.data());
    checkFd(
        "mlp_inline at h = " + std::to_string(h),
        [&](const Vec &u) {
          return mlp_inline(u.data(), x.data(), y.data(), n, d, h);
        },
        w, g, v);
  }
}
} // namespace

int main() {
  kernels();
  factorizations();
  gmm();
  mlp();
  return ok ? 0 : 1;
}
