// A local pointer that moves between arrays is read and written through,
// assigned, compared with == and != and passed to helpers lowered in place
// (test/run/moving_pointers.cpp); every other use is an error at its
// location, and so is a pointer whose arrays adgen cannot name before
// lowering it.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <numeric>

ADGEN(grad, len(x, n), len(y, n))
double ordered(int n, const double *x, const double *y) {
  const double *p = x;
  double s = *p;
  p = y;
  if (p < x + 1) // CHECK: moving_pointers.cpp:[[@LINE]]:7: error: pointers that move between arrays are compared only with == and !=
    s += 1;
  return s + *p;
}

ADGEN(grad, len(x, n), len(y, n))
double summed(int n, const double *x, const double *y) {
  const double *p = n > 2 ? x : y;
  return std::accumulate(p, p + n, 0.0); // CHECK: moving_pointers.cpp:[[@LINE]]:26: error: pointer 'p' points into 'x' or 'y' depending on the path taken; adgen reads and writes through such a pointer (p[i], *p, *(p + i)), assigns it and passes it to functions it lowers in place, but not this
}

ADGEN(grad, len(x, n))
double later_array(int n, const double *x) {
  const double *p = x;
  double s = *p;
  double w[2] = {1, 2};
  p = w; // CHECK: moving_pointers.cpp:[[@LINE]]:7: error: pointer 'p' moves to another array, which adgen could not tell from its assignments; assign it arrays by name (p = x, p = x + k, p = &x[k], p = q) declared before it
  return s + *p;
}

ADGEN(grad, len(x, n))
double uninitialised(int n, const double *x) {
  const double *p; // CHECK: moving_pointers.cpp:[[@LINE]]:17: error: local pointer 'p' has no initial value and adgen cannot tell from its assignments which array it points into
  double w[2] = {x[0], 2};
  p = w;
  return *p;
}
