// Hessian-vector products (ADGEN(hvp)): f_hvp(params..., v_x..., Hv_x...)
// is reverse mode applied to f's JVP. Checked against central differences
// of the gradient along v, and against analytic Hessians (Rosenbrock's
// tridiagonal one, (A + A^T) / 2 of a quadratic form, 8xx^T + 4(x^T x)I,
// a scalar function's 2x2). Loops in several spellings, while loops,
// branches, local arrays, an in-place Cholesky factorisation, std::vector,
// calls to user functions (lowered in place).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

// Rosenbrock with a scalar weight: one loop, no tape (the forward and
// backward sweeps of the JVP fuse).
// CHECK-LABEL: void rosen_hvp(const double *x, int n, double a, const double *v_x, double v_a,
// CHECK-NEXT: double *Hv_x, double *Hv_a) {
// CHECK-NOT: tape
// CHECK: *Hv_a =
ADGEN(grad, hvp, len(x, n))
double rosen(const double *x, int n, double a) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double t = x[i + 1] - x[i] * x[i];
    s += 100 * t * t + a * (1 - x[i]) * (1 - x[i]);
  }
  return s;
}

// 1/2 x^T A x + b^T x, differentiated in x only (a per-mode list). The
// HVP reads neither b nor x, and keeps nothing: Hv = (A v + A^T v) / 2.
// CHECK-LABEL: void quad_hvp(const double *A, {{\[\[maybe_unused\]\]}} const double *b,
// CHECK-NEXT: {{\[\[maybe_unused\]\]}} const double *x, int n, const double *v_x,
// CHECK-NEXT: double *Hv_x) {
// CHECK-NOT: tape
// CHECK: Hv_x[j] += {{.*}} * d_r;
ADGEN(grad(x), hvp(x), len(A, n *n), len(b, n), len(x, n))
double quad(const double *A, const double *b, const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j)
      r += A[i * n + j] * x[j];
    s += 0.5 * x[i] * r + b[i] * x[i];
  }
  return s;
}

// (x^T x)^2 with a std::vector and a while loop.
ADGEN(grad, hvp)
double quartic(const std::vector<double> &x) {
  double s = 0;
  std::size_t i = 0;
  while (i < x.size()) {
    s += x[i] * x[i];
    ++i;
  }
  return s * s;
}

// log-sum-exp of A x with the max shifted out (a branch per element), the
// terms in a local array, counting down.
ADGEN(grad(x), hvp(x), len(A, m *n), len(x, n))
double lse(const double *A, const double *x, int m, int n) {
  std::vector<double> z(m);
  double mx = -1e300;
  for (int i = m - 1; i >= 0; --i) {
    double r = 0;
    for (int j = 0; j < n; ++j)
      r += A[i * n + j] * x[j];
    z[i] = r;
    if (r > mx)
      mx = r;
  }
  double s = 0;
  for (int i = 0; i < m; ++i)
    s += std::exp(z[i] - mx);
  return std::log(s) + mx;
}

// log det A by an in-place Cholesky factorisation of a copy (counters
// declared first).
ADGEN(grad, hvp, len(A0, n *n))
double logdet(const double *A0, int n) {
  int i, j, k;
  std::vector<double> A(A0, A0 + n * n);
  for (i = 0; i < n; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i * n + j] -= A[i * n + k] * A[j * n + k];
      A[i * n + j] /= A[j * n + j];
    }
    for (k = 0; k < i; k++)
      A[i * n + i] -= A[i * n + k] * A[i * n + k];
    A[i * n + i] = std::sqrt(A[i * n + i]);
  }
  double s = 0;
  for (i = 0; i < n; i++)
    s += 2 * std::log(A[i * n + i]);
  return s;
}

// Scalars only, library functions and a branch on data.
ADGEN(grad, hvp)
double scalars(double a, double b) {
  double y = a * std::exp(b) + std::sin(a * b);
  if (a > b)
    y += std::tanh(a - b) * b;
  return y;
}

