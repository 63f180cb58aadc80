// Adam (lr 0.1, betas 0.9 and 0.999) on the Beale function from (0.7, 1.4)
// with adgen's gradient (seed 003, task 2): converges to (3, 0.5).
#include "adam_beale_model.ad.h"

#include <cmath>
#include <cstdio>

double beale(double x, double y);

int main() {
  double p[2] = {0.7, 1.4}, m[2] = {0, 0}, v[2] = {0, 0};
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  int t = 1;
  for (; t <= 20000; ++t) {
    double g[2];
    beale_grad(p[0], p[1], &g[0], &g[1]);
    if (std::hypot(g[0], g[1]) < 1e-9)
      break;
    for (int i = 0; i < 2; ++i) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double mhat = m[i] / (1 - std::pow(b1, t));
      double vhat = v[i] / (1 - std::pow(b2, t));
      p[i] -= lr * mhat / (std::sqrt(vhat) + eps);
    }
  }
  std::printf("Adam on Beale from (0.7, 1.4): (%.6f, %.6f) after %d steps, "
              "f = %.3g\n",
              p[0], p[1], t, beale(p[0], p[1]));
  bool ok = std::fabs(p[0] - 3) < 1e-4 && std::fabs(p[1] - 0.5) < 1e-4;
  std::puts(ok ? "adam: converged to (3, 0.5)" : "adam: FAILED");
  return ok ? 0 : 1;
}
