// Loop conditions that assign (`i-- > 0`) are accepted where their effects
// are on local variables and the loop leaves only through its test; the
// rest are errors at their location.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(grad)
double with_assignment_in_do_condition(double x, int k) {
  do
    x = x * 0.5;
  while (k--); // CHECK: loop_conditions.cpp:[[@LINE]]:10: error: assignments in a do-while condition ('k') are not supported; move them into the loop body
  return x;
}

ADGEN(grad)
double with_store_in_condition(double x, int k) {
  double s[2] = {0, 0};
  while ((s[0] += 1) < k--) // CHECK: loop_conditions.cpp:[[@LINE]]:11: error: a loop condition may only assign local variables; move this into the loop body
    x = x * 0.5;
  return x + s[0];
}

ADGEN(grad)
double with_break_and_assigning_condition(double x, int k) {
  while (k-- > 0) { // CHECK: loop_conditions.cpp:[[@LINE]]:3: error: a loop whose condition assigns may not break or return; move the assignment into the loop body
    if (x > 10)
      break;
    x = x * 1.5;
  }
  return x;
}
