// A small vector class as operator-overloading code writes it: constructors
// with member initialisers, const member functions calling each other
// (norm() is sqrt(dot(*this))), member operators returning new vectors and
// a compound assignment returning *this, methods on temporaries ((a -
// b).norm()), static member functions. Springs around their centre, a
// distance between record parameters, a sum of kernels; gradients and JVPs
// against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

struct Vec2 {
  double x, y;
  Vec2() : x(0), y(0) {}
  Vec2(double x, double y) : x(x), y(y) {}
  Vec2 operator+(const Vec2 &o) const { return Vec2(x + o.x, y + o.y); }
  Vec2 operator-(const Vec2 &o) const { return {x - o.x, y - o.y}; }
  Vec2 &operator+=(const Vec2 &o) {
    x += o.x;
    y += o.y;
    return *this;
  }
  Vec2 scaled(double s) const { return Vec2(s * x, s * y); }
  double dot(const Vec2 &o) const { return x * o.x + y * o.y; }
  double norm() const { return std::sqrt(dot(*this)); }
};

// n points p[2i], p[2i+1] on springs of rest length 1 to their centre.
// CHECK: double spring_energy_grad(const double *p, int n, double k, double *d_p,
ADGEN(grad, jvp, len(p, 2 * n))
double spring_energy(const double *p, int n, double k) {
  Vec2 centre;
  for (int i = 0; i < n; ++i)
    centre += Vec2(p[2 * i], p[2 * i + 1]);
  centre = centre.scaled(1.0 / n);
  double e = 0;
  for (int i = 0; i < n; ++i) {
    Vec2 d = Vec2(p[2 * i], p[2 * i + 1]) - centre;
    double r = d.norm();
    e += 0.5 * k * (r - 1) * (r - 1);
  }
  return e;
}

// CHECK: double gap_grad(const Vec2 &a, const Vec2 &b, Vec2 &d_a, Vec2 &d_b) {
ADGEN(grad, jvp)
double gap(const Vec2 &a, const Vec2 &b) {
  Vec2 mid = (a + b).scaled(0.5);
  return (a - b).norm() + mid.dot(mid);
}

// Static member functions are free functions in the class's scope: one
// taking numbers goes through its generated gradient (Kernel_rbf_grad),
// one taking an array is lowered in place.
struct Kernel {
  static double rbf(double a, double b) { return std::exp(-(a - b) * (a - b)); }
  static double total(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n; ++i)
      s += x[i] * x[i];
    return s;
  }
};
// CHECK: double Kernel_rbf_grad(double a, double b, double *d_a, double *d_b) {
// CHECK-LABEL: double kernel_sum_grad(
// CHECK: = ::Kernel_rbf_grad(
ADGEN(grad, len(x, n))
double kernel_sum(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += Kernel::rbf(x[i], x[i + 1]);
  return s + 0.1 * Kernel::total(x, n);
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int n = 4;
  std::vector<double> p = {0.3, -0.2, 1.4, 0.1, 0.9, 1.3, -0.5, 0.8, 2.5};
  checkGradJvp(
      "spring_energy", p,
      [&](const double *v) { return spring_energy(v, n, v[2 * n]); },
      [&](const double *v, double *g) {
        return spring_energy_grad(v, n, v[2 * n], g, &g[2 * n]);
      },
      [&](const double *v, const double *t) {
        return spring_energy_jvp(v, n, v[2 * n], t, t[2 * n]);
      });
  std::vector<double> z = {0.3, -1.2, 0.7, 0.4};
  checkGradJvp(
      "gap", z,
      [](const double *v) { return gap(Vec2(v[0], v[1]), Vec2(v[2], v[3])); },
      [](const double *v, double *g) {
        Vec2 da, db;
        double e = gap_grad(Vec2(v[0], v[1]), Vec2(v[2], v[3]), da, db);
        g[0] = da.x;
        g[1] = da.y;
        g[2] = db.x;
        g[3] = db.y;
        return e;
      },
      [](const double *v, const double *t) {
        return gap_jvp(Vec2(v[0], v[1]), Vec2(v[2], v[3]), Vec2(t[0], t[1]),
                       Vec2(t[2], t[3]));
      });
  std::vector<double> w = {0.3, -0.5, 0.8, 1.1, 0.2};
  checkGradJvp(
      "kernel_sum", w, [](const double *v) { return kernel_sum(v, 5); },
      [](const double *v, double *g) { return kernel_sum_grad(v, 5, g); },
      [](const double *v, const double *t) {
        double g[5];
        kernel_sum_grad(v, 5, g);
        double s = 0;
        for (int i = 0; i < 5; ++i)
          s += g[i] * t[i];
        return s;
      });
  return ok ? 0 : 1;
}
#endif
