// Calls adgen cannot differentiate through: functions without a body in the
// file, recursion, library functions it does not know.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>
#include <cstdlib>

double external(double x);

ADGEN(grad)
double calls_external(double x) {
  return 2 * external(x); // CHECK: calls.cpp:[[@LINE]]:14: error: call to 'external', which has no body in this file; adgen differentiates only through functions whose body the file sees
}

double down(double x, int n) {
  if (n == 0)
    return x;
  return std::sin(down(x, n - 1)); // CHECK: calls.cpp:[[@LINE]]:19: error: recursive call to 'down'; adgen does not differentiate recursion
}

ADGEN(grad)
double recursive(double x) { return down(x, 3); }

ADGEN(grad)
double unknown_library(double x) {
  return std::atof("1.5") * x; // CHECK: calls.cpp:[[@LINE]]:10: error: call to library function 'atof' is not supported
}


