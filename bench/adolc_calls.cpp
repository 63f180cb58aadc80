//===- adolc_calls.cpp - The network loss taped by ADOL-C -----------------===//
// calls.cpp's objective on adouble; the independents are the weights.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"

#include <adolc/adolc.h>

void tape_mlp(short tag, const std::vector<double> &w0,
              const std::vector<double> &data, const std::vector<double> &y,
              int n, int d, int h) {
  trace_on(tag);
  std::vector<adouble> w(w0.size()), a(h);
  for (size_t i = 0; i < w0.size(); ++i)
    w[i] <<= w0[i];
  const int o2 = h * d + h;
  adouble s = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < h; ++j) {
      adouble z = w[h * d + j];
      for (int k = 0; k < d; ++k)
        z += w[j * d + k] * data[i * d + k];
      a[j] = tanh(z);
    }
    adouble out = w[o2 + h * h + 2 * h];
    for (int j = 0; j < h; ++j) {
      adouble z = w[o2 + h * h + j];
      for (int k = 0; k < h; ++k)
        z += w[o2 + j * h + k] * a[k];
      out += w[o2 + h * h + h + j] * tanh(z);
    }
    adouble r = out - y[i];
    s += r * r;
  }
  adouble loss = s / n;
  double out;
  loss >>= out;
  trace_off();
}
