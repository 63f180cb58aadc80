// Classes that own heap storage (a matrix with new[] in its constructor and
// delete[] in its destructor) as locals: each array a constructor allocates
// with new T[n] in its initialiser list is a local array of n elements;
// accessors returning a reference to an element (`T &operator()(int, int)`,
// `double &operator[]`) are assigned, incremented and bound to references;
// a user-defined copy constructor makes a deep copy; helpers take the
// objects by reference. Gradients against central differences, the jvp
// against grad . t.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

// CHECK-LABEL: double gram_power_grad(
// CHECK: adgen::Array<double> X_data_(
// CHECK-LABEL: double smoothed_grad(
// CHECK: adgen::Array<double> b_v(
#include <adgen/adgen.h>
#include <cmath>
#include <cstddef>
#include <vector>

// A small matrix class that owns its storage.
template <typename T> class Mat {
public:
  Mat(int r, int c) : rows_(r), cols_(c), data_(new T[rows_ * cols_]()) {}
  Mat(const Mat &o) : rows_(o.rows_), cols_(o.cols_), data_(new T[o.rows_ * o.cols_]) {
    for (int i = 0; i < rows_ * cols_; ++i)
      data_[i] = o.data_[i];
  }
  Mat &operator=(const Mat &) = delete;
  ~Mat() { delete[] data_; }
  int rows() const { return rows_; }
  int cols() const { return cols_; }
  T &operator()(int i, int j) { return data_[i * cols_ + j]; }
  T operator()(int i, int j) const { return data_[i * cols_ + j]; }
  T trace() const {
    T s = 0;
    for (int i = 0; i < rows_ && i < cols_; ++i)
      s += (*this)(i, i);
    return s;
  }

private:
  int rows_, cols_;
  T *data_;
};

template <typename T>
void matmul(const Mat<T> &A, const Mat<T> &B, Mat<T> &C) {
  for (int i = 0; i < A.rows(); ++i)
    for (int j = 0; j < B.cols(); ++j) {
      T s = 0;
      for (int k = 0; k < A.cols(); ++k)
        s += A(i, k) * B(k, j);
      C(i, j) = s;
    }
}

// trace((X^T X)^2) + sum sin: built in heap matrices.
template <typename T>
ADGEN(grad, jvp, len(x, n * m))
T gram_power(const T *x, int n, int m) {
  Mat<T> X(n, m);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      X(i, j) = x[i * m + j];
  Mat<T> Xt(m, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      Xt(j, i) = std::sin(X(i, j));
  Mat<T> G(m, m);
  matmul(Xt, X, G);
  Mat<T> G2 = G; // a deep copy
  G2(0, 0) += 1;
  Mat<T> H(m, m);
  matmul(G, G2, H);
  return H.trace();
}
template double gram_power<double>(const double *, int, int);

struct Buffer {
  std::size_t n;
  double *v;
  explicit Buffer(std::size_t len) : n(len), v(new double[len]) {
    for (std::size_t i = 0; i < n; ++i)
      v[i] = 0.0;
  }
  ~Buffer() { delete[] v; }
  double &operator[](std::size_t i) { return v[i]; }
  double sum() const {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i)
      s += v[i];
    return s;
  }
};

ADGEN(grad, len(x, n))
double smoothed(const double *x, std::size_t n) {
  Buffer b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = x[i] * x[i];
  for (std::size_t i = 1; i + 1 < n; ++i)
    b[i] += 0.5 * (x[i - 1] + x[i + 1]);
  double &first = b[0];
  first *= 3;
  return std::log(1 + b.sum());
}

// The non-const accessor read as a value (it once gave 0: a member returning
// a reference was taken for one returning *this, called for its effect).
struct M3 {
  double data[9];
  double &at(int i, int j) { return data[i * 3 + j]; }
};
ADGEN(grad, len(x, 3))
double accessor_reads(const double *x) {
  M3 G{};
  for (int i = 0; i < 9; ++i)
    G.data[i] = x[i % 3] * (i + 1);
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += G.at(i, i) * G.at(i, 2 - i);
  G.at(1, 1) = s;
  return s + std::sqrt(1 + G.at(1, 1) * G.at(1, 1));
}

#if !defined(__ADGEN__)
#include "fd_check.h"

double along(const std::vector<double> &g, const double *t) {
  double s = 0;
  for (std::size_t i = 0; i < g.size(); ++i)
    s += g[i] * t[i];
  return s;
}

int main() {
  for (int n : {1, 3, 4})
    for (int m : {1, 2, 3}) {
      std::vector<double> x(n * m);
      for (int i = 0; i < n * m; ++i)
        x[i] = std::cos(0.9 * i + 0.3);
      checkGradJvp(
          "gram_power", x, [&](const double *y) { return gram_power(y, n, m); },
          [&](const double *y, double *d) {
            return gram_power_grad(y, n, m, d);
          },
          [&](const double *y, const double *t) {
            return gram_power_jvp(y, n, m, t, nullptr);
          });
    }
  for (std::size_t n : {1, 2, 7}) {
    std::vector<double> z(n);
    for (std::size_t i = 0; i < n; ++i)
      z[i] = std::sin(1.1 * i + 0.3);
    checkGradJvp(
        "smoothed", z, [&](const double *y) { return smoothed(y, n); },
        [&](const double *y, double *d) { return smoothed_grad(y, n, d); },
        [&](const double *y, const double *t) {
          std::vector<double> g(n);
          smoothed_grad(y, n, g.data());
          return along(g, t);
        });
  }
  std::vector<double> w = {0.3, -0.8, 1.2};
  checkGradJvp(
      "accessor_reads", w, [&](const double *y) { return accessor_reads(y); },
      [&](const double *y, double *d) { return accessor_reads_grad(y, d); },
      [&](const double *y, const double *t) {
        std::vector<double> g(3);
        accessor_reads_grad(y, g.data());
        return along(g, t);
      });
  if (ok)
    std::printf("heap records checked\n");
  return ok ? 0 : 1;
}
#endif
