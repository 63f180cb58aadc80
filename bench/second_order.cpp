// Second-order workloads (issue 10): Rosenbrock, log-sum-exp and a small
// network loss, each with its gradient, Hessian-vector product and Hessian.
#include <adgen/adgen.h>
#include <cmath>

ADGEN(grad, hvp, hessian, len(x, n))
double rosen2(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double t = x[i + 1] - x[i] * x[i];
    s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
  }
  return s;
}

// log sum exp(x), the maximum shifted out.
ADGEN(grad, hvp, hessian, len(x, n))
double lse2(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return std::log(s) + m;
}

// Squared error of a one-layer tanh network: rows of X (m x d), weights W
// (h x d), the prediction the sum of the h units; n = h * d parameters.
ADGEN(grad(W), hvp(W), hessian(W), len(W, h *d), len(X, m *d), len(y, m))
double net2(const double *W, const double *X, const double *y, int m, int d,
            int h) {
  double loss = 0;
  for (int r = 0; r < m; ++r) {
    double p = 0;
    for (int j = 0; j < h; ++j) {
      double z = 0;
      for (int k = 0; k < d; ++k)
        z += W[j * d + k] * X[r * d + k];
      p += std::tanh(z);
    }
    double e = p - y[r];
    loss += e * e;
  }
  return loss;
}
