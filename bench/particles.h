//===- particles.h - The particle record and hand-written gradients -------===//
// Shared by particles.cpp (differentiated by adgen), its hand-written
// gradients and the benchmark.
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

namespace bench {

struct Vec3 {
  double x, y, z;
};

// particles.cpp
double pair_energy(const std::vector<Vec3> &p);
double pair_energy_flat(const double *x, int n);
// handwritten_particles.cpp: g is resized (records) or has 3 n elements.
double pair_energy_hand(const std::vector<Vec3> &p, std::vector<Vec3> &g);
double pair_energy_flat_hand(const double *x, int n, double *g);

} // namespace bench
