// Loops over pairs (j from i + 1) in five spellings: for, while with the
// counters declared before, std::size_t with i + 1 < n, walking pointers,
// a template. Each gradient is one outer loop around one inner loop: the
// forward and backward sweeps of the guarded inner loop merge
// (lib/Transforms/MergeIfs.cpp) and fuse, and nothing is recorded. Each is
// checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang
// CHECK-LABEL: double a_for_grad(
// CHECK-COUNT-2: {{for|while}} (
// CHECK-NOT: {{for|while|push}}
// CHECK-LABEL: double b_while_grad(
// CHECK-COUNT-2: {{for|while}} (
// CHECK-NOT: {{for|while|push}}
// CHECK-LABEL: double c_size_t_grad(
// CHECK-COUNT-2: {{for|while}} (
// CHECK-NOT: {{for|while|push}}
// CHECK-LABEL: double d_ptr_grad(
// CHECK-COUNT-2: {{for|while}} (
// CHECK-NOT: {{for|while|push}}
// CHECK-LABEL: double e_template_grad(
// CHECK-COUNT-2: {{for|while}} (
// CHECK-NOT: {{for|while|push}}

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
ADGEN(grad, len(x, n))
double a_for(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) e += 1 / std::sqrt((x[i] - x[j]) * (x[i] - x[j]) + 0.1);
  return e;
}
ADGEN(grad, len(x, n))
double b_while(const double *x, int n) {
  double e = 0;
  int i = 0;
  while (i < n) {
    int j = i + 1;
    while (j < n) { e += 1 / std::sqrt((x[i] - x[j]) * (x[i] - x[j]) + 0.1); ++j; }
    ++i;
  }
  return e;
}
ADGEN(grad, len(x, n))
double c_size_t(const double *x, std::size_t n) {
  double e = 0;
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) e += 1 / std::sqrt((x[i] - x[j]) * (x[i] - x[j]) + 0.1);
  return e;
}
ADGEN(grad, len(x, n))
double d_ptr(const double *x, int n) {
  double e = 0;
  for (const double *p = x; p != x + n; ++p)
    for (const double *q = p + 1; q != x + n; ++q) e += 1 / std::sqrt((*p - *q) * (*p - *q) + 0.1);
  return e;
}
template <typename T>
ADGEN(grad, len(x, n))
T e_template(const T *x, int n) {
  T e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) e += 1 / std::sqrt((x[i] - x[j]) * (x[i] - x[j]) + 0.1);
  return e;
}
template double e_template<double>(const double *, int);

#ifndef __ADGEN__
#include "expect.h"
#include <adgen/check.h>
#include <vector>

int main() {
  const int n = 6;
  std::vector<double> x = {0.3, -1.1, 0.8, 2.0, -0.4, 1.5};
  using Grad = double (*)(const double *, int, double *);
  using Fn = double (*)(const double *, int);
  Fn fs[] = {a_for, b_while, d_ptr, e_template<double>};
  Grad gs[] = {a_for_grad, b_while_grad, d_ptr_grad, e_template_grad};
  for (int k = 0; k < 4; ++k) {
    std::vector<double> g(n);
    gs[k](x.data(), n, g.data());
    expect(adgen::check_gradient(
               [&](const std::vector<double> &v) { return fs[k](v.data(), n); },
               x, g),
           "pair loop gradient");
  }
  std::vector<double> g(n);
  c_size_t_grad(x.data(), n, g.data());
  expect(adgen::check_gradient(
             [&](const std::vector<double> &v) { return c_size_t(v.data(), n); },
             x, g),
         "pair loop gradient (std::size_t)");
  return ok ? 0 : 1;
}
#endif
