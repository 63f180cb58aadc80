// ADGEN_DIFFERENTIATE names Clang itself rejects: an overloaded name (which
// overload is meant is not said) and a name that does not exist.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

namespace other {
inline double twice(double x) { return 2 * x; }
inline double twice(double x, double y) { return 2 * x * y; }
} // namespace other

ADGEN_DIFFERENTIATE(other::twice, grad); // CHECK: requests_names.cpp:[[@LINE]]:1: error: variable 'adgen_request_{{[0-9]+}}' with type 'const auto' has incompatible initializer of type '<overloaded function type>'
ADGEN_DIFFERENTIATE(other::thrice, grad); // CHECK: requests_names.cpp:[[@LINE]]:28: error: no member named 'thrice' in namespace 'other'
