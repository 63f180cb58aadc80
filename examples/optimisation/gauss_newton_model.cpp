// The residuals of an exponential-decay fit, r_i = a exp(-k t_i) + c - y_i:
// a small nonlinear least-squares problem for Gauss-Newton (seed 004).
#include <adgen/adgen.h>
#include <cmath>

ADGEN(jacobian(p), len(p, 3), len(t, m), len(y, m), len(r, m))
void decay_residuals(const double *p, const double *t, const double *y, int m,
                     double *r) {
  for (int i = 0; i < m; ++i)
    r[i] = p[0] * std::exp(-p[1] * t[i]) + p[2] - y[i];
}
