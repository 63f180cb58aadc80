// The Gaussian-mixture objective of ADBench (src/cpp/shared/gmm.h), as it is
// written there: function templates on the scalar type T, differentiated as
// their instantiation on double.
#include <adgen/adgen.h>
#include <cmath>
#include <vector>

static const double PI = 3.14159265359;

// This throws error on n<1
template <typename T>
static T arr_max(int n, const T *const x) {
  T m = x[0];
  for (int i = 1; i < n; i++) {
    if (m < x[i])
      m = x[i];
  }
  return m;
}

// sum of component squares
template <typename T>
static T sqnorm(int n, const T *const x) {
  T res = x[0] * x[0];
  for (int i = 1; i < n; i++)
    res = res + x[i] * x[i];
  return res;
}

// out = a - b
template <typename T>
static void subtract(int d, const double *const x, const T *const y, T *out) {
  for (int id = 0; id < d; id++) {
    out[id] = x[id] - y[id];
  }
}

template <typename T>
static T log_sum_exp(int n, const T *const x) {
  T mx = arr_max(n, x);
  T semx = 0.;
  for (int i = 0; i < n; i++) {
    semx = semx + exp(x[i] - mx);
  }
  return log(semx) + mx;
}

static double log_gamma_distrib(double a, double p) {
  double out = 0.25 * p * (p - 1) * log(PI);
  for (int j = 1; j <= p; j++) {
    out = out + lgamma(a + 0.5 * (1 - j));
  }
  return out;
}

// The sums of the log-diagonals of the Q matrices, and their diagonals.
template <typename T>
static void preprocess_qs(int d, int k, const T *const icf, T *sum_qs,
                          T *Qdiags) {
  int icf_sz = d * (d + 1) / 2;
  for (int ik = 0; ik < k; ik++) {
    sum_qs[ik] = 0.;
    for (int id = 0; id < d; id++) {
      T q = icf[ik * icf_sz + id];
      sum_qs[ik] = sum_qs[ik] + q;
      Qdiags[ik * d + id] = exp(q);
    }
  }
}

// out = Q x, Q lower triangular: the diagonal Qdiag, then the strictly lower
// part column by column in icf[d...].
template <typename T>
static void Qtimesx(int d, const T *const Qdiag, const T *const icf,
                    const T *const x, T *out) {
  for (int id = 0; id < d; id++)
    out[id] = Qdiag[id] * x[id];

  int off = d;
  for (int c = 0; c < d; c++) {
    for (int r = c + 1; r < d; r++) {
      out[r] = out[r] + icf[off++] * x[c];
    }
  }
}

// Wishart gamma and m are ADBench's struct Wishart, passed as two values.
template <typename T>
static T log_wishart_prior(int p, int k, double wishart_gamma, int wishart_m,
                           const T *const sum_qs, const T *const icf) {
  int n = p + wishart_m + 1;
  int icf_sz = p * (p + 1) / 2;

  double C = n * p * (log(wishart_gamma) - 0.5 * log(2)) -
             log_gamma_distrib(0.5 * n, p);

  T out = 0;
  for (int ik = 0; ik < k; ik++) {
    const T *q = &icf[ik * icf_sz];
    T frobenius = 0;
    for (int j = 0; j < icf_sz; j++)
      frobenius = frobenius + (j < p ? exp(2 * q[j]) : q[j] * q[j]);
    out = out + 0.5 * wishart_gamma * wishart_gamma * frobenius -
          wishart_m * sum_qs[ik];
  }

  return out - k * C;
}

// The negative log-likelihood of n points in d dimensions under a mixture of
// k Gaussians (weights alphas, means, inverse covariance factors icf) plus a
// Wishart prior. ADBench writes it to *err; here it is returned.
template <typename T>
ADGEN(grad(alphas, means, icf), len(alphas, k), len(means, k * d),
      len(icf, k * (d * (d + 1) / 2)), len(x, n * d))
T gmm_objective(int d, int k, int n, const T *const alphas,
                     const T *const means, const T *const icf,
                     const double *const x, double wishart_gamma,
                     int wishart_m) {
  const double CONSTANT = -n * d * 0.5 * log(2 * PI);
  int icf_sz = d * (d + 1) / 2;

  std::vector<T> Qdiags(d * k);
  std::vector<T> sum_qs(k);
  std::vector<T> xcentered(d);
  std::vector<T> Qxcentered(d);
  std::vector<T> main_term(k);

  preprocess_qs(d, k, icf, &sum_qs[0], &Qdiags[0]);

  T slse = 0.;
  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      subtract(d, &x[ix * d], &means[ik * d], &xcentered[0]);
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz], &xcentered[0],
              &Qxcentered[0]);

      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, &Qxcentered[0]);
    }
    slse = slse + log_sum_exp(k, &main_term[0]);
  }

  T lse_alphas = log_sum_exp(k, alphas);

  T err = CONSTANT + slse - n * lse_alphas;

  err =
      err + log_wishart_prior(d, k, wishart_gamma, wishart_m, &sum_qs[0], icf);
  return err;
}

template double gmm_objective<double>(int, int, int, const double *,
                                      const double *, const double *,
                                      const double *, double, int);
