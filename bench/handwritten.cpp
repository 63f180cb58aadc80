//===- handwritten.cpp - Analytic gradients to compare against ------------===//
// Gradients written from the formulas: (A + A^T)/2 x + b; softmax-weighted
// rows; 2 R V^T and 2 U^T R; the Rosenbrock chain in one loop.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

double quadratic_hand(const double *x, const double *A, const double *b, int n,
                      double *g) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    g[i] = b[i];
  for (int i = 0; i < n; ++i) {
    double Ax = 0;
    for (int j = 0; j < n; ++j) {
      double a = A[i * n + j];
      Ax += a * x[j];
      g[j] += 0.5 * a * x[i];
    }
    g[i] += 0.5 * Ax;
    s += 0.5 * x[i] * Ax + b[i] * x[i];
  }
  return s;
}

double log_sum_exp_hand(const double *A, const double *b, const double *x,
                        int m, int n, double *g, double *z) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double zi = b[i];
    for (int j = 0; j < n; ++j)
      zi += A[i * n + j] * x[j];
    z[i] = std::exp(zi);
    s += z[i];
  }
  for (int j = 0; j < n; ++j)
    g[j] = 0;
  for (int i = 0; i < m; ++i) {
    double w = z[i] / s;
    for (int j = 0; j < n; ++j)
      g[j] += w * A[i * n + j];
  }
  return std::log(s);
}

double factorization_hand(const double *U, const double *V, const double *Y,
                          int n, int k, double *dU, double *dV, double *R) {
  double loss = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double r = -Y[i * n + j];
      for (int l = 0; l < k; ++l)
        r += U[i * k + l] * V[l * n + j];
      R[i * n + j] = r;
      loss += r * r;
    }
  for (int i = 0; i < n * k; ++i)
    dU[i] = dV[i] = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double r2 = 2 * R[i * n + j];
      for (int l = 0; l < k; ++l) {
        dU[i * k + l] += r2 * V[l * n + j];
        dV[l * n + j] += r2 * U[i * k + l];
      }
    }
  return loss;
}

double rosenbrock_hand(const double *x, int n, double *g) {
  double s = 0;
  g[0] = 0;
  for (int i = 0; i < n - 1; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
    g[i] += -400 * t1 * x[i] - 2 * t2;
    g[i + 1] = 200 * t1;
  }
  return s;
}
