// Derivatives at points where a branch guards a singular point (issue 8): a
// zero (co)tangent from an arm that is not taken contributes nothing, whatever
// the partial it would be multiplied by (sqrt, log, 1/x, pow at 0, an exp
// that overflows). grad, jvp and vjp are checked at the singular points
// against one-sided finite differences, grad . t against jvp(t); IEEE
// infinities remain where the singular value is used.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <vector>

ADGEN(grad, jvp)
double sqrt_select(double x, double y) {
  double s = std::sqrt(y);
  s = s <= 0.1 ? 1.0 : s;
  return x * s;
}
// The cotangent of s is zero where the guard holds: it never multiplies
// sqrt's infinite slope.
// CHECK-LABEL: double sqrt_select_grad(
// CHECK: *d_y = d_s == 0.0 ? 0.0 : d_s / (2.0 * s);

ADGEN(grad, jvp)
double sqrt_if(double x, double y) {
  double s = std::sqrt(y);
  if (s <= 0.1)
    s = 1.0;
  return x * s;
}

ADGEN(grad, jvp)
double sqrt_else_arm(double x, double y) {
  double s = std::sqrt(y);
  if (s > 0.1)
    return x * s;
  return x;
}

ADGEN(grad, jvp)
double guarded_log(double x, double y) {
  return x > 1e-3 ? std::log(x) * y : y;
}

ADGEN(grad, jvp)
double guarded_log_other_arm(double x, double y) {
  double r;
  if (x <= 1e-3)
    r = y;
  else
    r = std::log(x) * y;
  return r;
}

ADGEN(grad, jvp)
double guarded_reciprocal(double x, double y) {
  return std::fabs(x) < 1e-3 ? y : y / x;
}

// The singular values computed before the guard, as the correlation kernel
// does.
ADGEN(grad, jvp)
double log_before_guard(double x, double y) {
  double l = std::log(x);
  return x > 1e-3 ? l * y : y;
}

ADGEN(grad, jvp)
double reciprocal_before_guard(double x, double y) {
  double r = y / x;
  double q = 1 / x;
  if (std::fabs(x) < 1e-3) {
    r = y;
    q = 0;
  }
  return r + q;
}

ADGEN(grad, jvp)
double guarded_pow(double x, double y) {
  double p = std::pow(x, 0.5);
  return x < 1e-4 ? 2 * y : p * y;
}

// The stable softplus: exp(x) overflows to inf in the arm not taken.
ADGEN(grad, jvp)
double softplus(double x) { return x > 30 ? x : std::log1p(std::exp(x)); }

ADGEN(grad, jvp)
double softplus_before_guard(double x) {
  double e = std::exp(x);
  double s = std::log1p(e);
  return x > 30 ? x : s;
}

// A vector-valued function: the guard inside a loop, through memory.
ADGEN(vjp, jvp, len(x, n), len(out, n))
void guarded_rows(int n, const double *x, double *out) {
  for (int i = 0; i < n; ++i) {
    double s = std::sqrt(x[i]);
    s = s <= 0.1 ? 1.0 : s;
    out[i] = s * x[(i + 1) % n];
  }
}

// The correlation kernel's shape (PolyBench): a constant data column has a
// zero standard deviation, which the kernel replaces by 1.
ADGEN(grad, jvp, len(data, n *m))
double correlation(int m, int n, double float_n, const double *data) {
  const double eps = 0.1;
  std::vector<double> mean(m), stddev(m), d(n * m);
  for (int j = 0; j < m; j++) {
    mean[j] = 0.0;
    for (int i = 0; i < n; i++)
      mean[j] += data[i * m + j];
    mean[j] /= float_n;
  }
  for (int j = 0; j < m; j++) {
    stddev[j] = 0.0;
    for (int i = 0; i < n; i++)
      stddev[j] += (data[i * m + j] - mean[j]) * (data[i * m + j] - mean[j]);
    stddev[j] /= float_n;
    stddev[j] = std::sqrt(stddev[j]);
    stddev[j] = stddev[j] <= eps ? 1.0 : stddev[j];
  }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      d[i * m + j] =
          (data[i * m + j] - mean[j]) / (std::sqrt(float_n) * stddev[j]);
  double total = 0.0;
  for (int i = 0; i < m - 1; i++)
    for (int j = i + 1; j < m; j++) {
      double corr = 0.0;
      for (int k = 0; k < n; k++)
        corr += d[k * m + i] * d[k * m + j];
      total += corr * corr * (1.0 + i) / (1.0 + j);
    }
  return total;
}

