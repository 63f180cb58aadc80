// Newton's method on seed 004's function with adgen's gradient and Hessian:
// each step minimises the Taylor quadratic, x <- x - H^-1 g. Prints the
// gradient's norm per step; it squares from step to step (quadratic
// convergence) once the iterate is close.
#include "newton_model.ad.h"

#include <cmath>
#include <cstdio>

double taylor(double x1, double x2);

int main() {
  double x1 = 0, x2 = 2;
  double previous = 0;
  bool quadratic = true;
  int steps = 0;
  std::printf("Newton from (%g, %g)\n", x1, x2);
  for (; steps < 50; ++steps) {
    double g[2], H[4];
    taylor_grad(x1, x2, &g[0], &g[1]);
    taylor_hessian(x1, x2, H);
    double norm = std::hypot(g[0], g[1]);
    std::printf("step %2d: x = (%.12f, %.12f), |grad| = %.3e\n", steps, x1, x2,
                norm);
    // Quadratic convergence: |g_k+1| <= C |g_k|^2 near the minimum (above
    // the rounding floor).
    if (previous > 0 && previous < 1e-2 && norm > 1e-14 &&
        norm > 10 * previous * previous)
      quadratic = false;
    previous = norm;
    if (norm < 1e-13)
      break;
    double det = H[0] * H[3] - H[1] * H[2];
    x1 -= (H[3] * g[0] - H[1] * g[1]) / det;
    x2 -= (H[0] * g[1] - H[2] * g[0]) / det;
  }
  bool ok = previous < 1e-13 && quadratic && steps < 12;
  std::printf("minimum at (%.6f, %.6f), f = %.6f\n", x1, x2, taylor(x1, x2));
  std::puts(ok ? "newton: converged quadratically" : "newton: FAILED");
  return ok ? 0 : 1;
}
