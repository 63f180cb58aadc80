//===- Value.h - SSA values of the IR ---------------------------*- C++ -*-===//
// A value is defined once, by an operation result or as an argument of a
// region (function parameters are the arguments of the body region).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_VALUE_H
#define ADGEN_IR_VALUE_H

#include "IR/Type.h"

#include <string>

namespace adgen {

class Op;
class Region;

class Value {
public:
  Value(Type Ty, Op *Def, unsigned Index) : Ty(Ty), Def(Def), Index(Index) {}
  Value(Type Ty, Region *ArgOf, unsigned Index)
      : Ty(Ty), ArgOf(ArgOf), Index(Index) {}

  Type type() const { return Ty; }
  /// The defining operation, or null for a region argument.
  Op *definingOp() const { return Def; }
  /// The region this value is an argument of, or null for an op result.
  Region *argumentOf() const { return ArgOf; }
  /// The result number within the defining op, or the argument number.
  unsigned index() const { return Index; }

  /// The user's variable name this value carries (or a derived name such as
  /// d_x), used by the printers and the C++ backend. May be empty.
  const std::string &name() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }

private:
  Type Ty;
  Op *Def = nullptr;
  Region *ArgOf = nullptr;
  unsigned Index = 0;
  std::string Name;
};

} // namespace adgen

#endif
