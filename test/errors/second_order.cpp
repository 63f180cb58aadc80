// Second derivatives adgen does not give yet, and hvp of a function with
// output arrays: each a diagnostic at its source, and no output file.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

double helper(double u) { return u * std::exp(u); }

ADGEN(hvp)
double hvp_through_call(double a, double b) {
  return helper(a) * b; // CHECK: second_order.cpp:[[@LINE]]:10: error: second derivatives through calls to user functions are not supported yet (the call to 'helper')
}
