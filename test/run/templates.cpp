// Function templates marked with ADGEN(...) between `template <...>` and the
// declaration, as code written for operator-overloading AD tools is: every
// instantiation on floating-point types gets derivatives, as ordinary
// overloads in the template's namespace (objective_grad for double and for
// float); the instantiation on int is left alone. Instantiations come from
// explicit instantiation definitions and from uses (fixed<double, 3>, a size
// as a template argument); marked templates call other templates (sqnorm<T>,
// a scalar helper kept as a call), and marked code calls a template's
// generated gradient. Gradients and JVPs against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

namespace model {
template <typename T> T sqnorm(int n, const T *x) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

template <typename T> T softplus(T z) { return std::log(T(1) + std::exp(z)); }

template <typename T>
ADGEN(grad, jvp, len(x, n))
T objective(int n, const T *x, T scale) {
  return scale * std::log(T(1) + sqnorm(n, x)) + softplus(x[0] * scale) +
         softplus(T(n));
}

template <typename T, int N>
ADGEN(grad, jvp, len(x, N))
T fixed(const T *x) {
  T s = 0;
  for (int i = 0; i < N; ++i)
    s += std::sin(x[i]) * T(i + 1);
  return s * s;
}
} // namespace model

template double model::objective<double>(int, const double *, double);
template float model::objective<float>(int, const float *, float);
template int model::objective<int>(int, const int *, int);

double use_fixed(const double *x) { return model::fixed<double, 3>(x); }

// Marked code calling a marked template's generated gradient: the prototype
// of the contract's signature names the instantiation on double.
namespace model {
template <typename T>
ADGEN(grad)
T bowl(T a, T b) {
  return a * a + T(3) * b * b + a * b;
}
template double bowl<double>(double, double);
double bowl_grad(double a, double b, double *d_a, double *d_b);

ADGEN(grad, jvp)
double gradient_step(double a, double b) {
  double ga, gb;
  bowl_grad(a, b, &ga, &gb);
  return bowl(a - 0.1 * ga, b - 0.1 * gb);
}
} // namespace model

// The helper template's instantiation is called with its arguments where
// only its value is needed; its gradient is an inline overload.
// CHECK: namespace model {
// CHECK: inline double softplus_grad(double z, double *d_z)
// CHECK: double objective_grad(int n, const double *x, double scale,
// CHECK: ::model::softplus<double>(static_cast<double>(n))
// CHECK: float objective_grad(int n, const float *x, float scale,
// CHECK-NOT: int objective_grad
// CHECK: double fixed_grad(const double *x, double *d_x)

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  std::vector<double> in = {0.5, -0.25, 0.75, 1.0};
  const int n = 3;
  checkGradJvp(
      "objective<double>", in,
      [&](const double *p) { return model::objective(n, p, p[n]); },
      [&](const double *p, double *g) {
        return model::objective_grad(n, p, p[n], g, &g[n]);
      },
      [&](const double *p, const double *t) {
        return model::objective_jvp(n, p, p[n], t, t[n]);
      });
  std::vector<double> in3 = {0.5, -0.25, 0.75};
  checkGradJvp(
      "fixed<double, 3>", in3,
      [&](const double *p) { return model::fixed<double, 3>(p); },
      [&](const double *p, double *g) { return model::fixed_grad(p, g); },
      [&](const double *p, const double *t) {
        return model::fixed_jvp(p, t);
      });
  std::vector<double> ab = {0.7, -0.4};
  checkGradJvp(
      "gradient_step", ab,
      [&](const double *p) { return model::gradient_step(p[0], p[1]); },
      [&](const double *p, double *g) {
        return model::gradient_step_grad(p[0], p[1], &g[0], &g[1]);
      },
      [&](const double *p, const double *t) {
        return model::gradient_step_jvp(p[0], p[1], t[0], t[1]);
      });
  // The float instantiation against differences of the double one.
  std::vector<float> xf = {0.5f, -0.25f, 0.75f}, gf(3);
  float sf = 1.0f, dsf = 0;
  float vf = model::objective_grad(n, xf.data(), sf, gf.data(), &dsf);
  expect(std::fabs(vf - model::objective(n, xf.data(), sf)) <= 1e-6f,
         "objective<float> value");
  std::vector<double> xd(xf.begin(), xf.end());
  double h = 1e-6;
  for (int i = 0; i <= n; ++i) {
    std::vector<double> a = xd, b = xd;
    double sa = sf, sb = sf;
    (i < n ? a[i] : sa) += h;
    (i < n ? b[i] : sb) -= h;
    double fd = (model::objective(n, a.data(), sa) -
                 model::objective(n, b.data(), sb)) / (2 * h);
    double got = i < n ? gf[i] : dsf;
    expect(std::fabs(got - fd) <= 1e-5 * std::fmax(1, std::fabs(fd)),
           "objective<float> gradient");
  }
  return ok ? 0 : 1;
}
#endif
