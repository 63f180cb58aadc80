// Parameters of class type, as code written for operator-overloading AD
// tools passes them: a camera and a point by const reference (bundle
// adjustment's reprojection, through helpers that take the records and
// their member arrays), a record with a std::vector, an int and nested
// records, a record through a pointer and by value, a class template.
// Derivative parameters have the record's type; gradients, JVPs and VJPs
// against central differences, and the header compiles before the records
// are defined.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: FileCheck --check-prefix=HEADER %s < %t.h
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// HEADER: namespace geo {
// HEADER-NEXT: struct Camera;
// HEADER-NEXT: }
// HEADER: struct Model;
namespace geo {
struct Camera {
  double r[3]; // Rodrigues rotation vector
  double t[3];
  double f;
  double k[2]; // radial distortion
};
struct Point {
  double x, y, z;
};

// r rotates X by the angle |r| about r / |r| (Rodrigues' formula).
inline void rotate(const double *r, const Point &X, double *out) {
  double theta = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  double c = std::cos(theta), s = std::sin(theta);
  double w[3] = {r[0] / theta, r[1] / theta, r[2] / theta};
  double p[3] = {X.x, X.y, X.z};
  double wp = w[0] * p[0] + w[1] * p[1] + w[2] * p[2];
  double cross[3] = {w[1] * p[2] - w[2] * p[1], w[2] * p[0] - w[0] * p[2],
                     w[0] * p[1] - w[1] * p[0]};
  for (int i = 0; i < 3; ++i)
    out[i] = p[i] * c + cross[i] * s + w[i] * wp * (1 - c);
}

// The projection of X by cam, with radial distortion.
// CHECK: void project_jvp(const geo::Camera &cam, const geo::Point &X, double *proj,
// CHECK-NEXT: const geo::Camera &t_cam, const geo::Point &t_X,
// CHECK-NEXT: double *t_proj) {
// CHECK: void project_vjp(const geo::Camera &cam, const geo::Point &X, double *proj,
// CHECK-NEXT: const double *w_proj, geo::Camera &d_cam, geo::Point &d_X) {
// CHECK: const double tmp{{[0-9]+}} = cam.r[0];
// CHECK: d_cam.k[1] =
ADGEN(jvp, vjp, len(proj, 2))
void project(const Camera &cam, const Point &X, double *proj) {
  double Xc[3];
  rotate(cam.r, X, Xc);
  for (int i = 0; i < 3; ++i)
    Xc[i] += cam.t[i];
  double u = Xc[0] / Xc[2], v = Xc[1] / Xc[2];
  double r2 = u * u + v * v;
  double distortion = 1 + cam.k[0] * r2 + cam.k[1] * r2 * r2;
  proj[0] = cam.f * distortion * u;
  proj[1] = cam.f * distortion * v;
}

// CHECK: double reprojection_error_grad(const geo::Camera &cam, const geo::Point &X,
// CHECK-NEXT: const double *observed, geo::Camera &d_cam,
// CHECK-NEXT: geo::Point &d_X) {
// CHECK: d_cam.f =
// CHECK: double reprojection_error_jvp(const geo::Camera &cam, const geo::Point &X,
// CHECK-NEXT: const double *observed, const geo::Camera &t_cam,
// CHECK-NEXT: const geo::Point &t_X, double *value) {
ADGEN(grad(cam, X), jvp(cam, X), len(observed, 2))
double reprojection_error(const Camera &cam, const Point &X,
                          const double *observed) {
  double Xc[3];
  rotate(cam.r, X, Xc);
  double e = 0;
  for (int i = 0; i < 2; ++i) {
    double d = cam.f * (Xc[i] + cam.t[i]) / (Xc[2] + cam.t[2]) - observed[i];
    e += d * d;
  }
  return e;
}
} // namespace geo

// A model with an integer member, a std::vector and a nested record; only
// the data, not the model, differentiated in loss_x (grad(x)).
struct Prior {
  double mean;
  double weight;
};
struct Model {
  int n;
  std::vector<double> w;
  Prior prior;
};

// CHECK: double loss_grad(const Model &m, const double *x, Model &d_m, double *d_x) {
// CHECK: d_m.w[
// CHECK: double loss_x_grad(const Model &m, const double *x, double *d_x) {
ADGEN(grad, jvp, len(x, m.n))
double loss(const Model &m, const double *x) {
  double s = 0;
  for (int i = 0; i < m.n; ++i) {
    double d = x[i] - m.prior.mean;
    s += m.w[i] * std::log(1 + d * d);
  }
  return s + m.prior.weight * x[0] * x[0];
}
ADGEN(grad(x), len(x, m.n))
double loss_x(const Model &m, const double *x) { return loss(m, x); }

