// A len(...) expression that is C++ but not a length: an integer expression
// over the function's integer parameters and integer constants, without
// side effects. Each error points at the offending token; exit status 1 and
// no output.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

int g(int n);
int counter = 3;
constexpr double Half = 0.5;
enum class Size { Small = 2 };

ADGEN(grad, len(x, y)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): 'y' is not an integer parameter of 'f1'
double f1(int n, const double *x, double y) { return x[0] * y; }
ADGEN(grad, len(x, n * y)) // CHECK: len_rules.cpp:[[@LINE]]:24: error: len(x, ...): 'y' is not an integer parameter of 'f1b'
double f1b(int n, const double *x, double y) { return x[0] * y; }

ADGEN(grad, len(x, n = 3)) // CHECK: len_rules.cpp:[[@LINE]]:22: error: len(x, ...): '=' assigns; a length has no side effects
double f2(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n++)) // CHECK: len_rules.cpp:[[@LINE]]:21: error: len(x, ...): '++' modifies its operand; a length has no side effects
double f3(int n, const double *x) { return x[0] * x[0]; }
ADGEN(grad, len(x, 1 + --n)) // CHECK: len_rules.cpp:[[@LINE]]:24: error: len(x, ...): '--' modifies its operand; a length has no side effects
double f3b(int n, const double *x) { return x[0] * x[0]; }
ADGEN(grad, len(x, n += 2)) // CHECK: len_rules.cpp:[[@LINE]]:22: error: len(x, ...): '+=' assigns; a length has no side effects
double f3c(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, g(n))) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): the call to 'g' is not a constant expression; a length calls only constexpr functions, with constant arguments
double f4(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, (n, 2))) // CHECK: len_rules.cpp:[[@LINE]]:22: error: len(x, ...): the comma operator cannot be part of a length
double f5(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n + counter)) // CHECK: len_rules.cpp:[[@LINE]]:24: error: len(x, ...): 'counter' is not an integer constant
double f6(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n * 0.5)) // CHECK: len_rules.cpp:[[@LINE]]:24: error: len(x, ...): '0.5' is not an integer
double f7(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n * Half)) // CHECK: len_rules.cpp:[[@LINE]]:24: error: len(x, ...): 'Half' is not an integer constant
double f8(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, (double)n)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): cast to 'double'; a length is an integer expression
double f9(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n < 3)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): the length has type 'bool'; it must be an integer
double f10(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, 2 - 5)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): the length is negative (-3)
double f11(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, Size::Small)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): 'Size::Small' has type 'Size', a scoped enumeration
double f12(int n, const double *x) { return x[0] * x[0]; }

// sizeof of a double parameter is not a length either (adgen stands a
// double in for every non-integer parameter).
ADGEN(grad, len(x, sizeof(y) * n)) // CHECK: len_rules.cpp:[[@LINE]]:27: error: len(x, ...): 'y' is not an integer parameter of 'f13'
double f13(int n, const double *x, float y) { return x[0] * y; }

// x itself, and a length for a parameter that is not a pointer.
ADGEN(grad, len(x, x)) // CHECK: len_rules.cpp:[[@LINE]]:20: error: len(x, ...): 'x' is not an integer parameter of 'f14'
double f14(int n, const double *x) { return x[0] * x[0]; }
ADGEN(grad, len(x, n), len(n, 3)) // CHECK: len_rules.cpp:[[@LINE]]:28: error: len(n, ...): 'n' is not a pointer parameter of 'f15'
double f15(int n, const double *x) { return x[0] * x[0]; }

// Through a macro with a parameter, the tokens are not in the annotation:
// the error is at the macro's use, plus the offset in the expression.
#define MARK(e) ADGEN(grad, len(x, e))
MARK(n + y) // CHECK: len_rules.cpp:[[@LINE]]:5: error: len(x, ...): 'y' is not an integer parameter of 'f16'
double f16(int n, const double *x, double y) { return x[0] * y; }
