// The Rosenbrock loop spellings benchmarked in bench/rosenbrock_spellings.cpp
// (issue 9): each gradient records nothing (no adgen::Stack), stays one loop
// with the backward sweep fused into it, and matches finite differences.
// DEFINE: %{src} = %src_root/bench/rosenbrock_spellings.cpp
// RUN: %adgen %{src} -o %t.ad.cpp -- -std=c++17
// RUN: %adgen --emit=header %{src} -o %t.ad.h -- -std=c++17
// RUN: %section %t.ad.cpp | FileCheck %s
// DEFINE: %{flags} = %cxxflags -I%src_root/bench -include %t.ad.h
// RUN: %gxx %{flags} %s %t.ad.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %{flags} %s %t.ad.cpp -o %t.clang && %t.clang

// CHECK-LABEL: double rosen_plus_one_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// CHECK-LABEL: double rosen_size_t_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// CHECK-LABEL: double rosen_while_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// Counting down, the zeroing of d_x is folded too: d_x[i] is assigned.
// CHECK-LABEL: double rosen_down_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK-NOT: fill_n
// CHECK: d_x[{{.*}}] = t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// CHECK-LABEL: double rosen_pointer_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// CHECK-LABEL: double rosen_declared_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

// The template spelling, as its instantiation on double: the same loop.
// CHECK-LABEL: double rosen_template_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[{{.*}}] += t2
// CHECK-NEXT: d_x[{{.*}}] {{\+?}}= d_t1;
// CHECK-NEXT: s = s +
// CHECK-NEXT: }
// CHECK-NEXT: return s;

#include "expect.h"
#include "workloads.h"

#include <adgen/check.h>
#include <cmath>
#include <string>
#include <vector>

namespace {
using Fn = double (*)(const double *, int);
using Grad = double (*)(const double *, int, double *);

void check(const char *Name, Fn F, Grad G) {
  for (int n : {2, 3, 7}) {
    std::vector<double> x(n), g(n, -7.0);
    for (int i = 0; i < n; ++i)
      x[i] = 0.3 + 0.7 * std::sin(1.0 + 2.0 * i);
    double v = G(x.data(), n, g.data());
    auto f = [&](const std::vector<double> &y) { return F(y.data(), n); };
    std::string What = std::string(Name) + " at n = " + std::to_string(n);
    expect(v == F(x.data(), n), (What + ": value").c_str());
    expect(adgen::check_gradient(f, x, g), (What + ": gradient").c_str());
  }
}
} // namespace

int main() {
  check("rosen_plus_one", rosen_plus_one, rosen_plus_one_grad);
  check(
      "rosen_size_t", [](const double *x, int n) { return rosen_size_t(x, n); },
      [](const double *x, int n, double *g) {
        return rosen_size_t_grad(x, n, g);
      });
  check("rosen_while", rosen_while, rosen_while_grad);
  check("rosen_down", rosen_down, rosen_down_grad);
  check("rosen_pointer", rosen_pointer, rosen_pointer_grad);
  check("rosen_declared", rosen_declared, rosen_declared_grad);
  check("rosen_template", rosen_template<double>, rosen_template_grad);
  return ok ? 0 : 1;
}
