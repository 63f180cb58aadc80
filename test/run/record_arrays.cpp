// Arrays of records, as particle and geometry code holds its data:
// `const std::vector<Point> &`, `const Point *` with len(...), `Point ps[3]`,
// `std::array<Vec3<T>, 4>` of a class template, records with array members;
// ps[i].x, range-for by reference and by copy, `const Point &a = ps[i]`,
// `Point a = ps[i]`, elements and whole arrays passed to helpers, ps.size(),
// and an in-place update of a std::vector of particles (jvp and vjp).
// Gradients against central differences and closed forms.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

struct Point {
  double x, y;
};

struct Particle {
  double pos[3];
  double vel[3];
  double mass;
  int id;
};

namespace sim {
template <typename T> struct Vec3 {
  T x, y, z;
};
} // namespace sim

// The spread of points about their centroid: d/dx_i = 2 (x_i - cx).
// CHECK: double spread_grad(const std::vector<Point> &ps, std::vector<Point> &d_ps) {
// CHECK-NEXT: d_ps.resize(ps.size());
// CHECK-NEXT: for (std::size_t k = 0; k < ps.size(); ++k) {
// CHECK-NEXT: d_ps[k].x = 0.0;
// CHECK-NEXT: d_ps[k].y = 0.0;
ADGEN(grad, jvp)
double spread(const std::vector<Point> &ps) {
  double cx = 0, cy = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    cx += ps[i].x;
    cy += ps[i].y;
  }
  cx /= ps.size();
  cy /= ps.size();
  double s = 0;
  for (const Point &p : ps)
    s += (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy);
  return s;
}

inline double dist2(const Point &a, const Point &b) {
  double dx = a.x - b.x, dy = a.y - b.y;
  return dx * dx + dy * dy;
}

// A Coulomb-like energy of n points through a pointer: sum 1/|p_i - p_j|.
// The forward and backward sweeps of the guarded inner loop are one loop
// (lib/Transforms/MergeIfs.cpp, then loop fusion).
// CHECK: double pairwise_grad(const Point *ps, int n, Point *d_ps) {
// CHECK: for (int j = tmp1; j < n; ++j) {
// CHECK: e_2 = e_3;
// CHECK-NOT: for (int j_1
ADGEN(grad, len(ps, n))
double pairwise(const Point *ps, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    const Point &a = ps[i];
    for (int j = i + 1; j < n; ++j)
      e += 1.0 / std::sqrt(dist2(a, ps[j]));
  }
  return e;
}

// Kinetic energy of particles with array members: sum m |v|^2 / 2. The
// generated code reads p.vel[k] as ps[i].vel[k].
// CHECK: double kinetic_grad(
// CHECK: std::fill(std::begin(d_ps[k].pos), std::end(d_ps[k].pos), 0.0);
// CHECK: d_ps[{{tmp[0-9]+}}].vel[{{tmp[0-9]+}}] = {{tmp[0-9]+}} * (d_v2 + d_v2);
ADGEN(grad)
double kinetic(const std::vector<Particle> &ps) {
  double e = 0;
  for (const auto &p : ps) {
    double v2 = 0;
    for (int k = 0; k < 3; ++k)
      v2 += p.vel[k] * p.vel[k];
    e += 0.5 * p.mass * v2;
  }
  return e;
}

// The same with range-fors over a record's member array, and a reference
// naming the whole array.
ADGEN(grad)
double kinetic_ranges(const std::vector<Particle> &parts) {
  const std::vector<Particle> &ps = parts;
  double e = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    double v2 = 0;
    for (double v : ps[i].vel)
      v2 += v * v;
    e += 0.5 * ps[i].mass * v2;
  }
  return e;
}

// The same through a helper taking the whole array, a copy of a record and
// (p + k)->mass.
inline double massOf(const Particle *p, int k) { return (p + k)->mass; }
inline double momentum2(const std::vector<Particle> &ps) {
  double s = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    Particle q = ps[i];
    for (int k = 0; k < 3; ++k)
      s += massOf(ps.data(), static_cast<int>(i)) * q.vel[k] * q.pos[k];
  }
  return s;
}
ADGEN(grad)
double virial(const std::vector<Particle> &ps) { return momentum2(ps); }

