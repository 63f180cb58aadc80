// ADBench's Gaussian-mixture objective with ADBench's own signature
// (src/cpp/shared/gmm.h): function templates on T, the Wishart prior as the
// struct Wishart passed by value to the objective and to its helper, and the
// result written to *err (the prior's Frobenius term is the squared norm of
// icf here, bench/gmm.cpp has ADBench's). adgen differentiates the
// instantiation on double as written; the gradient in alphas, means and icf
// against central differences, and along a direction against differences
// of f.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

struct Wishart {
  double gamma;
  int m;
};

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

template <typename T>
static T log_wishart_prior(int p, int k, Wishart wishart,
                           const T *const sum_qs, const T *const icf) {
  int n = p + wishart.m + 1;
  int icf_sz = p * (p + 1) / 2;
  double C = n * p * (log(wishart.gamma) - 0.5 * log(2)) -
             log_gamma_distrib(0.5 * n, p);
  T out = 0;
  for (int ik = 0; ik < k; ik++) {
    T frobenius = sqnorm(icf_sz, &icf[ik * icf_sz]);
    out = out + 0.5 * wishart.gamma * wishart.gamma * frobenius -
          wishart.m * sum_qs[ik];
  }
  return out - k * C;
}

// CHECK: void gmm_objective_grad(int d, int k, int n, const double *alphas,
// CHECK-NEXT: const double *means, const double *icf, const double *x,
// CHECK-NEXT: const Wishart &wishart, double *err, double *d_alphas,
// CHECK-NEXT: double *d_means, double *d_icf) {
template <typename T>
ADGEN(grad(alphas, means, icf), len(alphas, k), len(means, k * d),
      len(icf, k * (d * (d + 1) / 2)), len(x, n * d))
void gmm_objective(int d, int k, int n, const T *const alphas,
                   const T *const means, const T *const icf,
                   const double *const x, Wishart wishart, T *err) {
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
  *err = CONSTANT + slse - n * lse_alphas;
  *err = *err + log_wishart_prior(d, k, wishart, &sum_qs[0], icf);
}
template void gmm_objective<double>(int, int, int, const double *,
                                    const double *, const double *,
                                    const double *, Wishart, double *);

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int d = 3, k = 2, n = 5, icf_sz = d * (d + 1) / 2;
  const int na = k, nm = k * d, ni = k * icf_sz;
  std::vector<double> x(n * d);
  for (int i = 0; i < n * d; ++i)
    x[i] = std::sin(1.3 * i + 0.2);
  std::vector<double> z(na + nm + ni);
  for (int i = 0; i < na + nm + ni; ++i)
    z[i] = 0.4 * std::cos(0.7 * i + 0.1);
  const Wishart w = {1.5, 2};
  auto f = [&](const double *v) {
    double e = 0;
    gmm_objective(d, k, n, v, v + na, v + na + nm, x.data(), w, &e);
    return e;
  };
  checkGradJvp(
      "gmm_objective", z, f,
      [&](const double *v, double *g) {
        double e = -1;
        gmm_objective_grad(d, k, n, v, v + na, v + na + nm,
                                            x.data(), w, &e, g, g + na,
                                            g + na + nm);
        return e;
      },
      [&](const double *v, const double *t) {
        // No jvp asked for: grad . t from the gradient itself would check
        // nothing, so use differences of f along t instead.
        double h = 1e-5;
        std::vector<double> up(v, v + z.size()), dn(v, v + z.size());
        for (size_t i = 0; i < z.size(); ++i) {
          up[i] += h * t[i];
          dn[i] -= h * t[i];
        }
        return (f(up.data()) - f(dn.data())) / (2 * h);
      });
  return ok ? 0 : 1;
}
#endif
