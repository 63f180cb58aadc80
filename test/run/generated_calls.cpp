// Marked code that calls derivatives adgen generates (f_grad, f_jvp, f_vjp,
// f_hvp, f_hessian), declared by prototypes of the contract's signature:
// each call becomes that derivative's IR and is differentiated with the
// caller. Checked against central differences and closed forms: the
// hypergradient of gradient descent written with f_grad (seed 000 problem
// 3), a Newton step with f_grad and f_hessian differentiated with respect to
// its starting point, one gradient step on Rosenbrock, a curvature
// v^T H v through f_hvp, a directional derivative through f_jvp and f_vjp.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

ADGEN(grad, len(x, n))
double half_norm(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += 0.5 * x[i] * x[i];
  return s;
}
double half_norm_grad(const double *x, int n, double *d_x);

// Ten steps of gradient descent x <- x - alpha_k grad f(x), then f: its
// gradient in the step sizes is the hypergradient. The call to
// half_norm_grad is differentiated with the loop around it (no call to it
// is left in the gradient).
// CHECK-LABEL: double descent_loss_grad(const double *alpha, const double *x0, int n,
// CHECK-NOT: half_norm_grad
// CHECK: return
ADGEN(grad(alpha), jvp(alpha), len(alpha, 10), len(x0, n))
double descent_loss(const double *alpha, const double *x0, int n) {
  std::vector<double> x(n), g(n);
  for (int i = 0; i < n; ++i)
    x[i] = x0[i];
  for (int k = 0; k < 10; ++k) {
    half_norm_grad(x.data(), n, g.data());
    for (int i = 0; i < n; ++i)
      x[i] -= alpha[k] * g[i];
  }
  return half_norm(x.data(), n);
}

// A smooth 2-D function with its gradient and Hessian.
ADGEN(grad, hessian, hvp, jvp, vjp)
double bowl(double x, double y) {
  return std::exp(0.3 * x - 0.2 * y) + x * x * y * y + std::cos(x + 2 * y);
}
double bowl_grad(double x, double y, double *d_x, double *d_y);
double bowl_hessian(double x, double y, double *H);
void bowl_hvp(double x, double y, double v_x, double v_y, double *Hv_x,
              double *Hv_y);
double bowl_jvp(double x, double y, double t_x, double t_y, double *value);
double bowl_vjp(double x, double y, double w_return, double *d_x,
                double *d_y);

// One Newton step x <- x - H^-1 g from (x, y), then f there: differentiated
// with respect to the starting point (third derivatives of bowl).
ADGEN(grad, jvp)
double after_newton(double x, double y) {
  double gx, gy;
  double H[4];
  bowl_grad(x, y, &gx, &gy);
  bowl_hessian(x, y, H);
  double det = H[0] * H[3] - H[1] * H[2];
  double nx = x - (H[3] * gx - H[1] * gy) / det;
  double ny = y - (H[0] * gy - H[2] * gx) / det;
  return bowl(nx, ny);
}

// v^T H(x) v through bowl_hvp, and the directional derivative through
// bowl_jvp (with its value) and bowl_vjp.
ADGEN(grad, hvp)
double curvature(double x, double y, double vx, double vy) {
  double hx, hy;
  bowl_hvp(x, y, vx, vy, &hx, &hy);
  double f = 0;
  double slope = bowl_jvp(x, y, vx, vy, &f);
  double dx, dy;
  double again = bowl_vjp(x, y, slope, &dx, &dy);
  return vx * hx + vy * hy + 0.1 * f * slope + 0.01 * (dx + dy) + again;
}

// Rosenbrock: one gradient step, then the value (a scalar grad call).
ADGEN(grad)
double rosen(double a, double b) {
  return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
}
double rosen_grad(double a, double b, double *d_a, double *d_b);

ADGEN(grad)
double rosen_after_step(double a, double b, double lr) {
  double ga, gb;
  rosen_grad(a, b, &ga, &gb);
  return rosen(a - lr * ga, b - lr * gb);
}

// A loss whose gradient records a tape (the loop carries a nonlinear
// value): inside marked code its gradient is computed by forward sweeps
// (n JVPs), which the caller's derivatives go through.
ADGEN(grad, len(w, n))
double chain_loss(const double *w, int n) {
  double s = 0.5;
  for (int i = 0; i < n; ++i)
    s = std::sin(s + w[i]) * w[i];
  return s * s;
}
double chain_loss_grad(const double *w, int n, double *d_w);

