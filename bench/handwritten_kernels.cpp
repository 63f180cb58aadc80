//===- handwritten_kernels.cpp - Analytic gradients of the C kernels ------===//
// dA = 2 C B^T, dB = 2 A^T C; atax's chain; the transposed stencil swept
// backwards; log |det A|'s gradient A^{-T} from the Cholesky and LU factors.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

double matmul_hand(const double *A, const double *B, int n, double *dA,
                   double *dB, double *C) {
  double loss = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double c = 0;
      for (int k = 0; k < n; ++k)
        c += A[i * n + k] * B[k * n + j];
      C[i * n + j] = 2 * c;
      loss += c * c;
    }
  // dA = dC B^T (rows of dC against rows of B), dB = A^T dC (row updates).
  for (int i = 0; i < n * n; ++i)
    dB[i] = 0;
  for (int i = 0; i < n; ++i) {
    const double *dC = C + i * n;
    for (int k = 0; k < n; ++k) {
      const double *Bk = B + k * n;
      double *dBk = dB + k * n;
      double a = A[i * n + k], s = 0;
      for (int j = 0; j < n; ++j) {
        s += dC[j] * Bk[j];
        dBk[j] += a * dC[j];
      }
      dA[i * n + k] = s;
    }
  }
  return loss;
}

double atax_hand(const double *A, const double *x, int n, double *dA,
                 double *dx, double *work) {
  double *tmp = work, *y = work + n;
  for (int j = 0; j < n; ++j)
    y[j] = dx[j] = 0;
  for (int i = 0; i < n; ++i) {
    const double *Ai = A + i * n;
    double t = 0;
    for (int j = 0; j < n; ++j)
      t += Ai[j] * x[j];
    tmp[i] = t;
    for (int j = 0; j < n; ++j)
      y[j] += Ai[j] * t;
  }
  double loss = 0;
  for (int j = 0; j < n; ++j) {
    loss += y[j] * y[j];
    y[j] *= 2; // dy
  }
  // dtmp_i = A_i . dy; dA_i = tmp_i dy + dtmp_i x; dx += dtmp_i A_i.
  for (int i = 0; i < n; ++i) {
    const double *Ai = A + i * n;
    double *dAi = dA + i * n;
    double dt = 0;
    for (int j = 0; j < n; ++j)
      dt += Ai[j] * y[j];
    for (int j = 0; j < n; ++j) {
      dAi[j] = tmp[i] * y[j] + dt * x[j];
      dx[j] += dt * Ai[j];
    }
  }
  return loss;
}

double jacobi_hand(const double *A0, int n, int tsteps, double *dA0,
                   double *work) {
  double *A = work, *B = work + n * n;
  for (int i = 0; i < n * n; ++i) {
    A[i] = A0[i];
    B[i] = 0;
  }
  for (int t = 0; t < tsteps; ++t) {
    for (int i = 1; i < n - 1; ++i)
      for (int j = 1; j < n - 1; ++j)
        B[i * n + j] =
            0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + j + 1] +
                   A[(i + 1) * n + j] + A[(i - 1) * n + j]);
    for (int i = 1; i < n - 1; ++i)
      for (int j = 1; j < n - 1; ++j)
        A[i * n + j] = B[i * n + j];
  }
  double loss = 0;
  for (int i = 0; i < n * n; ++i) {
    loss += A[i] * A[i];
    dA0[i] = 2 * A[i];
  }
  // Backwards: the copy moves the interior's adjoint into B (A's interior
  // adjoint restarts at 0), then the stencil scatters 0.2 dB to 5 points.
  double *dB = B;
  for (int t = 0; t < tsteps; ++t) {
    for (int i = 1; i < n - 1; ++i)
      for (int j = 1; j < n - 1; ++j) {
        dB[i * n + j] = dA0[i * n + j];
        dA0[i * n + j] = 0;
      }
    for (int i = 1; i < n - 1; ++i)
      for (int j = 1; j < n - 1; ++j) {
        double g = 0.2 * dB[i * n + j];
        dA0[i * n + j] += g;
        dA0[i * n + j - 1] += g;
        dA0[i * n + j + 1] += g;
        dA0[(i + 1) * n + j] += g;
        dA0[(i - 1) * n + j] += g;
      }
  }
  return loss;
}

