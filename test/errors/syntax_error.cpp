// A C++ syntax error gets Clang's own diagnostic, exit status 1 and no output.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(grad)
double f(double x) {
  return x * ; // CHECK: syntax_error.cpp:[[@LINE]]:14: error: expected expression
}
