// Marked member functions (docs/contract.md, "Member functions"): adgen
// generates free functions named Class_method in the class's namespace,
// whose first parameter is the object, self (const Class & for a const
// member function, Class & for one that changes its object), and whose
// derivative parameters follow the contract's order (d_self of the
// object's type for grad and vjp). A member function marked in the class
// and one marked at its definition out of the class; a static one (no
// object); a non-const one that steps its object (jvp and vjp, the object
// in-out); a member function of a class the user cannot edit, requested
// with ADGEN_DIFFERENTIATE(fit::Spring::energy, grad(self, x), jvp). Every
// derivative against central differences or its formula.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// CHECK: namespace fit {
// CHECK-NEXT: double Model_loss_grad(const fit::Model &self, const double *x, int n,
// CHECK-NEXT: fit::Model &d_self, double *d_x) {
// CHECK: double Model_energy_grad(const fit::Model &self, fit::Model &d_self) {
// CHECK: double Model_penalty_grad(double a, double b, double *d_a, double *d_b) {
// CHECK: void Particle_step_jvp(fit::Particle &self, double dt, double t_dt,
// CHECK-NEXT: fit::Particle &t_self) {
// CHECK: void Particle_step_vjp(fit::Particle &self, double dt,
// CHECK-NEXT: const fit::Particle &w_self, double *d_dt) {
// CHECK: double Quad_eval_grad(const fit::Quad<double> &self, double x,
// CHECK: float Quad_eval_grad(const fit::Quad<float> &self, float x,

namespace fit {
struct Model {
  std::vector<double> w;
  double scale;
  int calls;

  // In the class.
  ADGEN(grad, jvp, len(x, n))
  double loss(const double *x, int n) const {
    double s = 0;
    for (int i = 0; i < n; ++i) {
      double r = scale * w[i % w.size()] * x[i] - 1.0;
      s += r * r;
    }
    return s;
  }

  double energy() const;
  static double penalty(double a, double b);
};

// Out of the class.
ADGEN(grad)
double Model::energy() const {
  double e = 0;
  for (double v : w)
    e += std::sin(v) * scale;
  return e;
}

ADGEN(grad, jvp)
double Model::penalty(double a, double b) { return a * a * b + std::exp(b); }

struct Particle {
  double x, v;
  ADGEN(jvp, vjp)
  void step(double dt) {
    v -= dt * std::sin(x);
    x += dt * v;
  }
  // Static in the class: its derivatives are not static (file-local)
  // functions, and a marked function may call it.
  ADGEN(grad, jvp)
  static double kinetic(double m, double u) { return 0.5 * m * u * u; }
};

ADGEN(grad)
double energy_of(double m, double u) { return Particle::kinetic(m, u) + m; }

// A member of a class template: each specialization on floating-point types
// gets its own overloads.
template <typename T> struct Quad {
  T a, b, c;
  ADGEN(grad, jvp)
  T eval(T x) const { return a * x * x + b * std::sin(x) + c; }
};
template struct Quad<double>;
template struct Quad<float>;

// A class the user cannot edit, its member function requested.
struct Spring {
  double k, rest;
  double energy(double x) const { return 0.5 * k * (x - rest) * (x - rest); }
};
} // namespace fit

