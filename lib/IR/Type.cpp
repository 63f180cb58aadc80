//===- Type.cpp - Scalar types of IR values -------------------------------===//
// Spellings of IR types in C++ and in the textual IR.
//===----------------------------------------------------------------------===//
#include "IR/Type.h"

namespace adgen {

bool Type::isSigned() const {
  if (isFloatKind())
    return true;
  switch (Kind) {
  case TypeKind::SChar:
  case TypeKind::Short:
  case TypeKind::Int:
  case TypeKind::Long:
  case TypeKind::LongLong:
  case TypeKind::Char:
    return true;
  default:
    return false;
  }
}

const char *Type::cppName() const {
  switch (Kind) {
  case TypeKind::Bool:
    return "bool";
  case TypeKind::Char:
    return "char";
  case TypeKind::SChar:
    return "signed char";
  case TypeKind::UChar:
    return "unsigned char";
  case TypeKind::Short:
    return "short";
  case TypeKind::UShort:
    return "unsigned short";
  case TypeKind::Int:
    return "int";
  case TypeKind::UInt:
    return "unsigned";
  case TypeKind::Long:
    return "long";
  case TypeKind::ULong:
    return "unsigned long";
  case TypeKind::LongLong:
    return "long long";
  case TypeKind::ULongLong:
    return "unsigned long long";
  case TypeKind::Float:
    return "float";
  case TypeKind::Double:
    return "double";
  case TypeKind::LongDouble:
    return "long double";
  }
  return "?";
}

static const char *scalarIRName(TypeKind Kind) {
  switch (Kind) {
  case TypeKind::Bool:
    return "i1";
  case TypeKind::Char:
    return "i8";
  case TypeKind::SChar:
    return "i8";
  case TypeKind::UChar:
    return "u8";
  case TypeKind::Short:
    return "i16";
  case TypeKind::UShort:
    return "u16";
  case TypeKind::Int:
    return "i32";
  case TypeKind::UInt:
    return "u32";
  case TypeKind::Long:
    return "i64";
  case TypeKind::ULong:
    return "u64";
  case TypeKind::LongLong:
    return "i64ll";
  case TypeKind::ULongLong:
    return "u64ll";
  case TypeKind::Float:
    return "f32";
  case TypeKind::Double:
    return "f64";
  case TypeKind::LongDouble:
    return "f80";
  }
  return "?";
}

std::string Type::irName() const {
  switch (S) {
  case Shape::Buffer:
    return std::string("buf<") + scalarIRName(Kind) + ">";
  case Shape::Stack:
    return std::string("stack<") + scalarIRName(Kind) + ">";
  default:
    return scalarIRName(Kind);
  }
}

} // namespace adgen
