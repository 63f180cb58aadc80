// Statements adgen does not differentiate are errors at their location; one
// error per marked function, all reported in one run.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <vector>

ADGEN(grad)
double with_goto(double x) {
  if (x > 0)
    goto done; // CHECK: unsupported_statements.cpp:[[@LINE]]:5: error: 'goto' is not supported
  x = -x;
done:
  return x;
}



ADGEN(grad)
double with_declaration_in_while(double x) {
  while (int k = x > 1) // CHECK: unsupported_statements.cpp:[[@LINE]]:3: error: a declaration in a while condition is not supported
    x = x * 0.5 + k;
  return x;
}

ADGEN(grad)
double with_switch(double x, int k) {
  switch (k) { // CHECK: unsupported_statements.cpp:[[@LINE]]:3: error: 'switch' statements are not supported; use if/else
  case 0:
    return x;
  default:
    return -x;
  }
}

double state = 0;
ADGEN(grad)
double with_global(double x) {
  return x * state; // CHECK: unsupported_statements.cpp:[[@LINE]]:14: error: 'state' is a non-constant global variable
}

ADGEN(grad)
double with_static(double x) {
  static double calls = 0; // CHECK: unsupported_statements.cpp:[[@LINE]]:17: error: static local variable 'calls' is not supported
  return x + calls;
}

ADGEN(grad)
double with_side_effect_in_ternary(double x, double y) {
  return x > 0 ? (y = x) : y; // CHECK: unsupported_statements.cpp:[[@LINE]]:10: error: assignments inside '?:' are not supported; use if/else
}

ADGEN(grad)
double with_bit_ops(double x, int k) {
  return x * (k << 2); // CHECK: unsupported_statements.cpp:[[@LINE]]:15: error: operator '<<' is not supported
}

ADGEN(grad)
double missing_return(double x) {
  if (x > 0)
    return x;
} // CHECK: unsupported_statements.cpp:[[@LINE]]:1: error: not every path through 'missing_return' returns a value

ADGEN(grad)
double with_reference_to_local(double x) {
  double s = x;
  double &r = s; // CHECK: unsupported_statements.cpp:[[@LINE]]:11: error: non-const reference variable 'r' is not supported; adgen supports references to array elements
  r *= 2;
  return s;
}

ADGEN(grad)
double with_iterator_arithmetic(const std::vector<double> &x) {
  std::vector<double> t(x.begin() + 1, x.end()); // CHECK: unsupported_statements.cpp:[[@LINE]]:25: error: this iterator is not supported; adgen copies ranges given as pointers (x, x + n) or as v.begin(), v.end()
  return t[0];
}

ADGEN(grad)
double with_mixed_range(const std::vector<double> &x,
                        const std::vector<double> &y) {
  std::vector<double> t(x.begin(), y.end()); // CHECK: unsupported_statements.cpp:[[@LINE]]:36: error: the two ends of this range name different arrays
  return t[0];
}

ADGEN(grad)
double with_reference_to_conditional(double x, double y) {
  double a[2] = {x, y};
  const double &c = x > 0 ? a[0] : a[1]; // CHECK: unsupported_statements.cpp:[[@LINE]]:17: error: reference 'c' binds to an expression adgen cannot follow; bind it to an array element or a local variable, or copy the value
  a[0] = x * y;
  return c;
}

ADGEN(grad)
double with_reference_to_array(const std::vector<double> &x) {
  std::vector<double> v(x);
  const std::vector<double> &cr = v; // CHECK: unsupported_statements.cpp:[[@LINE]]:30: error: reference 'cr' names a whole array; use the array's own name
  return cr[0];
}

ADGEN(grad)
double pointer_to_scalar(double a) {
  const double *p = &a; // CHECK: unsupported_statements.cpp:[[@LINE]]:21: error: this array expression is not supported
  return *p;
}

ADGEN(grad, len(x, n), len(y, n))
double pointers_into_two_arrays(int n, const double *x, const double *y) {
  const double *p = x, *q = y;
  return p < q ? *p : *q; // CHECK: unsupported_statements.cpp:[[@LINE]]:10: error: pointers into different arrays are compared or subtracted
}
