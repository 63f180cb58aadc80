// In-place kernels whose only floating-point values are the contents of
// the array they update: the JVP maps a tangent of the initial contents to
// the tangent of the final contents (t_x in, t_x out), the VJP weights on
// the final contents to the cotangent of the initial ones (w_x in, d_x
// set). A 1-D nonlinear smoother and PolyBench's seidel-2d on a T A[N][N];
// each against central differences of the final contents along a
// direction, and of their weighted sum element by element.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>

// CHECK: void smooth_jvp(double *x, int n, double *t_x)
// CHECK: void smooth_vjp(double *x, int n, const double *w_x, double *d_x)
// CHECK: void smooth_jacobian(double *x, int n, double *J)
ADGEN(jvp, vjp, jacobian, len(x, n))
void smooth(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] = 0.5 * (x[i] + std::sin(x[i - 1])) * std::exp(-0.1 * x[i]);
}

#define SN 6
// CHECK: void seidel_jvp(double (*A)[6], double (*t_A)[6])
// CHECK: void seidel_vjp(double (*A)[6], const double (*w_A)[6], double (*d_A)[6])
// CHECK: void seidel_jacobian(double (*A)[6], double *J)
ADGEN(jvp, vjp, jacobian)
void seidel(double A[SN][SN]) {
  int t, i, j;
  for (t = 0; t < 2; t++)
    for (i = 1; i <= SN - 2; i++)
      for (j = 1; j <= SN - 2; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] +
                   A[i][j - 1] + std::tanh(A[i][j]) + A[i][j + 1] +
                   A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) /
                  9.0;
}

#ifndef __ADGEN__
#include "expect.h"
#include <functional>

#include <algorithm>
#include <vector>

/// Run(x) updates x (m values) in place; Jvp(x, t) updates both. The JVP's
/// final t against (Run(x + h t) - Run(x - h t)) / 2h, Richardson-refined.
template <typename RunF, typename JvpF, typename VjpF>
void checkInPlace(const char *Name, std::vector<double> x, RunF Run, JvpF Jvp,
                  VjpF Vjp) {
  int m = static_cast<int>(x.size());
  std::vector<double> t(m);
  for (int k = 0; k < m; ++k)
    t[k] = std::cos(0.7 * k + 0.3);
  auto along = [&](double h) {
    std::vector<double> y(m);
    for (int k = 0; k < m; ++k)
      y[k] = x[k] + h * t[k];
    Run(y.data());
    return y;
  };
  double h = 1e-4;
  std::vector<double> a = along(h), b = along(-h), c = along(h / 2),
                      d = along(-h / 2);
  std::vector<double> y = x, ty = t;
  Jvp(y.data(), ty.data());
  std::vector<double> ref = x;
  Run(ref.data());
  for (int k = 0; k < m; ++k) {
    double fd = (4 * (c[k] - d[k]) / h - (a[k] - b[k]) / (2 * h)) / 3;
    expect(std::fabs(fd - ty[k]) <= 1e-6 * std::max(1.0, std::fabs(fd)), Name);
    expect(y[k] == ref[k], Name);
  }
  // Vjp(x, w, d): d = J^T w, against differences of sum_j w_j Run(x)_j.
  std::vector<double> w(m), dv(m, -9.0), yv = x;
  for (int k = 0; k < m; ++k)
    w[k] = 1.0 + 0.5 * std::sin(1.9 * k);
  Vjp(yv.data(), w.data(), dv.data());
  auto weighted = [&](int i, double h) {
    std::vector<double> z = x;
    z[i] += h;
    Run(z.data());
    double s = 0;
    for (int k = 0; k < m; ++k)
      s += w[k] * z[k];
    return s;
  };
  double wJt = 0, dt = 0;
  for (int i = 0; i < m; ++i) {
    double fd = (4 * (weighted(i, h / 2) - weighted(i, -h / 2)) / h -
                 (weighted(i, h) - weighted(i, -h)) / (2 * h)) /
                3;
    expect(std::fabs(fd - dv[i]) <= 1e-6 * std::max(1.0, std::fabs(fd)), Name);
    expect(yv[i] == ref[i], Name);
    wJt += w[i] * ty[i];
    dt += dv[i] * t[i];
  }
  expect(std::fabs(wJt - dt) <= 1e-12 * std::max(1.0, std::fabs(wJt)), Name);
}

int main() {
  const int n = 7;
  std::vector<double> x(n);
  for (int k = 0; k < n; ++k)
    x[k] = std::sin(1.3 * k + 0.2);
  // The Jacobians (final contents by initial contents, row-major),
  // column by column against central differences.
  auto checkJacobian = [](const char *what, std::vector<double> x0,
                          const std::function<void(double *)> &F,
                          const std::function<void(double *, double *)> &Jac) {
    std::size_t m = x0.size();
    std::vector<double> x = x0, J(m * m, 7.0), f = x0;
    Jac(x.data(), J.data());
    F(f.data());
    bool good = x == f; // f's own result, written as f writes it
    for (std::size_t c = 0; c < m; ++c) {
      double h = 1e-6;
      std::vector<double> up = x0, dn = x0;
      up[c] += h;
      dn[c] -= h;
      F(up.data());
      F(dn.data());
      for (std::size_t r = 0; r < m; ++r)
        good &= std::fabs((up[r] - dn[r]) / (2 * h) - J[r * m + c]) <= 1e-7;
    }
    expect(good, what);
  };
  checkJacobian("smooth jacobian", x, [&](double *v) { smooth(v, n); },
                [&](double *v, double *J) { smooth_jacobian(v, n, J); });
  checkInPlace(
      "smooth", x, [&](double *v) { smooth(v, n); },
      [&](double *v, double *t) { smooth_jvp(v, n, t); },
      [&](double *v, const double *w, double *d) { smooth_vjp(v, n, w, d); });
  std::vector<double> A(SN * SN);
  for (int k = 0; k < SN * SN; ++k)
    A[k] = std::cos(0.9 * k);
  using Rows = double (*)[SN];
  checkJacobian(
      "seidel jacobian", A, [](double *v) { seidel(reinterpret_cast<Rows>(v)); },
      [](double *v, double *J) { seidel_jacobian(reinterpret_cast<Rows>(v), J); });
  checkInPlace(
      "seidel", A, [](double *v) { seidel(reinterpret_cast<Rows>(v)); },
      [](double *v, double *t) {
        seidel_jvp(reinterpret_cast<Rows>(v), reinterpret_cast<Rows>(t));
      },
      [](double *v, const double *w, double *d) {
        seidel_vjp(reinterpret_cast<Rows>(v),
                   reinterpret_cast<const double(*)[SN]>(w),
                   reinterpret_cast<Rows>(d));
      });
  return ok ? 0 : 1;
}
#endif
