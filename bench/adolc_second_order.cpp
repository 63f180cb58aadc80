//===- adolc_second_order.cpp - The second-order workloads taped by ADOL-C ===//
// The independents are x (Rosenbrock, log-sum-exp) or the weights W (the
// network); hess_vec() and hessian() replay these tapes.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"

#include <adolc/adolc.h>

void tape_rosen2(short tag, const std::vector<double> &x) {
  int n = static_cast<int>(x.size());
  trace_on(tag);
  std::vector<adouble> ax(n);
  for (int i = 0; i < n; ++i)
    ax[i] <<= x[i];
  adouble s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    adouble t = ax[i + 1] - ax[i] * ax[i];
    s += 100 * t * t + (1 - ax[i]) * (1 - ax[i]);
  }
  double out;
  s >>= out;
  trace_off();
}

void tape_lse2(short tag, const std::vector<double> &x) {
  int n = static_cast<int>(x.size());
  trace_on(tag);
  std::vector<adouble> ax(n);
  for (int i = 0; i < n; ++i)
    ax[i] <<= x[i];
  adouble m = ax[0];
  for (int i = 1; i < n; ++i)
    m = fmax(m, ax[i]);
  adouble s = 0;
  for (int i = 0; i < n; ++i)
    s += exp(ax[i] - m);
  adouble f = log(s) + m;
  double out;
  f >>= out;
  trace_off();
}

void tape_net2(short tag, const std::vector<double> &W,
               const std::vector<double> &X, const std::vector<double> &y,
               int m, int d, int h) {
  trace_on(tag);
  std::vector<adouble> aw(h * d);
  for (int i = 0; i < h * d; ++i)
    aw[i] <<= W[i];
  adouble loss = 0;
  for (int r = 0; r < m; ++r) {
    adouble p = 0;
    for (int j = 0; j < h; ++j) {
      adouble z = 0;
      for (int k = 0; k < d; ++k)
        z += aw[j * d + k] * X[r * d + k];
      p += tanh(z);
    }
    adouble e = p - y[r];
    loss += e * e;
  }
  double out;
  loss >>= out;
  trace_off();
}