double cholesky_hand(const double *A0, int n, double *dA0, double *work) {
  double *L = work, *Li = work + n * n;
  for (int i = 0; i < n * n; ++i)
    L[i] = A0[i];
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < i; ++j) {
      for (int k = 0; k < j; ++k)
        L[i * n + j] -= L[i * n + k] * L[j * n + k];
      L[i * n + j] /= L[j * n + j];
    }
    for (int k = 0; k < i; ++k)
      L[i * n + i] -= L[i * n + k] * L[i * n + k];
    L[i * n + i] = std::sqrt(L[i * n + i]);
  }
  double logdet = 0;
  for (int i = 0; i < n; ++i)
    logdet += 2 * std::log(L[i * n + i]);
  // Rows of L^{-1}: Li_i = (e_i - sum_{k<i} L_ik Li_k) / L_ii.
  for (int i = 0; i < n; ++i) {
    double *r = Li + i * n;
    for (int j = 0; j < i; ++j)
      r[j] = 0;
    r[i] = 1;
    for (int k = 0; k < i; ++k) {
      double l = L[i * n + k];
      const double *rk = Li + k * n;
      for (int j = 0; j <= k; ++j)
        r[j] -= l * rk[j];
    }
    double inv = 1 / L[i * n + i];
    for (int j = 0; j <= i; ++j)
      r[j] *= inv;
  }
  // A^{-1} = Li^T Li, lower triangle. The function reads A0's lower triangle
  // only, so its gradient is 2 (A^{-1})_ij below the diagonal, (A^{-1})_ii on
  // it and 0 above: the symmetric part of the gradient is A^{-T}.
  for (int i = 0; i < n * n; ++i)
    dA0[i] = 0;
  for (int k = 0; k < n; ++k) {
    const double *rk = Li + k * n;
    for (int i = 0; i <= k; ++i) {
      double a = 2 * rk[i];
      double *gi = dA0 + i * n;
      for (int j = 0; j <= i; ++j)
        gi[j] += a * rk[j];
    }
  }
  for (int i = 0; i < n; ++i)
    dA0[i * n + i] *= 0.5;
  return logdet;
}

double lu_hand(const double *A0, int n, double *dA0, double *work) {
  double *LU = work, *Li = work + n * n, *Ui = work + 2 * n * n,
         *Ai = work + 3 * n * n;
  for (int i = 0; i < n * n; ++i)
    LU[i] = A0[i];
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < i; ++j) {
      for (int k = 0; k < j; ++k)
        LU[i * n + j] -= LU[i * n + k] * LU[k * n + j];
      LU[i * n + j] /= LU[j * n + j];
    }
    for (int j = i; j < n; ++j)
      for (int k = 0; k < i; ++k)
        LU[i * n + j] -= LU[i * n + k] * LU[k * n + j];
  }
  double logdet = 0;
  for (int i = 0; i < n; ++i)
    logdet += std::log(std::fabs(LU[i * n + i]));
  // Rows of L^{-1} (unit lower): Li_i = e_i - sum_{k<i} L_ik Li_k.
  for (int i = 0; i < n; ++i) {
    double *r = Li + i * n;
    for (int j = 0; j < i; ++j)
      r[j] = 0;
    r[i] = 1;
    for (int k = 0; k < i; ++k) {
      double l = LU[i * n + k];
      const double *rk = Li + k * n;
      for (int j = 0; j <= k; ++j)
        r[j] -= l * rk[j];
    }
  }
  // Rows of U^{-1} from the bottom: Ui_i = (e_i - sum_{k>i} U_ik Ui_k) / U_ii.
  for (int i = n - 1; i >= 0; --i) {
    double *r = Ui + i * n;
    for (int j = i + 1; j < n; ++j)
      r[j] = 0;
    r[i] = 1;
    for (int k = i + 1; k < n; ++k) {
      double u = LU[i * n + k];
      const double *rk = Ui + k * n;
      for (int j = k; j < n; ++j)
        r[j] -= u * rk[j];
    }
    double inv = 1 / LU[i * n + i];
    for (int j = i; j < n; ++j)
      r[j] *= inv;
  }
  // A^{-1} = U^{-1} L^{-1}; the gradient is its transpose.
  for (int i = 0; i < n; ++i) {
    double *r = Ai + i * n;
    for (int j = 0; j < n; ++j)
      r[j] = 0;
    for (int k = i; k < n; ++k) {
      double u = Ui[i * n + k];
      const double *lk = Li + k * n;
      for (int j = 0; j <= k; ++j)
        r[j] += u * lk[j];
    }
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      dA0[j * n + i] = Ai[i * n + j];
  return logdet;
}
