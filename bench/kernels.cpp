// Classic C kernels in PolyBench style (counters declared before the loops,
// results accumulated in arrays), each ending in a scalar loss for adgen.
#include <adgen/adgen.h>
#include <vector>

// gemm: C = A B (n x n, row-major), loss = sum of C's squares.
ADGEN(grad, len(A, n * n), len(B, n * n))
double matmul_loss(const double *A, const double *B, int n) {
  int i, j, k;
  std::vector<double> C(n * n);
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      C[i * n + j] = 0;
      for (k = 0; k < n; k++)
        C[i * n + j] += A[i * n + k] * B[k * n + j];
    }
  double loss = 0;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      loss += C[i * n + j] * C[i * n + j];
  return loss;
}

// atax: y = A^T (A x), loss = sum of y's squares.
ADGEN(grad, len(A, n * n), len(x, n))
double atax_loss(const double *A, const double *x, int n) {
  int i, j;
  std::vector<double> y(n), tmp(n);
  for (i = 0; i < n; i++)
    y[i] = 0;
  for (i = 0; i < n; i++) {
    tmp[i] = 0.0;
    for (j = 0; j < n; j++)
      tmp[i] = tmp[i] + A[i * n + j] * x[j];
    for (j = 0; j < n; j++)
      y[j] = y[j] + A[i * n + j] * tmp[i];
  }
  double loss = 0;
  for (i = 0; i < n; i++)
    loss += y[i] * y[i];
  return loss;
}

// jacobi-2d (PolyBench 3): tsteps sweeps of a 5-point stencil from A into B,
// then B copied back into A's interior. A and B are in-out arrays.
static void kernel_jacobi_2d(int tsteps, int n, double *A, double *B) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        B[i * n + j] =
            0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + 1 + j] +
                   A[(1 + i) * n + j] + A[(i - 1) * n + j]);
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        A[i * n + j] = B[i * n + j];
  }
}

// The stencil applied to a copy of A0, loss = sum of the result's squares.
ADGEN(grad, len(A0, n * n))
double jacobi_loss(const double *A0, int n, int tsteps) {
  int i;
  std::vector<double> A(A0, A0 + n * n), B(n * n);
  kernel_jacobi_2d(tsteps, n, A.data(), B.data());
  double loss = 0;
  for (i = 0; i < n * n; i++)
    loss += A[i] * A[i];
  return loss;
}
