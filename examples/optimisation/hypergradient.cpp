// Hypergradient descent: dL/dalpha from adgen, checked against central
// differences and against the closed form -2 L / (1 - alpha_j), then used to
// descend on the ten step sizes (from alpha = 0.1, so that there is something
// to learn), lowering L at every outer step.
#include "hypergradient_model.ad.h"

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

double loss_after_descent(const double *alpha, const double *x0, int n);

int main() {
  const int n = 1000;
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> x0(n), alpha(10, 0.1), d(10);
  for (double &x : x0)
    x = uniform(rng);

  double L = loss_after_descent_grad(alpha.data(), x0.data(), n, d.data());
  auto f = [&](const std::vector<double> &a) {
    return loss_after_descent(a.data(), x0.data(), n);
  };
  bool ok = adgen::check_gradient(f, alpha, d);
  for (int j = 0; j < 10; ++j)
    ok &= adgen::close(d[j], -2 * L / (1 - alpha[j]),
                       adgen::CheckOptions{1e-9, 1e-12, true});
  std::printf("L(alpha = 0.1) = %.6f, dL/dalpha_0 = %.6f (closed form "
              "%.6f)\n",
              L, d[0], -2 * L / (1 - alpha[0]));

  const double beta = 1e-3;
  double first = L, previous = INFINITY;
  bool monotone = true;
  for (int step = 0; step < 200; ++step) {
    L = loss_after_descent_grad(alpha.data(), x0.data(), n, d.data());
    monotone &= L < previous;
    previous = L;
    for (int j = 0; j < 10; ++j)
      alpha[j] -= beta * d[j];
    if (step % 50 == 0)
      std::printf("outer step %3d: L = %.6e, alpha_0 = %.4f\n", step, L,
                  alpha[0]);
  }
  L = loss_after_descent(alpha.data(), x0.data(), n);
  std::printf("after 200 outer steps: L = %.6e (from %.6f)\n", L, first);
  ok &= monotone && L < 1e-2 * first;
  std::puts(ok ? "hypergradient: checked, and L decreased" : "hypergradient: FAILED");
  return ok ? 0 : 1;
}
