// The main of test/run/requests.cpp, in a file of its own: it calls the
// derivatives of the requested header functions through their declarations
// (--emit=header), as any other file of a program would.
#include "fd_check.h"
#include "library_model.h"

#include <vector>

double shifted(const double *x, int n, double c);

int main() {
  const int m = 3, d = 2;
  std::vector<double> x = {0.5, -1.0, 1.5, 0.25, -0.75, 2.0};
  std::vector<double> y = {1.0, -1.0, 1.0};
  checkGradJvp(
      "logistic", {0.3, -0.6},
      [&](const double *w) {
        return lib::logistic(w, x.data(), y.data(), m, d, 0.1);
      },
      [&](const double *w, double *g) {
        return lib::logistic_grad(w, x.data(), y.data(), m, d, 0.1, g);
      },
      [&](const double *w, const double *t) {
        return lib::logistic_jvp(w, x.data(), y.data(), m, d, 0.1, t);
      });
  const int n = 4;
  std::vector<double> in = {-1.2, 1.0, 0.8, 0.5};
  auto grad = [&](const double *p, double *g) {
    return lib::rosenbrock_grad(p, n, g);
  };
  checkGradJvp(
      "rosenbrock<double>", in,
      [&](const double *p) { return lib::rosenbrock(p, n); }, grad,
      [&](const double *p, const double *t) {
        std::vector<double> g(n);
        lib::rosenbrock_grad(p, n, g.data());
        double s = 0;
        for (int i = 0; i < n; ++i)
          s += g[i] * t[i];
        return s;
      });
  checkHvp("rosenbrock<double> hvp", in, grad,
           [&](const double *p, const double *v, double *hv) {
             lib::rosenbrock_hvp(p, n, v, hv);
           });
  checkGradJvp(
      "energy<double>", in,
      [&](const double *q) {
        double e;
        lib::nested::energy(q, n, &e);
        return e;
      },
      [&](const double *q, double *g) {
        double e;
        lib::nested::energy_grad(q, n, &e, g);
        return e;
      },
      [&](const double *q, const double *t) {
        double e, de;
        lib::nested::energy_jvp(q, n, &e, t, &de);
        return de;
      });
  checkGradJvp(
      "shifted", {0.3, -0.2, 0.9, 1.1, 0.7},
      [&](const double *p) { return shifted(p, n, p[n]); },
      [&](const double *p, double *g) {
        return shifted_grad(p, n, p[n], g, &g[n]);
      },
      [&](const double *p, const double *t) {
        std::vector<double> g(n + 1);
        shifted_grad(p, n, p[n], g.data(), &g[n]);
        double s = 0;
        for (int i = 0; i <= n; ++i)
          s += g[i] * t[i];
        return s;
      });
  // The float instantiation against differences of the double one.
  std::vector<float> xf = {-1.2f, 1.0f, 0.8f, 0.5f}, gf(n);
  float vf = lib::rosenbrock_grad(xf.data(), n, gf.data());
  expect(vf == lib::rosenbrock(xf.data(), n), "rosenbrock<float> value");
  std::vector<double> xd(xf.begin(), xf.end()), gd(n);
  lib::rosenbrock_grad(xd.data(), n, gd.data());
  for (int i = 0; i < n; ++i)
    expect(std::fabs(gf[i] - gd[i]) <= 1e-4 * std::fmax(1, std::fabs(gd[i])),
           "rosenbrock<float> gradient");
  return ok ? 0 : 1;
}
