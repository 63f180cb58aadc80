// A user header with inline helpers, included by test/run/header_functions.cpp:
// marked code in that file calls them, and adgen differentiates through
// their bodies.
#ifndef ADGEN_TEST_USER_MODEL_H
#define ADGEN_TEST_USER_MODEL_H

#include <cmath>

namespace model {
inline double softplus(double z) { return std::log1p(std::exp(z)); }

inline double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

inline void scale_into(const double *a, double c, double *out, int n) {
  for (int i = 0; i < n; ++i)
    out[i] = c * a[i];
}
} // namespace model

#endif