ADGEN_DIFFERENTIATE(fit::Spring::energy, grad(self, x), jvp);

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  using fit::Model;
  using fit::Particle;
  const int n = 5;
  // loss in (w, scale, x): w has 3 elements.
  std::vector<double> z = {0.4, -0.7, 1.1, 0.9, 0.3, -0.2, 0.5, 1.3, -0.8};
  auto model = [](const double *v) {
    Model m;
    m.w.assign(v, v + 3);
    m.scale = v[3];
    m.calls = 17;
    return m;
  };
  checkGradJvp(
      "Model::loss", z,
      [&](const double *v) { return model(v).loss(v + 4, n); },
      [&](const double *v, double *g) {
        Model m = model(v), d;
        d.calls = 41; // integer members are left alone
        double value = Model_loss_grad(m, v + 4, n, d, g + 4);
        expect(d.calls == 41 && d.w.size() == 3, "Model::loss: d_self");
        std::copy(d.w.begin(), d.w.end(), g);
        g[3] = d.scale;
        return value;
      },
      [&](const double *v, const double *t) {
        Model m = model(v), tm = model(t);
        double value = 0;
        return Model_loss_jvp(m, v + 4, n, tm, t + 4, &value);
      });
  std::vector<double> y(z.begin(), z.begin() + 4);
  checkGradJvp(
      "Model::energy", y, [&](const double *v) { return model(v).energy(); },
      [&](const double *v, double *g) {
        Model m = model(v), d;
        double value = Model_energy_grad(m, d);
        // The formula: d/dw_i = scale cos(w_i), d/dscale = sum sin(w_i).
        for (int i = 0; i < 3; ++i)
          expect(std::fabs(d.w[i] - v[3] * std::cos(v[i])) < 1e-14,
                 "Model::energy: formula");
        std::copy(d.w.begin(), d.w.end(), g);
        g[3] = d.scale;
        return value;
      },
      [&](const double *v, const double *t) {
        double dot = 0, g[4];
        Model m = model(v), d;
        Model_energy_grad(m, d);
        std::copy(d.w.begin(), d.w.end(), g);
        g[3] = d.scale;
        for (int i = 0; i < 4; ++i)
          dot += g[i] * t[i];
        return dot; // no jvp asked for: the check is on the gradient
      });
  expect(adgen::check_grad(Model::penalty, fit::Model_penalty_grad, 0.6, -0.3),
         "Model::penalty: gradient");
  {
    // step in (x, v, dt): jvp against differences of the stepped state,
    // vjp against the jvp (<w, J t> = <J^T w, t> along dt).
    const double dt = 0.1, x = 0.7, v = -0.4;
    auto stepped = [&](double X, double V, double Dt) {
      Particle p{X, V};
      p.step(Dt);
      return p;
    };
    Particle p{x, v}, t{0.3, -0.5};
    Particle_step_jvp(p, dt, 0.2, t);
    Particle s = stepped(x, v, dt);
    expect(p.x == s.x && p.v == s.v, "Particle::step: jvp steps the object");
    const double h = 1e-6;
    Particle up = stepped(x + 0.3 * h, v - 0.5 * h, dt + 0.2 * h),
             dn = stepped(x - 0.3 * h, v + 0.5 * h, dt - 0.2 * h);
    expect(std::fabs(t.x - (up.x - dn.x) / (2 * h)) < 1e-8 &&
               std::fabs(t.v - (up.v - dn.v) / (2 * h)) < 1e-8,
           "Particle::step: jvp");
    Particle q{x, v}, w{1.5, -2.0}, t_dt_only{0.0, 0.0};
    double d_dt = 0;
    Particle_step_vjp(q, dt, w, &d_dt);
    Particle r{x, v};
    Particle_step_jvp(r, dt, 1.0, t_dt_only);
    expect(std::fabs(d_dt - (w.x * t_dt_only.x + w.v * t_dt_only.v)) < 1e-14,
           "Particle::step: vjp");
  }
  {
    // E = k (x - rest)^2 / 2: dE/dk = (x - rest)^2 / 2, dE/drest = -k (x -
    // rest), dE/dx = k (x - rest).
    fit::Spring s{3.0, 0.5}, d{-1.0, -1.0};
    double dx = 0, x = 1.25;
    expect(fit::Spring_energy_grad(s, x, d, &dx) == s.energy(x),
           "Spring::energy: value");
    expect(std::fabs(d.k - 0.28125) < 1e-15 &&
               std::fabs(d.rest + 2.25) < 1e-15 && std::fabs(dx - 2.25) < 1e-15,
           "Spring::energy: gradient formula");
    fit::Spring t{0.5, -1.0};
    double value = 0;
    expect(std::fabs(fit::Spring_energy_jvp(s, x, t, 2.0, &value) -
                     (0.5 * d.k - 1.0 * d.rest + 2.0 * dx)) < 1e-14,
           "Spring::energy: jvp");
  }
  {
    // q = a x^2 + b sin(x) + c: dq/da = x^2, dq/db = sin(x), dq/dc = 1,
    // dq/dx = 2 a x + b cos(x).
    fit::Quad<double> q{1.5, -0.5, 2.0}, d{};
    double x = 0.8, dx = 0;
    expect(Quad_eval_grad(q, x, d, &dx) == q.eval(x), "Quad<double>: value");
    expect(std::fabs(d.a - x * x) < 1e-15 &&
               std::fabs(d.b - std::sin(x)) < 1e-15 && d.c == 1 &&
               std::fabs(dx - (2 * q.a * x + q.b * std::cos(x))) < 1e-14,
           "Quad<double>: gradient formula");
    fit::Quad<float> qf{1.5f, -0.5f, 2.0f}, df{};
    float dxf = 0;
    Quad_eval_grad(qf, 0.8f, df, &dxf);
    expect(std::fabs(df.a - 0.64f) < 1e-6f && std::fabs(dxf - dx) < 1e-6,
           "Quad<float>: gradient");
  }
  {
    double dm = 0, du = 0;
    fit::Particle_kinetic_grad(2.0, 3.0, &dm, &du);
    expect(dm == 4.5 && du == 6.0, "Particle::kinetic: gradient formula");
    fit::energy_of_grad(2.0, 3.0, &dm, &du);
    expect(dm == 5.5 && du == 6.0, "energy_of: gradient formula");
  }
  if (ok)
    std::printf("marked methods checked\n");
  return ok ? 0 : 1;
}
#endif
