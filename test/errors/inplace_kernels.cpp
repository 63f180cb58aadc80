// An in-place kernel has a JVP, a VJP and a Jacobian from the initial to
// the final contents of the arrays it updates (test/run/inplace_kernels.cpp);
// a function with outputs but neither a floating-point input nor an array
// it reads before writing has no Jacobian column, and says so.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(jacobian, len(y, n))
void ramp(double *y, int n) { // CHECK: inplace_kernels.cpp:[[@LINE]]:6: error: 'ramp' has no floating-point input and no array it updates in place: its Jacobian has no column
  for (int i = 0; i < n; ++i)
    y[i] = 0.5 * i;
}
