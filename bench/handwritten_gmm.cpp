//===- handwritten_gmm.cpp - Analytic gradient of the Gaussian mixture ----===//
// Per point: the K components' Q (x - mu) kept, then the softmax weights
// pulled back through Q; the Wishart prior and log-sum-exp of the alphas.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

int gmm_hand_work_size(int d, int k) { return 3 * k * d + 3 * k + d; }

double gmm_hand(int d, int k, int n, const double *alphas, const double *means,
                const double *icf, const double *x, double wishart_gamma,
                int wishart_m, double *d_alphas, double *d_means, double *d_icf,
                double *work) {
  const double PI = 3.14159265359;
  int icf_sz = d * (d + 1) / 2;
  double *Qdiags = work, *xc = Qdiags + k * d, *z = xc + k * d,
         *sum_qs = z + k * d, *main_term = sum_qs + k,
         *d_sum_qs = main_term + k, *dxc = d_sum_qs + k;
  for (int ik = 0; ik < k; ++ik) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
      double q = icf[ik * icf_sz + j];
      s += q;
      Qdiags[ik * d + j] = std::exp(q);
    }
    sum_qs[ik] = s;
    d_alphas[ik] = 0;
    d_sum_qs[ik] = 0;
  }
  for (int i = 0; i < k * d; ++i)
    d_means[i] = 0;
  for (int i = 0; i < k * icf_sz; ++i)
    d_icf[i] = 0;

  double slse = 0;
  for (int ix = 0; ix < n; ++ix) {
    const double *xi = x + ix * d;
    double mx = -INFINITY;
    for (int ik = 0; ik < k; ++ik) {
      const double *mu = means + ik * d, *Qd = Qdiags + ik * d,
                   *L = icf + ik * icf_sz;
      double *c = xc + ik * d, *zk = z + ik * d;
      for (int j = 0; j < d; ++j) {
        c[j] = xi[j] - mu[j];
        zk[j] = Qd[j] * c[j];
      }
      int off = d;
      for (int col = 0; col < d; ++col)
        for (int r = col + 1; r < d; ++r)
          zk[r] += L[off++] * c[col];
      double sq = 0;
      for (int j = 0; j < d; ++j)
        sq += zk[j] * zk[j];
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sq;
      mx = std::fmax(mx, main_term[ik]);
    }
    double se = 0;
    for (int ik = 0; ik < k; ++ik) {
      main_term[ik] = std::exp(main_term[ik] - mx);
      se += main_term[ik];
    }
    slse += std::log(se) + mx;
    // d main_k = w_k (softmax); d z = -w_k z; then through z = Q (x - mu).
    double inv = 1 / se;
    for (int ik = 0; ik < k; ++ik) {
      double w = main_term[ik] * inv;
      d_alphas[ik] += w;
      d_sum_qs[ik] += w;
      const double *Qd = Qdiags + ik * d, *L = icf + ik * icf_sz,
                   *c = xc + ik * d, *zk = z + ik * d;
      double *dL = d_icf + ik * icf_sz, *dmu = d_means + ik * d;
      for (int j = 0; j < d; ++j) {
        double dz = -w * zk[j];
        dL[j] += dz * c[j] * Qd[j];
        dxc[j] = Qd[j] * dz;
      }
      int off = d;
      for (int col = 0; col < d; ++col) {
        double cc = c[col], acc = 0;
        for (int r = col + 1; r < d; ++r) {
          double dz = -w * zk[r];
          dL[off] += dz * cc;
          acc += L[off] * dz;
          ++off;
        }
        dxc[col] += acc;
      }
      for (int j = 0; j < d; ++j)
        dmu[j] -= dxc[j];
    }
  }

  // - n log sum exp(alphas)
  double mx = alphas[0];
  for (int ik = 1; ik < k; ++ik)
    mx = std::fmax(mx, alphas[ik]);
  double se = 0;
  for (int ik = 0; ik < k; ++ik)
    se += std::exp(alphas[ik] - mx);
  double lse_alphas = std::log(se) + mx;
  for (int ik = 0; ik < k; ++ik)
    d_alphas[ik] -= n * std::exp(alphas[ik] - mx) / se;

  // Wishart prior: 0.5 gamma^2 (sum exp(2 q_diag) + sum L^2) - m sum_qs.
  int wn = d + wishart_m + 1;
  double lgd = 0.25 * d * (d - 1) * std::log(PI);
  for (int j = 1; j <= d; ++j)
    lgd += std::lgamma(0.5 * wn + 0.5 * (1 - j));
  double C = wn * d * (std::log(wishart_gamma) - 0.5 * std::log(2)) - lgd;
  double g2 = wishart_gamma * wishart_gamma, prior = 0;
  for (int ik = 0; ik < k; ++ik) {
    const double *q = icf + ik * icf_sz;
    double *dq = d_icf + ik * icf_sz, frobenius = 0;
    for (int j = 0; j < d; ++j) {
      double e = std::exp(2 * q[j]);
      frobenius += e;
      dq[j] += g2 * e - wishart_m + d_sum_qs[ik];
    }
    for (int j = d; j < icf_sz; ++j) {
      frobenius += q[j] * q[j];
      dq[j] += g2 * q[j];
    }
    prior += 0.5 * g2 * frobenius - wishart_m * sum_qs[ik];
  }
  const double CONSTANT = -n * d * 0.5 * std::log(2 * PI);
  return CONSTANT + slse - n * lse_alphas + prior - k * C;
}
