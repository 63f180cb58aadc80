//===- Type.h - Types of IR values -------------------------------*- C++
//-*-===//
// Scalars of the C++ arithmetic types, buffers of them (arrays in memory) and
// stacks (what reverse mode records in loops). Derivatives exist only for
// floating-point scalars and buffers of them.
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

/// What a value is: one scalar, a buffer of scalars in memory, or a stack of
/// scalars recorded by a reverse loop.
enum class Shape : uint8_t { Scalar, Buffer, Stack };

class Type {
public:
  constexpr Type(TypeKind Kind = TypeKind::Double, Shape S = Shape::Scalar)
      : Kind(Kind), S(S) {}
  static Type buffer(TypeKind Element) { return Type(Element, Shape::Buffer); }
  static Type stack(TypeKind Element) { return Type(Element, Shape::Stack); }

  /// The scalar kind (the element kind for buffers and stacks).
  TypeKind kind() const { return Kind; }
  Shape shape() const { return S; }
  bool isScalar() const { return S == Shape::Scalar; }
  bool isBuffer() const { return S == Shape::Buffer; }
  bool isStack() const { return S == Shape::Stack; }
  Type element() const { return Type(Kind); }

  bool isFloatKind() const {
    return Kind == TypeKind::Float || Kind == TypeKind::Double ||
           Kind == TypeKind::LongDouble;
  }
  /// A floating-point scalar.
  bool isFloat() const { return isScalar() && isFloatKind(); }
  /// A value that has a derivative: a floating scalar or buffer.
  bool isDifferentiable() const { return !isStack() && isFloatKind(); }
  bool isBool() const { return isScalar() && Kind == TypeKind::Bool; }
  bool isInteger() const {
    return isScalar() && !isFloatKind() && Kind != TypeKind::Bool;
  }
  bool isSigned() const;

  /// The C++ spelling of the scalar (element) type, e.g. "double".
  const char *cppName() const;
  /// The name used in the textual IR, e.g. "f64", "buf<f64>", "stack<i1>".
  std::string irName() const;

  bool operator==(Type O) const { return Kind == O.Kind && S == O.S; }
  bool operator!=(Type O) const { return !(*this == O); }
  bool operator<(Type O) const { return S != O.S ? S < O.S : Kind < O.Kind; }

private:
  TypeKind Kind;
  Shape S;
};

} // namespace adgen

#endif
