// <algorithm> and <numeric> calls adgen does not lower: a copy within one
// array, the forms with a custom operation, an iterator it cannot follow.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <algorithm>
#include <functional>
#include <numeric>
#include <vector>

ADGEN(grad, len(x, n))
double shifted(const double *x, int n) {
  std::vector<double> y(x, x + n);
  std::copy(y.begin() + 1, y.end(), y.begin()); // CHECK: algorithms.cpp:[[@LINE]]:37: error: 'std::copy' within one array is not supported
  return y[0];
}

ADGEN(grad, len(x, n))
double product(const double *x, int n) {
  return std::accumulate(x, x + n, 1.0, std::multiplies<double>()); // CHECK: algorithms.cpp:[[@LINE]]:10: error: 'std::accumulate' with 4 arguments is not supported (adgen takes the form with 3)
}

ADGEN(grad, len(x, n), len(y, m))
double mixed(const double *x, int n, const double *y, int m) {
  return std::accumulate(x, y + m, 0.0) * n; // CHECK: algorithms.cpp:[[@LINE]]:29: error: the two ends of this range name different arrays
}

ADGEN(grad, len(x, n))
double reversed(const double *x, int n) {
  std::vector<double> v(x, x + n);
  return std::accumulate(v.rbegin(), v.rend(), 0.0); // CHECK: algorithms.cpp:[[@LINE]]:26: error: this iterator is not supported
}
