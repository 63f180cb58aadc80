// Records a marked function writes: a non-const R & or R * parameter is an
// output, or in-out when read before it is written (as arrays are). A
// leapfrog step from a const state into a new one, and a particle advanced
// in place (an in-place kernel: its jvp maps initial to final contents).
// JVPs and VJPs against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

struct State {
  double q[2];
  double v[2];
  int steps;
};

// CHECK: void leapfrog_jvp(const State &s, double dt, State &next, const State &t_s,
// CHECK-NEXT: double t_dt, State &t_next) {
// CHECK: void leapfrog_vjp(const State &s, double dt, State &next, const State &w_next,
// CHECK-NEXT: State &d_s, double *d_dt) {
ADGEN(jvp, vjp)
void leapfrog(const State &s, double dt, State &next) {
  for (int i = 0; i < 2; ++i) {
    double a = -std::sin(s.q[i]) - 0.1 * s.v[i];
    next.v[i] = s.v[i] + 0.5 * dt * a;
    next.q[i] = s.q[i] + dt * next.v[i];
  }
  next.steps = s.steps + 1;
}

struct Particle {
  double pos[2];
  double vel[2];
};
// CHECK: void advance_jvp(Particle *p, Particle *t_p) {
ADGEN(jvp)
void advance(Particle *p) {
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < 2; ++i) {
      p->vel[i] -= 0.1 * p->pos[i] * p->pos[i];
      p->pos[i] += 0.2 * p->vel[i];
    }
}

#ifndef __ADGEN__
#include "fd_check.h"

static State unpack(const double *v) {
  return State{{v[0], v[1]}, {v[2], v[3]}, 3};
}

int main() {
  // leapfrog as (s, dt) -> next, weighted by w.
  const double w[4] = {0.7, -1.3, 0.4, 2.1};
  auto weigh = [&](const State &n) {
    return w[0] * n.q[0] + w[1] * n.q[1] + w[2] * n.v[0] + w[3] * n.v[1];
  };
  std::vector<double> z = {0.4, -0.9, 0.3, 0.2, 0.05};
  checkGradJvp(
      "leapfrog", z,
      [&](const double *v) {
        State next{};
        leapfrog(unpack(v), v[4], next);
        return weigh(next);
      },
      [&](const double *v, double *g) {
        State next{}, d{};
        next.steps = -5;
        State wn{{w[0], w[1]}, {w[2], w[3]}, 0};
        leapfrog_vjp(unpack(v), v[4], next, wn, d, &g[4]);
        expect(next.steps == 4, "leapfrog_vjp writes next.steps");
        g[0] = d.q[0];
        g[1] = d.q[1];
        g[2] = d.v[0];
        g[3] = d.v[1];
        return weigh(next);
      },
      [&](const double *v, const double *t) {
        State next{}, tn{};
        leapfrog_jvp(unpack(v), v[4], next, unpack(t), t[4], tn);
        return weigh(tn);
      });

  // advance from initial to final contents: its Jacobian, column by
  // column from the jvp, against differences.
  std::vector<double> p0 = {0.3, -0.6, 0.8, 0.1};
  auto run = [&](const double *v, double *out) {
    Particle p{{v[0], v[1]}, {v[2], v[3]}};
    advance(&p);
    double u[4] = {p.pos[0], p.pos[1], p.vel[0], p.vel[1]};
    for (int i = 0; i < 4; ++i)
      out[i] = u[i];
  };
  for (int j = 0; j < 4; ++j) {
    Particle p{{p0[0], p0[1]}, {p0[2], p0[3]}}, t{};
    double *tv = j < 2 ? &t.pos[j] : &t.vel[j - 2];
    *tv = 1;
    advance_jvp(&p, &t);
    double col[4] = {t.pos[0], t.pos[1], t.vel[0], t.vel[1]};
    double a[4], b[4];
    std::vector<double> up = p0, dn = p0;
    up[j] += 1e-6;
    dn[j] -= 1e-6;
    run(up.data(), a);
    run(dn.data(), b);
    for (int i = 0; i < 4; ++i) {
      double fd = (a[i] - b[i]) / 2e-6;
      if (std::fabs(fd - col[i]) > 1e-6 * std::fmax(1, std::fabs(fd))) {
        std::printf("advance_jvp: J[%d][%d] = %.12g, differences %.12g\n", i,
                    j, col[i], fd);
        expect(false, "advance_jvp");
      }
    }
    double final[4];
    run(p0.data(), final);
    expect(p.pos[0] == final[0] && p.vel[1] == final[3], "advance_jvp value");
  }
  return ok ? 0 : 1;
}
#endif
