// Calls the derivatives adgen generated from model.cpp: prints f and its
// gradient beside central finite differences, then minimises the Beale
// function with Adam using the generated gradient.
#include "model.ad.h"

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

double f(double x, double y);
double beale(double x, double y);

int main() {
  const double x = 0.5, y = 1.0;
  double dx, dy;
  double value = f_grad(x, y, &dx, &dy);
  const double h = 1e-6;
  double fd_x = (f(x + h, y) - f(x - h, y)) / (2 * h);
  double fd_y = (f(x, y + h) - f(x, y - h)) / (2 * h);
  std::printf("f(%g, %g) = %.12f\n", x, y, value);
  std::printf("df/dx = %.12f   finite differences: %.12f\n", dx, fd_x);
  std::printf("df/dy = %.12f   finite differences: %.12f\n", dy, fd_y);
  std::printf("directional derivative along (1, 2): %.12f\n",
              f_jvp(x, y, 1.0, 2.0));
  bool ok = adgen::check_grad(f, f_grad, x, y) && adgen::check_grad(beale, beale_grad, x, y);
  std::printf("check_grad: %s\n", ok ? "ok" : "MISMATCH");

  // Adam on Beale from (0.7, 1.4), lr 0.1, betas (0.9, 0.999).
  double p[2] = {0.7, 1.4}, m[2] = {0, 0}, v[2] = {0, 0};
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (int t = 1; t <= 5000; ++t) {
    double g[2];
    beale_grad(p[0], p[1], &g[0], &g[1]);
    for (int i = 0; i < 2; ++i) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double mhat = m[i] / (1 - std::pow(b1, t));
      double vhat = v[i] / (1 - std::pow(b2, t));
      p[i] -= lr * mhat / (std::sqrt(vhat) + eps);
    }
  }
  std::printf("Adam on Beale: minimum at (%.6f, %.6f), value %.3g\n", p[0],
              p[1], beale(p[0], p[1]));
  return ok ? 0 : 1;
}
