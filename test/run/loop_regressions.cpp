// Loop inputs that once produced wrong code (found in review): running sums
// read by later iterations (the backward loop must not run forwards), while
// loops inside branches, conditional stores into arrays inside loops,
// unsigned counters counting down, bounds the body changes, while (true)
// left by return, &v[k] of a local vector, (void) on an array. Checked
// against finite differences and closed forms.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>
#include <vector>

// t = sum of the running sums: dt/dx_i = n - i.
ADGEN(grad, len(x, n))
double prefix_of_prefix(const double *x, int n) {
  double s = 0, t = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    t += s * s;
  }
  return t;
}

ADGEN(grad, len(x, n))
double while_in_branch(const double *x, int n) {
  if (n == 0)
    return 0;
  double s = x[0];
  int k = 1;
  while (k < n) {
    s = s * x[k];
    ++k;
  }
  return s;
}

ADGEN(grad, len(x, n))
double conditional_store(const double *x, int n) {
  std::vector<double> a(n);
  for (int j = 0; j < n; ++j) {
    a[j] = 1;
    if (j > 1)
      a[j] = x[j] * x[j];
    else
      a[j] += x[j];
  }
  double p = 1;
  for (int j = 0; j < n; ++j)
    p *= a[j];
  return p;
}

ADGEN(grad, len(x, n))
double unsigned_down(const double *x, unsigned n) {
  double s = 0;
  for (unsigned i = n; i > 0; --i)
    s = s * x[i - 1] + 1;
  return s;
}

ADGEN(grad, len(x, n))
double moving_bound(const double *x, int n) {
  double s = 0.2;
  int m = n;
  for (int i = 0; i < m; ++i) {
    if (x[i] < 0)
      m -= 1;
    s = std::sin(s) * x[i] + 0.3;
  }
  return s;
}

ADGEN(grad)
double forever_until_return(double a) {
  double x = a;
  while (true) {
    x = 0.5 * x + 0.1;
    if (x < 0.3)
      return x * a;
  }
}

static double sum3(const double *p) { return p[0] + 2 * p[1] + 3 * p[2]; }

ADGEN(grad, len(x, n))
double address_of_element(const double *x, int n) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i)
    v[i] = x[i] * x[i];
  (void)x;
  return sum3(&v[1]);
}

#ifndef __ADGEN__
int main() {
  bool ok = true;
  std::vector<double> x{0.3, -0.7, 1.1, 0.5, 0.9, -0.2, 0.4};
  const int n = (int)x.size();
  std::vector<double> d(n);
  auto check = [&](auto f, auto g, const char *what) {
    std::fill(d.begin(), d.end(), 0.0);
    g(x.data(), n, d.data());
    bool good = adgen::check_gradient(
        [&](const std::vector<double> &y) { return f(y.data(), n); }, x, d);
    if (!good)
      std::printf("FAILED: %s\n", what);
    ok &= good;
  };
  check(prefix_of_prefix, prefix_of_prefix_grad, "prefix of prefix");
  {
    // d/dx_i sum_k (x_0 + ... + x_k)^2 = 2 sum_{k >= i} s_k
    double s = 0;
    std::vector<double> sums(n);
    for (int i = 0; i < n; ++i)
      sums[i] = s += x[i];
    prefix_of_prefix_grad(x.data(), n, d.data());
    for (int i = 0; i < n; ++i) {
      double e = 0;
      for (int k = i; k < n; ++k)
        e += 2 * sums[k];
      ok &= adgen::close(d[i], e, adgen::CheckOptions{1e-12, 1e-14, true});
    }
  }
  check(while_in_branch, while_in_branch_grad, "while in branch");
  check(conditional_store, conditional_store_grad, "conditional store");
  check([](const double *y, int m) { return unsigned_down(y, (unsigned)m); },
        [](const double *y, int m, double *dy) {
          return unsigned_down_grad(y, (unsigned)m, dy);
        },
        "unsigned down");
  ok &= std::fabs(unsigned_down(x.data(), n) -
                  unsigned_down_grad(x.data(), n, d.data())) == 0;
  check(moving_bound, moving_bound_grad, "moving bound");
  check(address_of_element, address_of_element_grad, "address of element");
  for (double a : {0.5, 2.0, 7.0})
    ok &= adgen::check_grad(forever_until_return, forever_until_return_grad, a);
  std::puts(ok ? "loop regressions: ok" : "loop regressions: FAILED");
  return ok ? 0 : 1;
}
#endif
