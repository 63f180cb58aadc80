// std::vector<std::vector<T>> parameters, a matrix whose rows have one
// length: A[i][j] reads and writes, A.size(), A[i].size(), rows passed to
// helpers (A[i].data(), a row and a column index), a derivative of the same
// type whose rows get A's length; grad, jvp, vjp of a matrix output, hvp.
// Checked against central differences and formulas.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

inline double dot(const double *a, const double *b, std::size_t n) {
  double s = 0;
  for (std::size_t k = 0; k < n; ++k)
    s += a[k] * b[k];
  return s;
}

// x^T A x for a square A: d/dA_ij = x_i x_j, d/dx = (A + A^T) x.
// CHECK: double quad_form_grad(const std::vector<std::vector<double>> &A,
// CHECK: d_A.assign(A.size(), std::vector<double>((A.empty() ? 0 : A[0].size()), 0.0));
// CHECK: d_A[{{[a-z_0-9]+}}][{{[a-z_0-9]+}}] =
ADGEN(grad, jvp, hvp)
double quad_form(const std::vector<std::vector<double>> &A,
                 const std::vector<double> &x) {
  double s = 0;
  for (std::size_t i = 0; i < A.size(); ++i)
    for (std::size_t j = 0; j < A[i].size(); ++j)
      s += x[i] * A[i][j] * x[j];
  return s;
}

// Row sums through a helper taking a row (r.size() is the row's length)
// and range-fors over rows, on a matrix that is not square.
inline double row_sum(const std::vector<double> &r) {
  double s = 0;
  for (std::size_t j = 0; j < r.size(); ++j)
    s += r[j] * r[j];
  for (double v : r) // the row's elements only
    s += 0.5 * v;
  return s;
}
ADGEN(grad)
double rows_energy(const std::vector<std::vector<double>> &A) {
  double s = 0;
  for (std::size_t i = 0; i < A.size(); ++i) {
    s += row_sum(A[i]);
    for (double v : A[i])
      s += std::sin(v);
  }
  return s;
}

// The Frobenius norm of A B through row helpers: A is n x k, B k x m.
ADGEN(grad)
double product_norm(const std::vector<std::vector<double>> &A,
                    const std::vector<std::vector<double>> &Bt) {
  double s = 0;
  for (std::size_t i = 0; i < A.size(); ++i)
    for (std::size_t j = 0; j < Bt.size(); ++j) {
      double c = dot(A[i].data(), Bt[j].data(), A[i].size());
      s += c * c;
    }
  return std::sqrt(s);
}

// A matrix output: C = tanh(w A), jvp and vjp.
ADGEN(jvp, vjp)
void activate(const std::vector<std::vector<double>> &A, double w,
              std::vector<std::vector<double>> &C) {
  for (std::size_t i = 0; i < A.size(); ++i)
    for (std::size_t j = 0; j < A[0].size(); ++j)
      C[i][j] = std::tanh(w * A[i][j]);
}

// By value: the body changes its own copy. The Hessian is ordered row by
// row.
ADGEN(grad, hessian)
double bent(std::vector<std::vector<double>> A) {
  A[0][1] *= 2;
  double s = 0;
  for (std::size_t i = 0; i < A.size(); ++i)
    for (std::size_t j = 0; j < A[i].size(); ++j)
      s += std::sin(A[i][j]) * A[i][0];
  return s;
}

#ifndef __ADGEN__
#include "expect.h"
#include <algorithm>
#include <cstdio>

static void close(const char *what, double a, double b) {
  bool good = std::fabs(a - b) <= 1e-8 * std::max(1.0, std::fabs(b));
  if (!good)
    std::printf("%s: %.17g, expected %.17g\n", what, a, b);
  expect(good, what);
}

using Matrix = std::vector<std::vector<double>>;

