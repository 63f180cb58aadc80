// References to array elements (`double &v = a[i]`, `for (double &v : a)`),
// const references that see later writes, and local vectors built from a
// range (pointers or begin()/end()), a brace list or as copies. Checked against finite
// differences and analytic gradients; the reverse sweep records each
// element once although the source reads it several times.
// RUN: %adgen --emit=header %s -o %t.h
// RUN: %adgen %s -o %t.cpp
// RUN: %section %t.cpp | FileCheck %s --check-prefix=GEN
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

// v is read three times per iteration but saved once.
// GEN-LABEL: double squares_in_place_grad(
// GEN: adgen::Stack<double> tape;
// GEN-NOT: adgen::Stack
// GEN: for (unsigned long [[K:k_1]] = 0; [[K]] < {{.*}}) {
// GEN-NEXT: const double [[V:tmp[0-9]+]] = t[[[K]]];
// GEN-NEXT: tape.push([[V]]);
// GEN-NEXT: t[[[K]]] = [[V]] * [[V]] + std::sin([[V]]);
ADGEN(grad, len(x, n))
double squares_in_place(const double *x, int n) {
  std::vector<double> t(x, x + n);
  for (double &v : t)
    v = v * v + std::sin(v);
  double s = 0;
  for (const double &v : t)
    s += v;
  return s;
}

ADGEN(grad)
double element_refs(const std::array<double, 3> &x) {
  std::array<double, 3> a = x;
  for (int i = 0; i < 3; ++i) {
    double &ai = a[i];
    ai *= ai;
    ai += x[(i + 1) % 3];
    double &alias = ai;
    alias = std::exp(alias * 0.1);
  }
  const double &first = a[0];
  a[0] = a[1] * a[2]; // first sees the new value
  double s = x[0];
  const double &cs = s;
  s = s * 3; // cs sees the new value
  return first + cs;
}

// y = c * x^2 element-wise, written through the loop variable.
ADGEN(vjp)
void scaled(const std::vector<double> &x, double c, std::vector<double> &y) {
  for (size_t i = 0; i < x.size(); ++i)
    y[i] = x[i];
  for (double &v : y)
    v *= c * v;
}

ADGEN(grad, len(x, n))
double ranges(const double *x, int n) {
  std::vector<double> t(x, x + n);
  std::vector<double> u(t.begin(), t.end());
  std::vector<double> w(&x[1], x + n);
  std::vector<double> z = w;
  double s = 0;
  for (double &v : u)
    v = v * v;
  for (size_t i = 0; i < w.size(); ++i)
    s += w[i] * u[i] + t[i] * z[i];
  return s;
}

// A small local array whose every read is forwarded from its stores
// disappears from the gradient.
// GEN-LABEL: double braces_grad(double a, double b, double *d_a, double *d_b) {
// GEN-NOT: std::array
// GEN: return
ADGEN(grad)
double braces(double a, double b) {
  std::vector<double> v{a, b * b, 3.0};
  std::vector<double> w = {a};
  return v[0] * v[1] + v[2] * w[0];
}

// A reference that binds to a converted temporary holds the converted
// value: later writes to the source do not reach it.
ADGEN(grad)
double converted_refs(double x) {
  int k = 3;
  const double &c = k; // a temporary double(3)
  k = 5;
  double d = 2.5 * x;
  const int &t = d; // a temporary int(d)
  float a[2] = {1.5f, 2.5f};
  const double &e = a[0]; // a temporary double(1.5f)
  a[0] = 7.0f;
  float fa[3] = {0.5f, 0.25f, 0.125f};
  double s = 0;
  int i = 0;
#pragma GCC diagnostic push // binding to a temporary is what is tested
#pragma GCC diagnostic ignored "-Wrange-loop-construct"
  for (const double &v : fa) { // a temporary per iteration
#pragma GCC diagnostic pop
    fa[i] = 4.0f;
    s += v * x;
    ++i;
  }
  return x * c + x * t + x * e + s + a[0] * x;
}

