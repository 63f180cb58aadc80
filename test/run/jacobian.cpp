// Full Jacobians (ADGEN(jacobian)): f_jacobian(params..., T *J) runs f and
// sets J, m x n row-major: rows are the returned value (if any) and the
// output arrays' elements, columns the differentiated inputs, both flattened
// in declaration order. Each is checked against central differences of f
// (1e-6 relative) and, where there is one, an analytic form (1e-9): softmax
// (diag(s) - ss^T, seed 002), the residual map Ax - b (= A) with m > n
// (column sweep) and m < n (row sweep), in-out arrays, std::vector and
// std::array parameters, scalar inputs, loops spelled as while loops,
// outputs written only in part, calls to helpers, parameter subsets.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <vector>

// n columns against 2m rows: the sweep is chosen when the sizes are known.
// CHECK-LABEL: void softmax_jacobian(const double *x, int n, double *s, double *J) {
// CHECK-NOT: s_initial
// CHECK: if ({{.*}} <= 2 * {{.*}}) {
// CHECK: for (long col = 0; col < {{.*}}; ++col) {
// CHECK: } else {
// CHECK: for (long row = 0; row < {{.*}}; ++row) {
ADGEN(jacobian, len(x, n), len(s, n))
void softmax(const double *x, int n, double *s) {
  double top = x[0];
  for (int i = 1; i < n; ++i)
    top = x[i] > top ? x[i] : top;
  double z = 0;
  for (int i = 0; i < n; ++i) {
    s[i] = std::exp(x[i] - top);
    z += s[i];
  }
  for (int i = 0; i < n; ++i)
    s[i] /= z;
}

// The residual map of 1/2 |Ax - b|^2: its Jacobian is A.
ADGEN(jacobian(x), len(A, m *n), len(b, m), len(x, n), len(r, m))
void residuals(const double *A, const double *b, const double *x, int m, int n,
               double *r) {
  int i, j;
  for (i = 0; i < m; i++) {
    double s = -b[i];
    for (j = 0; j < n; j++)
      s += A[i * n + j] * x[j];
    r[i] = s;
  }
}

// A returned value (row 0) and an output array, a scalar input (last
// column).
ADGEN(jacobian, len(x, n), len(y, m))
double mixed(const double *x, int n, double *y, int m, double a) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    y[i] = a * std::sin(x[i % n]) * x[(i + 1) % n];
    s += y[i] * y[i];
  }
  return s;
}

// In-out: y's initial contents are read; each sweep step starts from them,
// and y holds f's result afterwards.
// CHECK-LABEL: void scale_in_place_jacobian(const double *a, double *y, int n, double *J) {
// CHECK: y_initial
ADGEN(jacobian, len(a, n), len(y, n))
void scale_in_place(const double *a, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = y[i] * a[i] + std::sin(a[i]);
}

// Containers, a while loop with its counter declared before it, and a
// summary output much shorter than the input (row sweep).
ADGEN(jacobian)
void moments(const std::vector<double> &x, std::array<double, 2> &out) {
  double s = 0, q = 0;
  std::size_t i = 0;
  while (i < x.size()) {
    s += x[i];
    q += x[i] * x[i];
    ++i;
  }
  double mean = s / x.size();
  out[0] = mean;
  out[1] = q / x.size() - mean * mean;
}

// Scalars in, an output written only in part (the rest of its rows are 0).
ADGEN(jacobian, len(y, n))
void polar(double r, double theta, double *y, int n) {
  y[0] = r * std::cos(theta);
  y[1] = r * std::sin(theta);
  if (n > 3)
    y[3] = r * r;
}

// A scalar function: J is the gradient as one row.
ADGEN(grad, jacobian, len(x, n))
double norm2(const double *x, int n) {
  double s = 0;
  for (const double *p = x; p != x + n; ++p)
    s += *p * *p;
  return std::sqrt(s);
}

// A helper called with scalars (its derivatives are generated and called).
double logistic(double z) { return 1 / (1 + std::exp(-z)); }

ADGEN(jacobian(w), len(X, m *n), len(w, n), len(p, m))
void predict(const double *X, const double *w, int m, int n, double *p) {
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < n; ++j)
      z += X[i * n + j] * w[j];
    p[i] = logistic(z);
  }
}

// A returned std::array is the output: f_jacobian returns it too. Returned
// as a braced list, and as a local array updated in a loop (with fmax).
// CHECK-LABEL: std::array<double, 2> to_cartesian_jacobian(double r, double theta, double *J) {
// CHECK: return result;
ADGEN(jacobian)
std::array<double, 2> to_cartesian(double r, double theta) {
  return {r * std::cos(theta), r * std::sin(theta)};
}

