// Pointer parameters that the body only dereferences (`*err = ...`, `*w`,
// `w[0]`) hold one value and need no len(...): ADBench's way of writing a
// scalar result through a pointer, also in a template. Their jvp, vjp and
// jacobian treat them as arrays of length 1; a void function whose one
// result is such a value has a gradient (f_grad returns void and writes the
// value as f does). Checked against central differences; the vjp with
// weight 1 and the Jacobian's row are the gradient.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>

ADGEN(grad, jvp, vjp, jacobian)
void weighted(const double *w, double x, double *err) {
  *err = std::sin(*w) * x + w[0] * w[0];
}
// CHECK: void weighted_grad(const double *w, double x, double *err, double *d_w,
// CHECK-NEXT: double *d_x) {
// CHECK-NOT: w_err
// CHECK: void weighted_jvp(const double *w, double x, double *err, const double *t_w,
// CHECK-NEXT: double t_x, double *t_err) {

template <typename T>
ADGEN(grad, jvp, vjp, len(x, n))
void objective(int n, const T *x, const T *scale, T *err) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  *err = *scale * std::log(T(1) + s);
}
template void objective<double>(int, const double *, const double *,
                                double *);

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  // Each function's value and JVP, then its gradient two ways: the vjp with
  // weight 1 and grad.
  Fn weightedValue = [](const double *p) {
    double e;
    weighted(&p[0], p[1], &e);
    return e;
  };
  Jvp weightedJvp = [](const double *p, const double *t) {
    double e, te;
    weighted_jvp(&p[0], p[1], &e, &t[0], t[1], &te);
    return te;
  };
  std::vector<double> in = {0.7, -1.3};
  checkGradJvp(
      "weighted_vjp", in, weightedValue,
      [](const double *p, double *g) {
        double e, one = 1;
        weighted_vjp(&p[0], p[1], &e, &one, &g[0], &g[1]);
        return e;
      },
      weightedJvp);
  checkGradJvp(
      "weighted_grad", in, weightedValue,
      [](const double *p, double *g) {
        double e = -1;
        weighted_grad(&p[0], p[1], &e, &g[0], &g[1]);
        return e;
      },
      weightedJvp);
  double e, J[2], g[2], one = 1;
  weighted_jacobian(&in[0], in[1], &e, J);
  weighted_vjp(&in[0], in[1], &e, &one, &g[0], &g[1]);
  expect(J[0] == g[0] && J[1] == g[1], "weighted_jacobian is the gradient");

  const int n = 3;
  std::vector<double> p = {0.5, -0.25, 0.75, 1.5}; // x, then scale
  Fn objectiveValue = [&](const double *q) {
    double r;
    objective(n, q, &q[n], &r);
    return r;
  };
  Jvp objectiveJvp = [&](const double *q, const double *t) {
    double r, tr;
    objective_jvp(n, q, &q[n], &r, t, &t[n], &tr);
    return tr;
  };
  checkGradJvp(
      "objective_vjp", p, objectiveValue,
      [&](const double *q, double *d) {
        double r, w = 1;
        objective_vjp(n, q, &q[n], &r, &w, d, &d[n]);
        return r;
      },
      objectiveJvp);
  checkGradJvp(
      "objective_grad", p, objectiveValue,
      [&](const double *q, double *d) {
        double r = -1;
        objective_grad(n, q, &q[n], &r, d, &d[n]);
        return r;
      },
      objectiveJvp);
  return ok ? 0 : 1;
}
#endif
