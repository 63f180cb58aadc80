//===- handwritten_calls.cpp - Analytic gradient of the network loss ------===//
// Per row: both layers forward (activations kept), then back through them,
// accumulating into the weights' gradient.
//===----------------------------------------------------------------------===//
#include "handwritten.h"

#include <cmath>

int mlp_hand_work_size(int h) { return 3 * h; }

double mlp_hand(const double *w, const double *data, const double *y, int n,
                int d, int h, double *g, double *work) {
  const int o2 = h * d + h, nw = o2 + h * h + 2 * h + 1;
  const double *W1 = w, *b1 = w + h * d, *W2 = w + o2, *b2 = W2 + h * h,
               *v = b2 + h;
  double *gW1 = g, *gb1 = g + h * d, *gW2 = g + o2, *gb2 = gW2 + h * h,
         *gv = gb2 + h;
  double *a = work, *t = a + h, *da = t + h;
  for (int i = 0; i < nw; ++i)
    g[i] = 0;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    const double *x = data + i * d;
    for (int j = 0; j < h; ++j) {
      double z = b1[j];
      for (int k = 0; k < d; ++k)
        z += W1[j * d + k] * x[k];
      a[j] = std::tanh(z);
    }
    double out = v[h];
    for (int j = 0; j < h; ++j) {
      double z = b2[j];
      for (int k = 0; k < h; ++k)
        z += W2[j * h + k] * a[k];
      t[j] = std::tanh(z);
      out += v[j] * t[j];
    }
    double r = out - y[i];
    s += r * r;
    double dr = 2 * r / n;
    gv[h] += dr;
    for (int k = 0; k < h; ++k)
      da[k] = 0;
    for (int j = 0; j < h; ++j) {
      gv[j] += dr * t[j];
      double dz = dr * v[j] * (1 - t[j] * t[j]);
      gb2[j] += dz;
      for (int k = 0; k < h; ++k) {
        gW2[j * h + k] += dz * a[k];
        da[k] += dz * W2[j * h + k];
      }
    }
    for (int j = 0; j < h; ++j) {
      double dz = da[j] * (1 - a[j] * a[j]);
      gb1[j] += dz;
      for (int k = 0; k < d; ++k)
        gW1[j * d + k] += dz * x[k];
    }
  }
  return s / n;
}
