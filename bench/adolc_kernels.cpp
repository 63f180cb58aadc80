//===- adolc_kernels.cpp - The C kernels and factorisations taped by ADOL-C
//===//
// The same loops on adouble; the independents are the differentiated arrays,
// concatenated in the order of the adgen gradient's d_ parameters.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"

#include <adolc/adolc.h>

namespace {
std::vector<adouble> independents(const std::vector<double> &v) {
  std::vector<adouble> a(v.size());
  for (size_t i = 0; i < v.size(); ++i)
    a[i] <<= v[i];
  return a;
}

void dependent(adouble &y) {
  double out;
  y >>= out;
  trace_off();
}
} // namespace

void tape_matmul(short tag, const std::vector<double> &AB, int n) {
  trace_on(tag);
  std::vector<adouble> a = independents(AB);
  const adouble *A = a.data(), *B = a.data() + n * n;
  adouble loss = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      adouble c = 0;
      for (int k = 0; k < n; k++)
        c += A[i * n + k] * B[k * n + j];
      loss += c * c;
    }
  dependent(loss);
}

void tape_atax(short tag, const std::vector<double> &Ax, int n) {
  trace_on(tag);
  std::vector<adouble> a = independents(Ax);
  const adouble *A = a.data(), *x = a.data() + n * n;
  std::vector<adouble> y(n), tmp(n);
  for (int i = 0; i < n; i++)
    y[i] = 0;
  for (int i = 0; i < n; i++) {
    tmp[i] = 0.0;
    for (int j = 0; j < n; j++)
      tmp[i] = tmp[i] + A[i * n + j] * x[j];
    for (int j = 0; j < n; j++)
      y[j] = y[j] + A[i * n + j] * tmp[i];
  }
  adouble loss = 0;
  for (int i = 0; i < n; i++)
    loss += y[i] * y[i];
  dependent(loss);
}

void tape_jacobi(short tag, const std::vector<double> &A0, int n, int tsteps) {
  trace_on(tag);
  std::vector<adouble> A = independents(A0), B(n * n);
  for (int i = 0; i < n * n; i++)
    B[i] = 0;
  for (int t = 0; t < tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        B[i * n + j] =
            0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + 1 + j] +
                   A[(1 + i) * n + j] + A[(i - 1) * n + j]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        A[i * n + j] = B[i * n + j];
  }
  adouble loss = 0;
  for (int i = 0; i < n * n; i++)
    loss += A[i] * A[i];
  dependent(loss);
}

void tape_cholesky(short tag, const std::vector<double> &A0, int n) {
  trace_on(tag);
  std::vector<adouble> A = independents(A0);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      for (int k = 0; k < j; k++)
        A[i * n + j] -= A[i * n + k] * A[j * n + k];
      A[i * n + j] /= A[j * n + j];
    }
    for (int k = 0; k < i; k++)
      A[i * n + i] -= A[i * n + k] * A[i * n + k];
    A[i * n + i] = sqrt(A[i * n + i]);
  }
  adouble logdet = 0;
  for (int i = 0; i < n; i++)
    logdet += 2 * log(A[i * n + i]);
  dependent(logdet);
}

void tape_lu(short tag, const std::vector<double> &A0, int n) {
  trace_on(tag);
  std::vector<adouble> A = independents(A0);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      for (int k = 0; k < j; k++)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
      A[i * n + j] /= A[j * n + j];
    }
    for (int j = i; j < n; j++)
      for (int k = 0; k < i; k++)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
  }
  adouble logdet = 0;
  for (int i = 0; i < n; i++)
    logdet += log(fabs(A[i * n + i]));
  dependent(logdet);
}
