// Jacobian workloads (issue 10): softmax (m = n: the column sweep), a
// log-sum-exp pooling of blocks of four (m = n / 4: the row sweep), and a
// residual map with m = 2n (columns).
#include <adgen/adgen.h>
#include <cmath>

ADGEN(jacobian, len(x, n), len(s, n))
void softmax2(const double *x, int n, double *s) {
  double top = x[0];
  for (int i = 1; i < n; ++i)
    top = std::fmax(top, x[i]);
  double z = 0;
  for (int i = 0; i < n; ++i) {
    s[i] = std::exp(x[i] - top);
    z += s[i];
  }
  for (int i = 0; i < n; ++i)
    s[i] /= z;
}

// y[j] = log(sum of exp(x[4j + k]), k < 4): n = 4m inputs.
ADGEN(jacobian, len(x, 4 * m), len(y, m))
void pool4(const double *x, int m, double *y) {
  for (int j = 0; j < m; ++j) {
    double s = 0;
    for (int k = 0; k < 4; ++k)
      s += std::exp(x[4 * j + k]);
    y[j] = std::log(s);
  }
}

// Two residuals per parameter of a chain: r[2i] = x[i] - x[i+1]^2,
// r[2i+1] = sin(x[i]) x[i+1] (x[n] read as 1).
ADGEN(jacobian, len(x, n), len(r, 2 * n))
void chain_residuals(const double *x, int n, double *r) {
  for (int i = 0; i < n; ++i) {
    double next = i + 1 < n ? x[i + 1] : 1.0;
    r[2 * i] = x[i] - next * next;
    r[2 * i + 1] = std::sin(x[i]) * next;
  }
}
