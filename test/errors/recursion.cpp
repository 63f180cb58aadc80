// Recursion through numbers is differentiated by calls to the function's
// own gradient (test/run/recursion.cpp); recursion through arrays, and any
// recursion in a function asked for second derivatives, is an error that
// says what to do instead.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// The determinant by cofactor expansion along the first row.
ADGEN(grad, len(a, n * n))
double det(const double *a, int n) {
  if (n == 1)
    return a[0];
  std::vector<double> m((n - 1) * (n - 1));
  double s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -1.0 : 1.0) * a[j] * det(m.data(), n - 1); // CHECK: recursion.cpp:[[@LINE]]:40: error: recursive call to 'det', which takes or returns arrays, records or references; adgen differentiates recursion whose parameters and result are numbers (through the function's own gradient): write this one as a loop
  }
  return s;
}

ADGEN(grad, hvp)
double power(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * power(x, n - 1); // CHECK: recursion.cpp:[[@LINE]]:14: error: recursive call to 'power' in a function asked for second derivatives (hvp, hessian, derivative), which lower every call in place; ask for grad, jvp or vjp, which differentiate recursion through numbers
}
