// Recursion through numbers and read-only arrays is differentiated by calls
// to the function's own gradient (test/run/recursion.cpp,
// test/run/recursion_arrays.cpp); recursion that writes arrays or passes
// records, a recursive function whose arrays have no length, and any
// recursion in a function asked for second derivatives are errors that say
// what to do instead.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

ADGEN(jvp, len(x, n))
double square_walk(double *x, int n) {
  if (n == 0)
    return 0.0;
  x[0] = x[0] * x[0];
  return x[0] + square_walk(x + 1, n - 1); // CHECK: recursion.cpp:[[@LINE]]:29: error: recursive call to 'square_walk': parameter 'x' has type 'double *'; adgen differentiates recursion through numbers and read-only arrays (const T *, const std::vector<T> &): return the values instead of writing them, or write the recursion as a loop
}

struct Pair {
  double a, b;
};
ADGEN(grad)
double chain(const Pair &p, int n) {
  if (n == 0)
    return p.a;
  return p.b * chain(p, n - 1); // CHECK: recursion.cpp:[[@LINE]]:22: error: recursive call to 'chain': parameter 'p' has type 'const Pair &'; adgen differentiates recursion through numbers and read-only arrays (const T *, const std::vector<T> &): pass this one as numbers or as a pointer to const, or write the recursion as a loop
}

// Not marked: its gradient would not know how many partials to set.
inline double det_u(const double *a, int n) {
  if (n == 1)
    return a[0];
  std::vector<double> m((n - 1) * (n - 1));
  double s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -1.0 : 1.0) * a[j] * det_u(m.data(), n - 1); // CHECK: recursion.cpp:[[@LINE]]:40: error: recursive call to 'det_u', whose gradient needs the length of 'a': mark 'det_u' ADGEN(grad, len(a, <expression>))
  }
  return s;
}
ADGEN(grad)
double logdet(const double a[16]) {
  return std::log(det_u(a, 4)); // CHECK: recursion.cpp:[[@LINE]]:19: note: in the call to 'det_u', lowered in place here
}

ADGEN(grad, hvp)
double power(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * power(x, n - 1); // CHECK: recursion.cpp:[[@LINE]]:14: error: recursive call to 'power' in a function asked for second derivatives (hvp, hessian, derivative), which lower every call in place; ask for grad, jvp or vjp, which differentiate recursion through numbers and read-only arrays
}
