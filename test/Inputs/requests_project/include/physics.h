// A library header: a spring chain's energy, templated on the scalar type
// as code for operator-overloading AD tools is. It has no ADGEN.
#pragma once
#include <cmath>

namespace physics {
constexpr double Stiffness = 2.0;

template <typename T> T chain_energy(const T *x, int n) {
  T e = 0;
  for (int i = 0; i + 1 < n; ++i) {
    T d = x[i + 1] - x[i] - T(1);
    e += T(Stiffness) * d * d + std::cos(x[i]);
  }
  return e;
}
} // namespace physics
