// Calls the requested gradient and checks it against central differences.
#include "model.ad.h"
#include "physics.h"

#include <cmath>
#include <cstdio>

int main() {
  const int n = 4;
  double x[n] = {0.1, 1.3, 2.0, 3.4}, g[n];
  double e = physics::chain_energy_grad(x, n, g);
  bool ok = std::fabs(e - physics::chain_energy(x, n)) < 1e-12;
  for (int i = 0; i < n; ++i) {
    double h = 1e-5, a[n], b[n];
    for (int k = 0; k < n; ++k)
      a[k] = b[k] = x[k];
    a[i] += h;
    b[i] -= h;
    double fd = (physics::chain_energy(a, n) - physics::chain_energy(b, n)) /
                (2 * h);
    ok = ok && std::fabs(fd - g[i]) < 1e-6 * std::fmax(1, std::fabs(fd));
  }
  std::printf("energy %.6f, d/dx0 %.6f\n", e, g[0]);
  std::printf("gradient: %s\n", ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
