// Full Hessians (ADGEN(hessian)): T f_hessian(params..., T *H) returns f and
// sets H, n x n row-major over the differentiated inputs flattened in
// declaration order. The seed workloads against their analytic Hessians
// (1e-9 relative) and against central differences of the gradient; every
// Hessian symmetric to rounding.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// The value, then one column of H per unit direction.
// CHECK-LABEL: double quadratic_hessian(const double *A, const double *b, double c,
// CHECK-NEXT: const double *x, int n, double *H) {
// CHECK: for (long col = 0; col < {{.*}}; ++col) {
ADGEN(grad(x), hessian(x), len(A, n *n), len(b, n), len(x, n))
double quadratic(const double *A, const double *b, double c, const double *x,
                 int n) {
  double s = c;
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j)
      r += A[i * n + j] * x[j];
    s += 0.5 * x[i] * r + b[i] * x[i];
  }
  return s;
}

ADGEN(grad, hessian, len(x, n))
double quartic(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s * s;
}

ADGEN(grad, hessian, len(x, n))
double gauss(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return std::exp(-s);
}

ADGEN(grad, hessian, len(x, n))
double inverse(const double *x, int n) {
  double s = 0;
  int i = 0;
  while (i < n) {
    s += x[i] * x[i];
    ++i;
  }
  return -1 / (1 + s);
}

// Seed 004's Taylor examples, scalars.
ADGEN(grad, hessian)
double taylor(double x1, double x2) {
  return 0.06 * std::exp(2 * x1 + x2) + 0.05 * std::exp(x1 - 2 * x2) +
         std::exp(-x1);
}

ADGEN(grad, hessian)
double bump(double x1, double x2) {
  return x1 * std::exp(-(x1 * x1 + x2 * x2));
}

// log-sum-exp with the maximum shifted out.
ADGEN(grad, hessian, len(x, n))
double lse(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return std::log(s) + m;
}

ADGEN(grad(x), hessian(x), len(a, n), len(x, n))
double softplus(const double *a, const double *x, int n) {
  double z = 0;
  for (int i = 0; i < n; ++i)
    z += a[i] * x[i];
  return std::log(1 + std::exp(z));
}

// 1/2 |Ax - b|^2 with the residuals in a local array.
ADGEN(grad(x), hessian(x), len(A, m *n), len(b, m), len(x, n))
double least_squares(const double *A, const double *b, const double *x, int m,
                     int n) {
  std::vector<double> r(m);
  for (int i = 0; i < m; ++i) {
    r[i] = -b[i];
    for (int j = 0; j < n; ++j)
      r[i] += A[i * n + j] * x[j];
  }
  double s = 0;
  for (int i = 0; i < m; ++i)
    s += r[i] * r[i];
  return 0.5 * s;
}

ADGEN(grad, hessian, len(x, n))
double cube_norm(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return std::pow(s, 1.5) / 3;
}

// The mean logistic loss with a ridge penalty, labels y in {-1, 1}.
ADGEN(grad(w), hessian(w), len(X, m *n), len(y, m), len(w, n))
double logistic(const double *X, const double *y, const double *w, int m,
                int n, double lambda) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < n; ++j)
      z += X[i * n + j] * w[j];
    loss += std::log(1 + std::exp(-y[i] * z));
  }
  double r = 0;
  for (int j = 0; j < n; ++j)
    r += w[j] * w[j];
  return loss / m + 0.5 * lambda * r;
}

ADGEN(grad, hessian, len(x, n))
double rosen(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double t = x[i + 1] - x[i] * x[i];
    s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
  }
  return s;
}

#ifndef __ADGEN__
#include "expect.h"

#include <cstdio>
#include <functional>

using Gradient = std::function<double(const double *, double *)>;
using Entry = std::function<double(int, int)>;