ADGEN(jacobian, len(x, n))
std::array<double, 3> summary(const double *x, int n) {
  std::array<double, 3> out{};
  for (int i = 0; i < n; ++i) {
    out[0] += x[i];
    out[1] += x[i] * x[i];
    out[2] = std::fmax(out[2], x[i]);
  }
  if (n == 0)
    return {};
  return out;
}

#ifndef __ADGEN__
#include "expect.h"

#include <algorithm>
#include <cstdio>
#include <functional>

/// Eval(in, out) computes the m outputs of the n inputs.
using Eval =
    std::function<void(const std::vector<double> &, std::vector<double> &)>;

/// J (m x n) against central differences of Eval at x (1e-6), and against
/// Exact(i, j) when given (Tol relative to J's largest entry).
static void check(const char *Name, const std::vector<double> &x, int m,
                  const std::vector<double> &J, Eval F,
                  std::function<double(int, int)> Exact = {},
                  double Tol = 1e-9) {
  int n = static_cast<int>(x.size());
  expect(J.size() == static_cast<size_t>(m) * n, Name);
  double scale = 1;
  for (double v : J)
    scale = std::max(scale, std::fabs(v));
  int bad = 0;
  std::vector<double> y1(m), y2(m), y3(m), y4(m);
  for (int j = 0; j < n; ++j) {
    auto at = [&](double d, std::vector<double> &y) {
      std::vector<double> z = x;
      z[j] += d;
      F(z, y);
    };
    double d = 1e-4 * std::max(1.0, std::fabs(x[j]));
    at(d, y1);
    at(-d, y2);
    at(d / 2, y3);
    at(-d / 2, y4);
    for (int i = 0; i < m; ++i) {
      double fd = (4 * (y3[i] - y4[i]) / d - (y1[i] - y2[i]) / (2 * d)) / 3;
      double v = J[i * n + j];
      if (std::fabs(fd - v) > 1e-6 * std::max(1.0, std::fabs(fd)) && bad++ < 3)
        std::printf("%s: J[%d][%d] = %.15g, finite differences %.15g\n", Name,
                    i, j, v, fd);
      if (Exact && std::fabs(v - Exact(i, j)) > Tol * scale && bad++ < 3)
        std::printf("%s: J[%d][%d] = %.15g, analytic %.15g\n", Name, i, j, v,
                    Exact(i, j));
    }
  }
  expect(bad == 0, Name);
}

static std::vector<double> ramp(int n, double a, double b) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i)
    v[i] = a + b * std::sin(1.3 * i + 0.4);
  return v;
}

