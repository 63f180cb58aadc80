// Recursion through read-only arrays: a recursive call that passes arrays
// goes to the function's own gradient, which fills one partials array per
// array argument; the call's derivative is sum(partials * argument), so
// grad, jvp and vjp work on a determinant by cofactor expansion written in
// six spellings (a std::vector minor, a template with a 2x2 base case and
// `continue`, a template taking and recursing with std::vector, a C-array minor with size_t counters and a while loop, the
// minor built by a helper and the recursion through another helper), on
// Horner's rule walking a pointer beside a scalar, on divide and conquer
// over two halves of one array, and through calls from other marked
// functions (lowered in place, and kept as a call). Every gradient against
// central differences, the determinant's also against its cofactor formula.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

// The minor gets a partials array of its own size; the backward sweep
// reads it from the tape. The minor's counter k, advanced under if (c !=
// j), is run backwards, not recorded.
// CHECK-LABEL: double det_grad(const double *a, int n, double *d_a) {
// CHECK-NOT: adgen::Stack<int>
// CHECK: k = k + (
// CHECK: adgen::Array<double> grad_m(
// CHECK-NEXT: const double det = ::det_grad(m.data(), {{.*}}, grad_m.data());
// CHECK: tape_1.push(grad_m[
// CHECK: d_m[{{.*}}] += {{.*}};
// CHECK-LABEL: double det_jvp(
// CHECK: = ::det_grad(m.data(), {{.*}}, grad_m.data());
// CHECK: = {{.*}} + grad_m[{{.*}}] * t_m[{{.*}}];
ADGEN(grad, jvp, vjp, len(a, n * n))
double det(const double *a, int n) {
  if (n == 1)
    return a[0];
  std::vector<double> m((n - 1) * (n - 1));
  double s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -1.0 : 1.0) * a[j] * det(m.data(), n - 1);
  }
  return s;
}

template <typename T>
ADGEN(grad, jvp, len(a, n * n))
T det_t(const T *a, int n) {
  if (n == 2)
    return a[0] * a[3] - a[1] * a[2];
  T sum = 0;
  std::vector<T> sub((n - 1) * (n - 1));
  for (int col = 0; col < n; ++col) {
    int idx = 0;
    for (int i = 1; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (j == col)
          continue;
        sub[idx++] = a[i * n + j];
      }
    T sign = (col % 2 == 0) ? T(1) : T(-1);
    sum += sign * a[col] * det_t(sub.data(), n - 1);
  }
  return sum;
}
template double det_t<double>(const double *, int);

// The operator-overloading spelling: std::vector in, std::vector minor; the
// minor and its partials are std::vectors in the generated code too.
// CHECK-LABEL: double det_v_grad(const std::vector<double> &a, int n,
// CHECK: std::vector<double> m(
// CHECK: std::vector<double> grad_m(
// CHECK-NEXT: const double det_v = ::det_v_grad(m, {{.*}}, grad_m);
template <typename T>
ADGEN(grad, jvp)
T det_v(const std::vector<T> &a, int n) {
  if (n == 1)
    return a[0];
  std::vector<T> m((n - 1) * (n - 1));
  T s = 0;
  for (int j = 0; j < n; ++j) {
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j)
          m[(r - 1) * (n - 1) + k++] = a[r * n + c];
    s += (j % 2 ? -T(1) : T(1)) * a[j] * det_v(m, n - 1);
  }
  return s;
}
template double det_v<double>(const std::vector<double> &, int);

// CHECK-LABEL: double det_c_grad(
// CHECK: std::array<double, 25> grad_m{};
// CHECK-NEXT: = ::det_c_grad(m.data(), n - 1, grad_m.data());
ADGEN(grad, len(a, n * n))
double det_c(const double *a, std::size_t n) {
  if (n == 1)
    return a[0];
  double m[25];
  double s = 0;
  std::size_t j = 0;
  while (j < n) {
    std::size_t k = 0;
    for (std::size_t r = 1; r < n; ++r)
      for (std::size_t c = 0; c < n; ++c)
        if (c != j)
          m[k++] = a[r * n + c];
    double d = det_c(m, n - 1);
    s += (j % 2 == 0 ? a[j] : -a[j]) * d;
    ++j;
  }
  return s;
}

// det_d lowered in place, its recursive calls to det_d_grad; defined before
// det_d, so det_d is first lowered from inside logabsdet's in-place copy.
double det_d(const double *a, int n);
// CHECK-LABEL: double logabsdet_grad(
// CHECK: ::det_d_grad(
ADGEN(grad)
double logabsdet(const double a[9]) {
  return std::log(std::fabs(det_d(a, 3)));
}

