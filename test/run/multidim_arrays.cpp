// Multi-dimensional arrays as classic numerical kernels write them:
// parameters T A[N][M] (sizes from macros and constexpr), T (*X)[M] with
// len(X, rows), three dimensions, local T C[N][M] with nested initialisers,
// counters declared before the loops, a row A[i] passed to a helper. The
// derivative parameters keep the shape (double (*d_A)[4]); each gradient
// against central differences, each vjp against differences of the weighted
// outputs, each jvp against the gradient or vjp.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <vector>

#define NI 3
#define NJ 4
constexpr int NK = 2;

// CHECK: double frobenius_grad(const double (*A)[4], double (*d_A)[4])
// CHECK: const double *A_flat = &A[0][0];
// CHECK: double *d_A_flat = &d_A[0][0];
ADGEN(grad, hvp)
double frobenius(const double A[NI][NJ]) {
  int i, j;
  double s = 0;
  for (i = 0; i < NI; i++)
    for (j = 0; j < NJ; j++)
      s += A[i][j] * A[i][j] * std::cos(A[i][j]);
  return s;
}

// PolyBench's gemm: C = alpha * A * B + beta * C, in place.
ADGEN(jvp, vjp)
void gemm(double alpha, double beta, double C[NI][NJ], const double A[NI][NK],
          const double B[NK][NJ]) {
  int i, j, k;
  for (i = 0; i < NI; i++) {
    for (j = 0; j < NJ; j++)
      C[i][j] *= beta;
    for (k = 0; k < NK; k++)
      for (j = 0; j < NJ; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
}

inline double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

// Rows of a pointer to arrays, each passed to a helper; a local matrix with
// a nested initialiser (the missing row is zero).
ADGEN(grad, len(X, n))
double rows(const double (*X)[3], int n, const double w[3]) {
  double M[3][3] = {{1.0, 0.5, 0.0}, {0.0, 2.0}};
  double s = 0;
  for (int r = 0; r < n; ++r) {
    double v[3];
    for (int c = 0; c < 3; ++c)
      v[c] = dot(M[c], X[r], 3) + w[c];
    s += std::log1p(dot(v, v, 3)) + M[2][r % 3] * X[r][0];
  }
  return s;
}

// Three dimensions.
ADGEN(grad)
double cube(const double T[2][3][NK]) {
  double s = 0;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < NK; ++c)
        s += std::sin(T[a][b][c]) * (a + 1) + T[a][b][c] * T[1 - a][b][c];
  return s;
}

// PolyBench's 2-D Jacobi stencil on local matrices, and a helper taking a
// T[N][N] parameter.
#define JN 5
static double total(const double A[JN][JN]) {
  double s = 0;
  for (int i = 0; i < JN; i++)
    for (int j = 0; j < JN; j++)
      s += A[i][j] * A[i][j];
  return s;
}

ADGEN(grad)
double jacobi(const double A0[JN][JN]) {
  double A[JN][JN], B[JN][JN];
  int t, i, j;
  for (i = 0; i < JN; i++)
    for (j = 0; j < JN; j++) {
      A[i][j] = A0[i][j];
      B[i][j] = 0;
    }
  for (t = 0; t < 3; t++) {
    for (i = 1; i < JN - 1; i++)
      for (j = 1; j < JN - 1; j++)
        B[i][j] = 0.2 * (A[i][j] + A[i][j - 1] + A[i][1 + j] + A[1 + i][j] +
                         A[i - 1][j]);
    for (i = 1; i < JN - 1; i++)
      for (j = 1; j < JN - 1; j++)
        A[i][j] = 0.2 * (B[i][j] + B[i][j - 1] + B[i][1 + j] + B[1 + i][j] +
                         B[i - 1][j]);
  }
  return total(A) + std::sin(A[2][2]);
}

// A std::array of std::arrays by reference (the Gram matrix's determinant),
// .size() of it and of a row, and a local one.
// CHECK: double gram_grad(const std::array<std::array<double, 2>, 3> &A,
// CHECK-NEXT: std::array<std::array<double, 2>, 3> &d_A)
// CHECK: const double *A_flat = A[0].data();
ADGEN(grad)
double gram(const std::array<std::array<double, 2>, 3> &A) {
  std::array<std::array<double, 2>, 2> G{};
  for (std::size_t i = 0; i < A.size(); ++i)
    for (std::size_t j = 0; j < A[i].size(); ++j)
      for (std::size_t k = 0; k < 2; ++k)
        G[j][k] += A[i][j] * A[i][k];
  return G[0][0] * G[1][1] - G[0][1] * G[1][0] +
         std::sqrt(1 + G[0][1] * G[0][1]);
}

// A range-for over a row of a matrix runs over that row only (it once ran
// over the whole matrix from its first element: a wrong gradient).
ADGEN(grad)
double weighted_rows(const double A[3][4]) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    for (double v : A[i])
      s += v * v * (i + 1);
  return s;
}

