// Parts of arrays and arrays of records that adgen does not lower yet are
// errors at the user's line that say what to write instead.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <array>
#include <vector>

struct Seeded {
  double x;
  double w = 1;
};
struct Empty {};
struct Point {
  double x, y;
};

inline double first(std::vector<double> r) { return r[0]; }

ADGEN(grad)
double copied_row(const std::vector<std::vector<double>> &A) {
  return first(A[1]); // CHECK: parts_of_arrays.cpp:[[@LINE]]:16: error: part of an array (a row, a record's member array, an array plus an offset) is copied into the container parameter 'r' here, which is not supported yet; take it by const reference
}

ADGEN(grad)
double self_initialising(const std::vector<Point> &ps) {
  Seeded q[2]; // CHECK: parts_of_arrays.cpp:[[@LINE]]:10: error: local array of records 'q': its records have default member initialisers or a default constructor, which adgen does not run for arrays yet; assign the members in a loop
  return q[0].x + ps[0].x;
}

// CHECK: parts_of_arrays.cpp:[[@LINE+2]]:40: error: parameter 'es' of type 'const std::vector<Empty> &': its records have no members
ADGEN(grad)
double empty(const std::vector<Empty> &es, double x) { return x * es.size(); }
