//===- handwritten_jacobians.cpp - Analytic Jacobians ---------------------===//
// softmax's diag(s) - s s^T, the pooling's blockwise softmax rows and the
// chain residuals' two bands, written as a user would.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

void softmax2_jacobian_hand(const double *x, int n, double *s, double *J) {
  double top = x[0];
  for (int i = 1; i < n; ++i)
    top = std::fmax(top, x[i]);
  double z = 0;
  for (int i = 0; i < n; ++i) {
    s[i] = std::exp(x[i] - top);
    z += s[i];
  }
  for (int i = 0; i < n; ++i)
    s[i] /= z;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      J[i * n + j] = (i == j ? s[i] : 0.0) - s[i] * s[j];
}

void pool4_jacobian_hand(const double *x, int m, double *y, double *J) {
  int n = 4 * m;
  for (int i = 0; i < m * n; ++i)
    J[i] = 0;
  for (int j = 0; j < m; ++j) {
    double e[4], s = 0;
    for (int k = 0; k < 4; ++k)
      s += e[k] = std::exp(x[4 * j + k]);
    y[j] = std::log(s);
    for (int k = 0; k < 4; ++k)
      J[j * n + 4 * j + k] = e[k] / s;
  }
}

void chain_residuals_jacobian_hand(const double *x, int n, double *r,
                                   double *J) {
  for (int i = 0; i < 2 * n * n; ++i)
    J[i] = 0;
  for (int i = 0; i < n; ++i) {
    double next = i + 1 < n ? x[i + 1] : 1.0;
    r[2 * i] = x[i] - next * next;
    r[2 * i + 1] = std::sin(x[i]) * next;
    J[2 * i * n + i] = 1;
    J[(2 * i + 1) * n + i] = std::cos(x[i]) * next;
    if (i + 1 < n) {
      J[2 * i * n + i + 1] = -2 * next;
      J[(2 * i + 1) * n + i + 1] = std::sin(x[i]);
    }
  }
}