// Bond lengths of a chain of four atoms, a class template's std::array.
template <typename T>
ADGEN(grad)
T bonds(const std::array<sim::Vec3<T>, 4> &q) {
  T e = 0;
  for (int i = 0; i + 1 < 4; ++i) {
    T dx = q[i + 1].x - q[i].x, dy = q[i + 1].y - q[i].y,
      dz = q[i + 1].z - q[i].z;
    T r = std::sqrt(dx * dx + dy * dy + dz * dz);
    e += (r - 1) * (r - 1);
  }
  return e;
}
template double bonds<double>(const std::array<sim::Vec3<double>, 4> &);

// Other spellings: records of records of a class template, a while loop
// with its counter declared first, a template helper taking a member
// record.
template <typename T> struct Body {
  sim::Vec3<T> pos, vel;
  T m;
};
template <typename T> T norm2(const sim::Vec3<T> &a) {
  return a.x * a.x + a.y * a.y + a.z * a.z;
}
template <typename T>
ADGEN(grad)
T gravity(const std::vector<Body<T>> &bs, T G) {
  T e = 0;
  std::size_t i = 0;
  while (i < bs.size()) {
    const Body<T> &b = bs[i];
    e += 0.5 * b.m * norm2(b.vel);
    for (std::size_t j = i + 1; j < bs.size(); ++j) {
      sim::Vec3<T> d = {b.pos.x - bs[j].pos.x, b.pos.y - bs[j].pos.y,
                        b.pos.z - bs[j].pos.z};
      e -= G * b.m * bs[j].m / std::sqrt(norm2(d) + 0.01);
    }
    ++i;
  }
  return e;
}
template double gravity<double>(const std::vector<Body<double>> &, double);

// Shoelace area of a triangle given as a C array of records.
// CHECK: double shoelace_grad(const Point *ps, Point *d_ps) {
// CHECK: d_ps[tmp3].y += tmp1 * 0.5;
ADGEN(grad)
double shoelace(const Point ps[3]) {
  double a = 0;
  for (int i = 0; i < 3; ++i) {
    Point p = ps[i], q = ps[(i + 1) % 3];
    a += p.x * q.y - q.x * p.y;
  }
  return 0.5 * a;
}

// A drift step, in place: pos += dt vel for every particle.
ADGEN(jvp, vjp)
void drift(std::vector<Particle> &ps, double dt) {
  for (auto &p : ps)
    for (int k = 0; k < 3; ++k)
      p.pos[k] += dt * p.vel[k] * p.vel[k];
}

// Pointers to records held in locals (never reassigned), and local arrays
// of records: std::vector<Point> q(n), a copy, braces, std::array.
ADGEN(grad)
double neighbours(const std::vector<Point> &ps) {
  double e = 0;
  for (std::size_t i = 0; i + 1 < ps.size(); ++i) {
    const Point *p = &ps[i];
    const Point *q = ps.data() + i + 1;
    e += p->x * q[0].y - (*q).x * p->y;
  }
  return e;
}

ADGEN(grad)
double smoothed(const std::vector<Point> &ps, double s) {
  std::vector<Point> q(ps.size());
  std::vector<Point> c = ps;
  Point tri[3] = {{s, 1}, {2, s * s}};
  std::array<Point, 2> two{};
  two[1].y = s * ps[0].y;
  c[0].x *= 2;
  for (std::size_t i = 0; i < q.size(); ++i) {
    q[i].x = c[i].x * s;
    q[i].y = std::sin(c[i].y);
  }
  double r = 0;
  for (const auto &p : q)
    r += p.x * p.y;
  return r + tri[0].x * tri[1].y + tri[2].x + two[1].y;
}

