// Loop inputs that once produced wrong code (found in review): running sums
// read by later iterations (the backward loop must not run forwards), while
// loops inside branches, conditional stores into arrays inside loops,
// unsigned counters counting down, bounds the body changes, while (true)
// left by return, &v[k] of a local vector, (void) on an array, loops inside
// branches (second review), fusion next to memory (third review). Checked
// against finite differences and closed forms.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <algorithm>
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

// Found in the second review: a loop writing an array inside a branch lost
// its forward sweep (the pops ran on an empty stack); a loop result inside
// a branch was not passed to the backward sweep (invalid IR); an if holding
// a while loop and a loop over unsigned indices (an internal exception);
// values recorded for a backward sweep that forwarding made unneeded left
// unused pops (-Werror).
ADGEN(grad, len(x, n))
double loop_in_branch(const double *x, int n) {
  double a[3] = {x[0], x[1], x[2]};
  if (x[1] < 0)
    for (double &v : a)
      v = v * v;
  if (a[0] > 0.2 + n * 0.0)
    for (int i = 0; i < 2; ++i)
      a[i] = std::sin(a[i]);
  return a[0] + a[1] + a[2];
}

ADGEN(grad)
double loop_result_in_branch(double x, double c) {
  double s = 0;
  if (c > 0) {
    for (int j = 0; j < 3; ++j)
      s = s + x;
    s = s * s;
  }
  return s;
}

ADGEN(vjp, len(x, n), len(y, n))
void while_then_for_in_branch(const double *x, int n, double *y) {
  double a[6] = {};
  if (x[2] > 0) {
    int w = 0;
    while (w < n) {
      a[1] = x[4];
      ++w;
    }
    for (unsigned long i = 0; i < 6; ++i)
      a[i] = std::sin(a[i]);
  }
  y[0] = a[1] * x[0];
  for (int i = 1; i < n; ++i)
    y[i] = x[i];
}

ADGEN(grad, len(x, n))
double unneeded_records(const double *x, int n) {
  double a[2] = {};
  double b[2] = {};
  for (int w = 0; w < n; ++w)
    if (x[w] > 0.19)
      b[w % 2] = x[0] * a[1];
  a[0] = x[1];
  double s = b[0] + b[1] + a[0];
  for (int i = 0; i < n; ++i)
    if (x[i] > 0)
      for (int k = 0; k < 2; ++k)
        s += x[i] * k;
  return s;
}

// Found in the third review: loops fused across a load of what the first
// loop writes (the load ran before it), across a load of an element an
// accumulation between them writes, three loops in a row fused as two
// overlapping pairs (invalid IR), and a value read by an inner loop inside
// a branch inside a loop that was popped but never pushed.
ADGEN(grad, len(x, n))
double fuse_around_memory(const double *x, int n) {
  double a[8] = {}, b[8] = {}, c[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  for (int i = 0; i < n; ++i)
    a[i] = x[i] * x[i];
  double t = a[2];
  for (int i = 0; i < n; ++i)
    b[i] = x[i] * t;
  double r = 0;
  for (int i = 0; i < n; ++i)
    r += x[i] * b[i];
  c[n - 7] += r;
  double u = c[0];
  for (int i = 0; i < n; ++i)
    b[i] = x[i] * u;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += b[i] * b[i] + c[i];
  return s;
}

ADGEN(grad, len(x, n))
double three_loops(const double *x, int n) {
  double a[8] = {}, b[8] = {};
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  for (int i = 0; i < n; ++i)
    a[i] = std::sin(x[i]);
  for (int i = 0; i < n; ++i)
    b[i] = std::cos(x[i]);
  double t = 0;
  for (int i = 0; i < n; ++i)
    t += a[i] * b[(i + 1) % n];
  return s * t;
}

ADGEN(grad, len(x, n))
double inner_loop_reads_branch_value(const double *x, int n) {
  double a[8] = {};
  std::vector<double> b(x, x + n);
  double s = 0;
  for (int j = 0; j < n; ++j)
    if (x[2] > 0.3) {
      s += a[j] * a[j];
      for (int k = 0; k < n; ++k)
        a[k] += 0.1 * b[k] * (s - b[1]);
    }
  return s;
}

// The same with an index computed in the branch (an unpushed index used
// to address the gradient array).
ADGEN(grad, len(x, n))
double inner_loop_reads_branch_index(const double *x, int n) {
  std::vector<double> b(x, x + n);
  double s = 0;
  for (int w = 0; w < n; w += 2)
    if (x[0] > 0.0) {
      int k = w + 1;
      s += b[std::min(k, n - 1)];
      for (int j = 0; j < n; ++j)
        b[j] += 0.1 * b[j] * x[std::min(k, n - 1)];
    }
  for (int q = 0; q < n; ++q)
    s += b[q] * b[q];
  return s;
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
  check(fuse_around_memory, fuse_around_memory_grad, "fuse around memory");
  check(three_loops, three_loops_grad, "three loops");
  check(inner_loop_reads_branch_index, inner_loop_reads_branch_index_grad,
        "inner loop reads branch index");
  check(inner_loop_reads_branch_value, inner_loop_reads_branch_value_grad,
        "inner loop reads branch value");
  for (double sign : {1.0, -1.0}) {
    x[1] = 0.7 * sign;
    check(loop_in_branch, loop_in_branch_grad, "loop in branch");
    x[2] = 0.9 * sign;
    check(unneeded_records, unneeded_records_grad, "unneeded records");
    for (double c : {-1.0, 1.0})
      ok &= adgen::check_grad(
          [&](double v) { return loop_result_in_branch(v, c); },
          [&](double v, double *dv) {
            double dc;
            return loop_result_in_branch_grad(v, c, dv, &dc);
          },
          0.4 * sign);
    // Each output's gradient: one-hot weights.
    for (int k = 0; k < n; ++k) {
      std::vector<double> y(n), w(n, 0.0), dx(n);
      w[k] = 1;
      while_then_for_in_branch_vjp(x.data(), n, y.data(), w.data(),
                                   dx.data());
      bool good = adgen::check_gradient(
          [&](const std::vector<double> &v) {
            std::vector<double> out(n);
            while_then_for_in_branch(v.data(), n, out.data());
            return out[k];
          },
          x, dx);
      if (!good)
        std::printf("FAILED: while then for in branch, output %d\n", k);
      ok &= good;
    }
  }
  std::puts(ok ? "loop regressions: ok" : "loop regressions: FAILED");
  return ok ? 0 : 1;
}
#endif