inline void minor_of(const double *a, int n, int j, double *m) {
  int k = 0;
  for (int r = 1; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (c != j)
        m[k++] = a[r * n + c];
}
inline double cofactor(const double *a, int n, int j) {
  std::vector<double> m((n - 1) * (n - 1));
  minor_of(a, n, j, m.data());
  return (j % 2 ? -1.0 : 1.0) * det_d(m.data(), n - 1);
}
ADGEN(grad, vjp, len(a, n * n))
double det_d(const double *a, int n) {
  if (n == 1)
    return a[0];
  double s = 0;
  for (int j = 0; j < n; ++j)
    s += a[j] * cofactor(a, n, j);
  return s;
}

// A scalar beside the array: its partial comes back through a pointer.
// CHECK-LABEL: double horner_grad(
// CHECK: ::horner_grad(c + 1, n - 1, x, grad_c.data(), &
ADGEN(grad, jvp, len(c, n))
double horner(const double *c, int n, double x) {
  if (n == 0)
    return 0.0;
  return c[0] + x * horner(c + 1, n - 1, x);
}

// CHECK-LABEL: double tree_grad(
// CHECK: = ::tree_grad(x, h, grad_x.data());
// CHECK: = ::tree_grad(x + {{.*}}, n - h, grad_x_1.data());
ADGEN(grad, len(x, n))
double tree(const double *x, int n) {
  if (n == 1)
    return std::sin(x[0]) + 1.5;
  int h = n / 2;
  return tree(x, h) * tree(&x[h], n - h);
}


// A larger determinant stays a call from another function: its vjp calls
// its gradient for the minors.
ADGEN(grad, len(a, n * n))
double det_k(const double *a, int n) {
  if (n == 1)
    return a[0];
  if (n == 2)
    return a[0] * a[3] - a[1] * a[2];
  std::vector<double> m((n - 1) * (n - 1));
  double s = 0;
  for (int j = 0; j < n; ++j) {
    int k = 0;
    for (int r = 1; r < n; ++r)
      for (int c = 0; c < n; ++c)
        if (c != j) {
          m[k] = a[r * n + c];
          k = k + 1;
        }
    double sign = j % 2 == 0 ? 1.0 : -1.0;
    double minor = det_k(m.data(), n - 1);
    s = s + sign * a[j] * minor;
  }
  return s;
}
// CHECK-LABEL: double det_k_vjp_add(
// CHECK: = ::det_k_grad(m.data(),
// CHECK-LABEL: double two_dets_grad(
// CHECK: ::det_k_vjp_add(a + 7, 3,
ADGEN(grad, len(a, 16))
double two_dets(const double *a) {
  return std::log(det_k(a, 4) * det_k(a, 4)) + det_k(a + 7, 3);
}

#if !defined(__ADGEN__)
#include "fd_check.h"

std::vector<double> matrix(int n) {
  std::vector<double> a(n * n);
  for (int i = 0; i < n * n; ++i)
    a[i] = std::sin(1.3 * i + 0.2) + (i % (n + 1) == 0 ? 2 : 0);
  return a;
}

// t . g, the directional derivative a gradient gives.
double along(const std::vector<double> &g, const double *t) {
  double s = 0;
  for (std::size_t i = 0; i < g.size(); ++i)
    s += g[i] * t[i];
  return s;
}

// The cofactor formula: d det / d a_rc = (-1)^(r+c) det(minor_rc), the
// minors' determinants by Gaussian elimination with partial pivoting.
double eliminate(std::vector<double> a, int n) {
  double d = 1;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
        p = r;
    if (p != c) {
      for (int k = 0; k < n; ++k)
        std::swap(a[c * n + k], a[p * n + k]);
      d = -d;
    }
    d *= a[c * n + c];
    for (int r = c + 1; r < n; ++r) {
      double f = a[r * n + c] / a[c * n + c];
      for (int k = c; k < n; ++k)
        a[r * n + k] -= f * a[c * n + k];
    }
  }
  return d;
}
void checkCofactors(const char *Name, const std::vector<double> &a, int n,
                    const std::vector<double> &g) {
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      std::vector<double> m;
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          if (i != r && j != c)
            m.push_back(a[i * n + j]);
      double cof = ((r + c) % 2 ? -1 : 1) * (n == 1 ? 1.0 : eliminate(m, n - 1));
      if (std::fabs(cof - g[r * n + c]) > 1e-9 * std::max(1.0, std::fabs(cof))) {
        std::printf("%s: d[%d][%d] = %.12g, cofactor %.12g\n", Name, r, c,
                    g[r * n + c], cof);
        expect(false, Name);
      }
    }
}

