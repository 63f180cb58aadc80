//===- adolc_gmm.cpp - ADBench's Gaussian mixture taped by ADOL-C ---------===//
// gmm.cpp's functions with T = adouble (ADBench's template instantiated as
// its ADOL-C module does); the independents are alphas, means, icf.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"

#include <adolc/adolc.h>
#include <cmath>

namespace {
using T = adouble;
const double PI = 3.14159265359;

T arr_max(int n, const T *const x) {
  T m = x[0];
  for (int i = 1; i < n; i++)
    if (m < x[i])
      m = x[i];
  return m;
}

T sqnorm(int n, const T *const x) {
  T res = x[0] * x[0];
  for (int i = 1; i < n; i++)
    res = res + x[i] * x[i];
  return res;
}

T log_sum_exp(int n, const T *const x) {
  T mx = arr_max(n, x);
  T semx = 0.;
  for (int i = 0; i < n; i++)
    semx = semx + exp(x[i] - mx);
  return log(semx) + mx;
}

double log_gamma_distrib(double a, double p) {
  double out = 0.25 * p * (p - 1) * std::log(PI);
  for (int j = 1; j <= p; j++)
    out = out + std::lgamma(a + 0.5 * (1 - j));
  return out;
}

void Qtimesx(int d, const T *const Qdiag, const T *const icf, const T *const x,
             T *out) {
  for (int id = 0; id < d; id++)
    out[id] = Qdiag[id] * x[id];
  int off = d;
  for (int c = 0; c < d; c++)
    for (int r = c + 1; r < d; r++)
      out[r] = out[r] + icf[off++] * x[c];
}
} // namespace

void tape_gmm(short tag, const std::vector<double> &params,
              const std::vector<double> &x, int d, int k, int n,
              double wishart_gamma, int wishart_m) {
  trace_on(tag);
  std::vector<adouble> a(params.size());
  for (size_t i = 0; i < params.size(); ++i)
    a[i] <<= params[i];
  int icf_sz = d * (d + 1) / 2;
  const T *alphas = a.data(), *means = alphas + k, *icf = means + k * d;

  const double CONSTANT = -n * d * 0.5 * std::log(2 * PI);
  std::vector<T> Qdiags(d * k), sum_qs(k), xcentered(d), Qxcentered(d),
      main_term(k);
  for (int ik = 0; ik < k; ik++) {
    sum_qs[ik] = 0.;
    for (int id = 0; id < d; id++) {
      T q = icf[ik * icf_sz + id];
      sum_qs[ik] = sum_qs[ik] + q;
      Qdiags[ik * d + id] = exp(q);
    }
  }
  T slse = 0.;
  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      for (int id = 0; id < d; id++)
        xcentered[id] = x[ix * d + id] - means[ik * d + id];
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz], &xcentered[0],
              &Qxcentered[0]);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, &Qxcentered[0]);
    }
    slse = slse + log_sum_exp(k, &main_term[0]);
  }
  T lse_alphas = log_sum_exp(k, alphas);
  T err = CONSTANT + slse - n * lse_alphas;

  int wn = d + wishart_m + 1;
  double C = wn * d * (std::log(wishart_gamma) - 0.5 * std::log(2)) -
             log_gamma_distrib(0.5 * wn, d);
  T prior = 0;
  for (int ik = 0; ik < k; ik++) {
    const T *q = &icf[ik * icf_sz];
    T frobenius = 0;
    for (int j = 0; j < icf_sz; j++)
      frobenius = frobenius + (j < d ? exp(2 * q[j]) : q[j] * q[j]);
    prior = prior + 0.5 * wishart_gamma * wishart_gamma * frobenius -
            wishart_m * sum_qs[ik];
  }
  err = err + prior - k * C;
  double out;
  err >>= out;
  trace_off();
}
