// Local pointers that move between arrays (LowerMovingPointers.cpp): a
// double buffer whose pointers swap each step, a pointer chosen by ?:, and
// one that walks over three arrays in a while loop, is compared with ==,
// and is handed to helpers lowered in place (one passes it on). Each
// gradient against central differences, each jvp against grad . t.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// Each access through cur branches on the array it points into.
// CHECK-LABEL: double heat_grad(
// CHECK: int cur_array = 0;
// CHECK: const bool [[IN_A:tmp[0-9]+]] = cur_array == 0;
// CHECK: if ([[IN_A]]) {

// Explicit heat steps in a double buffer: the pointers swap each step.
ADGEN(grad, jvp, len(u0, n))
double heat(const double *u0, int n, int steps) {
  std::vector<double> a(u0, u0 + n), b(n);
  double *cur = a.data(), *next = b.data();
  for (int s = 0; s < steps; ++s) {
    for (int i = 1; i + 1 < n; ++i)
      next[i] = cur[i] + 0.1 * (cur[i - 1] - 2 * cur[i] + cur[i + 1]);
    next[0] = cur[0];
    next[n - 1] = cur[n - 1];
    double *t = cur;
    cur = next;
    next = t;
  }
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += cur[i] * cur[i] * (1 + 0.1 * i);
  return e;
}

// A conditional operator chooses the array.
ADGEN(grad, jvp, len(x, n), len(y, n))
double alternate(const double *x, const double *y, int n) {
  double s = 0;
  for (int k = 0; k < n; ++k) {
    const double *p = k % 2 ? x : y;
    s += std::sin(p[k]) * (k + 1);
  }
  return s;
}

static void axpy(int n, double a, const double *x, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}

static double dot(int n, const double *x, const double *y) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}

// A pointer walks over three arrays in a while loop and is handed to
// helpers lowered in place, one of which passes it on.
static double twice_dot(int n, const double *x, const double *y) {
  return 2 * dot(n, x, y);
}

ADGEN(grad, jvp, len(x, n), len(y, n), len(z, n))
double rotate(const double *x, const double *y, const double *z, int n) {
  std::vector<double> acc(n, 1.0);
  const double *src = x;
  int round = 0;
  double s = 0;
  while (round < 5) {
    axpy(n, 0.5, src, acc.data());
    s += twice_dot(n, src, acc.data());
    if (src == x)
      src = y;
    else if (src == y)
      src = z + 0;
    else
      src = &x[0];
    ++round;
  }
  return s;
}

// The code after a branch that returns is lowered once per arm, so the
// pointer's declaration is met twice (random programs, seed 310).
ADGEN(grad, jvp, len(x, n))
double after_return(const double *x, int n, double c) {
  double s = 0;
  if (c > 0) {
    for (int i = 0; i < n; ++i) {
      if (x[i] > 2)
        return s + c;
      s += x[i] * c;
    }
  }
  std::vector<double> tmp(x, x + n);
  const double *p = tmp.data();
  for (int i = 0; i < n; ++i, ++p)
    s += *p * *p;
  return s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  {
    const int n = 7;
    std::vector<double> u(n);
    for (int i = 0; i < n; ++i)
      u[i] = std::sin(0.8 * i + 0.3);
    for (int steps : {0, 1, 4}) {
      checkGradJvp(
          "heat", u, [&](const double *v) { return heat(v, n, steps); },
          [&](const double *v, double *g) { return heat_grad(v, n, steps, g); },
          [&](const double *v, const double *t) {
            double value = 0;
            return heat_jvp(v, n, steps, t, &value);
          });
    }
  }
  {
    const int n = 5;
    std::vector<double> z(2 * n);
    for (int i = 0; i < 2 * n; ++i)
      z[i] = std::cos(0.6 * i + 0.1);
    checkGradJvp(
        "alternate", z, [&](const double *v) { return alternate(v, v + n, n); },
        [&](const double *v, double *g) {
          return alternate_grad(v, v + n, n, g, g + n);
        },
        [&](const double *v, const double *t) {
          double value = 0;
          return alternate_jvp(v, v + n, n, t, t + n, &value);
        });
  }
  {
    const int n = 4;
    std::vector<double> z(3 * n);
    for (int i = 0; i < 3 * n; ++i)
      z[i] = 0.5 * std::sin(1.1 * i + 0.4);
    checkGradJvp(
        "rotate", z,
        [&](const double *v) { return rotate(v, v + n, v + 2 * n, n); },
        [&](const double *v, double *g) {
          return rotate_grad(v, v + n, v + 2 * n, n, g, g + n, g + 2 * n);
        },
        [&](const double *v, const double *t) {
          double value = 0;
          return rotate_jvp(v, v + n, v + 2 * n, n, t, t + n, t + 2 * n,
                            &value);
        });
  }
  for (double c : {-0.5, 0.5}) {
    const int n = 4;
    std::vector<double> z(n + 1);
    for (int i = 0; i < n; ++i)
      z[i] = std::sin(0.7 * i);
    z[n] = c;
    checkGradJvp(
        "after_return", z,
        [&](const double *v) { return after_return(v, n, v[n]); },
        [&](const double *v, double *g) {
          return after_return_grad(v, n, v[n], g, g + n);
        },
        [&](const double *v, const double *t) {
          double value = 0;
          return after_return_jvp(v, n, v[n], t, t[n], &value);
        });
  }
  if (ok)
    std::printf("moving pointers checked\n");
  return ok ? 0 : 1;
}
#endif