int main() {
  for (int n : {1, 2, 3, 4, 5}) {
    std::vector<double> a = matrix(n), g(n * n);
    checkGradJvp(
        "det", a, [&](const double *x) { return det(x, n); },
        [&](const double *x, double *d) { return det_grad(x, n, d); },
        [&](const double *x, const double *t) {
          return det_jvp(x, n, t, nullptr);
        });
    det_grad(a.data(), n, g.data());
    checkCofactors("det: cofactors", a, n, g);
    std::vector<double> w(n * n, -9.0);
    det_vjp(a.data(), n, 2.5, w.data());
    for (int i = 0; i < n * n; ++i)
      expect(std::fabs(w[i] - 2.5 * g[i]) < 1e-12 * std::max(1.0, std::fabs(g[i])),
             "det: vjp is 2.5 grad");
    if (n >= 2)
      checkGradJvp(
          "det_t", a, [&](const double *x) { return det_t(x, n); },
          [&](const double *x, double *d) { return det_t_grad(x, n, d); },
          [&](const double *x, const double *t) {
            return det_t_jvp(x, n, t, nullptr);
          });
    checkGradJvp(
        "det_v", a,
        [&](const double *x) {
          return det_v(std::vector<double>(x, x + n * n), n);
        },
        [&](const double *x, double *d) {
          std::vector<double> dv;
          double v = det_v_grad(std::vector<double>(x, x + n * n), n, dv);
          std::copy(dv.begin(), dv.end(), d);
          return v;
        },
        [&](const double *x, const double *t) {
          return det_v_jvp(std::vector<double>(x, x + n * n), n,
                           std::vector<double>(t, t + n * n), nullptr);
        });
    checkGradJvp(
        "det_c", a, [&](const double *x) { return det_c(x, n); },
        [&](const double *x, double *d) { return det_c_grad(x, n, d); },
        [&](const double *x, const double *t) {
          std::vector<double> d(n * n);
          det_c_grad(x, n, d.data());
          return along(d, t);
        });
    checkGradJvp(
        "det_d", a, [&](const double *x) { return det_d(x, n); },
        [&](const double *x, double *d) { return det_d_grad(x, n, d); },
        [&](const double *x, const double *t) {
          std::vector<double> d(n * n);
          det_d_vjp(x, n, 1.0, d.data());
          return along(d, t);
        });
    checkGradJvp(
        "det_k", a, [&](const double *x) { return det_k(x, n); },
        [&](const double *x, double *d) { return det_k_grad(x, n, d); },
        [&](const double *x, const double *t) {
          std::vector<double> d(n * n);
          det_k_grad(x, n, d.data());
          return along(d, t);
        });
    det_k_grad(a.data(), n, g.data());
    checkCofactors("det_k: cofactors", a, n, g);
  }
  for (int n : {0, 1, 4, 7}) {
    // The coefficients, then x.
    std::vector<double> c(n + 1);
    for (int i = 0; i < n; ++i)
      c[i] = std::cos(0.7 * i);
    c[n] = 0.8;
    checkGradJvp(
        "horner", c, [&](const double *y) { return horner(y, n, y[n]); },
        [&](const double *y, double *d) {
          return horner_grad(y, n, y[n], d, d + n);
        },
        [&](const double *y, const double *t) {
          return horner_jvp(y, n, y[n], t, t[n], nullptr);
        });
    // d/dc_i = x^i.
    std::vector<double> d(n + 1);
    horner_grad(c.data(), n, c[n], d.data(), &d[n]);
    for (int i = 0; i < n; ++i)
      expect(std::fabs(d[i] - std::pow(c[n], i)) < 1e-14, "horner: x^i");
  }
  for (int n : {1, 2, 5, 8}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = std::cos(0.7 * i);
    checkGradJvp(
        "tree", x, [&](const double *y) { return tree(y, n); },
        [&](const double *y, double *d) { return tree_grad(y, n, d); },
        [&](const double *y, const double *t) {
          std::vector<double> d(n);
          tree_grad(y, n, d.data());
          return along(d, t);
        });
  }
  std::vector<double> a3 = matrix(3);
  checkGradJvp(
      "logabsdet", a3, [&](const double *x) { return logabsdet(x); },
      [&](const double *x, double *d) { return logabsdet_grad(x, d); },
      [&](const double *x, const double *t) {
        std::vector<double> d(9);
        logabsdet_grad(x, d.data());
        return along(d, t);
      });
  std::vector<double> a4 = matrix(4);
  checkGradJvp(
      "two_dets", a4, [&](const double *x) { return two_dets(x); },
      [&](const double *x, double *d) { return two_dets_grad(x, d); },
      [&](const double *x, const double *t) {
        std::vector<double> d(16);
        two_dets_grad(x, d.data());
        return along(d, t);
      });
  if (ok)
    std::printf("recursion through arrays checked\n");
  return ok ? 0 : 1;
}
#endif
