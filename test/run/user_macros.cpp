// A user header that #defines every single uppercase letter (as numerical
// kernels' headers do with N, M, H) before <adgen/adgen.h>: the runtime
// headers set such macros aside while they are read, so the file and its
// generated gradient, Hessian and Jacobian compile under both compilers,
// and the derivatives are checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#define A 100
#define B 101
#define C 102
#define D 103
#define E 104
#define F 105
#define G 106
#define H 107
#define I 108
#define J 109
#define K 110
#define L 111
#define M 112
#define N 113
#define O 114
#define P 115
#define Q 116
#define R 117
#define S 118
#define T 119
#define U 120
#define V 121
#define W 122
#define X 123
#define Y 124
#define Z 125
#undef N
#define N 6

#include <adgen/adgen.h>
#include <adgen/check.h>
#include <cmath>

ADGEN(grad, hessian, len(x, N))
double energy(const double *x) {
  double s = 0;
  for (int i = 0; i + 1 < N; ++i)
    s += std::sin(x[i]) * x[i + 1] + 0.5 * x[i] * x[i];
  return s;
}

ADGEN(jacobian, len(x, N), len(y, N))
void smooth(const double *x, double *y) {
  for (int i = 0; i < N; ++i)
    y[i] = std::tanh(x[i]) + (i > 0 ? x[i - 1] * x[i] : 0.0);
}

#ifndef __ADGEN__
#include <cstdio>

int main() {
  double x[N], g[N], hess[N * N], jac[N * N], y[N];
  for (int i = 0; i < N; ++i)
    x[i] = 0.3 + 0.2 * i;
  double value = energy_grad(x, g);
  energy_hessian(x, hess);
  smooth_jacobian(x, y, jac);
  int bad = value == energy(x) ? 0 : 1;
  for (int k = 0; k < N; ++k) {
    double step = 1e-5, up[N], down[N], gu[N], gd[N], yu[N], yd[N];
    for (int i = 0; i < N; ++i)
      up[i] = down[i] = x[i];
    up[k] += step;
    down[k] -= step;
    double fd = (energy(up) - energy(down)) / (2 * step);
    bad += std::fabs(fd - g[k]) > 1e-6 * std::fmax(1, std::fabs(fd));
    energy_grad(up, gu);
    energy_grad(down, gd);
    smooth(up, yu);
    smooth(down, yd);
    for (int i = 0; i < N; ++i) {
      double h = (gu[i] - gd[i]) / (2 * step), j = (yu[i] - yd[i]) / (2 * step);
      bad += std::fabs(h - hess[i * N + k]) > 1e-6 * std::fmax(1, std::fabs(h));
      bad += std::fabs(j - jac[i * N + k]) > 1e-6 * std::fmax(1, std::fabs(j));
    }
  }
  std::printf("%d mismatches\n", bad);
  return bad ? 1 : 0;
}
#endif
