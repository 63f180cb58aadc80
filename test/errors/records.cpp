// Records adgen does not take yet, each reported at the parameter or the
// expression, with what to write instead: grad of a function with a record
// output, members that are pointers or references, unions, base classes,
// nested classes, a local record with a std::vector, writes to an input
// record (assigned, passed to a non-const reference, or changed by a member
// function), a constructor initialising an array member, and a member that is not an integer in a length.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <vector>

struct Point {
  double x, y;
};

ADGEN(grad) // CHECK: records.cpp:[[@LINE]]:1: error: 'written' writes its results into 'p'; grad is for scalar functions, use vjp (weights on the outputs) or jvp
double written(Point &p) {
  return p.x * p.y;
}

struct View {
  const double *data;
  int n;
};
ADGEN(grad)
double viewed(const View &v) { // CHECK: records.cpp:[[@LINE]]:27: error: parameter 'v' of type 'const View &': member 'data' of 'View' is a pointer ('const double *'); adgen lowers members that hold their values (numbers, T[N], std::array, std::vector, and classes of those)
  return v.data[0];
}

union Bits {
  double d;
  long l;
};
ADGEN(grad)
double unioned(const Bits &b, double x) { // CHECK: records.cpp:[[@LINE]]:28: error: parameter 'b' of type 'const Bits &': 'Bits' is a union
  return b.d * x;
}

struct Base {
  double a;
};
struct Derived : Base {
  double b;
};
ADGEN(grad)
double derived(const Derived &d) { // CHECK: records.cpp:[[@LINE]]:31: error: parameter 'd' of type 'const Derived &': 'Derived' has base classes or virtual functions
  return d.b;
}

struct Outer {
  struct Inner {
    double v;
  };
};
ADGEN(grad)
double nested(const Outer::Inner &i) { // CHECK: records.cpp:[[@LINE]]:35: error: parameter 'i' of type 'const Outer::Inner &': 'Outer::Inner' is a class nested in a class or function, which is not supported yet
  return i.v * i.v;
}

struct Series {
  std::vector<double> values;
};
ADGEN(grad)
double local(double x) {
  Series s; // CHECK: records.cpp:[[@LINE]]:10: error: a local record of type 'Series' has the std::vector member 'values', whose length adgen cannot know; records with vectors are supported as parameters
  return x;
}

ADGEN(grad)
double input(Point p) {
  Point q = p;
  q.x = 2 * p.x;
  Point &r = q;
  r.y += 1;
  const Point &c = p;
  double s = q.x + r.y + c.y;
  p.x = s; // CHECK: records.cpp:[[@LINE]]:3: error: assignment to a member of a record parameter, which adgen reads as an input; copy the record to a local first
  return s;
}

struct Pair {
  double v[2];
  Pair(double a) : v{a, 2 * a} {} // CHECK: records.cpp:[[@LINE]]:21: error: initialising the array member 'v' in a constructor is not supported yet; assign its elements in the body
};
ADGEN(grad)
double constructed(double x) {
  Pair w(x);
  return w.v[1];
}

struct Counter {
  double total;
  void add(double v) { total += v; }
};
inline void reset(Counter &r) { r.total = 0; }
ADGEN(grad)
double counted(Counter c, double x) {
  Counter copy = c;
  copy.add(x);
  reset(copy);
  reset(c); // CHECK: records.cpp:[[@LINE]]:9: error: 'r' is a non-const record parameter, and the argument is a record parameter adgen reads as an input; pass a local copy
  return copy.total + x;
}

ADGEN(grad)
double added(Counter c, double x) {
  c.add(x); // CHECK: records.cpp:[[@LINE]]:3: error: call to 'add', a non-const member function, on a record parameter adgen reads as an input; copy it to a local record first
  return c.total;
}

struct Sized {
  double scale;
  double w[4];
};
ADGEN(grad, len(x, s.scale)) // CHECK: records.cpp:[[@LINE]]:22: error: len(x, ...): 's.scale' is not an integer
double sized(const Sized &s, const double *x) {
  return s.w[0] * x[0];
}