// A record through a pointer, and one by value.
struct Particle {
  double pos[2];
  double vel[2];
  double mass;
};
// CHECK: double kinetic_grad(const Particle *p, Particle *d_p)
// CHECK: d_p->mass =
// CHECK: double kinetic_jvp(const Particle *p, const Particle *t_p,
ADGEN(grad, jvp)
double kinetic(const Particle *p) {
  return 0.5 * p->mass * (p->vel[0] * p->vel[0] + (*p).vel[1] * p->vel[1]);
}
// CHECK: double distance_grad(const Particle &a, const Particle &b, Particle &d_a,
// CHECK-NEXT: Particle &d_b) {
ADGEN(grad, jvp)
double distance(Particle a, Particle b) {
  double dx = a.pos[0] - b.pos[0], dy = a.pos[1] - b.pos[1];
  return std::sqrt(dx * dx + dy * dy) + kinetic(&a) * 0 + a.mass * b.mass;
}

// Class templates, as operator-overloading code writes them: a point
// templated on the scalar and the dimension, read by a function template.
// HEADER: template <typename T, int D> struct Vec;
// CHECK: double spread_grad(const Vec<double, 3> &a, const Vec<double, 3> &b,
// CHECK-NEXT: Vec<double, 3> &d_a, Vec<double, 3> &d_b) {
template <typename T, int D = 3> struct Vec {
  T v[D];
  T weight;
};
template <typename T, int D>
ADGEN(grad, jvp)
T spread(const Vec<T, D> &a, const Vec<T, D> &b) {
  T s = 0;
  for (int i = 0; i < D; ++i)
    s += (a.v[i] - b.v[i]) * (a.v[i] - b.v[i]);
  return a.weight * std::sqrt(s) + b.weight;
}
template double spread<double, 3>(const Vec<double, 3> &,
                                  const Vec<double, 3> &);

#ifndef __ADGEN__
#include "fd_check.h"

// The doubles of a camera and a point as one vector, and back.
static void unpack(const double *v, geo::Camera &c, geo::Point &X) {
  for (int i = 0; i < 3; ++i) {
    c.r[i] = v[i];
    c.t[i] = v[3 + i];
  }
  c.f = v[6];
  c.k[0] = v[7];
  c.k[1] = v[8];
  X = {v[9], v[10], v[11]};
}
static void pack(const geo::Camera &c, const geo::Point &X, double *v) {
  for (int i = 0; i < 3; ++i) {
    v[i] = c.r[i];
    v[3 + i] = c.t[i];
  }
  v[6] = c.f;
  v[7] = c.k[0];
  v[8] = c.k[1];
  v[9] = X.x;
  v[10] = X.y;
  v[11] = X.z;
}
static void unpack(const double *v, Particle &p) {
  p = {{v[0], v[1]}, {v[2], v[3]}, v[4]};
}
static void pack(const Particle &p, double *v) {
  double u[5] = {p.pos[0], p.pos[1], p.vel[0], p.vel[1], p.mass};
  for (int i = 0; i < 5; ++i)
    v[i] = u[i];
}

