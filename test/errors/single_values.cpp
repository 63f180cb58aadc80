// Single values written through pointers: two of them are not one scalar
// result.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

// Two single values are two results: not a scalar function.
ADGEN(grad) // CHECK: single_values.cpp:[[@LINE]]:1: error: 'two_results' writes its results into 'a'; grad is for scalar functions, use vjp (weights on the outputs) or jvp
void two_results(double x, double *a, double *b) {
  *a = x;
  *b = x * x;
}

// A pointer read at p[1] holds more than one value: it needs its length.
ADGEN(grad)
double two_reads(const double *p) { return *p + p[1]; } // CHECK: single_values.cpp:[[@LINE]]:32: error: pointer parameter 'p' of 'two_reads' needs its length: add len(p, <expression>) to ADGEN(...)
