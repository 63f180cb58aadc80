// Records as values, as code written for operator-overloading AD tools uses
// small vector types: locals from braces, copies and member assignments,
// free functions and operators that return records (Vec3 a + b, cross),
// records assigned in a loop, an explicit Runge-Kutta integrator whose state
// is a record updated through helpers (one writing a record through a
// reference, one taking a record by value and changing its copy).
// Gradients and JVPs against central differences and closed forms.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

struct Vec3 {
  double x, y, z;
};
inline Vec3 operator+(const Vec3 &a, const Vec3 &b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline Vec3 operator-(const Vec3 &a, const Vec3 &b) {
  return Vec3{a.x - b.x, a.y - b.y, a.z - b.z};
}
inline Vec3 operator*(double s, const Vec3 &a) {
  Vec3 r;
  r.x = s * a.x;
  r.y = s * a.y;
  r.z = s * a.z;
  return r;
}
inline double dot(const Vec3 &a, const Vec3 &b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline Vec3 cross(const Vec3 &a, const Vec3 &b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

// The area of a triangle from its corners' coordinates.
// CHECK: double triangle_area_grad(const double *p, double *d_p) {
ADGEN(grad, jvp, len(p, 9))
double triangle_area(const double *p) {
  Vec3 a = {p[0], p[1], p[2]}, b{p[3], p[4], p[5]};
  Vec3 c;
  c.x = p[6];
  c.y = p[7];
  c.z = p[8];
  Vec3 n = cross(b - a, c - a);
  return 0.5 * std::sqrt(dot(n, n));
}

// p <- p - rate p, five times: |start|^2 (1 - rate)^10.
// CHECK: double relax_grad(const Vec3 &start, double rate, Vec3 &d_start,
ADGEN(grad, jvp)
double relax(const Vec3 &start, double rate) {
  Vec3 p = start;
  for (int it = 0; it < 5; ++it) {
    Vec3 step = rate * p;
    p = p - step;
  }
  return dot(p, p);
}

// A pendulum integrated by classical Runge-Kutta.
struct State {
  double q[2]; // angle, angular velocity
};
inline void rhs(const State &s, double k, State &ds) {
  ds.q[0] = s.q[1];
  ds.q[1] = -k * std::sin(s.q[0]);
}
inline State axpy(State a, double h, const State &d) {
  for (int i = 0; i < 2; ++i)
    a.q[i] += h * d.q[i];
  return a;
}
ADGEN(grad, jvp)
double pendulum(double q0, double v0, double k) {
  State s = {{q0, v0}};
  const double h = 0.05;
  for (int step = 0; step < 40; ++step) {
    State k1, k2, k3, k4;
    rhs(s, k, k1);
    rhs(axpy(s, h / 2, k1), k, k2);
    rhs(axpy(s, h / 2, k2), k, k3);
    rhs(axpy(s, h, k3), k, k4);
    for (int i = 0; i < 2; ++i)
      s.q[i] += h / 6 * (k1.q[i] + 2 * k2.q[i] + 2 * k3.q[i] + k4.q[i]);
  }
  return s.q[0] * s.q[0] + s.q[1];
}

// A by-value record the callee changes: the caller's stays as it was.
struct Body {
  double pos[2];
  double mass;
};
inline double lifted(Body b, double g) {
  b.pos[1] += 1.0;
  return b.mass * g * b.pos[1];
}
// CHECK: double energy_grad(const Body &b, double g, Body &d_b, double *d_g) {
ADGEN(grad, jvp)
double energy(const Body &b, double g) {
  Body moved = b;
  moved.pos[0] = 2 * b.pos[0];
  return lifted(moved, g) + lifted(b, g) + moved.pos[0] * moved.pos[1] +
         b.pos[1];
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  std::vector<double> p = {0.1, -0.3, 0.2, 1.2, 0.4, -0.1, 0.3, 1.1, 0.8};
  checkGradJvp(
      "triangle_area", p, triangle_area,
      [](const double *x, double *g) { return triangle_area_grad(x, g); },
      [](const double *x, const double *t) {
        return triangle_area_jvp(x, t);
      });

  std::vector<double> r = {0.7, -0.4, 1.3, 0.15};
  auto unpackVec = [](const double *v) { return Vec3{v[0], v[1], v[2]}; };
  checkGradJvp(
      "relax", r,
      [&](const double *v) { return relax(unpackVec(v), v[3]); },
      [&](const double *v, double *g) {
        Vec3 d{};
        double e = relax_grad(unpackVec(v), v[3], d, &g[3]);
        g[0] = d.x;
        g[1] = d.y;
        g[2] = d.z;
        return e;
      },
      [&](const double *v, const double *t) {
        return relax_jvp(unpackVec(v), v[3], unpackVec(t), t[3]);
      });
  {
    // The closed form: |s|^2 (1 - rate)^10.
    Vec3 s = unpackVec(r.data()), d{};
    double rate = r[3], dr = 0, n2 = dot(s, s);
    double e = relax_grad(s, rate, d, &dr);
    double c = std::pow(1 - rate, 10);
    expect(std::fabs(e - n2 * c) <= 1e-12, "relax value");
    expect(std::fabs(d.x - 2 * s.x * c) <= 1e-12, "relax d_start.x");
    expect(std::fabs(dr + 10 * n2 * std::pow(1 - rate, 9)) <= 1e-12,
           "relax d_rate");
  }

  std::vector<double> z = {0.9, -0.2, 4.0};
  checkGradJvp(
      "pendulum", z,
      [](const double *v) { return pendulum(v[0], v[1], v[2]); },
      [](const double *v, double *g) {
        return pendulum_grad(v[0], v[1], v[2], &g[0], &g[1], &g[2]);
      },
      [](const double *v, const double *t) {
        return pendulum_jvp(v[0], v[1], v[2], t[0], t[1], t[2]);
      });

  std::vector<double> bz = {0.4, -0.7, 1.6, 9.8};
  auto unpackBody = [](const double *v) {
    return Body{{v[0], v[1]}, v[2]};
  };
  checkGradJvp(
      "energy", bz,
      [&](const double *v) { return energy(unpackBody(v), v[3]); },
      [&](const double *v, double *g) {
        Body d{};
        double e = energy_grad(unpackBody(v), v[3], d, &g[3]);
        g[0] = d.pos[0];
        g[1] = d.pos[1];
        g[2] = d.mass;
        return e;
      },
      [&](const double *v, const double *t) {
        return energy_jvp(unpackBody(v), v[3], unpackBody(t), t[3]);
      });
  return ok ? 0 : 1;
}
#endif
