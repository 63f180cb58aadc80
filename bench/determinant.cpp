// determinant.cpp - The determinant by cofactor expansion along the first
// row, recursive, as a pointer to const and as a template on std::vector
// (the operator-overloading spelling); adgen differentiates the recursion
// through the function's own gradient (docs/calls.md).
#include "determinant.h"

#include <adgen/adgen.h>
#include <vector>

namespace bench {

ADGEN(grad, len(a, n * n))
double det_cofactor(const double *a, int n) {
  if (n == 1)
    return a[0];
  std::vector<double> m((n - 1) * (n - 1));
  double s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -1.0 : 1.0) * a[j] * det_cofactor(m.data(), n - 1);
  }
  return s;
}

template <typename T>
ADGEN(grad)
T det_cofactor_vector(const std::vector<T> &a, int n) {
  if (n == 1)
    return a[0];
  std::vector<T> m((n - 1) * (n - 1));
  T s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -T(1) : T(1)) * a[j] * det_cofactor_vector(m, n - 1);
  }
  return s;
}
template double det_cofactor_vector<double>(const std::vector<double> &, int);

} // namespace bench
