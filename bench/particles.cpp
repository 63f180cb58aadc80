// particles.cpp - A softened Coulomb energy of n point charges, written over
// records (std::vector<Vec3>, as particle codes hold their state) and over
// one flat array; both gradients should cost what a hand-written one does.
#include "particles.h"

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

namespace bench {

// sum over i < j of 1 / sqrt(|p_i - p_j|^2 + 0.01)
ADGEN(grad)
double pair_energy(const std::vector<Vec3> &p) {
  double e = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y, dz = p[i].z - p[j].z;
      e += 1 / std::sqrt(dx * dx + dy * dy + dz * dz + 0.01);
    }
  return e;
}

ADGEN(grad, len(x, 3 * n))
double pair_energy_flat(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1],
             dz = x[3 * i + 2] - x[3 * j + 2];
      e += 1 / std::sqrt(dx * dx + dy * dy + dz * dz + 0.01);
    }
  return e;
}

} // namespace bench
