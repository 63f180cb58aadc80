// Calls adgen cannot differentiate through: functions without a body in the
// file, library functions it does not know (recursion:
// test/errors/recursion.cpp).
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

ADGEN(grad)
double unknown_library(double x) {
  return std::atof("1.5") * x; // CHECK: calls.cpp:[[@LINE]]:10: error: call to library function 'atof' is not supported
}


