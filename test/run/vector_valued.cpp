// Vector-valued functions write their results into output arrays: softmax
// (seed 002, problem 2) with its JVP and its VJP with one-hot weights, checked
// against finite differences and s_i (delta_ij - s_j); the matrix
// factorisation loss (seed 002, problem 1) and its gradients in U and V
// against 2(UV - Y)V^T + lambda U and 2U^T(UV - Y) + lambda V; and a
// generated gradient called from several threads at once.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -pthread -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -pthread -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <vector>

ADGEN(jvp, vjp)
void softmax(const std::vector<double> &x, std::vector<double> &s) {
  double top = x[0];
  for (double v : x)
    top = std::fmax(top, v);
  double sum = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    s[i] = std::exp(x[i] - top);
    sum += s[i];
  }
  for (size_t i = 0; i < x.size(); ++i)
    s[i] /= sum;
}
// CHECK-LABEL: void softmax_jvp(const std::vector<double> &x, std::vector<double> &s,
// CHECK-NEXT: const std::vector<double> &t_x, std::vector<double> &t_s) {
// CHECK-LABEL: void softmax_vjp(const std::vector<double> &x, std::vector<double> &s,
// CHECK-NEXT: const std::vector<double> &w_s, std::vector<double> &d_x) {

// ||UV - Y||_F^2 + lambda/2 (||U||_F^2 + ||V||_F^2), U n x k, V k x n.
ADGEN(grad(U, V), jvp(U, V))
double factorization(const std::vector<double> &U, const std::vector<double> &V,
                     const std::vector<double> &Y, double lambda, int n, int k) {
  double loss = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double r = -Y[i * n + j];
      for (int l = 0; l < k; ++l)
        r += U[i * k + l] * V[l * n + j];
      loss += r * r;
    }
  double reg = 0;
  for (double u : U)
    reg += u * u;
  for (double v : V)
    reg += v * v;
  return loss + 0.5 * lambda * reg;
}

// An output whose values do not depend on the differentiated input still
// has its weights (vjp) and tangents (jvp): the signature follows the
// contract, and the tangent of an in-out array's initial contents flows.
// CHECK-LABEL: void doubled_vjp(const double *x, int n, double *y,
// CHECK-NEXT: {{\[\[maybe_unused\]\]}} const double *w_y, double *d_x) {
// CHECK-NEXT: std::fill_n(d_x, n, 0.0);
// CHECK-LABEL: void doubled_jvp(const double *x, int n, double *y,
// CHECK-NEXT: {{\[\[maybe_unused\]\]}} const double *t_x, double *t_y) {
ADGEN(vjp, jvp, len(x, n), len(y, n))
void doubled(const double *x, int n, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] = y[i] * 2.0 + (x[0] > 0 ? 1.0 : 0.0);
}

#ifndef __ADGEN__
#include <random>
#include <thread>
#include "expect.h"
static std::vector<double> random_vector(std::mt19937 &rng, int n) {
  std::uniform_real_distribution<double> U(-1, 1);
  std::vector<double> v(n);
  for (double &e : v)
    e = U(rng);
  return v;
}