/// H against the analytic entries (relative Tol), symmetric, and against
/// central differences of the gradient (1e-6), for n inputs at x.
static void check(const char *Name, const std::vector<double> &x,
                  const std::vector<double> &H, Entry Exact, Gradient G,
                  double Tol = 1e-9) {
  int n = static_cast<int>(x.size());
  double scale = 1;
  for (double h : H)
    scale = std::max(scale, std::fabs(h));
  int bad = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double h = H[i * n + j];
      if (Exact && std::fabs(h - Exact(i, j)) > Tol * scale && bad++ < 3)
        std::printf("%s: H[%d][%d] = %.15g, analytic %.15g\n", Name, i, j, h,
                    Exact(i, j));
      if (std::fabs(h - H[j * n + i]) > 1e-12 * scale && bad++ < 3)
        std::printf("%s: H[%d][%d] = %.15g, H[%d][%d] = %.15g\n", Name, i, j,
                    h, j, i, H[j * n + i]);
    }
  if (n <= 12) {
    std::vector<double> g1(n), g2(n), g3(n), g4(n);
    for (int j = 0; j < n; ++j) {
      auto at = [&](double d, std::vector<double> &g) {
        std::vector<double> y = x;
        y[j] += d;
        G(y.data(), g.data());
      };
      double d = 1e-4 * std::max(1.0, std::fabs(x[j]));
      at(d, g1);
      at(-d, g2);
      at(d / 2, g3);
      at(-d / 2, g4);
      for (int i = 0; i < n; ++i) {
        double fd = (4 * (g3[i] - g4[i]) / d - (g1[i] - g2[i]) / (2 * d)) / 3;
        if (std::fabs(fd - H[i * n + j]) >
                1e-6 * std::max(1.0, std::fabs(fd)) &&
            bad++ < 3)
          std::printf("%s: H[%d][%d] = %.15g, finite differences %.15g\n",
                      Name, i, j, H[i * n + j], fd);
      }
    }
  }
  expect(bad == 0, Name);
}

