// Mistakes in ADGEN(...) and in the signature of a marked function.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(gradient) // CHECK: annotations.cpp:[[@LINE]]:1: error: unknown adgen mode 'gradient'; the modes are grad, jvp, vjp, hvp, hessian, jacobian and derivative(x, k)
double unknown_mode(double x) { return x; }

ADGEN(grad(x, z)) // CHECK: annotations.cpp:[[@LINE]]:1: error: 'z' in grad(...) is not a parameter of 'not_a_param'
double not_a_param(double x, double y) { return x * y; }

ADGEN(grad(n)) // CHECK: annotations.cpp:[[@LINE]]:1: error: parameter 'n' of 'int_param' has type 'int' and cannot be differentiated
double int_param(double x, int n) { return x * n; }

ADGEN(grad x) // CHECK: annotations.cpp:[[@LINE]]:1: error: malformed ADGEN annotation: expected ',' between modes at 'x'
double malformed(double x) { return x; }

ADGEN(grad)
int int_result(double x) { return x > 0; } // CHECK: annotations.cpp:[[@LINE]]:5: error: 'int_result' returns 'int'; only functions with a floating-point result (or results in output arrays) can be differentiated

ADGEN(grad)
double pointer_param(const double *x) { return x[1]; } // CHECK: annotations.cpp:[[@LINE]]:36: error: pointer parameter 'x' of 'pointer_param' needs its length: add len(x, <expression>) to ADGEN(...)

ADGEN(grad) // CHECK: annotations.cpp:[[@LINE]]:1: error: 'array_param' writes its results into 'x'; grad is for scalar functions, use vjp (weights on the outputs) or jvp
double array_param(double x[3]) { return x[0]; }

ADGEN(derivative(x, 9)) // CHECK: annotations.cpp:[[@LINE]]:1: error: the order in derivative(x, 9) must be an integer from 1 to 8
double order_too_high(double x) { return x; }

ADGEN(derivative(n, 2)) // CHECK: annotations.cpp:[[@LINE]]:1: error: derivative(n, 2) needs a floating-point scalar parameter; 'n' has type 'int'
double int_order(double x, int n) { return x * n; }

ADGEN(derivative(z, 2)) // CHECK: annotations.cpp:[[@LINE]]:1: error: 'z' in derivative(...) is not a parameter of 'unknown_variable'
double unknown_variable(double x) { return x; }

ADGEN(derivative(x)) // CHECK: annotations.cpp:[[@LINE]]:1: error: derivative(...) takes a scalar parameter and an order, as in derivative(x, 4)
double no_order(double x) { return x; }

ADGEN(derivative(x, 2), derivative(x, 2)) // CHECK: annotations.cpp:[[@LINE]]:1: error: derivative(x, 2) is given twice
double twice(double x) { return x; }

ADGEN(hvp, len(y, 2)) // CHECK: annotations.cpp:[[@LINE]]:1: error: 'vector_hvp' writes its results into 'y'; hvp is for scalar functions, use vjp (weights on the outputs) or jvp
void vector_hvp(double a, double *y) { y[0] = a * a; }

ADGEN(grad, len(x, m)) // CHECK: annotations.cpp:[[@LINE]]:20: error: len(x, ...): 'm' is not an integer parameter of 'bad_length'
double bad_length(const double *x, int n, double m) { return x[0] * n * m; }

ADGEN(grad, len(n, 3)) // CHECK: annotations.cpp:[[@LINE]]:17: error: len(n, ...): 'n' is not a pointer parameter of 'length_of_scalar'
double length_of_scalar(const double *x, int n) { return x[0] * n; }

// A non-const reference is an in-out value: grad needs one scalar result.
ADGEN(grad) // CHECK: annotations.cpp:[[@LINE]]:1: error: 'out_param' writes its results into 'x'; grad is for scalar functions, use vjp (weights on the outputs) or jvp
double out_param(double &x) { return x; }

ADGEN(grad)
double no_float(int n) { return n; } // CHECK: annotations.cpp:[[@LINE-1]]:1: error: 'no_float' has no floating-point parameter to differentiate with respect to

ADGEN(grad)
double declared_only(double x); // CHECK: annotations.cpp:[[@LINE]]:8: error: 'declared_only' is marked with ADGEN but has no body in this file

struct S {
  ADGEN(grad)
  virtual double method(double x) { return x; } // CHECK: annotations.cpp:[[@LINE]]:18: error: 'method' is a member function adgen cannot mark (a virtual function, a constructor, an operator); mark a named, non-virtual member function, or a free function that takes the object
};
