// Results written through non-const references, as code written for
// operator-overloading AD tools returns them: `void f(const T *x, int n,
// T &err)` is a scalar function (grad writes err and the gradient), and a
// state updated in place (`double &pos`, read before it is written) is an
// in-out value. Gradients, JVPs and VJPs against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// CHECK: void objective_grad(const double *x, int n, double &err, double *d_x)
// CHECK: err = {{.*}};
// CHECK: void objective_jvp(const double *x, int n, double &err, const double *t_x,
// CHECK-NEXT: double &t_err)
// CHECK: void objective_vjp(const double *x, int n, double &err, const double &w_err,
// CHECK-NEXT: double *d_x)
template <typename T>
ADGEN(grad, jvp, vjp, len(x, n))
void objective(const T *x, int n, T &err) {
  err = 0;
  for (int i = 0; i < n; ++i)
    err += std::sin(x[i]) * x[i];
  err = err * err + x[0];
}
template void objective<double>(const double *, int, double &);

// A leapfrog step of a pendulum: pos and vel are in-out.
// CHECK: void step_jvp(double dt, double &pos, double &vel, double t_dt, double &t_pos,
// CHECK-NEXT: double &t_vel)
ADGEN(jvp, vjp)
void step(double dt, double &pos, double &vel) {
  double acc = -std::sin(pos);
  vel += dt * acc;
  pos += dt * vel;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int n = 4;
  auto f = [&](const double *p) {
    double e;
    objective(p, n, e);
    return e;
  };
  checkGradJvp(
      "objective", {0.3, -0.8, 1.2, 0.5}, f,
      [&](const double *p, double *g) {
        double e = -1;
        objective_grad(p, n, e, g);
        return e;
      },
      [&](const double *p, const double *t) {
        double e = -1, te = -1;
        objective_jvp(p, n, e, t, te);
        expect(e == f(p), "objective_jvp value");
        return te;
      });
  {
    // vjp with weight 2: twice the gradient.
    std::vector<double> x = {0.3, -0.8, 1.2, 0.5}, g(n), d(n);
    double e, e2;
    objective_grad(x.data(), n, e, g.data());
    objective_vjp(x.data(), n, e2, 2.0, d.data());
    for (int i = 0; i < n; ++i)
      expect(std::fabs(d[i] - 2 * g[i]) <= 1e-12 * std::fmax(1, std::fabs(g[i])),
             "objective_vjp");
  }
  // The step as a map (dt, pos, vel) -> (pos', vel'), weighted by w.
  const double w[2] = {0.7, -1.3};
  auto weighted = [&](const double *p) {
    double pos = p[1], vel = p[2];
    step(p[0], pos, vel);
    return w[0] * pos + w[1] * vel;
  };
  std::vector<double> z = {0.1, 0.9, -0.4};
  checkGradJvp(
      "step", z, weighted,
      [&](const double *p, double *g) {
        // d_dt from the vjp; pos and vel's initial values are constants to
        // the vjp, so their partials come from the jvp along unit vectors.
        double pos = p[1], vel = p[2], d_dt = 0;
        step_vjp(p[0], pos, vel, w[0], w[1], &d_dt);
        g[0] = d_dt;
        for (int k = 1; k <= 2; ++k) {
          double pos2 = p[1], vel2 = p[2], tp = k == 1, tv = k == 2;
          step_jvp(p[0], pos2, vel2, 0.0, tp, tv);
          g[k] = w[0] * tp + w[1] * tv;
        }
        return w[0] * pos + w[1] * vel;
      },
      [&](const double *p, const double *t) {
        double pos = p[1], vel = p[2], tp = t[1], tv = t[2];
        step_jvp(p[0], pos, vel, t[0], tp, tv);
        return w[0] * tp + w[1] * tv;
      });
  return ok ? 0 : 1;
}
#endif
