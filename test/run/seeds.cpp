// The scalar functions of the course material: the Beale function (seed 003)
// and the two functions of seed 004. Gradients and JVPs are checked against
// finite differences and against the analytic gradients to 1e-9.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

ADGEN(grad, jvp)
double beale(double x, double y) {
  double a = 1.5 - x + x * y;
  double b = 2.25 - x + x * y * y;
  double c = 2.625 - x + x * y * y * y;
  return a * a + b * b + c * c;
}

ADGEN(grad, jvp)
double seed004_exp(double x1, double x2) {
  return 0.06 * std::exp(2 * x1 + x2) + 0.05 * std::exp(x1 - 2 * x2) +
         std::exp(-x1);
}

ADGEN(grad, jvp)
double seed004_bump(double x1, double x2) {
  return x1 * std::exp(-(x1 * x1 + x2 * x2));
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  adgen::CheckOptions exact{1e-9, 1e-12, true};
  const double points[][2] = {{0.7, 1.4}, {3.0, 0.5}, {-1.0, 1.0},
                              {-1.0, -1.0}, {0.2, -0.3}};
  for (const auto &p : points) {
    double x = p[0], y = p[1];
    std::tuple t{0.8, -0.6};
    ok &= adgen::check_grad(beale, beale_grad, x, y);
    ok &= adgen::check_jvp(beale, beale_jvp, std::tuple(x, y), t);
    ok &= adgen::check_grad(seed004_exp, seed004_exp_grad, x, y);
    ok &= adgen::check_jvp(seed004_exp, seed004_exp_jvp, std::tuple(x, y), t);
    ok &= adgen::check_grad(seed004_bump, seed004_bump_grad, x, y);
    ok &= adgen::check_jvp(seed004_bump, seed004_bump_jvp, std::tuple(x, y), t);

    double dx, dy;
    beale_grad(x, y, &dx, &dy);
    double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y,
           c = 2.625 - x + x * y * y * y;
    ok &= adgen::close(dx, 2 * a * (y - 1) + 2 * b * (y * y - 1) +
                               2 * c * (y * y * y - 1), exact);
    ok &= adgen::close(dy, 2 * a * x + 2 * b * 2 * x * y +
                               2 * c * 3 * x * y * y, exact);

    seed004_exp_grad(x, y, &dx, &dy);
    double e1 = std::exp(2 * x + y), e2 = std::exp(x - 2 * y);
    ok &= adgen::close(dx, 0.12 * e1 + 0.05 * e2 - std::exp(-x), exact);
    ok &= adgen::close(dy, 0.06 * e1 - 0.1 * e2, exact);

    seed004_bump_grad(x, y, &dx, &dy);
    double e = std::exp(-(x * x + y * y));
    ok &= adgen::close(dx, (1 - 2 * x * x) * e, exact);
    ok &= adgen::close(dy, -2 * x * y * e, exact);
  }
  // The Beale minimum (3, 0.5) is a stationary point.
  double dx, dy;
  ok &= beale_grad(3.0, 0.5, &dx, &dy) == 0.0 && dx == 0.0 && dy == 0.0;
  std::puts(ok ? "seeds: ok" : "seeds: FAILED");
  return ok ? 0 : 1;
}
#endif
