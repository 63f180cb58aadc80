// Gauss-Newton on a nonlinear least-squares fit with adgen's Jacobian: each
// step solves (J^T J) d = -J^T r for the residuals r and their Jacobian J,
// then p <- p + d. The data come from known parameters, so the residual
// vanishes at the solution and the steps converge quadratically.
#include "gauss_newton_model.ad.h"

#include <cmath>
#include <cstdio>
#include <vector>

void decay_residuals(const double *p, const double *t, const double *y, int m,
                     double *r);

/// Solves the 3x3 system A d = b by Gaussian elimination with pivoting.
static void solve3(double A[3][3], double b[3], double d[3]) {
  for (int c = 0; c < 3; ++c) {
    int pivot = c;
    for (int r = c + 1; r < 3; ++r)
      if (std::fabs(A[r][c]) > std::fabs(A[pivot][c]))
        pivot = r;
    for (int k = 0; k < 3; ++k)
      std::swap(A[c][k], A[pivot][k]);
    std::swap(b[c], b[pivot]);
    for (int r = c + 1; r < 3; ++r) {
      double f = A[r][c] / A[c][c];
      for (int k = c; k < 3; ++k)
        A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  for (int r = 2; r >= 0; --r) {
    double s = b[r];
    for (int k = r + 1; k < 3; ++k)
      s -= A[r][k] * d[k];
    d[r] = s / A[r][r];
  }
}

int main() {
  const int m = 20;
  const double truth[3] = {2.5, 1.3, 0.4};
  std::vector<double> t(m), y(m), r(m), J(m * 3);
  for (int i = 0; i < m; ++i) {
    t[i] = 0.2 * i;
    y[i] = truth[0] * std::exp(-truth[1] * t[i]) + truth[2];
  }
  double p[3] = {1.5, 1.0, 0.0};
  std::printf("Gauss-Newton from (%g, %g, %g), %d residuals\n", p[0], p[1],
              p[2], m);
  double previous = 0;
  bool quadratic = true;
  int steps = 0;
  for (; steps < 30; ++steps) {
    decay_residuals_jacobian(p, t.data(), y.data(), m, r.data(), J.data());
    double norm = 0, JtJ[3][3] = {}, Jtr[3] = {}, d[3];
    for (int i = 0; i < m; ++i) {
      norm += r[i] * r[i];
      for (int a = 0; a < 3; ++a) {
        Jtr[a] -= J[i * 3 + a] * r[i];
        for (int b = 0; b < 3; ++b)
          JtJ[a][b] += J[i * 3 + a] * J[i * 3 + b];
      }
    }
    norm = std::sqrt(norm);
    std::printf("step %2d: p = (%.10f, %.10f, %.10f), |r| = %.3e\n", steps,
                p[0], p[1], p[2], norm);
    // A zero-residual problem: |r_k+1| <= C |r_k|^2 near the solution.
    if (previous > 0 && previous < 1e-2 && norm > 1e-13 &&
        norm > 10 * previous * previous)
      quadratic = false;
    previous = norm;
    if (norm < 1e-12)
      break;
    solve3(JtJ, Jtr, d);
    for (int a = 0; a < 3; ++a)
      p[a] += d[a];
  }
  double error = 0;
  for (int a = 0; a < 3; ++a)
    error = std::fmax(error, std::fabs(p[a] - truth[a]));
  bool ok = previous < 1e-12 && quadratic && error < 1e-10 && steps < 20;
  std::printf("fit (%.6f, %.6f, %.6f), error %.1e\n", p[0], p[1], p[2], error);
  std::puts(ok ? "gauss-newton: converged quadratically" : "gauss-newton: FAILED");
  return ok ? 0 : 1;
}