#ifndef __ADGEN__
#include "expect.h"

int main() {
  const adgen::CheckOptions exact{1e-9, 1e-12, true};
  std::vector<double> x{0.3, -0.7, 1.1, 0.2, -1.4};
  const int n = (int)x.size();
  {
    std::vector<double> d(n);
    squares_in_place_grad(x.data(), n, d.data());
    auto f = [](const std::vector<double> &y) {
      return squares_in_place(y.data(), (int)y.size());
    };
    expect(adgen::check_gradient(f, x, d), "squares fd");
    for (int i = 0; i < n; ++i)
      expect(adgen::close(d[i], 2 * x[i] + std::cos(x[i]), exact),
             "squares analytic");
  }
  {
    std::array<double, 3> a{0.4, -0.9, 1.3}, d;
    expect(adgen::close(element_refs_grad(a, d), element_refs(a), exact),
           "element refs grad value");
    auto f = [](const std::vector<double> &y) {
      return element_refs({y[0], y[1], y[2]});
    };
    expect(adgen::check_gradient(f, {a[0], a[1], a[2]}, {d[0], d[1], d[2]}),
           "element refs fd");
    // f = e^{(a1^2 + a2)/10} e^{(a2^2 + a0)/10} + 3 a0
    double e1 = std::exp((a[1] * a[1] + a[2]) * 0.1);
    double e2 = std::exp((a[2] * a[2] + a[0]) * 0.1);
    expect(adgen::close(element_refs(a), e1 * e2 + 3 * a[0], exact),
           "element refs value");
    expect(adgen::close(d[0], 0.1 * e1 * e2 + 3, exact), "element refs d0");
    expect(adgen::close(d[1], 0.2 * a[1] * e1 * e2, exact), "element refs d1");
    expect(adgen::close(d[2], (0.1 + 0.2 * a[2]) * e1 * e2, exact),
           "element refs d2");
  }
  {
    double c = 0.7;
    std::vector<double> y(n), w{1, -2, 0.5, 3, -1}, dx, expected(n);
    double dc = 0, expected_dc = 0;
    scaled_vjp(x, c, y, w, dx, &dc);
    for (int i = 0; i < n; ++i) {
      expect(adgen::close(y[i], c * x[i] * x[i], exact), "scaled value");
      expect(adgen::close(dx[i], 2 * c * x[i] * w[i], exact), "scaled d_x");
      expected_dc += w[i] * x[i] * x[i];
    }
    expect(adgen::close(dc, expected_dc, exact), "scaled d_c");
  }
  {
    std::vector<double> d(n);
    ranges_grad(x.data(), n, d.data());
    auto f = [](const std::vector<double> &y) {
      return ranges(y.data(), (int)y.size());
    };
    expect(adgen::check_gradient(f, x, d), "ranges fd");
  }
  {
    double a = 0.8, b = -1.3, da, db;
    expect(adgen::close(braces_grad(a, b, &da, &db), a * b * b + 3 * a, exact),
           "braces value");
    expect(adgen::close(da, b * b + 3, exact), "braces d_a");
    expect(adgen::close(db, 2 * a * b, exact), "braces d_b");
  }
  for (double x : {0.3, 0.7, 1.9}) {
    double d;
    // 3x + x int(2.5x) + 1.5x + 0.875x + 7x
    double expected = (3 + int(2.5 * x) + 1.5 + 0.875 + 7) * x;
    expect(adgen::close(converted_refs_grad(x, &d), expected, exact),
           "converted refs value");
    expect(adgen::close(d, 3 + int(2.5 * x) + 1.5 + 0.875 + 7, exact),
           "converted refs derivative");
    expect(adgen::check_grad(converted_refs, converted_refs_grad, x),
           "converted refs fd");
  }
  std::puts(ok ? "references: ok" : "references: FAILED");
  return ok ? 0 : 1;
}
#endif
