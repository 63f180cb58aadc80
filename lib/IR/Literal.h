//===- Literal.h - Shortest exact spelling of constants ---------*- C++ -*-===//
// Prints a constant with the fewest digits that read back to the same value
// in its type, so that 0.06 stays 0.06 in the IR and in the emitted C++.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_LITERAL_H
#define ADGEN_IR_LITERAL_H

#include "IR/Type.h"

#include <string>

namespace adgen {

/// Rounds V to type Ty (float, double, long double or an integer type,
/// where it wraps modulo 2^width as C++ conversions do).
long double roundToType(long double V, Type Ty);

/// The bits of an integral value, modulo 2^64.
unsigned long long wrapToBits(long double V);
/// The value of integer type Ty that Bits (modulo 2^width) represents.
long double integerValue(unsigned long long Bits, Type Ty);
unsigned integerWidth(TypeKind K);

/// The literal for V of type Ty. With CppSuffix, floating literals get the
/// C++ suffix of their type (f, none, L) and always contain a '.' or an
/// exponent; non-finite values become std::numeric_limits expressions.
std::string formatLiteral(long double V, Type Ty, bool CppSuffix);

} // namespace adgen

#endif
