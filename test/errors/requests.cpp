// ADGEN_DIFFERENTIATE requests adgen cannot take; every error points at the
// request, except those about a construct inside the requested body.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 -I%S/../Inputs 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

#include "library_model.h"

namespace other {
double declared_only(double x);
inline int counts(double x) { return static_cast<int>(x); }
inline double global_scale = 2.0;
template <typename T> T cube(T x) { return x * x * x; }
extern template double cube<double>(double);
} // namespace other

// Requests that name no function are reported first.
ADGEN_DIFFERENTIATE(other::global_scale, grad); // CHECK: requests.cpp:[[@LINE]]:1: error: ADGEN_DIFFERENTIATE names something that is not a function; give a function's qualified name (ns::f, ns::Class::method) or a template instantiation (ns::f<double>)
void body() {
  ADGEN_DIFFERENTIATE(lib::softplus, grad); // CHECK: requests.cpp:[[@LINE]]:3: error: ADGEN_DIFFERENTIATE must be at namespace scope, outside functions and classes
}
ADGEN_DIFFERENTIATE(other::declared_only, grad); // CHECK: requests.cpp:[[@LINE]]:1: error: 'declared_only' has no body in this translation unit: ADGEN_DIFFERENTIATE needs the definition (include the header that defines it)
ADGEN_DIFFERENTIATE(lib::rosenbrock<double>, grad, len(y, n)); // CHECK: requests.cpp:[[@LINE]]:1: error: len(y, ...): 'y' is not a pointer parameter of 'rosenbrock'
ADGEN_DIFFERENTIATE(lib::softplus, gradient); // CHECK: requests.cpp:[[@LINE]]:1: error: unknown adgen mode 'gradient'
ADGEN_DIFFERENTIATE(other::counts, grad); // CHECK: requests.cpp:[[@LINE]]:1: error: 'counts' returns 'int'; only functions with a floating-point result
ADGEN_DIFFERENTIATE(other::cube<double>, grad); // CHECK: requests.cpp:[[@LINE]]:1: error: 'cube<double>' is declared extern (an explicit instantiation declaration)

namespace other {
inline double with_state(double x) {
  static double calls = 0; // CHECK: requests.cpp:[[@LINE]]:17: error: static local variable 'calls' is not supported
  calls += 1;
  return calls * x;
}
} // namespace other
ADGEN_DIFFERENTIATE(other::with_state, grad);
