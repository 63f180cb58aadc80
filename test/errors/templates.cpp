// Marked function templates: instantiations whose derivatives would be the
// same overloads, and an instantiation this file only declares.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

// A size only in the template arguments: fixed_grad(const double *, double *)
// twice.
template <int N>
ADGEN(grad, len(x, N)) // CHECK: templates.cpp:[[@LINE]]:1: error: 'fixed<3>' and 'fixed<4>' take the same parameter types, so their generated derivatives (plain overloads, not templates) would be the same functions
double fixed(const double *x) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += x[i] * x[i];
  return s;
}
double use(const double *x) { return fixed<3>(x) + fixed<4>(x); }

template <typename T>
ADGEN(grad)
T square(T a) { return a * a; } // CHECK: templates.cpp:[[@LINE]]:3: error: 'square<double>' is declared extern (an explicit instantiation declaration), so this file has no body to differentiate; instantiate it here instead
extern template double square<double>(double);
