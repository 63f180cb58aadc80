// A library header its users cannot edit: no ADGEN in it. The functions are
// written as code for operator-overloading AD tools is (templates on the
// scalar type, inline helpers); test/run/requests.cpp asks for their
// derivatives with ADGEN_DIFFERENTIATE.
#ifndef ADGEN_TEST_LIBRARY_MODEL_H
#define ADGEN_TEST_LIBRARY_MODEL_H

#include <cmath>

namespace lib {
inline double softplus(double z) { return std::log1p(std::exp(z)); }

/// A regularised logistic loss over m rows of x (row-major, d columns).
inline double logistic(const double *w, const double *x, const double *y,
                       int m, int d, double lambda) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * x[i * d + j];
    loss += softplus(-y[i] * z);
  }
  double r = 0;
  for (int j = 0; j < d; ++j)
    r += w[j] * w[j];
  return loss / m + 0.5 * lambda * r;
}

namespace detail {
template <typename T> T sq(T v) { return v * v; }
} // namespace detail

template <typename T> T rosenbrock(const T *x, int n) {
  T s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += 100 * detail::sq(x[i + 1] - x[i] * x[i]) + detail::sq(1 - x[i]);
  return s;
}

namespace nested {
/// Writes its one result through a pointer, as ADBench's objectives do.
template <typename T> void energy(const T *q, int n, T *err) {
  T e = 0;
  for (int i = 0; i < n; ++i)
    e += std::cos(q[i]) * T(i + 1);
  *err = e * e;
}
} // namespace nested
} // namespace lib

#endif
