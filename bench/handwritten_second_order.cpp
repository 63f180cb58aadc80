//===- handwritten_second_order.cpp - Analytic Hessian-vector products ----===//
// Rosenbrock's tridiagonal Hessian and log-sum-exp's diag(p) - p p^T, applied
// to v without forming them.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

void rosen2_hvp_hand(const double *x, int n, const double *v, double *hv) {
  for (int i = 0; i < n; ++i)
    hv[i] = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double a = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, b = -400 * x[i];
    hv[i] += a * v[i] + b * v[i + 1];
    hv[i + 1] += b * v[i] + 200 * v[i + 1];
  }
}

void lse2_hvp_hand(const double *x, int n, const double *v, double *hv,
                   double *p) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i) {
    p[i] = std::exp(x[i] - m);
    s += p[i];
  }
  double pv = 0;
  for (int i = 0; i < n; ++i) {
    p[i] /= s;
    pv += p[i] * v[i];
  }
  for (int i = 0; i < n; ++i)
    hv[i] = p[i] * (v[i] - pv);
}
