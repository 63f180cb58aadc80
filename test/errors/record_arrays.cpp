// Arrays of records adgen does not lower yet, and a pointer to records
// indexed without a length, are errors at the user's line that say what to
// write instead (test/run/record_arrays.cpp has what is supported).
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <vector>

struct Point {
  double x, y;
};
struct Poly {
  std::vector<double> c;
};
struct Grid {
  double v[2][3];
};

ADGEN(grad)
double no_length(const Point *ps, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += ps[i].x; // CHECK: record_arrays.cpp:[[@LINE]]:10: error: 'ps' is read as one record; to index it as an array of records, add len(ps, <number of records>) to ADGEN(...)
  return s;
}

// CHECK: record_arrays.cpp:[[@LINE+2]]:47: error: parameter 'ps' of type 'const std::vector<Poly> &': member 'c' of its records is a std::vector; an array of records may hold numbers and one-dimensional T[N] or std::array members
ADGEN(grad)
double vector_member(const std::vector<Poly> &ps) { return ps[0].c[0]; }

// CHECK: record_arrays.cpp:[[@LINE+2]]:38: error: parameter 'gs' of type 'const std::vector<Grid> &': member 'v' of its records is a multi-dimensional array
ADGEN(grad)
double grid(const std::vector<Grid> &gs) { return gs[0].v[1][2]; }

ADGEN(grad)
double walking(const std::vector<Point> &ps) {
  double s = 0;
  for (const Point *p = ps.data(); p != ps.data() + ps.size(); ++p) // CHECK: record_arrays.cpp:[[@LINE]]:21: error: local pointer 'p' to records: adgen follows pointers to records that are initialised with a record's address or an element of an array of records (`const Point *p = &ps[i]`) and never reassigned; use a reference (`const Point &p = ps[i]`) or an index
    s += p->x;
  return s;
}

ADGEN(grad)
double pushed(const std::vector<Point> &ps) {
  std::vector<Point> q; // CHECK: record_arrays.cpp:[[@LINE]]:22: error: the std::vector of records 'q' needs its size (std::vector<R> v(n)); adgen does not follow push_back
  return ps[0].x;
}