int main() {
  for (int n : {1, 3, 100}) {
    std::vector<double> x = ramp(n, 0.2, 1.5), s(n), J(n * n, -1), s2(n);
    softmax_jacobian(x.data(), n, s.data(), J.data());
    softmax(x.data(), n, s2.data());
    expect(s == s2, "softmax_jacobian writes s");
    check(
        "softmax", x, n, J,
        [&](const std::vector<double> &z, std::vector<double> &y) {
          softmax(z.data(), n, y.data());
        },
        [&](int i, int j) { return (i == j ? s[i] : 0) - s[i] * s[j]; });
  }
  for (auto mn : {std::pair<int, int>{30, 5}, {5, 30}, {1, 1}}) {
    int m = mn.first, n = mn.second;
    std::vector<double> A = ramp(m * n, 0, 2), b = ramp(m, 1, 1),
                        x = ramp(n, -0.5, 1), r(m), J(m * n, 7);
    residuals(A.data(), b.data(), x.data(), m, n, r.data());
    std::vector<double> r2(m);
    residuals_jacobian(A.data(), b.data(), x.data(), m, n, r2.data(), J.data());
    expect(r == r2, "residuals_jacobian writes r");
    check(
        "residuals", x, m, J,
        [&](const std::vector<double> &z, std::vector<double> &y) {
          residuals(A.data(), b.data(), z.data(), m, n, y.data());
        },
        [&](int i, int j) { return A[i * n + j]; });
  }
  for (auto mn : {std::pair<int, int>{7, 3}, {2, 9}}) {
    int m = mn.first, n = mn.second;
    std::vector<double> in = ramp(n + 1, 0.3, 0.8), y(m), J((m + 1) * (n + 1));
    double f = mixed_jacobian(in.data(), n, y.data(), m, in[n], J.data());
    std::vector<double> y2(m);
    expect(f == mixed(in.data(), n, y2.data(), m, in[n]) && y == y2,
           "mixed_jacobian returns f and writes y");
    check("mixed", in, m + 1, J,
          [&](const std::vector<double> &z, std::vector<double> &out) {
            out[0] = mixed(z.data(), n, out.data() + 1, m, z[n]);
          });
  }
  for (int n : {4, 40}) {
    std::vector<double> a = ramp(n, 0.5, 1), y0 = ramp(n, -1, 2), y = y0,
                        J(n * n);
    scale_in_place_jacobian(a.data(), y.data(), n, J.data());
    std::vector<double> y2 = y0;
    scale_in_place(a.data(), y2.data(), n);
    expect(y == y2, "scale_in_place_jacobian updates y once");
    check(
        "scale_in_place", a, n, J,
        [&](const std::vector<double> &z, std::vector<double> &out) {
          out = y0;
          scale_in_place(z.data(), out.data(), n);
        },
        [&](int i, int j) { return i == j ? y0[i] + std::cos(a[i]) : 0.0; });
  }
  {
    std::vector<double> x = ramp(25, 1, 3), J(2 * 25);
    std::array<double, 2> out{};
    moments_jacobian(x, out, J.data());
    double mean = out[0];
    check(
        "moments", x, 2, J,
        [&](const std::vector<double> &z, std::vector<double> &y) {
          std::array<double, 2> o{};
          moments(z, o);
          y.assign(o.begin(), o.end());
        },
        [&](int i, int j) {
          return i == 0 ? 1.0 / 25 : 2 * (x[j] - mean) / 25;
        });
  }
  for (int n : {2, 5}) {
    std::vector<double> in = {1.7, 0.6}, y(n, 9.0), J(n * 2, 3);
    polar_jacobian(in[0], in[1], y.data(), n, J.data());
    check("polar", in, n, J,
          [&](const std::vector<double> &z, std::vector<double> &out) {
            std::fill(out.begin(), out.end(), 9.0);
            polar(z[0], z[1], out.data(), n);
          });
  }
  {
    std::vector<double> x = ramp(6, 0.1, 1), J(6, 0), g(6);
    double f = norm2_jacobian(x.data(), 6, J.data());
    expect(f == norm2(x.data(), 6), "norm2_jacobian returns f");
    norm2_grad(x.data(), 6, g.data());
    check(
        "norm2", x, 1, J,
        [&](const std::vector<double> &z, std::vector<double> &y) {
          y[0] = norm2(z.data(), 6);
        },
        [&](int, int j) { return g[j]; });
  }
  for (auto mn : {std::pair<int, int>{20, 3}, {3, 20}}) {
    int m = mn.first, n = mn.second;
    std::vector<double> X = ramp(m * n, 0, 0.5), w = ramp(n, 0.1, 0.7), p(m),
                        J(m * n);
    predict_jacobian(X.data(), w.data(), m, n, p.data(), J.data());
    check(
        "predict", w, m, J,
        [&](const std::vector<double> &z, std::vector<double> &y) {
          predict(X.data(), z.data(), m, n, y.data());
        },
        [&](int i, int j) { return p[i] * (1 - p[i]) * X[i * n + j]; });
  }
  {
    std::vector<double> in = {1.3, 0.4}, J(4);
    std::array<double, 2> xy = to_cartesian_jacobian(in[0], in[1], J.data());
    expect(xy == to_cartesian(in[0], in[1]), "to_cartesian_jacobian's value");
    check(
        "to_cartesian", in, 2, J,
        [](const std::vector<double> &z, std::vector<double> &y) {
          std::array<double, 2> o = to_cartesian(z[0], z[1]);
          y.assign(o.begin(), o.end());
        },
        [&](int i, int j) {
          double c = std::cos(in[1]), s = std::sin(in[1]);
          return i == 0 ? (j == 0 ? c : -in[0] * s) : (j == 0 ? s : in[0] * c);
        });
  }
  for (int n : {2, 5, 9}) { // n = 2: the column sweep; 9: rows
    std::vector<double> x = ramp(n, 0.5, 1.2), J(3 * n);
    std::array<double, 3> v = summary_jacobian(x.data(), n, J.data());
    expect(v == summary(x.data(), n), "summary_jacobian's value");
    check("summary", x, 3, J,
          [&](const std::vector<double> &z, std::vector<double> &y) {
            std::array<double, 3> o = summary(z.data(), n);
            y.assign(o.begin(), o.end());
          });
  }
  return ok ? 0 : 1;
}
#endif