// Second order and the Jacobian: a chain's length weighted by x. The
// Hessian is ordered member by member: every x, then every y.
// CHECK: double chain_hessian(const std::vector<Point> &ps, double *H) {
ADGEN(grad, hvp, hessian)
double chain(const std::vector<Point> &ps) {
  double e = 0;
  for (std::size_t i = 0; i + 1 < ps.size(); ++i) {
    double dx = ps[i + 1].x - ps[i].x, dy = ps[i + 1].y - ps[i].y;
    e += std::sqrt(dx * dx + dy * dy) * ps[i].x;
  }
  return e;
}

// CHECK: void products_jacobian(const std::vector<Point> &ps, double *out, double *J) {
ADGEN(jacobian, len(out, ps.size()))
void products(const std::vector<Point> &ps, double *out) {
  for (std::size_t i = 0; i < ps.size(); ++i)
    out[i] = ps[i].x * ps[i].y + std::sin(ps[i].x);
}

// The same without another floating-point parameter: jvp and vjp from the
// initial to the final contents of the particles.
// CHECK: void kick_vjp(std::vector<Particle> &ps, const std::vector<Particle> &w_ps,
// CHECK-NEXT: std::vector<Particle> &d_ps) {
// CHECK-NEXT: d_ps.resize(ps.size());
ADGEN(jvp, vjp)
void kick(std::vector<Particle> &ps) {
  for (std::size_t i = 0; i < ps.size(); ++i) {
    Particle &p = ps[i];
    for (int k = 0; k < 3; ++k) {
      p.vel[k] *= 0.9;
      p.pos[k] += 0.1 * p.vel[k];
    }
  }
}

#ifndef __ADGEN__
#include "expect.h"
#include <adgen/check.h>
#include <algorithm>

static void close(const char *what, double a, double b) {
  if (std::fabs(a - b) > 1e-10 * std::max(1.0, std::fabs(b)))
    std::printf("%s: %.17g, expected %.17g\n", what, a, b);
  expect(std::fabs(a - b) <= 1e-10 * std::max(1.0, std::fabs(b)), what);
}
template <typename F>
static void gradient(const char *what, F f, const std::vector<double> &x,
                     const std::vector<double> &g) {
  expect(adgen::check_gradient(f, x, g), what);
}

static std::vector<Point> points(const std::vector<double> &v) {
  std::vector<Point> ps(v.size() / 2);
  for (std::size_t i = 0; i < ps.size(); ++i)
    ps[i] = {v[2 * i], v[2 * i + 1]};
  return ps;
}
static std::vector<double> flat(const std::vector<Point> &ps) {
  std::vector<double> v;
  for (const Point &p : ps) {
    v.push_back(p.x);
    v.push_back(p.y);
  }
  return v;
}
static std::vector<Particle> particles(const std::vector<double> &v) {
  std::vector<Particle> ps(v.size() / 7);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    for (int k = 0; k < 3; ++k) {
      ps[i].pos[k] = v[7 * i + k];
      ps[i].vel[k] = v[7 * i + 3 + k];
    }
    ps[i].mass = v[7 * i + 6];
    ps[i].id = static_cast<int>(i);
  }
  return ps;
}
static std::vector<double> flat(const std::vector<Particle> &ps) {
  std::vector<double> v;
  for (const Particle &p : ps) {
    v.insert(v.end(), p.pos, p.pos + 3);
    v.insert(v.end(), p.vel, p.vel + 3);
    v.push_back(p.mass);
  }
  return v;
}

