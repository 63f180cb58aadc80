// An in-place kernel has a JVP and a VJP (from initial to final contents,
// test/run/inplace_kernels.cpp) but no Jacobian yet: its only
// floating-point values are the initial contents of its array, which the
// other modes treat as constants.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

ADGEN(jvp, vjp, jacobian, len(x, n)) // CHECK: inplace_kernels.cpp:[[@LINE]]:1: error: 'smooth' has no floating-point input: only the initial contents of 'x', which jacobian treats as constants; jvp and vjp differentiate an in-place kernel from initial to final contents
void smooth(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] = 0.5 * (x[i] + std::sin(x[i - 1]));
}
