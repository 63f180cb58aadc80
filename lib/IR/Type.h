//===- Type.h - Scalar types of IR values -----------------------*- C++ -*-===//
// The C++ arithmetic types an IR value can have; derivatives exist only for
// the floating-point ones, integers and bool are inactive by construction.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_TYPE_H
#define ADGEN_IR_TYPE_H

#include <cstdint>
#include <string>

namespace adgen {

enum class TypeKind : uint8_t {
  Bool,
  Char,
  SChar,
  UChar,
  Short,
  UShort,
  Int,
  UInt,
  Long,
  ULong,
  LongLong,
  ULongLong,
  Float,
  Double,
  LongDouble,
};

class Type {
public:
  constexpr Type(TypeKind Kind = TypeKind::Double) : Kind(Kind) {}
  TypeKind kind() const { return Kind; }

  bool isFloat() const {
    return Kind == TypeKind::Float || Kind == TypeKind::Double ||
           Kind == TypeKind::LongDouble;
  }
  bool isBool() const { return Kind == TypeKind::Bool; }
  bool isInteger() const { return !isFloat() && !isBool(); }
  bool isSigned() const;

  /// The C++ spelling, e.g. "double" or "unsigned long".
  const char *cppName() const;
  /// The short name used in the textual IR, e.g. "f64" or "i32".
  const char *irName() const;

  bool operator==(Type O) const { return Kind == O.Kind; }
  bool operator!=(Type O) const { return Kind != O.Kind; }
  bool operator<(Type O) const { return Kind < O.Kind; }

private:
  TypeKind Kind;
};

} // namespace adgen

#endif