// Calls to user functions, with scalars and with an array at an offset:
// lowered in place for second derivatives.
static double bump(double u) { return u * std::exp(-u * u); }
static double dot3(const double *p, const double *q) {
  return p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
}
// CHECK-LABEL: void calls_hvp(
// CHECK-NOT: bump(
// CHECK-NOT: dot3
// CHECK: }
ADGEN(grad, hvp, len(x, 6), len(w, 3))
double calls(const double *x, const double *w, double s) {
  return bump(s * x[0]) + dot3(x + 3, w) * dot3(x, x + 3) + std::sin(s);
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  for (int n : {1, 2, 3, 8}) {
    std::vector<double> x(n + 1);
    for (int i = 0; i < n; ++i)
      x[i] = 0.8 * std::sin(0.9 * i + 0.3);
    x[n] = 1.3; // a
    checkHvp(
        "rosen", x,
        [&](const double *p, double *g) {
          return rosen_grad(p, n, p[n], g, g + n);
        },
        [&](const double *p, const double *v, double *hv) {
          rosen_hvp(p, n, p[n], v, v[n], hv, hv + n);
        });
    // The analytic tridiagonal Hessian in x (a held at x[n]).
    std::vector<double> v(n + 1), hv(n + 1);
    for (int i = 0; i <= n; ++i)
      v[i] = std::cos(1.0 + i);
    v[n] = 0;
    rosen_hvp(x.data(), n, x[n], v.data(), 0.0, hv.data(), hv.data() + n);
    for (int i = 0; i < n; ++i) {
      double h = 0;
      if (i + 1 < n)
        h += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2 * x[n]) * v[i] -
             400 * x[i] * v[i + 1];
      if (i > 0)
        h += 200 * v[i] - 400 * x[i - 1] * v[i - 1];
      expect(std::fabs(h - hv[i]) <= 1e-9 * std::max(1.0, std::fabs(h)),
             "rosen analytic");
    }
  }
  {
    int n = 5;
    std::vector<double> A(n * n), b(n), x(n), v(n), hv(n);
    for (int i = 0; i < n * n; ++i)
      A[i] = std::sin(1.1 * i + 0.2);
    for (int i = 0; i < n; ++i) {
      b[i] = std::cos(0.4 * i);
      x[i] = 0.3 * i - 0.5;
      v[i] = std::sin(2.0 * i + 1);
    }
    quad_hvp(A.data(), b.data(), x.data(), n, v.data(), hv.data());
    for (int i = 0; i < n; ++i) {
      double h = 0;
      for (int j = 0; j < n; ++j)
        h += 0.5 * (A[i * n + j] + A[j * n + i]) * v[j];
      expect(std::fabs(h - hv[i]) <= 1e-10, "quad analytic");
    }
    checkHvp(
        "quad", x,
        [&](const double *p, double *g) {
          return quad_grad(A.data(), b.data(), p, n, g);
        },
        [&](const double *p, const double *w, double *h) {
          quad_hvp(A.data(), b.data(), p, n, w, h);
        });
  }
  {
    std::vector<double> x{0.3, -0.7, 1.1, 0.2}, v{1.0, 0.5, -0.25, 2.0},
        hv(4, -1.0);
    quartic_hvp(x, v, hv);
    double xx = 0, xv = 0;
    for (int i = 0; i < 4; ++i) {
      xx += x[i] * x[i];
      xv += x[i] * v[i];
    }
    for (int i = 0; i < 4; ++i) {
      double h = 8 * x[i] * xv + 4 * xx * v[i];
      expect(std::fabs(h - hv[i]) <= 1e-10, "quartic analytic");
    }
    checkHvp(
        "quartic", x,
        [&](const double *p, double *g) {
          std::vector<double> y(p, p + 4), d(4);
          double f = quartic_grad(y, d);
          std::copy(d.begin(), d.end(), g);
          return f;
        },
        [&](const double *p, const double *w, double *h) {
          std::vector<double> y(p, p + 4), vv(w, w + 4), hh(4);
          quartic_hvp(y, vv, hh);
          std::copy(hh.begin(), hh.end(), h);
        });
  }
  {
    int m = 6, n = 3;
    std::vector<double> A(m * n), x{0.2, -0.4, 0.9};
    for (int i = 0; i < m * n; ++i)
      A[i] = std::cos(0.7 * i + 0.1);
    checkHvp(
        "lse", x,
        [&](const double *p, double *g) {
          return lse_grad(A.data(), p, m, n, g);
        },
        [&](const double *p, const double *w, double *h) {
          lse_hvp(A.data(), p, m, n, w, h);
        });
  }
  for (int n : {1, 2, 4}) {
    std::vector<double> A(n * n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        A[i * n + j] = (i == j ? n + 1.0 : 0.0) + 0.3 * std::cos(i + j);
    checkHvp(
        "logdet", A,
        [&](const double *p, double *g) { return logdet_grad(p, n, g); },
        [&](const double *p, const double *w, double *h) {
          logdet_hvp(p, n, w, h);
        });
  }
  for (double a : {-0.6, 0.9}) {
    std::vector<double> x{a, 0.4};
    checkHvp(
        "scalars", x,
        [&](const double *p, double *g) {
          return scalars_grad(p[0], p[1], &g[0], &g[1]);
        },
        [&](const double *p, const double *w, double *h) {
          scalars_hvp(p[0], p[1], w[0], w[1], &h[0], &h[1]);
        });
    // The analytic Hessian when a < b (no tanh term).
    if (a < 0.4) {
      double b = 0.4, s = std::sin(a * b), c = std::cos(a * b);
      double haa = -b * b * s, hab = std::exp(b) + c - a * b * s,
             hbb = a * std::exp(b) - a * a * s;
      double h[2];
      scalars_hvp(a, b, 1.0, 0.0, &h[0], &h[1]);
      expect(std::fabs(h[0] - haa) <= 1e-12 && std::fabs(h[1] - hab) <= 1e-12,
             "scalars analytic");
      scalars_hvp(a, b, 0.0, 1.0, &h[0], &h[1]);
      expect(std::fabs(h[0] - hab) <= 1e-12 && std::fabs(h[1] - hbb) <= 1e-12,
             "scalars analytic");
    }
  }
  {
    std::vector<double> p{0.3, -0.4, 0.8, 0.1, 0.6, -0.2, 0.5, -0.7, 0.9, 1.2};
    // x (6), w (3), s
    checkHvp(
        "calls", p,
        [&](const double *q, double *g) {
          return calls_grad(q, q + 6, q[9], g, g + 6, &g[9]);
        },
        [&](const double *q, const double *v, double *h) {
          calls_hvp(q, q + 6, q[9], v, v + 6, v[9], h, h + 6, &h[9]);
        });
  }
  return ok ? 0 : 1;
}
#endif
