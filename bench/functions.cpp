// The benchmarked functions, differentiated by adgen at build time.
#include <adgen/adgen.h>
#include <cmath>

// 1/2 x^T A x + b^T x
ADGEN(grad(x), len(x, n), len(A, n * n), len(b, n))
double quadratic(const double *x, const double *A, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double Ax = 0;
    for (int j = 0; j < n; ++j)
      Ax += A[i * n + j] * x[j];
    s += 0.5 * x[i] * Ax + b[i] * x[i];
  }
  return s;
}

// log sum_i exp(a_i^T x + b_i), A is m x n
ADGEN(grad(x), len(A, m * n), len(b, m), len(x, n))
double log_sum_exp(const double *A, const double *b, const double *x, int m,
                   int n) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double z = b[i];
    for (int j = 0; j < n; ++j)
      z += A[i * n + j] * x[j];
    s += std::exp(z);
  }
  return std::log(s);
}

// ||UV - Y||_F^2, U n x k, V k x n
ADGEN(grad(U, V), len(U, n * k), len(V, k * n), len(Y, n * n))
double factorization(const double *U, const double *V, const double *Y, int n,
                     int k) {
  double loss = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double r = -Y[i * n + j];
      for (int l = 0; l < k; ++l)
        r += U[i * k + l] * V[l * n + j];
      loss += r * r;
    }
  return loss;
}

// n-dimensional Rosenbrock
ADGEN(grad, len(x, n))
double rosenbrock(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n - 1; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}