int main() {
  Matrix A = {{0.3, -1.2, 0.5}, {1.1, 0.4, -0.7}, {0.2, 0.9, 1.5}};
  std::vector<double> x = {0.6, -0.4, 1.3};
  {
    Matrix dA;
    std::vector<double> dx;
    double v = quad_form_grad(A, x, dA, dx);
    close("quad_form value", v, quad_form(A, x));
    for (std::size_t i = 0; i < 3; ++i) {
      double g = 0;
      for (std::size_t j = 0; j < 3; ++j) {
        close("quad_form d/dA (formula)", dA[i][j], x[i] * x[j]);
        g += (A[i][j] + A[j][i]) * x[j];
      }
      close("quad_form d/dx (formula)", dx[i], g);
    }
    Matrix tA = {{0.1, 0.2, -0.3}, {0.4, -0.5, 0.6}, {-0.7, 0.8, 0.9}};
    std::vector<double> tx = {0.5, 0.25, -0.75};
    double expect_t = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      expect_t += dx[i] * tx[i];
      for (std::size_t j = 0; j < 3; ++j)
        expect_t += dA[i][j] * tA[i][j];
    }
    close("quad_form jvp = grad . t", quad_form_jvp(A, x, tA, tx), expect_t);
    // hvp: H [tA; tx] against differences of the gradient.
    Matrix HA;
    std::vector<double> Hx;
    quad_form_hvp(A, x, tA, tx, HA, Hx);
    double h = 1e-6;
    Matrix Ap = A, Am = A, gAp, gAm;
    std::vector<double> xp = x, xm = x, gxp, gxm;
    for (std::size_t i = 0; i < 3; ++i) {
      xp[i] += h * tx[i], xm[i] -= h * tx[i];
      for (std::size_t j = 0; j < 3; ++j)
        Ap[i][j] += h * tA[i][j], Am[i][j] -= h * tA[i][j];
    }
    quad_form_grad(Ap, xp, gAp, gxp);
    quad_form_grad(Am, xm, gAm, gxm);
    for (std::size_t i = 0; i < 3; ++i) {
      close("quad_form hvp x", Hx[i], (gxp[i] - gxm[i]) / (2 * h));
      for (std::size_t j = 0; j < 3; ++j)
        close("quad_form hvp A", HA[i][j], (gAp[i][j] - gAm[i][j]) / (2 * h));
    }
  }
  {
    Matrix R = {{0.5, -0.3, 0.8}, {1.2, 0.1, -0.6}}, dR; // 2 x 3
    rows_energy_grad(R, dR);
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < 3; ++j)
        close("rows_energy d/dA (formula)", dR[i][j],
              2 * R[i][j] + 0.5 + std::cos(R[i][j]));
  }
  {
    Matrix B = {{0.5, -0.3, 0.8}, {1.2, 0.1, -0.6}}; // Bt: 2 x 3
    Matrix dA, dB;
    product_norm_grad(A, B, dA, dB);
    double h = 1e-6;
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        Matrix up = A, dn = A;
        up[i][j] += h, dn[i][j] -= h;
        close("product_norm d/dA", dA[i][j],
              (product_norm(up, B) - product_norm(dn, B)) / (2 * h));
      }
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        Matrix up = B, dn = B;
        up[i][j] += h, dn[i][j] -= h;
        close("product_norm d/dB", dB[i][j],
              (product_norm(A, up) - product_norm(A, dn)) / (2 * h));
      }
  }
  {
    double w = 0.8, t_w = 0.3, d_w = 0;
    Matrix C(3, std::vector<double>(3)), tC = C, tA = A, W = A, dA;
    for (auto &row : tA)
      for (double &v : row)
        v = 0.5 - v;
    activate_jvp(A, w, C, tA, t_w, tC);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        double th = std::tanh(w * A[i][j]), s = 1 - th * th;
        close("activate value", C[i][j], th);
        close("activate jvp (formula)", tC[i][j],
              s * (t_w * A[i][j] + w * tA[i][j]));
      }
    activate_vjp(A, w, C, W, dA, &d_w);
    double expect_w = 0;
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        double th = std::tanh(w * A[i][j]), s = 1 - th * th;
        close("activate vjp d/dA (formula)", dA[i][j], W[i][j] * s * w);
        expect_w += W[i][j] * s * A[i][j];
      }
    close("activate vjp d/dw (formula)", d_w, expect_w);
  }
  {
    Matrix B = {{0.3, 0.5}, {1.1, -0.4}}, d;
    bent_grad(B, d);
    std::vector<double> H(16);
    bent_hessian(B, H.data());
    double h = 1e-6;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) {
        Matrix up = B, dn = B, gu, gd;
        up[i][j] += h, dn[i][j] -= h;
        close("bent d/dA", d[i][j], (bent(up) - bent(dn)) / (2 * h));
        bent_grad(up, gu);
        bent_grad(dn, gd);
        for (int a = 0; a < 2; ++a)
          for (int b = 0; b < 2; ++b)
            close("bent hessian", H[(2 * a + b) * 4 + 2 * i + j],
                  (gu[a][b] - gd[a][b]) / (2 * h));
      }
  }
  if (ok)
    std::printf("nested vectors checked\n");
  return ok ? 0 : 1;
}
#endif
