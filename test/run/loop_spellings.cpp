// One mathematics, many loop spellings (issue 9): every counted loop gets the
// same IR whatever the source spelled (i + 1 < n, size_t counters, counters
// declared before the loop, while, do-while, counting down, n > i, i != n,
// i-- > 1 in the condition, ++i, ++p in the header,
// steps of 2, a counter compared with a wider or unsigned bound). The
// gradients record no integers and keep the canonical loop shape; each is
// checked against finite differences, and the counters' values after the
// loops (remainder loops) are right.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <vector>

// The canonical spelling.
ADGEN(grad, jvp, len(x, n))
double rosen_for(int n, const double *x) {
  double f = 0;
  for (int i = 0; i < n - 1; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_for_grad(
// CHECK-NOT: Stack
// CHECK: for (int i = 0; i < n - 1; ++i) {
// CHECK-NOT: for
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_plus_one(int n, const double *x) {
  double f = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// The same single fused loop as the canonical spelling, no tape, no while.
// CHECK-LABEL: double rosen_plus_one_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: for (int i = 0; i < n - 1; ++i) {
// CHECK-NOT: for
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_size_t(std::size_t n, const double *x) {
  double f = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_size_t_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: for (unsigned long i = 0; i < [[UB:tmp[0-9]+]]; ++i) {
// CHECK-NOT: for
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_while(int n, const double *x) {
  double f = 0;
  int i = 0;
  while (i < n - 1) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
    ++i;
  }
  return f;
}
// CHECK-LABEL: double rosen_while_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_size_t_while(std::size_t n, const double *x) {
  double f = 0;
  std::size_t i = 0;
  while (i + 1 < n) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
    i++;
  }
  return f;
}
// CHECK-LABEL: double rosen_size_t_while_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_declared_before(int n, const double *x) {
  int i;
  double f = 0;
  for (i = 0; i < n - 1; i++) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_declared_before_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_down(int n, const double *x) {
  double f = 0;
  for (int i = n - 2; i >= 0; --i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_down_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

// An unsigned counter counting down to 0: counted in long long.
ADGEN(grad, jvp, len(x, n))
double rosen_size_t_down(std::size_t n, const double *x) {
  double f = 0;
  for (std::size_t i = n; i > 1; --i) {
    double a = x[i - 1] - x[i - 2] * x[i - 2];
    double b = 1 - x[i - 2];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_size_t_down_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_do_while(int n, const double *x) {
  double f = 0;
  int i = 0;
  do {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
    i += 1;
  } while (n - 1 > i);
  return f;
}
// CHECK-LABEL: double rosen_do_while_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

ADGEN(grad, jvp, len(x, n))
double rosen_not_equal(long n, const double *x) {
  double f = 0;
  for (long i = 1; i != n; ++i) {
    double a = x[i] - x[i - 1] * x[i - 1];
    double b = 1 - x[i - 1];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_not_equal_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

// An int counter against a vector's size (an unsigned comparison).
ADGEN(grad, jvp)
double rosen_vector(const std::vector<double> &x) {
  double f = 0;
  for (int i = 0; static_cast<std::size_t>(i + 1) < x.size(); ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_vector_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

// Classic C: counters declared first, an unrolled loop by 2 and its
// remainder loop, which starts where the first one stopped.
ADGEN(grad, jvp, len(x, n))
double dot_unrolled(int n, const double *x) {
  int i;
  double s = 0, t = 0;
  for (i = 0; i + 2 <= n; i += 2) {
    s += x[i] * x[i];
    t += std::sin(x[i + 1]) * x[i];
  }
  for (; i < n; i++)
    s += 3 * x[i] * x[i];
  return s + t;
}
// CHECK-LABEL: double dot_unrolled_grad(
// CHECK-NOT: Stack<int>
// CHECK-NOT: while
// CHECK: return

// A matrix-vector product in C89 style, and a counter compared with a wider
// bound.
ADGEN(grad, jvp, len(A, n *n), len(x, n))
double mat_vec(int n, const double *A, const double *x) {
  int i, j;
  double s = 0;
  for (i = 0; i < n; i++) {
    double r = 0;
    for (j = 0; j < n; j++)
      r += A[i * n + j] * x[j];
    s += r * r;
  }
  return s;
}
// CHECK-LABEL: double mat_vec_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return

ADGEN(grad, jvp, len(x, n))
double wide_bound(long long n, const double *x) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] * 0.5) * (i + 1);
  return s;
}
// CHECK-LABEL: double wide_bound_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return

// Walking pointers: the pointer is an induction variable.
ADGEN(grad, jvp, len(x, n))
double rosen_pointer(int n, const double *x) {
  double f = 0;
  const double *end = x + n - 1;
  for (const double *p = x; p != end; ++p) {
    double a = p[1] - p[0] * p[0];
    double b = 1 - *p;
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_pointer_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: for (long p = 0; p < end; ++p) {
// CHECK-NOT: for
// CHECK: return f;

// *p++ beside a counter: the pointer's offset is a second counter.
ADGEN(grad, jvp, len(x, n))
double norm_pointer(int n, const double *x) {
  const double *p = x;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double v = *p++;
    s += v * v * (1 + 0.5 * i);
  }
  return std::sqrt(s + 1);
}
// CHECK-LABEL: double norm_pointer_grad(
// CHECK-NOT: Stack
// CHECK: return

// Two pointers, one into an output, in a while loop; pointer differences.
ADGEN(vjp, jvp, len(x, n), len(y, n))
void scale_pointer(int n, const double *x, double *y) {
  const double *p = x;
  double *q = y;
  while (p < x + n) {
    *q = std::sin(*p) * static_cast<double>(p - x + 1);
    ++q;
    p += 1;
  }
}
// CHECK-LABEL: void scale_pointer_vjp(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: d_x[

// Loops that are not counted stay while loops and record their trip count.
ADGEN(grad, jvp, len(x, n))
double data_dependent(int n, const double *x) {
  double s = 0;
  int i = 0;
  while (i < n && s < 10) {
    s += x[i] * x[i];
    ++i;
  }
  return s;
}
// CHECK-LABEL: double data_dependent_grad(
// CHECK: while

// A data-dependent while loop with two counters: they are recomputed from
// the iteration number, only the running sum is recorded.
ADGEN(grad, jvp, len(x, n))
double two_counters(int n, const double *x) {
  double s = 0;
  int i = 0, j = n - 1;
  while (i < j && s < 50) {
    s += x[i] * x[j] + std::sin(s);
    ++i;
    j -= 1;
  }
  return s + i;
}
// CHECK-LABEL: double two_counters_grad(
// CHECK-NOT: Stack<int>
// CHECK-NOT: Stack<long
// CHECK: return

// An array written by one loop and read by later ones is read again by the
// backward sweep, not recorded; when a later loop overwrites it, the reads
// before are recorded.
ADGEN(grad, jvp, len(x, n))
double staged(int n, const double *x) {
  std::vector<double> y(n);
  for (int i = 0; i < n; ++i)
    y[i] = std::exp(0.3 * x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += y[i] * y[i] * x[i];
  return s;
}
// CHECK-LABEL: double staged_grad(
// CHECK-NOT: Stack
// CHECK: return

ADGEN(grad, jvp, len(x, n))
double staged_then_overwritten(int n, const double *x) {
  std::vector<double> y(n);
  for (int i = 0; i < n; ++i)
    y[i] = std::exp(0.3 * x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += y[i] * y[i] * x[i];
  for (int i = 0; i < n; ++i)
    y[i] = std::sin(y[i] * s);
  for (int i = 0; i < n; ++i)
    s += y[i] * x[i];
  return s;
}

// Running indices advanced by a computed amount (ADBench's Qtimesx):
// icf[off++] in a triangular loop, and the same index advanced per column
// in a while loop. Neither is recorded: the backward column loop only
// accumulates, so it runs in the forward order and advances the index from
// its initial value as f does, with no loop to find the index's exit value.
ADGEN(grad, jvp, len(p, d + d * (d + 1) / 2))
double qtimesx_norm(int d, const double *p) {
  const double *x = p, *icf = p + d;
  std::vector<double> out(d);
  for (int id = 0; id < d; id++)
    out[id] = std::exp(icf[id]) * x[id];
  int off = d;
  for (int c = 0; c < d; c++)
    for (int r = c + 1; r < d; r++)
      out[r] = out[r] + icf[off++] * x[c];
  double s = 0;
  for (int id = 0; id < d; id++)
    s += out[id] * out[id];
  return s;
}
// CHECK-LABEL: double qtimesx_norm_grad(
// CHECK-NOT: Stack<int>
// CHECK: off = off + (tmp{{[0-9]+}} ? d - tmp{{[0-9]+}} : 0);
// CHECK-NOT: off_{{[0-9]+}} = off_{{[0-9]+}} +
// CHECK: int off_2 = d;
// CHECK-NEXT: for (int c_1 = 0; c_1 < d; ++c_1) {
// CHECK: off_2 = off_2 + (tmp{{[0-9]+}} ? d - tmp{{[0-9]+}} : 0);
// CHECK: return s;

ADGEN(grad, jvp, len(p, d + d * (d + 1) / 2))
double qtimesx_while(int d, const double *p) {
  std::vector<double> out(p, p + d);
  long off = d;
  int c = 0;
  while (c < d) {
    int r = c + 1;
    while (r < d) {
      out[r] += p[d + off + (r - c - 1)] * p[c];
      ++r;
    }
    off += d - c - 1;
    ++c;
  }
  double s = 0;
  for (int id = 0; id < d; id++)
    s += std::sin(out[id]);
  return s;
}
// CHECK-LABEL: double qtimesx_while_grad(
// CHECK-NOT: Stack<int>
// CHECK-NOT: Stack<long>
// CHECK-NOT: while
// CHECK: long off_2 = off;
// CHECK-NEXT: for (int c_1 = 0; c_1 < d; ++c_1) {
// CHECK: return s;

// Counting down with the decrement in the condition, the idiom for unsigned
// counters: the test sees i before the decrement, the body after it.
ADGEN(grad, jvp, len(x, n))
double rosen_postdec(std::size_t n, const double *x) {
  double f = 0;
  for (std::size_t i = n; i-- > 1;) {
    double a = x[i] - x[i - 1] * x[i - 1];
    double b = 1 - x[i - 1];
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_postdec_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

// The same as a while loop on an int, whose value after the loop (one less
// than where the test failed) is read.
ADGEN(grad, jvp, len(x, n))
double rosen_while_postdec(int n, const double *x) {
  double f = 0;
  int i = n;
  while (i-- > 1) {
    double a = x[i] - x[i - 1] * x[i - 1];
    double b = 1 - x[i - 1];
    f += 100 * a * a + b * b;
  }
  return f + 1e-3 * i * x[0];
}
// CHECK-LABEL: double rosen_while_postdec_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return

// `while (k--)`: k halvings.
ADGEN(grad, jvp, len(x, n))
double halvings(int n, const double *x) {
  double s = x[0];
  int k = n + 2;
  while (k--)
    s = s * 0.5 + std::sin(s);
  return s;
}

// A counter and a walking pointer advanced together in the header.
ADGEN(grad, jvp, len(x, n))
double rosen_comma_pointer(int n, const double *x) {
  double f = 0;
  const double *p = x;
  for (int i = 0; i + 1 < n; ++i, ++p) {
    double a = p[1] - p[0] * p[0];
    double b = 1 - *p;
    f += 100 * a * a + b * b;
  }
  return f;
}
// CHECK-LABEL: double rosen_comma_pointer_grad(
// CHECK-NOT: Stack
// CHECK-NOT: while
// CHECK: return f;

#ifndef __ADGEN__
#include "fd_check.h"

namespace {
/// The gradient and the JVP along a fixed direction against central
/// differences, and the value (the very same).
void check(const char *Name, int n, Fn F, Grad G, Jvp J) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = 0.3 + 0.7 * std::sin(1.0 + 2.0 * i);
  checkGradJvp(Name, x, F, G, J);
}
} // namespace

#define CHECK_PTR(name, n_type, ...)                                           \
  for (int n : {__VA_ARGS__})                                                  \
    check(                                                                     \
        #name, n, [&](const double *x) { return name((n_type)n, x); },         \
        [&](const double *x, double *d) {                                      \
          return name##_grad((n_type)n, x, d);                                 \
        },                                                                     \
        [&](const double *x, const double *t) {                                \
          return name##_jvp((n_type)n, x, t, nullptr);                         \
        });

int main() {
  CHECK_PTR(rosen_for, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_plus_one, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_size_t, std::size_t, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_while, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_size_t_while, std::size_t, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_declared_before, int, 0, 1, 2, 3, 7)
  for (int d : {0, 1, 2, 5}) {
    std::vector<double> v(d + d * (d + 1) / 2);
    for (std::size_t k = 0; k < v.size(); ++k)
      v[k] = 0.3 * std::sin(1.0 + 1.7 * k);
    checkGradJvp(
        "qtimesx_norm", v, [&](const double *q) { return qtimesx_norm(d, q); },
        [&](const double *q, double *g) { return qtimesx_norm_grad(d, q, g); },
        [&](const double *q, const double *t) {
          return qtimesx_norm_jvp(d, q, t, nullptr);
        });
    checkGradJvp(
        "qtimesx_while", v,
        [&](const double *q) { return qtimesx_while(d, q); },
        [&](const double *q, double *g) { return qtimesx_while_grad(d, q, g); },
        [&](const double *q, const double *t) {
          return qtimesx_while_jvp(d, q, t, nullptr);
        });
  }
  CHECK_PTR(rosen_down, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_size_t_down, std::size_t, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_not_equal, long, 1, 2, 3, 7)
  CHECK_PTR(dot_unrolled, int, 0, 1, 2, 3, 7)
  CHECK_PTR(wide_bound, long long, 0, 1, 2, 3, 7)
  CHECK_PTR(data_dependent, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_pointer, int, 1, 2, 3, 7)
  CHECK_PTR(two_counters, int, 0, 1, 2, 5, 8)
  CHECK_PTR(staged, int, 0, 1, 4)
  CHECK_PTR(staged_then_overwritten, int, 0, 1, 4)
  CHECK_PTR(norm_pointer, int, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_postdec, std::size_t, 0, 1, 2, 3, 7)
  CHECK_PTR(rosen_while_postdec, int, 1, 2, 3, 7)
  CHECK_PTR(halvings, int, 1, 2, 5)
  CHECK_PTR(rosen_comma_pointer, int, 0, 1, 2, 3, 7)
  // scale_pointer: y_i = sin(x_i) (i + 1); vjp with weights w, jvp along t.
  for (int n : {0, 1, 4}) {
    std::vector<double> x(n), y(n), w(n), t(n), d(n, -5.0), ty(n, -5.0);
    for (int i = 0; i < n; ++i) {
      x[i] = 0.2 + i;
      w[i] = 1.0 - 0.3 * i;
      t[i] = 0.5 * i - 1;
    }
    scale_pointer_vjp(n, x.data(), y.data(), w.data(), d.data());
    scale_pointer_jvp(n, x.data(), y.data(), t.data(), ty.data());
    for (int i = 0; i < n; ++i) {
      double slope = std::cos(x[i]) * (i + 1);
      expect(std::fabs(y[i] - std::sin(x[i]) * (i + 1)) < 1e-15 &&
                 std::fabs(d[i] - w[i] * slope) < 1e-12 &&
                 std::fabs(ty[i] - t[i] * slope) < 1e-12,
             "scale_pointer: analytic vjp and jvp");
    }
  }
  // A do-while loop runs at least once: n >= 2.
  for (int n : {2, 3, 7})
    check(
        "rosen_do_while", n,
        [&](const double *x) { return rosen_do_while(n, x); },
        [&](const double *x, double *d) {
          return rosen_do_while_grad(n, x, d);
        },
        [&](const double *x, const double *t) {
          return rosen_do_while_jvp(n, x, t, nullptr);
        });
  for (int n : {1, 2, 5})
    check(
        "mat_vec", n * n + n,
        [&](const double *p) { return mat_vec(n, p, p + n * n); },
        [&](const double *p, double *d) {
          return mat_vec_grad(n, p, p + n * n, d, d + n * n);
        },
        [&](const double *p, const double *t) {
          return mat_vec_jvp(n, p, p + n * n, t, t + n * n, nullptr);
        });
  for (int n : {0, 1, 2, 6}) {
    auto vec = [](const double *p, int n) {
      return std::vector<double>(p, p + n);
    };
    check(
        "rosen_vector", n,
        [&](const double *x) { return rosen_vector(vec(x, n)); },
        [&](const double *x, double *d) {
          std::vector<double> dv;
          double v = rosen_vector_grad(vec(x, n), dv);
          for (int i = 0; i < n; ++i)
            d[i] = dv[i];
          return v;
        },
        [&](const double *x, const double *t) {
          return rosen_vector_jvp(vec(x, n), vec(t, n), nullptr);
        });
  }
  // Every spelling computes the same function (the values agree).
  std::vector<double> x(9);
  for (int i = 0; i < 9; ++i)
    x[i] = 0.1 * i - 0.3;
  double r = rosen_for(9, x.data());
  expect(rosen_plus_one(9, x.data()) == r && rosen_while(9, x.data()) == r &&
             rosen_size_t(9, x.data()) == r &&
             rosen_declared_before(9, x.data()) == r &&
             std::fabs(rosen_down(9, x.data()) - r) < 1e-12 &&
             rosen_do_while(9, x.data()) == r &&
             rosen_not_equal(9, x.data()) == r &&
             rosen_pointer(9, x.data()) == r &&
             rosen_comma_pointer(9, x.data()) == r &&
             std::fabs(rosen_postdec(9, x.data()) - r) < 1e-12,
         "the spellings agree");
  if (ok)
    std::printf("all loop spellings checked\n");
  return ok ? 0 : 1;
}
#endif