// CHECK-LABEL: double two_steps_grad(const double *w0, int n, double lr,
// CHECK-NOT: chain_loss_grad(
// CHECK: return
ADGEN(grad, hvp, len(w0, n))
double two_steps(const double *w0, int n, double lr) {
  std::vector<double> w(w0, w0 + n), g(n);
  for (int step = 0; step < 2; ++step) {
    chain_loss_grad(w.data(), n, g.data());
    for (int i = 0; i < n; ++i)
      w[i] -= lr * g[i];
  }
  return chain_loss(w.data(), n);
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  {
    const int n = 6;
    std::vector<double> x0(n);
    for (int i = 0; i < n; ++i)
      x0[i] = std::sin(1.0 + i);
    std::vector<double> alpha(10), d(10);
    for (int k = 0; k < 10; ++k)
      alpha[k] = 0.05 + 0.01 * k;
    checkGradJvp(
        "descent_loss", alpha,
        [&](const double *a) { return descent_loss(a, x0.data(), n); },
        [&](const double *a, double *g) {
          return descent_loss_grad(a, x0.data(), n, g);
        },
        [&](const double *a, const double *t) {
          return descent_loss_jvp(a, x0.data(), n, t);
        });
    // Closed form: x_10 = prod(1 - alpha_k) x0, L = 1/2 P^2 |x0|^2, and
    // dL/dalpha_j = -P^2 |x0|^2 / (1 - alpha_j).
    descent_loss_grad(alpha.data(), x0.data(), n, d.data());
    double P = 1, norm = 0;
    for (double a : alpha)
      P *= 1 - a;
    for (double v : x0)
      norm += v * v;
    for (int j = 0; j < 10; ++j)
      expect(std::fabs(d[j] + P * P * norm / (1 - alpha[j])) <=
                 1e-12 * P * P * norm,
             "descent_loss: closed form");
  }
  for (std::vector<double> at :
       {std::vector<double>{0.4, -0.3}, std::vector<double>{1.1, 0.7}}) {
    checkGradJvp(
        "after_newton", at,
        [](const double *p) { return after_newton(p[0], p[1]); },
        [](const double *p, double *g) {
          return after_newton_grad(p[0], p[1], &g[0], &g[1]);
        },
        [](const double *p, const double *t) {
          return after_newton_jvp(p[0], p[1], t[0], t[1]);
        });
    std::vector<double> c = {at[0], at[1], 0.7, -1.3};
    checkGradJvp(
        "curvature", c,
        [](const double *p) { return curvature(p[0], p[1], p[2], p[3]); },
        [](const double *p, double *g) {
          return curvature_grad(p[0], p[1], p[2], p[3], &g[0], &g[1], &g[2],
                                &g[3]);
        },
        [](const double *p, const double *t) {
          double v[4];
          curvature_grad(p[0], p[1], p[2], p[3], &v[0], &v[1], &v[2], &v[3]);
          return v[0] * t[0] + v[1] * t[1] + v[2] * t[2] + v[3] * t[3];
        });
    checkHvp(
        "curvature (hvp)", c,
        [](const double *p, double *g) {
          return curvature_grad(p[0], p[1], p[2], p[3], &g[0], &g[1], &g[2],
                                &g[3]);
        },
        [](const double *p, const double *v, double *hv) {
          curvature_hvp(p[0], p[1], p[2], p[3], v[0], v[1], v[2], v[3], &hv[0],
                        &hv[1], &hv[2], &hv[3]);
        });
    std::vector<double> r = {at[0], at[1], 1e-3};
    checkGradJvp(
        "rosen_after_step", r,
        [](const double *p) { return rosen_after_step(p[0], p[1], p[2]); },
        [](const double *p, double *g) {
          return rosen_after_step_grad(p[0], p[1], p[2], &g[0], &g[1], &g[2]);
        },
        [](const double *p, const double *t) {
          double v[3];
          rosen_after_step_grad(p[0], p[1], p[2], &v[0], &v[1], &v[2]);
          return v[0] * t[0] + v[1] * t[1] + v[2] * t[2];
        });
  }
  {
    std::vector<double> p = {0.3, -0.7, 1.1, 0.4, 0.25};
    const int n = 4;
    auto f = [](const double *q) { return two_steps(q, n, q[n]); };
    auto grad = [](const double *q, double *g) {
      double d[n], dlr;
      double v = two_steps_grad(q, n, q[n], d, &dlr);
      for (int i = 0; i < n; ++i)
        g[i] = d[i];
      g[n] = dlr;
      return v;
    };
    // The sweeps' partials round differently from chain_loss_grad's, so
    // the value matches f to rounding, not bit for bit.
    checkGradJvp(
        "two_steps", p, f, grad,
        [&](const double *q, const double *t) {
          std::vector<double> g(n + 1);
          grad(q, g.data());
          double s = 0;
          for (int i = 0; i <= n; ++i)
            s += g[i] * t[i];
          return s;
        },
        1e-12);
    checkHvp("two_steps (hvp)", p, grad,
             [](const double *q, const double *v, double *hv) {
               double hw[n], hlr;
               two_steps_hvp(q, n, q[n], v, v[n], hw, &hlr);
               for (int i = 0; i < n; ++i)
                 hv[i] = hw[i];
               hv[n] = hlr;
             });
  }
  return ok ? 0 : 1;
}
#endif
