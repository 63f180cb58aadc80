//===- handwritten_determinant.cpp - The determinant's gradient by hand ---===//
// What one writes by hand for determinant.cpp: the same recursion, each
// level's gradient from its minors' gradients, scattered as it goes.
//===----------------------------------------------------------------------===//
#include "determinant.h"

#include <algorithm>

namespace bench {

double det_cofactor_hand(const double *a, int n, double *g) {
  std::fill(g, g + n * n, 0.0);
  if (n == 1) {
    g[0] = 1;
    return a[0];
  }
  int s1 = n - 1;
  std::vector<double> m(s1 * s1), gm(s1 * s1);
  double s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * s1 + k++] = a[r * n + c];
    double sign = j % 2 ? -1.0 : 1.0;
    double d = det_cofactor_hand(m.data(), s1, gm.data());
    s += sign * a[j] * d;
    g[j] += sign * d;
    double f = sign * a[j];
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          g[r * n + c] += f * gm[(r - 1) * s1 + k++];
  }
  return s;
}

} // namespace bench
