// Calls to generated derivatives in marked code: prototypes that do not match
// the contract, modes the callee is not marked for, out-pointers that are
// not addresses (generated_calls_expand.cpp: derivatives that cannot be
// differentiated again).
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

ADGEN(grad, len(x, n))
double sq(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
// CHECK: generated_calls.cpp:[[@LINE+1]]:8: error: 'sq_grad' does not match what adgen generates for 'sq': declare it as 'double sq_grad(const double *x, int n, double *d_x)'
double sq_grad(const double *x, int n, const double *d_x);

ADGEN(grad, len(x, n))
double uses_sq(const double *x, int n) {
  double g[4];
  return sq_grad(x, n, g);
}

ADGEN(grad)
double cube(double a) { return a * a * a; }
void cube_hvp(double a, double v_a, double *Hv_a);
double cube_grad(double a, double *d_a);

ADGEN(grad)
double uses_cube(double a) {
  double h;
  cube_hvp(a, 1.0, &h); // CHECK: generated_calls.cpp:[[@LINE]]:3: error: 'cube_hvp' is not generated: 'cube' is not marked for hvp; add it to its ADGEN(...)
  return h;
}

ADGEN(grad)
double pointer_out(double a) {
  return cube_grad(a, nullptr); // CHECK: generated_calls.cpp:[[@LINE]]:23: error: pass the address of a variable (&v) as 'd_a' of 'cube_grad'
}