int main() {
  std::mt19937 rng(7);
  const adgen::CheckOptions exact{1e-9, 1e-13, true};
  {
    const int n = 100;
    auto x = random_vector(rng, n), t = random_vector(rng, n);
    std::vector<double> s(n), ts(n), s0(n);
    softmax(x, s0);
    softmax_jvp(x, s, t, ts);
    expect(s == s0, "softmax jvp value");
    for (int i = 0; i < n; i += 7) {
      auto si = [&](const std::vector<double> &y) {
        std::vector<double> out(n);
        softmax(y, out);
        return out[i];
      };
      expect(adgen::close(ts[i], adgen::fd_directional(si, x, t),
                          adgen::CheckOptions{}),
             "softmax jvp fd");
      // One-hot weights give the gradient of s_i.
      std::vector<double> w(n, 0.0), d(n, 123.0);
      w[i] = 1;
      softmax_vjp(x, s, w, d);
      for (int j = 0; j < n; ++j)
        expect(adgen::close(d[j], s0[i] * ((i == j) - s0[j]), exact),
               "softmax vjp analytic");
      expect(adgen::check_gradient(si, x, d, adgen::CheckOptions{}, 11),
             "softmax vjp fd");
    }
  }
  auto check_factorization = [&](int n, int k, size_t stride) {
    auto U = random_vector(rng, n * k), V = random_vector(rng, k * n),
         Y = random_vector(rng, n * n);
    const double lambda = 0.3;
    std::vector<double> dU, dV;
    double value = factorization_grad(U, V, Y, lambda, n, k, dU, dV);
    expect(value == factorization(U, V, Y, lambda, n, k), "factorization value");
    std::vector<double> R(n * n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        double r = -Y[i * n + j];
        for (int l = 0; l < k; ++l)
          r += U[i * k + l] * V[l * n + j];
        R[i * n + j] = r;
      }
    bool analytic = true;
    for (int i = 0; i < n; ++i)
      for (int l = 0; l < k; ++l) {
        double g = lambda * U[i * k + l];
        for (int j = 0; j < n; ++j)
          g += 2 * R[i * n + j] * V[l * n + j];
        analytic &= adgen::close(dU[i * k + l], g, exact);
      }
    for (int l = 0; l < k; ++l)
      for (int j = 0; j < n; ++j) {
        double g = lambda * V[l * n + j];
        for (int i = 0; i < n; ++i)
          g += 2 * U[i * k + l] * R[i * n + j];
        analytic &= adgen::close(dV[l * n + j], g, exact);
      }
    expect(analytic, "factorization analytic");
    auto fU = [&](const std::vector<double> &u) {
      return factorization(u, V, Y, lambda, n, k);
    };
    auto fV = [&](const std::vector<double> &v) {
      return factorization(U, v, Y, lambda, n, k);
    };
    expect(adgen::check_gradient(fU, U, dU, adgen::CheckOptions{}, stride) &&
               adgen::check_gradient(fV, V, dV, adgen::CheckOptions{}, stride),
           "factorization fd");
    auto tU = random_vector(rng, n * k), tV = random_vector(rng, k * n);
    double jv = factorization_jvp(U, V, Y, lambda, n, k, tU, tV);
    double dot = 0;
    for (int i = 0; i < n * k; ++i)
      dot += dU[i] * tU[i] + dV[i] * tV[i];
    expect(adgen::close(jv, dot, adgen::CheckOptions{1e-9, 1e-9, true}),
           "factorization jvp");
  };
  check_factorization(6, 3, 1);
  check_factorization(300, 100, 2999); // the size of seed 002

  // Reentrancy: the same gradient on several threads at once.
  {
    const int n = 40, k = 5;
    auto U = random_vector(rng, n * k), V = random_vector(rng, k * n),
         Y = random_vector(rng, n * n);
    std::vector<double> dU0, dV0;
    factorization_grad(U, V, Y, 0.1, n, k, dU0, dV0);
    std::vector<int> same(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        std::vector<double> dU, dV;
        bool all = true;
        for (int r = 0; r < 20; ++r) {
          factorization_grad(U, V, Y, 0.1, n, k, dU, dV);
          all &= dU == dU0 && dV == dV0;
        }
        same[t] = all;
      });
    for (auto &th : threads)
      th.join();
    for (int t = 0; t < 8; ++t)
      expect(same[t], "threads");
  }
  {
    double x[3] = {0.5, -1, 2}, y[3] = {1, 2, 3}, w[3] = {1, 1, 1}, d[3];
    doubled_vjp(x, 3, y, w, d);
    expect(d[0] == 0 && d[1] == 0 && d[2] == 0 && y[2] == 7, "inactive vjp");
    double t_x[3] = {1, 1, 1}, t_y[3] = {0.5, -1, 4};
    doubled_jvp(x, 3, y, t_x, t_y);
    expect(t_y[0] == 1 && t_y[1] == -2 && t_y[2] == 8, "in-out tangent");
  }
  std::puts(ok ? "vector valued: ok" : "vector valued: FAILED");
  return ok ? 0 : 1;
}
#endif
