// Calls to generated derivatives whose IR cannot be differentiated again: a
// Hessian-vector product that records values on a tape (a gradient that
// does is computed by forward sweeps instead), and a gradient that calls the
// gradient of another function. The error points at the call.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 -DCALLS 2>&1 | FileCheck %s --check-prefix=CALLS
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

#ifndef CALLS
// A loop-carried nonlinear value: the HVP records it.
ADGEN(hvp, len(x, n))
double chain(const double *x, int n) {
  double s = 1;
  for (int i = 0; i < n; ++i)
    s = std::sin(s * x[i]);
  return s;
}
void chain_hvp(const double *x, int n, const double *v_x, double *Hv_x);

ADGEN(grad, len(x, n))
double uses_chain(const double *x, int n) {
  double h[3];
  chain_hvp(x, n, x, h); // CHECK: generated_calls_expand.cpp:[[@LINE]]:3: error: differentiating this call to 'chain_hvp' needs its IR free of tapes, but it records values in a loop
  return h[0];
}

#else
double helper(double a) { return std::exp(a) * a; }

ADGEN(grad)
double outer(double a) { return helper(a) + a; }
double outer_grad(double a, double *d_a);

ADGEN(grad)
double uses_outer(double a) {
  double d;
  outer_grad(a, &d); // CALLS: generated_calls_expand.cpp:[[@LINE]]:3: error: differentiating this call to 'outer_grad' needs its IR free of calls, but it calls another function
  return d * a;
}
#endif
