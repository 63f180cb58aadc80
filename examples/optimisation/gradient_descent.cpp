// Gradient descent with step 0.25 on x1 exp(-(x1^2 + x2^2)) from (-1, 1) and
// (-1, -1), with adgen's gradient: both runs reach the minimum (-1/sqrt 2, 0).
#include "gradient_descent_model.ad.h"

#include <cmath>
#include <cstdio>

double bump(double x1, double x2);

int main() {
  const double starts[2][2] = {{-1, 1}, {-1, -1}};
  bool ok = true;
  for (const auto &s : starts) {
    double x1 = s[0], x2 = s[1];
    int steps = 0;
    for (; steps < 10000; ++steps) {
      double g1, g2;
      bump_grad(x1, x2, &g1, &g2);
      if (std::hypot(g1, g2) < 1e-10)
        break;
      x1 -= 0.25 * g1;
      x2 -= 0.25 * g2;
    }
    std::printf("from (%g, %g): minimum at (%.6f, %.6f) after %d steps, f = "
                "%.6f\n",
                s[0], s[1], x1, x2, steps, bump(x1, x2));
    ok &= std::fabs(x1 + 1 / std::sqrt(2.0)) < 1e-6 && std::fabs(x2) < 1e-6;
  }
  std::puts(ok ? "gradient descent: converged to (-0.707107, 0)"
               : "gradient descent: FAILED");
  return ok ? 0 : 1;
}
