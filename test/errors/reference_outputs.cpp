// Non-const reference parameters adgen does not take: a call that would
// write through one into the caller, and a helper that writes through one.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(grad)
void square(double x, double &out) { out = x * x; }

ADGEN(grad)
double caller(double x) {
  double s = 0;
  square(x, s); // CHECK: reference_outputs.cpp:[[@LINE]]:3: error: call to 'square', which writes through the reference parameter 'out'; adgen does not differentiate such calls yet (return the value instead)
  return s;
}

inline void accumulate_into(double &s, double x) { s += x * x; }

ADGEN(grad)
double helper_caller(double x) {
  double s = 0;
  accumulate_into(s, x); // CHECK: reference_outputs.cpp:[[@LINE]]:3: error: call to 'accumulate_into', which writes through the reference parameter 's'; adgen does not differentiate such calls yet (return the value instead)
  return s;
}
