// hvp and hessian of functions that write their one result through a
// pointer (`*err = ...`, ADBench's objectives, here a template instantiated
// by ADGEN_DIFFERENTIATE) or a reference (`double &out`): f_hvp keeps the
// parameter and does not write it (it does not compute f's value, as for a
// function returning it); f_hessian writes f's value there (an in-out value
// starts from the caller's). Checked against
// central differences of the gradient and against the analytic Hessians.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// log-sum-exp with the maximum shifted out, written to *err.
template <typename T> void lse(int n, const T *x, T *err) {
  T m = x[0];
  for (int i = 1; i < n; ++i)
    m = x[i] > m ? x[i] : m;
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  *err = std::log(s) + m;
}
template void lse<double>(int, const double *, double *);
ADGEN_DIFFERENTIATE(lse<double>, grad, hvp, hessian, len(x, n));
// CHECK-LABEL: void lse_hvp(int n, const double *x, {{.*}}const double *err,
// CHECK-NEXT: const double *v_x, double *Hv_x) {
// CHECK-LABEL: void lse_hessian(int n, const double *x, double *err, double *H) {
// CHECK: err[0] =

// sum (i + 1) x_i^3 into a reference.
ADGEN(grad, hvp, hessian, len(x, n))
void cubes(int n, const double *x, double &out) {
  out = 0;
  for (int i = 0; i < n; ++i)
    out += x[i] * x[i] * x[i] * (i + 1);
}
// CHECK-LABEL: void cubes_hessian(int n, const double *x, double &out, double *H) {
// CHECK: out =

// An in-out value: acc + sum x_i^3; f_hessian adds to the caller's acc.
ADGEN(grad, hvp, hessian, len(x, n))
void accumulate(int n, const double *x, double &acc) {
  for (int i = 0; i < n; ++i)
    acc += x[i] * x[i] * x[i];
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  for (int n : {1, 2, 5}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.4 * std::sin(1.1 * i + 0.3) + 0.2;
    double dummy = -7.0;
    // lse: H = diag(p) - p p^T with p the softmax of x.
    checkHvp(
        "lse_hvp", x,
        [&](const double *v, double *g) {
          double e;
          lse_grad(n, v, &e, g);
          return e;
        },
        [&](const double *v, const double *dir, double *hv) {
          lse_hvp(n, v, &dummy, dir, hv);
        });
    std::vector<double> H(n * n, -9.0), p(n);
    double err = -5.0, f = 0.0, z = 0.0;
    lse_hessian(n, x.data(), &err, H.data());
    lse(n, x.data(), &f);
    expect(err == f, "lse_hessian writes f's value");
    for (int i = 0; i < n; ++i)
      z += std::exp(x[i]);
    for (int i = 0; i < n; ++i)
      p[i] = std::exp(x[i]) / z;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        expect(std::fabs(H[i * n + j] - ((i == j ? p[i] : 0.0) - p[i] * p[j])) <
                   1e-12,
               "lse_hessian: diag(p) - p p^T");
    // cubes: H = diag(6 (i + 1) x_i).
    checkHvp(
        "cubes_hvp", x,
        [&](const double *v, double *g) {
          double o;
          cubes_grad(n, v, o, g);
          return o;
        },
        [&](const double *v, const double *dir, double *hv) {
          cubes_hvp(n, v, dummy, dir, hv);
        });
    double out = -3.0, fo = 0.0;
    cubes_hessian(n, x.data(), out, H.data());
    cubes(n, x.data(), fo);
    expect(out == fo, "cubes_hessian writes f's value");
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        expect(std::fabs(H[i * n + j] - (i == j ? 6.0 * (i + 1) * x[i] : 0.0)) <
                   1e-12,
               "cubes_hessian: diag(6 (i + 1) x_i)");
    checkHvp(
        "accumulate_hvp", x,
        [&](const double *v, double *g) {
          double o = 1.5;
          accumulate_grad(n, v, o, g);
          return o;
        },
        [&](const double *v, const double *dir, double *hv) {
          accumulate_hvp(n, v, dummy, dir, hv);
        });
    double acc = 1.5, facc = 1.5;
    accumulate_hessian(n, x.data(), acc, H.data());
    accumulate(n, x.data(), facc);
    expect(acc == facc, "accumulate_hessian adds f's value to acc");
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        expect(std::fabs(H[i * n + j] - (i == j ? 6.0 * x[i] : 0.0)) < 1e-12,
               "accumulate_hessian: diag(6 x_i)");
    expect(dummy == -7.0, "f_hvp leaves the result parameter alone");
  }
  return ok ? 0 : 1;
}
#endif
