// ADGEN(...) written before `template <...>` is a parse error in Clang's
// words (an attribute list cannot appear here); adgen adds a note that
// says where ADGEN goes. No output file is written.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(grad) // CHECK: misplaced_mark.cpp:[[@LINE]]:1: error: an attribute list cannot appear here
// CHECK: misplaced_mark.cpp:[[@LINE-1]]:1: note: ADGEN(...) goes right before the function's declaration: after 'template <...>', as in 'template <typename T> ADGEN(grad) T f(const T *x, int n)'
template <typename T>
T square(T a) {
  return a * a;
}
template double square<double>(double);
