// Seed 003, task 4: the reconstruction loss ||A - UV||_F^2 of a rank-r
// factorisation of the m x n matrix A.
#include <adgen/adgen.h>

ADGEN(grad(U, V), len(A, m * n), len(U, m * r), len(V, r * n))
double reconstruction_loss(const double *A, const double *U, const double *V,
                           int m, int n, int r) {
  double loss = 0;
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double e = A[i * n + j];
      for (int l = 0; l < r; ++l)
        e -= U[i * r + l] * V[l * n + j];
      loss += e * e;
    }
  return loss;
}