// Where the singular value is used, IEEE infinities remain.
ADGEN(grad)
double used_sqrt(double x, double y) { return x * std::sqrt(y); }

// A zero tangent contributes nothing: the derivative along x does not see
// sqrt's infinite slope in y.
ADGEN(jvp)
double sum_sqrt(double x, double y) { return x + std::sqrt(y); }

#ifndef __ADGEN__
#include "expect.h"

namespace {
using Fn = std::function<double(const std::vector<double> &)>;

/// One-sided difference of F at X along V (X + h V stays in the domain),
/// Richardson-extrapolated over h and h/2.
double one_sided(const Fn &F, std::vector<double> X,
                 const std::vector<double> &V) {
  double F0 = F(X);
  auto Step = [&](double H) {
    std::vector<double> Y = X;
    for (size_t I = 0; I < Y.size(); ++I)
      Y[I] += H * V[I];
    return (F(Y) - F0) / H;
  };
  double H = 1e-6;
  return 2 * Step(H / 2) - Step(H);
}

bool near(double A, double B) {
  return std::isfinite(A) && std::isfinite(B) &&
         std::fabs(A - B) <= 1e-5 * std::max(std::fabs(A), std::fabs(B)) + 1e-6;
}

using Grad2 = double (*)(double, double, double *, double *);
using Jvp2 = double (*)(double, double, double, double, double *);

/// grad and jvp of a function of (x, y) at a point, along directions into
/// the domain (y >= 0 and x >= 0 where the function needs it).
void check2(const char *Name, double (*F)(double, double), Grad2 G, Jvp2 J,
            double X, double Y) {
  double Dx = 0, Dy = 0;
  double Value = G(X, Y, &Dx, &Dy);
  expect(Value == F(X, Y), Name);
  Fn Wrapped = [&](const std::vector<double> &P) { return F(P[0], P[1]); };
  const std::vector<std::vector<double>> Dirs = {
      {1, 0}, {0, 1}, {0.5, 1}, {1, 0.25}};
  for (const auto &D : Dirs) {
    double FD = one_sided(Wrapped, {X, Y}, D);
    double Dot = Dx * D[0] + Dy * D[1];
    double Tangent = J(X, Y, D[0], D[1], nullptr);
    if (!near(Dot, FD) || !near(Tangent, FD) || !near(Dot, Tangent)) {
      std::printf("%s at (%g, %g) along (%g, %g): grad.t %g, jvp %g, "
                  "one-sided difference %g\n",
                  Name, X, Y, D[0], D[1], Dot, Tangent, FD);
      expect(false, Name);
    }
  }
}
} // namespace

