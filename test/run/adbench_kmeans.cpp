// A k-means objective in the style of the AD benchmark suites: a function
// template on T in a namespace, a helper template for the squared
// distance, a local pointer to each point, std::numeric_limits<T>::max()
// as the first best distance, the result written to *err; requested
// without edits. The gradient against central differences and against its
// formula (2 (c_j - x_i) summed over the points nearest to c_j); the hvp
// against differences of the gradient and against its formula (2 v times
// the number of points nearest to each center: Newton's step on k-means).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <limits>

namespace kmeans {
template <typename T>
T sqdist(int d, const T *const a, const T *const b) {
  T s = 0;
  for (int l = 0; l < d; ++l) {
    T diff = a[l] - b[l];
    s += diff * diff;
  }
  return s;
}

template <typename T>
void objective(int d, int k, int n, const double *const points,
               const T *const centers, T *err) {
  T total = 0;
  for (int i = 0; i < n; ++i) {
    const double *x = &points[i * d];
    T best = std::numeric_limits<T>::max();
    for (int j = 0; j < k; ++j) {
      T dist = sqdist(d, centers + j * d, x);
      if (dist < best)
        best = dist;
    }
    total += best;
  }
  *err = total;
}
} // namespace kmeans

ADGEN_DIFFERENTIATE(kmeans::objective<double>, grad, hvp,
                    len(points, n * d), len(centers, k * d));

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int d = 3, k = 4, n = 11, nx = n * d, nc = k * d;
  std::vector<double> z(nx + nc);
  for (int i = 0; i < nx + nc; ++i)
    z[i] = std::sin(1.7 * i + 0.4) + (i >= nx ? 0.1 * (i - nx) : 0.0);
  auto f = [&](const double *v) {
    double e = 0;
    kmeans::objective(d, k, n, v, v + nx, &e);
    return e;
  };
  auto grad = [&](const double *v, double *g) {
    double e = -1;
    kmeans::objective_grad(d, k, n, v, v + nx, &e, g, g + nx);
    return e;
  };
  checkGradJvp("kmeans", z, f, grad, [&](const double *v, const double *t) {
    double h = 1e-5; // no jvp asked for: differences of f along t
    std::vector<double> up(v, v + z.size()), dn(v, v + z.size());
    for (size_t i = 0; i < z.size(); ++i) {
      up[i] += h * t[i];
      dn[i] -= h * t[i];
    }
    return (f(up.data()) - f(dn.data())) / (2 * h);
  });
  // The formulas, from the assignment of each point to its nearest center.
  const double *x = z.data(), *c = z.data() + nx;
  std::vector<double> g(nx + nc), ex(nx + nc, 0.0);
  std::vector<int> count(k, 0);
  grad(z.data(), g.data());
  for (int i = 0; i < n; ++i) {
    int best = 0;
    double bd = std::numeric_limits<double>::max();
    for (int j = 0; j < k; ++j) {
      double s = 0;
      for (int l = 0; l < d; ++l)
        s += (c[j * d + l] - x[i * d + l]) * (c[j * d + l] - x[i * d + l]);
      if (s < bd) {
        bd = s;
        best = j;
      }
    }
    ++count[best];
    for (int l = 0; l < d; ++l) {
      ex[nx + best * d + l] += 2 * (c[best * d + l] - x[i * d + l]);
      ex[i * d + l] += 2 * (x[i * d + l] - c[best * d + l]);
    }
  }
  for (int i = 0; i < nx + nc; ++i)
    expect(std::fabs(g[i] - ex[i]) < 1e-12, "kmeans: gradient formula");
  auto hvp = [&](const double *v, const double *dir, double *hv) {
    kmeans::objective_hvp(d, k, n, v, v + nx, nullptr, dir, dir + nx, hv,
                          hv + nx);
  };
  checkHvp("kmeans", z, grad, hvp);
  std::vector<double> dir(nx + nc, 0.0), hv(nx + nc);
  for (int i = nx; i < nx + nc; ++i)
    dir[i] = std::cos(0.9 * i);
  hvp(z.data(), dir.data(), hv.data());
  for (int j = 0; j < k; ++j)
    for (int l = 0; l < d; ++l)
      expect(std::fabs(hv[nx + j * d + l] - 2 * count[j] * dir[nx + j * d + l]) <
                 1e-12,
             "kmeans: Newton's diagonal");
  if (ok)
    std::printf("kmeans checked\n");
  return ok ? 0 : 1;
}
#endif