int main() {
  std::vector<double> X = {0.3, -1.2, 1.7, 0.4, -0.8, 2.1, 1.1, 0.9, 2.5, -0.6};
  {
    std::vector<Point> ps = points(X), d;
    double v = spread_grad(ps, d);
    close("spread value", v, spread(ps));
    double cx = 0, cy = 0;
    for (const Point &p : ps)
      cx += p.x / ps.size(), cy += p.y / ps.size();
    for (std::size_t i = 0; i < ps.size(); ++i) {
      close("spread d/dx (formula)", d[i].x, 2 * (ps[i].x - cx));
      close("spread d/dy (formula)", d[i].y, 2 * (ps[i].y - cy));
    }
    gradient("spread", [](const std::vector<double> &v) { return spread(points(v)); },
               X, flat(d));
    std::vector<Point> t = points({0.5, -0.1, 0.2, 0.7, -0.3, 0.4, 0.9, -0.8, 0.1, 0.6});
    double dv = spread_jvp(ps, t);
    double expect = 0;
    for (std::size_t i = 0; i < ps.size(); ++i)
      expect += d[i].x * t[i].x + d[i].y * t[i].y;
    close("spread jvp", dv, expect);
  }
  {
    std::vector<Point> ps = points(X), d;
    neighbours_grad(ps, d);
    gradient("neighbours",
             [](const std::vector<double> &v) { return neighbours(points(v)); },
             X, flat(d));
    double s = 0.7, d_s = 0;
    smoothed_grad(ps, s, d, &d_s);
    gradient("smoothed",
             [s](const std::vector<double> &v) { return smoothed(points(v), s); },
             X, flat(d));
    double h = 1e-6;
    close("smoothed d/ds", d_s,
          (smoothed(ps, s + h) - smoothed(ps, s - h)) / (2 * h));
  }
  {
    std::vector<Point> ps = points(X), d(ps.size());
    int n = static_cast<int>(ps.size());
    pairwise_grad(ps.data(), n, d.data());
    gradient("pairwise",
               [n](const std::vector<double> &v) { return pairwise(points(v).data(), n); },
               X, flat(d));
  }
  std::vector<double> P = {0.1, 0.2, -0.3, 1.5, -0.4, 0.7, 2.0,
                           1.1, -0.9, 0.4, -0.2, 0.8, 0.3, 0.5,
                           -0.7, 0.6, 1.3, 0.9, 1.2, -1.4, 1.7};
  {
    std::vector<Particle> ps = particles(P), d;
    kinetic_grad(ps, d);
    for (std::size_t i = 0; i < ps.size(); ++i)
      for (int k = 0; k < 3; ++k)
        close("kinetic d/dv (formula)", d[i].vel[k], ps[i].mass * ps[i].vel[k]);
    gradient("kinetic", [](const std::vector<double> &v) { return kinetic(particles(v)); },
               P, flat(d));
    std::vector<Particle> d2;
    kinetic_ranges_grad(ps, d2);
    std::vector<double> g1 = flat(d), g2 = flat(d2);
    for (std::size_t k = 0; k < g1.size(); ++k)
      close("kinetic_ranges: the same gradient", g2[k], g1[k]);
    virial_grad(ps, d);
    gradient("virial", [](const std::vector<double> &v) { return virial(particles(v)); },
               P, flat(d));
  }
  {
    std::vector<Body<double>> bs(4), d;
    for (int i = 0; i < 4; ++i)
      bs[i] = {{0.3 * i, 1.0 - i, 0.5 * i * i}, {0.1, -0.2 * i, 0.3}, 1.0 + i};
    double dG = 0;
    gravity_grad(bs, 0.7, d, &dG);
    auto unflat = [](const std::vector<double> &v) {
      std::vector<Body<double>> r(v.size() / 7);
      for (std::size_t i = 0; i < r.size(); ++i)
        r[i] = {{v[7 * i], v[7 * i + 1], v[7 * i + 2]},
                {v[7 * i + 3], v[7 * i + 4], v[7 * i + 5]},
                v[7 * i + 6]};
      return r;
    };
    std::vector<double> B, G;
    for (int i = 0; i < 4; ++i) {
      B.insert(B.end(), {bs[i].pos.x, bs[i].pos.y, bs[i].pos.z, bs[i].vel.x,
                         bs[i].vel.y, bs[i].vel.z, bs[i].m});
      G.insert(G.end(), {d[i].pos.x, d[i].pos.y, d[i].pos.z, d[i].vel.x,
                         d[i].vel.y, d[i].vel.z, d[i].m});
    }
    gradient("gravity",
             [&](const std::vector<double> &v) { return gravity(unflat(v), 0.7); },
             B, G);
    double h = 1e-6;
    close("gravity d/dG", dG,
          (gravity(bs, 0.7 + h) - gravity(bs, 0.7 - h)) / (2 * h));
  }
  {
    std::array<sim::Vec3<double>, 4> q = {{{0, 0, 0}, {1.1, 0.2, 0}, {1.5, 1.3, 0.4}, {2.2, 1.9, -0.3}}};
    std::array<sim::Vec3<double>, 4> d;
    bonds_grad(q, d);
    auto unflat = [](const std::vector<double> &v) {
      std::array<sim::Vec3<double>, 4> r;
      for (int i = 0; i < 4; ++i)
        r[i] = {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
      return r;
    };
    std::vector<double> Q, G;
    for (int i = 0; i < 4; ++i) {
      Q.insert(Q.end(), {q[i].x, q[i].y, q[i].z});
      G.insert(G.end(), {d[i].x, d[i].y, d[i].z});
    }
    gradient("bonds", [&](const std::vector<double> &v) { return bonds(unflat(v)); }, Q, G);
  }
  {
    Point ps[3] = {{0.1, 0.2}, {1.3, -0.4}, {0.6, 1.5}}, d[3];
    shoelace_grad(ps, d);
    // d(area)/dx_i = (y_{i+1} - y_{i-1}) / 2, d/dy_i = (x_{i-1} - x_{i+1}) / 2.
    for (int i = 0; i < 3; ++i) {
      close("shoelace d/dx (formula)", d[i].x, 0.5 * (ps[(i + 1) % 3].y - ps[(i + 2) % 3].y));
      close("shoelace d/dy (formula)", d[i].y, 0.5 * (ps[(i + 2) % 3].x - ps[(i + 1) % 3].x));
    }
  }
  {
    // chain: hvp and the Hessian against differences of the gradient.
    std::vector<Point> ps = points(X);
    std::size_t n = ps.size(), m = 2 * n;
    // Member-major order: variable a is ps[a % n].x (a < n) or .y.
    auto at = [&](std::vector<Point> &q, std::size_t a) -> double & {
      return a < n ? q[a].x : q[a - n].y;
    };
    std::vector<double> H(m * m);
    chain_hessian(ps, H.data());
    std::vector<Point> v = points({0.3, 0.1, -0.2, 0.5, 0.7, -0.4, 0.2, 0.6, -0.1, 0.9}), Hv;
    chain_hvp(ps, v, Hv);
    for (std::size_t b = 0; b < m; ++b) {
      double h = 1e-5;
      std::vector<Point> up = ps, dn = ps, gu, gd;
      at(up, b) += h;
      at(dn, b) -= h;
      chain_grad(up, gu);
      chain_grad(dn, gd);
      for (std::size_t a = 0; a < m; ++a) {
        double fd = (at(gu, a) - at(gd, a)) / (2 * h);
        if (std::fabs(H[a * m + b] - fd) > 1e-6)
          std::printf("chain H[%zu][%zu] = %.12g, differences %.12g\n", a, b, H[a * m + b], fd);
        expect(std::fabs(H[a * m + b] - fd) <= 1e-6, "chain hessian");
      }
    }
    for (std::size_t a = 0; a < m; ++a) {
      double expect_hv = 0;
      for (std::size_t b = 0; b < m; ++b)
        expect_hv += H[a * m + b] * at(v, b);
      close("chain hvp = H v", at(Hv, a), expect_hv);
    }
    // products: J[i][a], columns member by member, against the formula.
    std::vector<double> out(n), J(n * m);
    products_jacobian(ps, out.data(), J.data());
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t a = 0; a < m; ++a) {
        double expect_j = 0;
        if (a == i)
          expect_j = ps[i].y + std::cos(ps[i].x);
        if (a == n + i)
          expect_j = ps[i].x;
        close("products jacobian (formula)", J[i * m + a], expect_j);
      }
  }
  {
    // drift: pos_k += dt v_k^2. The jvp reads the tangents of the initial
    // contents of ps and overwrites them with those of the final ones; the
    // vjp holds ps's initial contents constant (docs/contract.md).
    std::vector<Particle> ps = particles(P), t = particles(P), w = particles(P);
    for (std::size_t i = 0; i < t.size(); ++i)
      for (int k = 0; k < 3; ++k) {
        t[i].pos[k] = 0.1 * (k + 1) - 0.05 * i;
        t[i].vel[k] = 0.2 - 0.1 * k + 0.03 * i;
        w[i].pos[k] = 0.4 - 0.2 * k + 0.1 * i;
      }
    double dt = 0.3, t_dt = 0.7, d_dt = 0;
    std::vector<Particle> out = ps;
    drift_jvp(out, dt, t_dt, t);
    for (std::size_t i = 0; i < ps.size(); ++i)
      for (int k = 0; k < 3; ++k) {
        double v = ps[i].vel[k], tv = 0.2 - 0.1 * k + 0.03 * i;
        close("drift value", out[i].pos[k], ps[i].pos[k] + dt * v * v);
        close("drift jvp (formula)", t[i].pos[k],
              0.1 * (k + 1) - 0.05 * i + t_dt * v * v + 2 * dt * v * tv);
        close("drift jvp: velocity tangents kept", t[i].vel[k], tv);
      }
    std::vector<Particle> in = ps;
    drift_vjp(in, dt, w, &d_dt);
    double expect_dt = 0;
    for (std::size_t i = 0; i < ps.size(); ++i)
      for (int k = 0; k < 3; ++k)
        expect_dt += ps[i].vel[k] * ps[i].vel[k] * w[i].pos[k];
    close("drift vjp d/ddt (formula)", d_dt, expect_dt);
    close("drift vjp value", in[1].pos[2], out[1].pos[2]);
  }
  {
    // kick, an in-place kernel of the particles alone: vel <- 0.9 vel,
    // pos <- pos + 0.1 vel (the new one), mass unchanged. jvp and vjp
    // from initial to final contents: <w, J t> = <J^T w, t>, and J t
    // against the formula.
    std::vector<Particle> ps = particles(P), t = particles(P), w = particles(P), d;
    for (std::size_t i = 0; i < t.size(); ++i) {
      for (int k = 0; k < 3; ++k) {
        t[i].pos[k] = 0.3 - 0.1 * k + 0.02 * i;
        t[i].vel[k] = -0.2 + 0.15 * k;
        w[i].pos[k] = 0.5 + 0.1 * k - 0.07 * i;
        w[i].vel[k] = 0.25 * k - 0.1;
      }
      t[i].mass = 0.4 + 0.1 * i;
      w[i].mass = -0.3 + 0.2 * i;
    }
    std::vector<Particle> t0 = t, a = ps, b = ps;
    kick_jvp(a, t);
    kick_vjp(b, w, d);
    double wJt = 0, JTwt = 0;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      for (int k = 0; k < 3; ++k) {
        close("kick jvp vel (formula)", t[i].vel[k], 0.9 * t0[i].vel[k]);
        close("kick jvp pos (formula)", t[i].pos[k], t0[i].pos[k] + 0.09 * t0[i].vel[k]);
        wJt += w[i].pos[k] * t[i].pos[k] + w[i].vel[k] * t[i].vel[k];
        JTwt += d[i].pos[k] * t0[i].pos[k] + d[i].vel[k] * t0[i].vel[k];
      }
      wJt += w[i].mass * t[i].mass;
      JTwt += d[i].mass * t0[i].mass;
    }
    close("kick <w, J t> = <J^T w, t>", JTwt, wJt);
    close("kick value", b[2].pos[1], a[2].pos[1]);
  }
  if (ok)
    std::printf("record arrays checked\n");
  return ok ? 0 : 1;
}
#endif
