// In-place factorisations as LAPACK and PolyBench write them: the function
// copies its input and overwrites the copy with the factor; loss log |det A|.
#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// Cholesky (PolyBench 4): the lower triangle of A is overwritten by L with
// A = L L^T; log det A = 2 sum log L_ii. Reads only A0's lower triangle.
ADGEN(grad, len(A0, n * n))
double cholesky_logdet(const double *A0, int n) {
  int i, j, k;
  std::vector<double> A(A0, A0 + n * n);
  for (i = 0; i < n; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i * n + j] -= A[i * n + k] * A[j * n + k];
      A[i * n + j] /= A[j * n + j];
    }
    for (k = 0; k < i; k++)
      A[i * n + i] -= A[i * n + k] * A[i * n + k];
    A[i * n + i] = std::sqrt(A[i * n + i]);
  }
  double logdet = 0;
  for (i = 0; i < n; i++)
    logdet += 2 * std::log(A[i * n + i]);
  return logdet;
}

// LU (PolyBench 4, Doolittle without pivoting): A is overwritten by L (unit
// diagonal, below) and U; log |det A| = sum log |U_ii|.
ADGEN(grad, len(A0, n * n))
double lu_logdet(const double *A0, int n) {
  int i, j, k;
  std::vector<double> A(A0, A0 + n * n);
  for (i = 0; i < n; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
      A[i * n + j] /= A[j * n + j];
    }
    for (j = i; j < n; j++)
      for (k = 0; k < i; k++)
        A[i * n + j] -= A[i * n + k] * A[k * n + j];
  }
  double logdet = 0;
  for (i = 0; i < n; i++)
    logdet += std::log(std::fabs(A[i * n + i]));
  return logdet;
}