int main() {
  // At the singular point y = 0 and away from it.
  for (double Y : {0.0, 1e-3, 2.0}) {
    check2("sqrt_select", sqrt_select, sqrt_select_grad, sqrt_select_jvp, 2, Y);
    check2("sqrt_if", sqrt_if, sqrt_if_grad, sqrt_if_jvp, 2, Y);
    check2("sqrt_else_arm", sqrt_else_arm, sqrt_else_arm_grad,
           sqrt_else_arm_jvp, -1.5, Y);
  }
  double Dx = -1, Dy = -1;
  sqrt_select_grad(2, 0, &Dx, &Dy);
  expect(Dx == 1 && Dy == 0, "sqrt_select: gradient (1, 0) at (2, 0)");

  for (double X : {0.0, 1e-4, 0.5, 3.0}) {
    check2("guarded_log", guarded_log, guarded_log_grad, guarded_log_jvp, X,
           1.5);
    check2("guarded_log_other_arm", guarded_log_other_arm,
           guarded_log_other_arm_grad, guarded_log_other_arm_jvp, X, 1.5);
    check2("guarded_reciprocal", guarded_reciprocal, guarded_reciprocal_grad,
           guarded_reciprocal_jvp, X, 1.5);
    check2("guarded_pow", guarded_pow, guarded_pow_grad, guarded_pow_jvp, X,
           -0.5);
    check2("log_before_guard", log_before_guard, log_before_guard_grad,
           log_before_guard_jvp, X, 1.5);
    check2("reciprocal_before_guard", reciprocal_before_guard,
           reciprocal_before_guard_grad, reciprocal_before_guard_jvp, X, 1.5);
  }

  for (double X : {-1000.0, -2.0, 0.0, 2.0, 1000.0}) {
    double D = -1;
    double V = softplus_grad(X, &D);
    double Expected = X > 30 ? 1.0 : 1.0 / (1.0 + std::exp(-X));
    expect(V == softplus(X) && near(D, Expected) &&
               near(softplus_jvp(X, 1.0, nullptr), Expected),
           "softplus: derivative is the logistic function");
    D = -1;
    V = softplus_before_guard_grad(X, &D);
    expect(V == softplus_before_guard(X) && near(D, Expected) &&
               near(softplus_before_guard_jvp(X, 1.0, nullptr), Expected),
           "softplus_before_guard: derivative is the logistic function");
  }

  // guarded_rows at points with zeros: vjp with one-hot weights gives the
  // Jacobian's rows, jvp with one-hot tangents its columns; they agree, and
  // match one-sided differences (into x >= 0).
  {
    const int n = 4;
    std::vector<double> x = {0.0, 2.0, 0.0, 0.25}, out(n), J(n * n), Jt(n * n);
    for (int r = 0; r < n; ++r) {
      std::vector<double> w(n, 0.0), d(n, -7.0);
      w[r] = 1;
      guarded_rows_vjp(n, x.data(), out.data(), w.data(), d.data());
      for (int c = 0; c < n; ++c)
        J[r * n + c] = d[c];
    }
    for (int c = 0; c < n; ++c) {
      std::vector<double> t(n, 0.0), tout(n, -7.0);
      t[c] = 1;
      guarded_rows_jvp(n, x.data(), out.data(), t.data(), tout.data());
      for (int r = 0; r < n; ++r)
        Jt[r * n + c] = tout[r];
    }
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c) {
        std::vector<double> v(n, 0.0);
        v[c] = 1;
        Fn Row = [&](const std::vector<double> &p) {
          std::vector<double> o(n);
          guarded_rows(n, p.data(), o.data());
          return o[r];
        };
        double FD = one_sided(Row, x, v);
        if (!near(J[r * n + c], FD) || !near(Jt[r * n + c], FD)) {
          std::printf("guarded_rows J[%d][%d]: vjp %g, jvp %g, one-sided %g\n",
                      r, c, J[r * n + c], Jt[r * n + c], FD);
          expect(false, "guarded_rows");
        }
      }
  }

  // The correlation kernel with one constant column (column 1).
  {
    const int m = 4, n = 6;
    std::vector<double> data(n * m);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j)
        data[i * m + j] = j == 1 ? 3.0 : std::sin(1.0 + i * m + j * j);
    double float_n = n;
    std::vector<double> d_data(n * m, -7.0);
    double d_n = -7;
    double value =
        correlation_grad(m, n, float_n, data.data(), &d_n, d_data.data());
    expect(value == correlation(m, n, float_n, data.data()),
           "correlation: value");
    bool finite = std::isfinite(d_n);
    for (double g : d_data)
      finite = finite && std::isfinite(g);
    expect(finite, "correlation: the gradient is finite");
    // Directions: each data element, and float_n.
    Fn F = [&](const std::vector<double> &p) {
      return correlation(m, n, p[0], p.data() + 1);
    };
    std::vector<double> point(1 + n * m);
    point[0] = float_n;
    for (int k = 0; k < n * m; ++k)
      point[1 + k] = data[k];
    for (int k = 0; k <= n * m; ++k) {
      std::vector<double> v(1 + n * m, 0.0);
      v[k] = 1;
      double FD = one_sided(F, point, v);
      double g = k == 0 ? d_n : d_data[k - 1];
      std::vector<double> t(n * m, 0.0);
      if (k > 0)
        t[k - 1] = 1;
      double tangent = correlation_jvp(m, n, float_n, data.data(),
                                       k == 0 ? 1.0 : 0.0, t.data(), nullptr);
      if (!near(g, FD) || !near(tangent, FD)) {
        std::printf("correlation component %d: grad %g, jvp %g, one-sided "
                    "%g\n",
                    k, g, tangent, FD);
        expect(false, "correlation");
      }
    }
  }

  // IEEE where the singular value is used.
  {
    double Dx = 0, Dy = 0;
    used_sqrt_grad(1.0, 0.0, &Dx, &Dy);
    expect(Dx == 0 && Dy == std::numeric_limits<double>::infinity(),
           "used_sqrt: d/dy x sqrt(y) at (1, 0) is +inf");
    expect(sum_sqrt_jvp(1.0, 0.0, 1.0, 0.0, nullptr) == 1.0,
           "sum_sqrt: the derivative along x is 1 at y = 0");
    expect(sum_sqrt_jvp(1.0, 0.0, 0.0, 1.0, nullptr) ==
               std::numeric_limits<double>::infinity(),
           "sum_sqrt: the derivative along y is +inf at y = 0");
  }
  if (ok)
    std::printf("all guarded singularities checked\n");
  return ok ? 0 : 1;
}
#endif
