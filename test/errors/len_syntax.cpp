// A len(...) expression that is not C++ gets Clang's own diagnostic, at its
// place in the annotation (Clang parses it in the scope of the function);
// exit status 1 and no output, never the text pasted into the output.
// RUN: rm -f %t.out
// RUN: not %adgen %s -o %t.out -- -std=c++17 2>&1 | FileCheck %s
// RUN: not test -e %t.out

#include <adgen/adgen.h>

ADGEN(grad, len(x, + * n)) // CHECK: len_syntax.cpp:[[@LINE]]:22: error: indirection requires pointer operand ('int' invalid)
double f1(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n n)) // CHECK: len_syntax.cpp:[[@LINE]]:20: error: unknown type name 'n'
// CHECK: len_syntax.cpp:[[@LINE-1]]:22: error: expected ')'
double f2(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, * n)) // CHECK: len_syntax.cpp:[[@LINE]]:20: error: indirection requires pointer operand ('int' invalid)
double f3(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n +)) // CHECK: len_syntax.cpp:[[@LINE]]:23: error: expected expression
double f4(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n * * n)) // CHECK: len_syntax.cpp:[[@LINE]]:24: error: indirection requires pointer operand ('int' invalid)
double f5(int n, const double *x) { return x[0] * x[0]; }

ADGEN(grad, len(x, n @ n)) // CHECK: len_syntax.cpp:[[@LINE]]:22: error: expected ')'
double f6(int n, const double *x) { return x[0] * x[0]; }

// On the second line of the expression, after a tab, in a namespace.
namespace ns {
ADGEN(grad, len(x, n *
	  m +)) // CHECK: len_syntax.cpp:[[@LINE]]:7: error: expected expression
double f7(int n, int m, const double *x) { return x[0] * x[0]; }
} // namespace ns

// An undeclared name.
ADGEN(grad, len(x, N)) // CHECK: len_syntax.cpp:[[@LINE]]:20: error: use of undeclared identifier 'N'
double f8(int n, const double *x) { return x[0] * x[0]; }
