// Jacobians of what jacobian does not take, and modes that do not take what
// only jacobian does.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>
#include <array>

// A returned std::array is an output only jacobian takes.
ADGEN(jacobian, grad) // CHECK: jacobian.cpp:[[@LINE]]:1: error: 'returns_array' returns 'std::array<double, 2>'; of the modes only jacobian takes a returned std::array (for grad, write the results to an output parameter)
std::array<double, 2> returns_array(double a) { return {a, a * a}; }