#ifndef __ADGEN__
#include "expect.h"
#include "fd_check.h"

/// The directional derivative grad . t, from a gradient of m parameters:
/// the JVP check of functions marked for grad only.
template <typename G> Jvp alongGradient(G g, int m) {
  return [g, m](const double *p, const double *t) {
    std::vector<double> d(m);
    g(p, d.data());
    double s = 0;
    for (int k = 0; k < m; ++k)
      s += d[k] * t[k];
    return s;
  };
}

int main() {
  {
    std::vector<double> x(NI * NJ);
    for (int k = 0; k < NI * NJ; ++k)
      x[k] = std::sin(1.0 + k);
    auto f = [](const double *p) {
      double A[NI][NJ];
      for (int k = 0; k < NI * NJ; ++k)
        A[k / NJ][k % NJ] = p[k];
      return frobenius(A);
    };
    auto g = [](const double *p, double *d) {
      double A[NI][NJ], dA[NI][NJ];
      for (int k = 0; k < NI * NJ; ++k)
        A[k / NJ][k % NJ] = p[k];
      double v = frobenius_grad(A, dA);
      for (int k = 0; k < NI * NJ; ++k)
        d[k] = dA[k / NJ][k % NJ];
      return v;
    };
    checkGradJvp("frobenius", x, f, g, alongGradient(g, NI * NJ));
    checkHvp("frobenius hvp", x, g,
             [](const double *p, const double *v, double *hv) {
               double A[NI][NJ], V[NI][NJ], HV[NI][NJ];
               for (int k = 0; k < NI * NJ; ++k) {
                 A[k / NJ][k % NJ] = p[k];
                 V[k / NJ][k % NJ] = v[k];
               }
               frobenius_hvp(A, V, HV);
               for (int k = 0; k < NI * NJ; ++k)
                 hv[k] = HV[k / NJ][k % NJ];
             });
  }
  {
    // gemm: inputs alpha, beta, C (in-out), A, B flattened into one vector.
    const int nc = NI * NJ, na = NI * NK, nb = NK * NJ, m = 2 + nc + na + nb;
    std::vector<double> x(m), w(nc);
    for (int k = 0; k < m; ++k)
      x[k] = std::cos(0.7 * k + 0.2);
    for (int k = 0; k < nc; ++k)
      w[k] = std::sin(1.3 * k + 0.4);
    struct Args {
      double alpha, beta, C[NI][NJ], A[NI][NK], B[NK][NJ];
    };
    auto unpack = [&](const double *p) {
      Args a;
      a.alpha = p[0];
      a.beta = p[1];
      for (int k = 0; k < nc; ++k)
        a.C[k / NJ][k % NJ] = p[2 + k];
      for (int k = 0; k < na; ++k)
        a.A[k / NK][k % NK] = p[2 + nc + k];
      for (int k = 0; k < nb; ++k)
        a.B[k / NJ][k % NJ] = p[2 + nc + na + k];
      return a;
    };
    auto weighted = [&](const double *p) {
      Args a = unpack(p);
      gemm(a.alpha, a.beta, a.C, a.A, a.B);
      double s = 0;
      for (int k = 0; k < nc; ++k)
        s += w[k] * a.C[k / NJ][k % NJ];
      return s;
    };
    auto vjp = [&](const double *p, double *d) {
      Args a = unpack(p);
      double wC[NI][NJ], dA[NI][NK], dB[NK][NJ], dalpha = 0, dbeta = 0;
      for (int k = 0; k < nc; ++k)
        wC[k / NJ][k % NJ] = w[k];
      gemm_vjp(a.alpha, a.beta, a.C, a.A, a.B, wC, &dalpha, &dbeta, dA, dB);
      d[0] = dalpha;
      d[1] = dbeta;
      // vjp treats C's initial contents as constants; their gradient is
      // beta * w, analytically
      for (int k = 0; k < nc; ++k)
        d[2 + k] = a.beta * w[k];
      for (int k = 0; k < na; ++k)
        d[2 + nc + k] = dA[k / NK][k % NK];
      for (int k = 0; k < nb; ++k)
        d[2 + nc + na + k] = dB[k / NJ][k % NJ];
      return weighted(p);
    };
    auto jvp = [&](const double *p, const double *t) {
      Args a = unpack(p), ta = unpack(t);
      gemm_jvp(a.alpha, a.beta, a.C, a.A, a.B, ta.alpha, ta.beta, ta.A, ta.B,
               ta.C);
      double s = 0;
      for (int k = 0; k < nc; ++k)
        s += w[k] * ta.C[k / NJ][k % NJ];
      return s;
    };
    checkGradJvp("gemm", x, weighted, vjp, jvp);
  }
  {
    const int n = 4;
    std::vector<double> x(n * 3 + 3);
    for (size_t k = 0; k < x.size(); ++k)
      x[k] = 0.3 * std::sin(2.0 * k + 1.0);
    auto f = [&](const double *p) {
      double X[n][3];
      for (int k = 0; k < n * 3; ++k)
        X[k / 3][k % 3] = p[k];
      return rows(X, n, p + n * 3);
    };
    auto g = [&](const double *p, double *d) {
      double X[n][3], dX[n][3];
      for (int k = 0; k < n * 3; ++k)
        X[k / 3][k % 3] = p[k];
      double v = rows_grad(X, n, p + n * 3, dX, d + n * 3);
      for (int k = 0; k < n * 3; ++k)
        d[k] = dX[k / 3][k % 3];
      return v;
    };
    checkGradJvp("rows", x, f, g,
                 alongGradient(g, static_cast<int>(x.size())));
  }
  {
    const int m = 2 * 3 * NK;
    std::vector<double> x(m);
    for (int k = 0; k < m; ++k)
      x[k] = std::cos(1.1 * k);
    auto f = [&](const double *p) {
      double T[2][3][NK];
      std::copy(p, p + m, &T[0][0][0]);
      return cube(T);
    };
    auto g = [&](const double *p, double *d) {
      double T[2][3][NK], dT[2][3][NK];
      std::copy(p, p + m, &T[0][0][0]);
      double v = cube_grad(T, dT);
      std::copy(&dT[0][0][0], &dT[0][0][0] + m, d);
      return v;
    };
    checkGradJvp("cube", x, f, g, alongGradient(g, m));
  }
  {
    const int m = JN * JN;
    std::vector<double> x(m);
    for (int k = 0; k < m; ++k)
      x[k] = std::sin(0.9 * k + 0.3);
    auto f = [&](const double *p) {
      double A[JN][JN];
      std::copy(p, p + m, &A[0][0]);
      return jacobi(A);
    };
    auto g = [&](const double *p, double *d) {
      double A[JN][JN], dA[JN][JN];
      std::copy(p, p + m, &A[0][0]);
      double v = jacobi_grad(A, dA);
      std::copy(&dA[0][0], &dA[0][0] + m, d);
      return v;
    };
    checkGradJvp("jacobi", x, f, g, alongGradient(g, m));
  }
  {
    std::vector<double> x = {0.5, -1.0, 1.5, 0.25, -0.75, 2.0};
    using Matrix = std::array<std::array<double, 2>, 3>;
    auto f = [](const double *p) {
      Matrix A;
      std::copy(p, p + 6, A[0].data());
      return gram(A);
    };
    auto g = [](const double *p, double *d) {
      Matrix A, dA;
      std::copy(p, p + 6, A[0].data());
      double v = gram_grad(A, dA);
      std::copy(dA[0].data(), dA[0].data() + 6, d);
      return v;
    };
    checkGradJvp("gram", x, f, g, alongGradient(g, 6));
  }
  {
    double A[3][4], d[3][4];
    for (int k = 0; k < 12; ++k)
      A[k / 4][k % 4] = 0.1 * k - 0.4;
    weighted_rows_grad(A, d);
    for (int k = 0; k < 12; ++k)
      expect(std::fabs(d[k / 4][k % 4] - 2 * A[k / 4][k % 4] * (k / 4 + 1)) <
                 1e-14,
             "weighted_rows: gradient formula");
  }
  return ok ? 0 : 1;
}
#endif
