// The zeroing of a gradient array folds into the first loop that writes it:
// the write at the largest offset i + c becomes an assignment and only the
// elements the loop does not reach are zeroed. Checked at lengths 0, 1, 2
// and beyond, with loops that start late and stop early, against finite
// differences; the gradient array starts full of garbage.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cstdio>
#include <vector>

ADGEN(grad, len(x, n))
double rosenbrock(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n - 1; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}
// CHECK-LABEL: double rosenbrock_grad(
// CHECK-NOT: std::fill_n
// CHECK: d_x[{{.*}}] = d_t1;

// Offsets 0, 1 and 2 over a middle range of a longer array.
ADGEN(grad, len(x, n))
double stencil(const double *x, int n) {
  double s = 0;
  for (int i = 2; i < n - 4; ++i)
    s += x[i] * x[i + 1] + 0.5 * x[i + 2] * x[i];
  return s + x[0];
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  for (int n : {0, 1, 2, 3, 7, 12}) {
    std::vector<double> x(n), d(n, 1e300);
    for (int i = 0; i < n; ++i)
      x[i] = 0.3 * i - 0.7;
    auto fr = [n](const std::vector<double> &y) { return rosenbrock(y.data(), n); };
    rosenbrock_grad(x.data(), n, d.data());
    ok &= adgen::check_gradient(fr, x, d);
    if (n >= 1) {
      std::fill(d.begin(), d.end(), -1e300);
      auto fs = [n](const std::vector<double> &y) { return stencil(y.data(), n); };
      stencil_grad(x.data(), n, d.data());
      ok &= adgen::check_gradient(fs, x, d);
    }
  }
  std::puts(ok ? "first touch: ok" : "first touch: FAILED");
  return ok ? 0 : 1;
}
#endif
