// A problem in a helper that two marked functions lower in place is
// reported once, with a note at each call that reached it (which marked
// function, and where).
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

inline double helper(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::riemann_zeta(x[i]); // CHECK: reported_once.cpp:[[@LINE]]:10: error: call to library function 'std::riemann_zeta' is not supported
  return s;
}

ADGEN(grad, len(x, n))
double first(const double *x, int n) {
  return helper(x, n); // CHECK: reported_once.cpp:[[@LINE]]:10: note: in the call to 'helper', lowered in place here
}

ADGEN(grad, len(x, n))
double second(const double *x, int n) {
  return 2 * helper(x, n); // CHECK: reported_once.cpp:[[@LINE]]:14: note: in the call to 'helper', lowered in place here
}
// CHECK: 1 error generated.
