// Marked code calling functions whose bodies are in an included header
// (inline helpers in a namespace: a scalar one, one that reads arrays, one
// that writes an array), and the C library's float spellings of <cmath>
// functions (sqrtf, expf, powf). Gradients and JVPs against central
// differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17 -I%S/../Inputs
// RUN: %adgen %s -o %t.cpp -- -std=c++17 -I%S/../Inputs
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <math.h>
#include <vector>

#include "user_model.h"

// The scalar helper stays a call to its generated gradient, in its
// namespace and inline like it.
// CHECK: inline double softplus_grad(double z, double *d_z)
ADGEN(grad(w, y), jvp(w, y), len(w, n), len(x, n))
double logistic_loss(const double *w, const double *x, int n, double y) {
  std::vector<double> scaled(n);
  model::scale_into(x, y, scaled.data(), n);
  return model::softplus(-model::dot(w, scaled.data(), n));
}

ADGEN(grad, jvp)
float radial(float r, float s) {
  return sqrtf(r * r + s * s) * expf(-0.5f * r) + powf(s, 3.0f);
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int n = 5;
  std::vector<double> x = {0.3, -1.2, 0.8, 0.1, -0.4};
  std::vector<double> in = {0.5, -0.25, 0.75, 1.0, -0.5, 0.9};
  checkGradJvp(
      "logistic_loss", in,
      [&](const double *p) { return logistic_loss(p, x.data(), n, p[n]); },
      [&](const double *p, double *g) {
        return logistic_loss_grad(p, x.data(), n, p[n], g, &g[n]);
      },
      [&](const double *p, const double *t) {
        return logistic_loss_jvp(p, x.data(), n, p[n], t, t[n]);
      });
  // The float function against differences in double of its float value
  // (float rounding: a looser tolerance).
  float r = 1.3f, s = 0.7f, dr = 0, ds = 0;
  float v = radial_grad(r, s, &dr, &ds);
  auto f = [](double a, double b) {
    return std::sqrt(a * a + b * b) * std::exp(-0.5 * a) + b * b * b;
  };
  double h = 1e-4;
  double fr = (f(r + h, s) - f(r - h, s)) / (2 * h);
  double fs = (f(r, s + h) - f(r, s - h)) / (2 * h);
  expect(std::fabs(v - radial(r, s)) <= 1e-6f, "radial value");
  expect(std::fabs(dr - fr) <= 1e-5 * std::fmax(1, std::fabs(fr)), "d radial/dr");
  expect(std::fabs(ds - fs) <= 1e-5 * std::fmax(1, std::fabs(fs)), "d radial/ds");
  float jt = radial_jvp(r, s, 1.0f, 2.0f);
  expect(std::fabs(jt - (fr + 2 * fs)) <= 1e-5 * std::fmax(1, std::fabs(fr + 2 * fs)),
         "radial jvp");
  return ok ? 0 : 1;
}
#endif
