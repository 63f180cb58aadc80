//===- handwritten_particles.cpp - Hand-written pair-energy gradients -----===//
// The gradients of particles.cpp's energies as one would write them: one
// pass over the pairs, each adding its force to both particles.
//===----------------------------------------------------------------------===//
#include "particles.h"

#include <cmath>

namespace bench {

double pair_energy_hand(const std::vector<Vec3> &p, std::vector<Vec3> &g) {
  g.assign(p.size(), Vec3{0, 0, 0});
  double e = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y, dz = p[i].z - p[j].z;
      double s = 1 / std::sqrt(dx * dx + dy * dy + dz * dz + 0.01);
      double c = s * s * s; // -d s / d(dx) = c dx
      e += s;
      g[i].x -= c * dx, g[i].y -= c * dy, g[i].z -= c * dz;
      g[j].x += c * dx, g[j].y += c * dy, g[j].z += c * dz;
    }
  return e;
}

double pair_energy_flat_hand(const double *x, int n, double *g) {
  for (int k = 0; k < 3 * n; ++k)
    g[k] = 0;
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1],
             dz = x[3 * i + 2] - x[3 * j + 2];
      double s = 1 / std::sqrt(dx * dx + dy * dy + dz * dz + 0.01);
      double c = s * s * s;
      e += s;
      g[3 * i] -= c * dx, g[3 * i + 1] -= c * dy, g[3 * i + 2] -= c * dz;
      g[3 * j] += c * dx, g[3 * j + 1] += c * dy, g[3 * j + 2] += c * dz;
    }
  return e;
}

} // namespace bench
