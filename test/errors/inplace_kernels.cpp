// An in-place kernel has a JVP but no VJP yet: its only floating-point
// values are the initial contents of its array, which vjp treats as
// constants.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

ADGEN(jvp, vjp, len(x, n)) // CHECK: inplace_kernels.cpp:[[@LINE]]:1: error: 'smooth' has no floating-point input: only the initial contents of 'x', which vjp treats as constants; jvp differentiates an in-place kernel from initial to final contents
void smooth(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] = 0.5 * (x[i] + std::sin(x[i - 1]));
}
