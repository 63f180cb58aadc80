// A network evaluated on each data row by a helper large enough to stay a
// call (docs/calls.md): the gradient calls predict's accumulating vjp once
// per row. mlp_inline is the same objective with the helper's body written
// in the loop, which adgen differentiates as one function.
#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// Two tanh layers of width h on an input of length d, then a linear output.
// w holds W1 (h x d), b1 (h), W2 (h x h), b2 (h), v (h), c.
static double predict(const double *w, const double *x, int d, int h) {
  std::vector<double> a(h);
  for (int j = 0; j < h; ++j) {
    double z = w[h * d + j];
    for (int k = 0; k < d; ++k)
      z += w[j * d + k] * x[k];
    a[j] = std::tanh(z);
  }
  const int o2 = h * d + h;
  double out = w[o2 + h * h + 2 * h];
  for (int j = 0; j < h; ++j) {
    double z = w[o2 + h * h + j];
    for (int k = 0; k < h; ++k)
      z += w[o2 + j * h + k] * a[k];
    out += w[o2 + h * h + h + j] * std::tanh(z);
  }
  return out;
}

ADGEN(grad(w), len(w, h * d + h * h + 3 * h + 1), len(data, n * d), len(y, n))
double mlp_calls(const double *w, const double *data, const double *y, int n,
                 int d, int h) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double r = predict(w, &data[i * d], d, h) - y[i];
    s += r * r;
  }
  return s / n;
}

ADGEN(grad(w), len(w, h * d + h * h + 3 * h + 1), len(data, n * d), len(y, n))
double mlp_inline(const double *w, const double *data, const double *y, int n,
                  int d, int h) {
  std::vector<double> a(h);
  const int o2 = h * d + h;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < h; ++j) {
      double z = w[h * d + j];
      for (int k = 0; k < d; ++k)
        z += w[j * d + k] * data[i * d + k];
      a[j] = std::tanh(z);
    }
    double out = w[o2 + h * h + 2 * h];
    for (int j = 0; j < h; ++j) {
      double z = w[o2 + h * h + j];
      for (int k = 0; k < h; ++k)
        z += w[o2 + j * h + k] * a[k];
      out += w[o2 + h * h + h + j] * std::tanh(z);
    }
    double r = out - y[i];
    s += r * r;
  }
  return s / n;
}
