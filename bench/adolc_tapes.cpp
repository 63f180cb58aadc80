//===- adolc_tapes.cpp - The same functions taped by ADOL-C ---------------===//
// Operator overloading with adouble; constants (A, b, Y) stay passive.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"

#include <adolc/adolc.h>

void tape_quadratic(short tag, const std::vector<double> &x,
                    const std::vector<double> &A, const std::vector<double> &b,
                    int n) {
  trace_on(tag);
  std::vector<adouble> ax(n);
  for (int i = 0; i < n; ++i)
    ax[i] <<= x[i];
  adouble s = 0;
  for (int i = 0; i < n; ++i) {
    adouble Ax = 0;
    for (int j = 0; j < n; ++j)
      Ax += A[i * n + j] * ax[j];
    s += 0.5 * ax[i] * Ax + b[i] * ax[i];
  }
  double out;
  s >>= out;
  trace_off();
}

void tape_log_sum_exp(short tag, const std::vector<double> &A,
                      const std::vector<double> &b,
                      const std::vector<double> &x, int m, int n) {
  trace_on(tag);
  std::vector<adouble> ax(n);
  for (int j = 0; j < n; ++j)
    ax[j] <<= x[j];
  adouble s = 0;
  for (int i = 0; i < m; ++i) {
    adouble z = b[i];
    for (int j = 0; j < n; ++j)
      z += A[i * n + j] * ax[j];
    s += exp(z);
  }
  adouble r = log(s);
  double out;
  r >>= out;
  trace_off();
}

void tape_factorization(short tag, const std::vector<double> &UV,
                        const std::vector<double> &Y, int n, int k) {
  trace_on(tag);
  std::vector<adouble> a(2 * n * k);
  for (int i = 0; i < 2 * n * k; ++i)
    a[i] <<= UV[i];
  const adouble *U = a.data(), *V = a.data() + n * k;
  adouble loss = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      adouble r = -Y[i * n + j];
      for (int l = 0; l < k; ++l)
        r += U[i * k + l] * V[l * n + j];
      loss += r * r;
    }
  double out;
  loss >>= out;
  trace_off();
}

void tape_rosenbrock(short tag, const std::vector<double> &x, int n) {
  trace_on(tag);
  std::vector<adouble> ax(n);
  for (int i = 0; i < n; ++i)
    ax[i] <<= x[i];
  adouble s = 0;
  for (int i = 0; i < n - 1; ++i) {
    adouble t1 = ax[i + 1] - ax[i] * ax[i];
    adouble t2 = 1 - ax[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  double out;
  s >>= out;
  trace_off();
}
