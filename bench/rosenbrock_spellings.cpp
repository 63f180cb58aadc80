// Rosenbrock (functions.cpp's rosenbrock) in the loop spellings people write,
// differentiated by adgen: each should cost what the canonical spelling does.
#include <adgen/adgen.h>
#include <cstddef>

ADGEN(grad, len(x, n))
double rosen_plus_one(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

ADGEN(grad, len(x, n))
double rosen_size_t(const double *x, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

ADGEN(grad, len(x, n))
double rosen_while(const double *x, int n) {
  double s = 0;
  int i = 0;
  while (i < n - 1) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
    ++i;
  }
  return s;
}

ADGEN(grad, len(x, n))
double rosen_down(const double *x, int n) {
  double s = 0;
  for (int i = n - 2; i >= 0; --i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

ADGEN(grad, len(x, n))
double rosen_pointer(const double *x, int n) {
  double s = 0;
  const double *p = x;
  const double *last = x + n - 1;
  while (p < last) {
    double t1 = p[1] - *p * *p;
    double t2 = 1 - *p;
    s += 100 * t1 * t1 + t2 * t2;
    ++p;
  }
  return s;
}

ADGEN(grad, len(x, n))
double rosen_declared(const double *x, int n) {
  int i;
  double s = 0;
  for (i = 0; i < n - 1; i++) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

// As code written for operator-overloading tools spells it: a template on
// the scalar type, differentiated as its instantiation on double.
template <typename T>
ADGEN(grad, len(x, n))
T rosen_template(const T *x, int n) {
  T s = 0;
  for (int i = 0; i < n - 1; ++i) {
    T t1 = x[i + 1] - x[i] * x[i];
    T t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}
template double rosen_template<double>(const double *, int);
