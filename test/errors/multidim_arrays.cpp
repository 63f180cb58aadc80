// Multi-dimensional arrays adgen does not take yet: local vectors of
// vectors (parameters are supported: test/run/nested_vectors.cpp), a
// std::array of std::arrays built by
// copying another, and a pointer to rows without its number of rows.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <array>
#include <vector>

ADGEN(grad)
double rows(const std::vector<std::vector<double>> &A) {
  std::vector<std::vector<double>> C(2, std::vector<double>(2)); // CHECK: multidim_arrays.cpp:[[@LINE]]:36: error: local variable 'C' has type 'std::vector<std::vector<double> >'
  return A[0][0] + C[0][0];
}

ADGEN(grad)
double copied(const std::array<std::array<double, 2>, 2> &A) {
  std::array<std::array<double, 2>, 2> C = A; // CHECK: multidim_arrays.cpp:[[@LINE]]:40: error: a std::array of std::arrays is initialised with braces only ({} or nested values)
  return C[0][1];
}

ADGEN(grad)
double walk(const double (*X)[3], int n) { // CHECK: multidim_arrays.cpp:[[@LINE]]:28: error: pointer parameter 'X' of 'walk' needs its length: add len(X, <expression>) to ADGEN(...)
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += X[i][0];
  return s;
}