int main() {
  {
    int n = 100;
    std::vector<double> A(n * n), b(n), x(n), H(n * n);
    for (int i = 0; i < n * n; ++i)
      A[i] = std::sin(0.37 * i + 0.1);
    for (int i = 0; i < n; ++i) {
      b[i] = std::cos(0.2 * i);
      x[i] = 0.01 * i - 0.4;
    }
    double f = quadratic_hessian(A.data(), b.data(), 2.5, x.data(), n, H.data());
    expect(f == quadratic(A.data(), b.data(), 2.5, x.data(), n),
           "quadratic value");
    check(
        "quadratic", x, H,
        [&](int i, int j) { return 0.5 * (A[i * n + j] + A[j * n + i]); },
        nullptr, 1e-10);
  }
  std::vector<double> x6{0.3, -0.7, 1.1, 0.2, -0.5, 0.9};
  {
    int n = 6;
    std::vector<double> H(n * n);
    double s = 0;
    for (double v : x6)
      s += v * v;
    quartic_hessian(x6.data(), n, H.data());
    check(
        "quartic", x6, H,
        [&](int i, int j) { return 8 * x6[i] * x6[j] + (i == j ? 4 * s : 0); },
        [&](const double *p, double *g) { return quartic_grad(p, n, g); });
    gauss_hessian(x6.data(), n, H.data());
    double e = std::exp(-s);
    check(
        "gauss", x6, H,
        [&](int i, int j) {
          return e * (4 * x6[i] * x6[j] - (i == j ? 2 : 0));
        },
        [&](const double *p, double *g) { return gauss_grad(p, n, g); });
    inverse_hessian(x6.data(), n, H.data());
    double q = 1 + s;
    check(
        "inverse", x6, H,
        [&](int i, int j) {
          return (i == j ? 2 / (q * q) : 0) - 8 * x6[i] * x6[j] / (q * q * q);
        },
        [&](const double *p, double *g) { return inverse_grad(p, n, g); });
    lse_hessian(x6.data(), n, H.data());
    std::vector<double> p(n);
    double z = 0;
    for (int i = 0; i < n; ++i)
      z += std::exp(x6[i]);
    for (int i = 0; i < n; ++i)
      p[i] = std::exp(x6[i]) / z;
    check(
        "lse", x6, H,
        [&](int i, int j) { return (i == j ? p[i] : 0) - p[i] * p[j]; },
        [&](const double *v, double *g) { return lse_grad(v, n, g); });
    std::vector<double> a{0.5, -0.2, 0.3, 0.8, -0.6, 0.1};
    softplus_hessian(a.data(), x6.data(), n, H.data());
    double dot = 0;
    for (int i = 0; i < n; ++i)
      dot += a[i] * x6[i];
    double sg = 1 / (1 + std::exp(-dot));
    check(
        "softplus", x6, H,
        [&](int i, int j) { return sg * (1 - sg) * a[i] * a[j]; },
        [&](const double *v, double *g) {
          return softplus_grad(a.data(), v, n, g);
        });
    cube_norm_hessian(x6.data(), n, H.data());
    double r = std::sqrt(s);
    check(
        "cube_norm", x6, H,
        [&](int i, int j) { return (i == j ? r : 0) + x6[i] * x6[j] / r; },
        [&](const double *v, double *g) { return cube_norm_grad(v, n, g); });
  }
  {
    int m = 7, n = 4;
    std::vector<double> A(m * n), b(m), x{0.2, -0.1, 0.4, 0.3}, H(n * n);
    for (int i = 0; i < m * n; ++i)
      A[i] = std::cos(0.9 * i + 0.3);
    for (int i = 0; i < m; ++i)
      b[i] = 0.1 * i;
    least_squares_hessian(A.data(), b.data(), x.data(), m, n, H.data());
    check(
        "least_squares", x, H,
        [&](int i, int j) {
          double h = 0;
          for (int k = 0; k < m; ++k)
            h += A[k * n + i] * A[k * n + j];
          return h;
        },
        [&](const double *v, double *g) {
          return least_squares_grad(A.data(), b.data(), v, m, n, g);
        });
    std::vector<double> y(m);
    for (int i = 0; i < m; ++i)
      y[i] = i % 3 ? 1.0 : -1.0;
    double lambda = 0.3;
    logistic_hessian(A.data(), y.data(), x.data(), m, n, lambda, H.data());
    check(
        "logistic", x, H,
        [&](int i, int j) {
          double h = i == j ? lambda : 0;
          for (int k = 0; k < m; ++k) {
            double z = 0;
            for (int l = 0; l < n; ++l)
              z += A[k * n + l] * x[l];
            double s = 1 / (1 + std::exp(-y[k] * z));
            h += s * (1 - s) * A[k * n + i] * A[k * n + j] / m;
          }
          return h;
        },
        [&](const double *v, double *g) {
          return logistic_grad(A.data(), y.data(), v, m, n, lambda, g);
        });
  }
  for (auto [x1, x2] : {std::pair{-2.0, 3.0}, std::pair{0.0, 2.0}}) {
    double H[4];
    double f = taylor_hessian(x1, x2, H);
    expect(f == taylor(x1, x2), "taylor value");
    double e1 = std::exp(2 * x1 + x2), e2 = std::exp(x1 - 2 * x2),
           e3 = std::exp(-x1);
    double exact[4] = {0.24 * e1 + 0.05 * e2 + e3, 0.12 * e1 - 0.1 * e2,
                       0.12 * e1 - 0.1 * e2, 0.06 * e1 + 0.2 * e2};
    check(
        "taylor", {x1, x2}, std::vector<double>(H, H + 4),
        [&](int i, int j) { return exact[2 * i + j]; },
        [&](const double *v, double *g) {
          return taylor_grad(v[0], v[1], &g[0], &g[1]);
        });
  }
  {
    double x1 = -1, x2 = 1, H[4];
    bump_hessian(x1, x2, H);
    double e = std::exp(-(x1 * x1 + x2 * x2));
    double exact[4] = {e * (4 * x1 * x1 * x1 - 6 * x1),
                       -2 * x2 * e * (1 - 2 * x1 * x1),
                       -2 * x2 * e * (1 - 2 * x1 * x1),
                       x1 * e * (4 * x2 * x2 - 2)};
    check(
        "bump", {x1, x2}, std::vector<double>(H, H + 4),
        [&](int i, int j) { return exact[2 * i + j]; },
        [&](const double *v, double *g) {
          return bump_grad(v[0], v[1], &g[0], &g[1]);
        });
  }
  for (int n : {10, 100, 1000}) {
    std::vector<double> x(n), H(static_cast<size_t>(n) * n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.5 + 0.4 * std::sin(1.3 * i);
    rosen_hessian(x.data(), n, H.data());
    check(
        "rosen", x, H,
        [&](int i, int j) {
          if (i == j)
            return (i + 1 < n ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0) +
                   (i > 0 ? 200.0 : 0.0);
          if (j == i + 1)
            return -400 * x[i];
          if (i == j + 1)
            return -400 * x[j];
          return 0.0;
        },
        [&](const double *v, double *g) { return rosen_grad(v, n, g); });
  }
  return ok ? 0 : 1;
}
#endif