int main() {
  std::vector<double> z = {0.3, -0.2, 0.4, 0.1, -0.3, 4.0, 1.5, 0.05, -0.02,
                           0.7, -0.4, 1.1};
  const double observed[2] = {0.2, -0.1};
  auto err = [&](const double *v) {
    geo::Camera c;
    geo::Point X;
    unpack(v, c, X);
    return geo::reprojection_error(c, X, observed);
  };
  checkGradJvp(
      "reprojection_error", z, err,
      [&](const double *v, double *g) {
        geo::Camera c, dc;
        geo::Point X, dX;
        unpack(v, c, X);
        double e = geo::reprojection_error_grad(c, X, observed, dc, dX);
        pack(dc, dX, g);
        return e;
      },
      [&](const double *v, const double *t) {
        geo::Camera c, tc;
        geo::Point X, tX;
        unpack(v, c, X);
        unpack(t, tc, tX);
        double value = 0;
        double te =
            geo::reprojection_error_jvp(c, X, observed, tc, tX, &value);
        expect(value == err(v), "reprojection_error_jvp value");
        return te;
      });
  // project's Jacobian: a weighted sum of its two outputs.
  const double w[2] = {0.8, -1.7};
  auto weighted = [&](const double *v) {
    geo::Camera c;
    geo::Point X;
    unpack(v, c, X);
    double p[2];
    geo::project(c, X, p);
    return w[0] * p[0] + w[1] * p[1];
  };
  checkGradJvp(
      "project", z, weighted,
      [&](const double *v, double *g) {
        geo::Camera c, dc;
        geo::Point X, dX;
        unpack(v, c, X);
        double p[2];
        geo::project_vjp(c, X, p, w, dc, dX);
        pack(dc, dX, g);
        return w[0] * p[0] + w[1] * p[1];
      },
      [&](const double *v, const double *t) {
        geo::Camera c, tc;
        geo::Point X, tX;
        unpack(v, c, X);
        unpack(t, tc, tX);
        double p[2], tp[2];
        geo::project_jvp(c, X, p, tc, tX, tp);
        return w[0] * tp[0] + w[1] * tp[1];
      });

  // loss: the differentiated values are m.w, m.prior and x.
  const int n = 3;
  auto unpackModel = [&](const double *v, Model &m) {
    m.n = n;
    m.w.assign(v, v + n);
    m.prior = {v[n], v[n + 1]};
  };
  std::vector<double> mz = {0.5, 1.2, 0.8, 0.1, 0.3, 0.4, -0.6, 0.9};
  auto lossAt = [&](const double *v) {
    Model m;
    unpackModel(v, m);
    return loss(m, v + n + 2);
  };
  checkGradJvp(
      "loss", mz, lossAt,
      [&](const double *v, double *g) {
        Model m, dm;
        unpackModel(v, m);
        dm.n = -7; // integer members of a derivative record are not written
        dm.w.assign(n, -1.0);
        double e = loss_grad(m, v + n + 2, dm, g + n + 2);
        expect(dm.n == -7, "loss_grad integer member");
        for (int i = 0; i < n; ++i)
          g[i] = dm.w[i];
        g[n] = dm.prior.mean;
        g[n + 1] = dm.prior.weight;
        return e;
      },
      [&](const double *v, const double *t) {
        Model m, tm;
        unpackModel(v, m);
        unpackModel(t, tm);
        return loss_jvp(m, v + n + 2, tm, t + n + 2);
      });
  {
    Model m;
    unpackModel(mz.data(), m);
    std::vector<double> gx(n), gfull(n);
    Model dm;
    dm.w.assign(n, 0.0);
    loss_x_grad(m, mz.data() + n + 2, gx.data());
    loss_grad(m, mz.data() + n + 2, dm, gfull.data());
    for (int i = 0; i < n; ++i)
      expect(std::fabs(gx[i] - gfull[i]) <= 1e-14 * std::fabs(gfull[i]),
             "loss_x_grad");
  }

  std::vector<double> pz = {0.3, -1.2, 0.7, 0.4, 2.5};
  auto kin = [&](const double *v) {
    Particle p;
    unpack(v, p);
    return kinetic(&p);
  };
  auto kinGrad = [&](const double *v, double *g) {
    Particle p, dp;
    unpack(v, p);
    double e = kinetic_grad(&p, &dp);
    pack(dp, g);
    return e;
  };
  checkGradJvp("kinetic", pz, kin, kinGrad,
               [&](const double *v, const double *t) {
                 Particle p, tp;
                 unpack(v, p);
                 unpack(t, tp);
                 return kinetic_jvp(&p, &tp);
               });
  std::vector<double> dz = {0.3, -1.2, 0.7, 0.4, 2.5, 1.1, 0.2, -0.5, 0.6, 1.5};
  auto dist = [&](const double *v) {
    Particle a, b;
    unpack(v, a);
    unpack(v + 5, b);
    return distance(a, b);
  };
  auto distGrad = [&](const double *v, double *g) {
    Particle a, b, da, db;
    unpack(v, a);
    unpack(v + 5, b);
    double e = distance_grad(a, b, da, db);
    pack(da, g);
    pack(db, g + 5);
    return e;
  };
  checkGradJvp("distance", dz, dist, distGrad,
               [&](const double *v, const double *t) {
                 Particle a, b, ta, tb;
                 unpack(v, a);
                 unpack(v + 5, b);
                 unpack(t, ta);
                 unpack(t + 5, tb);
                 return distance_jvp(a, b, ta, tb);
               });
  std::vector<double> sz = {0.3, -1.2, 0.7, 1.5, 0.2, 0.9, 0.4, -0.3};
  auto unpackVec = [](const double *v, Vec<double> &a) {
    a = {{v[0], v[1], v[2]}, v[3]};
  };
  checkGradJvp(
      "spread", sz,
      [&](const double *v) {
        Vec<double> a, b;
        unpackVec(v, a);
        unpackVec(v + 4, b);
        return spread(a, b);
      },
      [&](const double *v, double *g) {
        Vec<double> a, b, da, db;
        unpackVec(v, a);
        unpackVec(v + 4, b);
        double e = spread_grad(a, b, da, db);
        for (int i = 0; i < 3; ++i) {
          g[i] = da.v[i];
          g[4 + i] = db.v[i];
        }
        g[3] = da.weight;
        g[7] = db.weight;
        return e;
      },
      [&](const double *v, const double *t) {
        Vec<double> a, b, ta, tb;
        unpackVec(v, a);
        unpackVec(v + 4, b);
        unpackVec(t, ta);
        unpackVec(t + 4, tb);
        return spread_jvp(a, b, ta, tb);
      });
  return ok ? 0 : 1;
}
#endif
