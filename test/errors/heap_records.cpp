// Pointer members are followed in local records whose constructor
// allocates them with new T[n] in its initialiser list
// (test/run/heap_records.cpp); every other use of one is an error that
// says what adgen follows.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <cmath>

struct Owner {
  int n;
  double *v;
  explicit Owner(int len) : n(len) { v = new double[len]; } // CHECK: heap_records.cpp:[[@LINE]]:38: error: a pointer set to new T[n] here; adgen follows arrays that a constructor allocates in its initialiser list (`v(new double[n])`), owned by a local record
  ~Owner() { delete[] v; }
};

ADGEN(grad, len(x, n))
double late(const double *x, int n) {
  Owner o(n); // CHECK: heap_records.cpp:[[@LINE]]:9: note: in the call to 'Owner', lowered in place here
  for (int i = 0; i < n; ++i)
    o.v[i] = x[i];
  return o.v[0];
}

struct Plain {
  double *v;
};

ADGEN(grad, len(x, n))
double braces(const double *x, int n) {
  Plain p{}; // CHECK: heap_records.cpp:[[@LINE]]:9: error: the record 'p' has pointer members; adgen follows them when a constructor the file defines allocates them with new T[n] in its initialiser list
  return x[0] + n;
}

struct Vec {
  int n;
  double *v;
  Vec(int len) : n(len), v(new double[len]) {}
  ~Vec() { delete[] v; }
};
inline double first(Vec w) { return w.v[0]; }
ADGEN(grad, len(x, n))
double by_value(const double *x, int n) {
  Vec w(n);
  w.v[0] = x[0];
  return first(w); // CHECK: heap_records.cpp:[[@LINE]]:16: error: a record of type 'Vec': member 'v' of 'Vec' is a pointer ('double *'); adgen lowers members that hold their values (numbers, T[N], std::array, std::vector, and classes of those), and in local records `T *` members the constructor allocates with new T[n]
}

ADGEN(grad)
double param(const Vec &w) { return w.v[0]; } // CHECK: heap_records.cpp:[[@LINE]]:25: error: parameter 'w' of type 'const Vec &': member 'v' of 'Vec' is a pointer ('double *'); adgen lowers members that hold their values (numbers, T[N], std::array, std::vector, and classes of those), and in local records `T *` members the constructor allocates with new T[n]

struct Shared {
  int n;
  double *v;
  explicit Shared(int k) : n(k), v(new double[k]()) {}
  double &operator[](int i) { return v[i]; }
};
ADGEN(grad, len(x, 2))
double assigned(const double *x) {
  Shared a(2), b(2);
  b = a; // CHECK: heap_records.cpp:[[@LINE]]:3: error: assignment of a record of type 'Shared': member 'v' of 'Shared' is a pointer ('double *'); adgen lowers members that hold their values (numbers, T[N], std::array, std::vector, and classes of those), and in local records `T *` members the constructor allocates with new T[n]; its implicit assignment would share the arrays: copy the elements, or define operator=
  b[0] = x[0];
  return a[0] * x[1];
}

struct Listed {
  double *v;
  Listed() : v(new double[3]{1.0, 2.0, 3.0}) {} // CHECK: heap_records.cpp:[[@LINE]]:16: error: new T[n] with listed values is not supported yet; allocate with new T[n]() and assign the elements in the constructor's body
};
ADGEN(grad)
double listed(double x) {
  Listed l;
  return l.v[0] * x;
}
