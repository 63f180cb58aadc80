// Calls to user functions with array arguments, also inside loops and with
// output arrays: adgen lowers such callees in place (docs/contract.md) and
// differentiates them with the caller. Checked against finite differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <vector>

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

static void axpy(double alpha, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += alpha * x[i];
}

static double norm(const std::vector<double> &v) {
  double s = 0;
  for (double e : v)
    s += e * e;
  if (s == 0)
    return 0;
  return std::sqrt(s);
}

// Rows of A (m x n) against x, through a helper, inside a loop (an array
// plus an offset selects a row); a local array updated through an output
// helper; a std::vector helper with an early return.
ADGEN(grad(x), len(A, m * n), len(x, n))
double rows(const double *A, const double *x, int m, int n) {
  std::vector<double> acc(n, 0.0);
  double total = 0;
  for (int i = 0; i < m; ++i) {
    double d = dot(A + i * n, x, n); // row i
    total += std::tanh(d * (i + 1)) + dot(&A[i * n], &x[0], 2);
    axpy(d, x, acc.data(), n);
  }
  return total + norm(acc);
}

#ifndef __ADGEN__
int main() {
  const int m = 3, n = 4;
  std::vector<double> A{0.1, -0.2, 0.3, 0.5, 1.0, 0.2, -0.7, 0.4,
                        0.3, 0.3, -0.1, 0.9},
      x{0.4, -0.3, 0.8, 0.1}, d(n);
  rows_grad(A.data(), x.data(), m, n, d.data());
  auto f = [&](const std::vector<double> &y) {
    return rows(A.data(), y.data(), m, n);
  };
  bool ok = adgen::check_gradient(f, x, d);
  std::puts(ok ? "array calls: ok" : "array calls: FAILED");
  return ok ? 0 : 1;
}
#endif
