// Seed 000, problem 1: f(x, y) = exp(-(sin x + cos y)^2). The gradient and
// the JVP are checked against finite differences and the analytic formula.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

ADGEN(grad, jvp)
double f(double x, double y) {
  return std::exp(-std::pow(std::sin(x) + std::cos(y), 2));
}

// CHECK-LABEL: double f_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NOT: 1.0 *
// CHECK: *d_x =
// CHECK: *d_y =
// CHECK: return
// CHECK-LABEL: double f_jvp(double x, double y, double t_x, double t_y,
// CHECK-SAME: double *value) {
// CHECK: if (value)

#ifndef __ADGEN__
int main() {
  bool ok = true;
  const double points[][2] = {{0.3, -1.2}, {1.0, 2.0}, {-0.7, 0.1}};
  for (const auto &p : points) {
    double x = p[0], y = p[1];
    ok &= adgen::check_grad(f, f_grad, x, y);
    ok &= adgen::check_jvp(f, f_jvp, std::tuple(x, y), std::tuple(0.4, -1.3));
    // Analytic: df/dx = -2 s cos x f, df/dy = 2 s sin y f, s = sin x + cos y.
    double dx, dy;
    double v = f_grad(x, y, &dx, &dy);
    double s = std::sin(x) + std::cos(y);
    adgen::CheckOptions exact{1e-9, 1e-15, true};
    ok &= adgen::close(dx, -2 * s * std::cos(x) * v, exact);
    ok &= adgen::close(dy, 2 * s * std::sin(y) * v, exact);
  }
  std::puts(ok ? "seed000: ok" : "seed000: FAILED");
  return ok ? 0 : 1;
}
#endif
