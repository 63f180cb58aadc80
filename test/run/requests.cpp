// ADGEN_DIFFERENTIATE: derivatives of functions in a header this file cannot
// edit (test/Inputs/library_model.h has no ADGEN): an inline function, two
// instantiations of a function template, a template in a nested namespace
// that writes its result through a pointer, and a marked function of this
// file that calls a requested one. The requested functions' derivatives are
// ordinary (not inline) functions defined here, so another file calls them
// through the --emit=header declarations: main is in
// test/Inputs/requests_main.cpp, checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17 -I%S/../Inputs
// RUN: %adgen %s -o %t.cpp --depfile=%t.d -- -std=c++17 -I%S/../Inputs
// RUN: %section %t.cpp | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEPS < %t.d
// RUN: %gxx %cxxflags -include %t.h %t.cpp %S/../Inputs/requests_main.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp %S/../Inputs/requests_main.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>

#include "library_model.h"

ADGEN_DIFFERENTIATE(lib::logistic, grad(w), jvp(w), len(w, d), len(x, m * d),
                    len(y, m));
ADGEN_DIFFERENTIATE(lib::rosenbrock<double>, grad, hvp, len(x, n))
ADGEN_DIFFERENTIATE(lib::rosenbrock<float>, grad, len(x, n));
ADGEN_DIFFERENTIATE(lib::nested::energy<double>, grad, jvp, len(q, n));

// Marked code of this file calling a requested function.
ADGEN(grad, len(x, n))
double shifted(const double *x, int n, double c) {
  return lib::rosenbrock(x, n) + c * lib::softplus(x[0]);
}

// The helper the requested function calls keeps its inline derivative; the
// requested ones are defined once, here.
// CHECK: namespace lib {
// CHECK: inline double softplus_grad(double z, double *d_z)
// CHECK: double logistic_grad(const double *w, const double *x,
// CHECK: double rosenbrock_grad(const double *x, int n, double *d_x)
// CHECK: void rosenbrock_hvp(const double *x, int n, const double *v_x,
// CHECK: float rosenbrock_grad(const float *x, int n, float *d_x)
// CHECK: namespace nested {
// CHECK: void energy_grad(const double *q, int n, double *err, double *d_q)
// CHECK: double shifted_grad(

// The depfile names the output, this file and the header.
// DEPS: {{^.*}}requests.cpp.tmp.cpp:
// DEPS-NEXT: {{^ +/.*}}/run/requests.cpp
// DEPS: {{^ +/.*}}/Inputs/library_model.h
