// Loops without a trip count known in advance: while, do-while, break and
// return (in for loops, which then become while loops), and for loops that
// are not counted. Forward mode carries tangents; reverse mode counts the
// iterations and runs a reversed loop over that count. Checked against
// finite differences, and Newton's square root against 1/(2 sqrt a).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <vector>

// Newton's method for sqrt(a) until converged.
ADGEN(grad, jvp)
double newton_sqrt(double a) {
  double x = a;
  int it = 0;
  while (std::fabs(x * x - a) > 1e-14 * a && it < 60) {
    x = 0.5 * (x + a / x);
    ++it;
  }
  return x;
}
// CHECK-LABEL: double newton_sqrt_grad(double a, double *d_a) {
// CHECK: while (
// CHECK: for (long long iteration = iterations - 1; iteration >= 0; --iteration) {

ADGEN(grad, jvp)
double with_break(double x, double y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += std::sin(x * i) * y;
    if (s > 1.5)
      break;
    if (i % 2)
      continue;
    s *= 1.01;
  }
  return s;
}

ADGEN(grad, jvp)
double do_loop(double x) {
  double y = x;
  int k = 0;
  do {
    y = y * 0.5 + 0.1 * std::sin(x * y);
    ++k;
  } while (y * y > 1e-3 && k < 40);
  return y;
}

// Not counted: a floating-point counter and a doubling counter.
ADGEN(grad, jvp)
double uncounted(double x, int n) {
  double s = 0;
  for (double t = 0; t < 1; t += 0.25)
    s += std::exp(t * x);
  for (int i = 1; i < n; i = 2 * i + 1)
    s = s * x + i;
  return s;
}

// Nested: a while inside a counted loop, with an array.
ADGEN(grad, len(x, n))
double nested(const double *x, int n) {
  double total = 0;
  for (int i = 0; i < n; ++i) {
    double v = x[i];
    while (v > 0.1)
      v = v * v * 0.5;
    total += v * x[i];
  }
  return total;
}

// return inside loops, also from a loop nested in a loop.
ADGEN(grad, jvp, len(x, n))
double first_big(const double *x, int n, double t) {
  for (int i = 0; i < n; ++i) {
    double v = x[i] * t;
    if (v > 1.0)
      return v * v;
  }
  return t;
}

ADGEN(grad, jvp)
double search(double a, double b) {
  double x = a;
  int k = 0;
  while (k < 100) {
    for (int j = 0; j < 3; ++j) {
      x = x * 0.9 + 0.01 * j * b;
      if (x < 0.5)
        return x * a;
    }
    ++k;
  }
  return -a;
}

// Range-for loops that break or return become while loops over an index.
// CHECK-LABEL: double range_break_grad(
// CHECK: while (!broken && k < {{.*}}) {
ADGEN(grad)
double range_break(const std::vector<double> &x) {
  double s = 0;
  for (double v : x) {
    if (s > 2)
      break;
    s += v * v;
  }
  return s;
}

ADGEN(grad, jvp)
double range_return(const std::vector<double> &x, double c) {
  double s = 0;
  for (const double &v : x) {
    s += std::sin(v * c);
    if (s > 1.2)
      return s * c;
  }
  return s;
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  for (double a : {0.5, 2.0, 9.0}) {
    ok &= adgen::check_grad(newton_sqrt, newton_sqrt_grad, a);
    double d;
    newton_sqrt_grad(a, &d);
    ok &= adgen::close(d, 0.5 / std::sqrt(a), adgen::CheckOptions{1e-9, 1e-14, true});
    ok &= adgen::check_jvp(newton_sqrt, newton_sqrt_jvp, std::tuple(a),
                           std::tuple(1.0));
  }
  for (int n : {0, 3, 10}) {
    for (double x : {0.3, 1.1}) {
      auto f = [n](double x, double y) { return with_break(x, y, n); };
      auto g = [n](double x, double y, double *dx, double *dy) {
        return with_break_grad(x, y, n, dx, dy);
      };
      auto j = [n](double x, double y, double tx, double ty, double *v) {
        return with_break_jvp(x, y, n, tx, ty, v);
      };
      ok &= adgen::check_grad(f, g, x, 0.8);
      ok &= adgen::check_jvp(f, j, std::tuple(x, 0.8), std::tuple(1.0, -2.0));
      auto fu = [n](double x) { return uncounted(x, n); };
      auto gu = [n](double x, double *d) { return uncounted_grad(x, n, d); };
      ok &= adgen::check_grad(fu, gu, x);
    }
  }
  for (double x : {0.2, 1.0, 3.0}) {
    ok &= adgen::check_grad(do_loop, do_loop_grad, x);
    ok &= adgen::check_jvp(do_loop, do_loop_jvp, std::tuple(x), std::tuple(1.0));
  }
  {
    std::vector<double> x{0.3, 0.5, 1.2, 0.1}, d(4);
    for (double t : {0.5, 1.5, 4.0}) {
      double dt;
      first_big_grad(x.data(), 4, t, d.data(), &dt);
      auto fx = [t](const std::vector<double> &y) {
        return first_big(y.data(), 4, t);
      };
      ok &= adgen::check_gradient(fx, x, d);
      auto ft = [&](double s) { return first_big(x.data(), 4, s); };
      auto gt = [&](double s, double *ds) {
        std::vector<double> dd(4);
        return first_big_grad(x.data(), 4, s, dd.data(), ds);
      };
      ok &= adgen::check_grad(ft, gt, t);
    }
  }
  for (double a : {0.7, 2.3, 40.0})
    for (double b : {0.5, 1.0}) {
      ok &= adgen::check_grad(search, search_grad, a, b);
      ok &= adgen::check_jvp(search, search_jvp, std::tuple(a, b),
                             std::tuple(1.0, -1.0));
    }
  std::vector<double> x{0.9, 0.05, 0.5, 0.3}, d(4);
  nested_grad(x.data(), 4, d.data());
  auto f = [](const std::vector<double> &y) { return nested(y.data(), 4); };
  ok &= adgen::check_gradient(f, x, d);
  // Prefixes of y end the range-for loops at every position.
  for (std::vector<double> y : {std::vector<double>{}, {0.5},
                                std::vector<double>{0.5, 1.0, -0.3, 1.2, 0.8},
                                std::vector<double>{1.5, 0.1, 0.2}}) {
    std::vector<double> dy(y.size());
    ok &= range_break_grad(y, dy) == range_break(y);
    auto fb = [](const std::vector<double> &z) { return range_break(z); };
    ok &= adgen::check_gradient(fb, y, dy);
    for (double c : {0.4, 0.9}) {
      double dc;
      ok &= range_return_grad(y, c, dy, &dc) == range_return(y, c);
      auto fr = [c](const std::vector<double> &z) { return range_return(z, c); };
      ok &= adgen::check_gradient(fr, y, dy);
      auto fc = [&](double t) { return range_return(y, t); };
      auto gc = [&](double t, double *dt) {
        std::vector<double> unused(y.size());
        return range_return_grad(y, t, unused, dt);
      };
      ok &= adgen::check_grad(fc, gc, c);
      ok &= adgen::check_jvp(fc, [&](double t, double tt, double *v) {
        return range_return_jvp(y, t, std::vector<double>(y.size()), tt, v);
      }, std::tuple(c), std::tuple(1.0));
    }
  }
  std::puts(ok ? "while loops: ok" : "while loops: FAILED");
  return ok ? 0 : 1;
}
#endif
