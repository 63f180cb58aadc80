//===- Builder.h - Appends operations to regions ----------------*- C++ -*-===//
// Every transform creates IR through a Builder. With a fold hook installed
// and CSE on, it simplifies while building (the simplifier is a rebuild).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_BUILDER_H
#define ADGEN_IR_BUILDER_H

#include "IR/Operation.h"

#include <map>
#include <tuple>
#include <vector>

namespace adgen {

class Builder;

/// Local simplification consulted before a pure op is created: returns an
/// existing or simpler value to use instead, or null to build the op.
class FoldHook {
public:
  virtual ~FoldHook();
  virtual Value *fold(Builder &B, Prim P, Type Ty,
                      const std::vector<Value *> &Operands,
                      const Attributes &Attrs) = 0;
};

class Builder {
public:
  explicit Builder(Region *R) { enter(R); }

  void setFoldHook(FoldHook *H) { Hook = H; }
  void setCSE(bool On) { CSE = On; }

  /// Make R (nested in the current region, or a fresh root) the insertion
  /// region; exit() returns to the previous one.
  void enter(Region *R) { Scopes.push_back({R, {}}); }
  void exit() { Scopes.pop_back(); }
  Region *region() const { return Scopes.back().R; }

  void setLoc(const Location &L) { Loc = L; }
  const Location &loc() const { return Loc; }

  /// Create an op verbatim (no folding or merging); used for ops with
  /// regions, terminators and multi-result ops.
  Op *create(Prim P, std::vector<Value *> Operands,
             const std::vector<Type> &ResultTypes, Attributes Attrs = {},
             unsigned NumRegions = 0);

  /// A pure single-result op, folded and merged with an identical earlier op
  /// when enabled.
  Value *build(Prim P, Type Ty, std::vector<Value *> Operands,
               Attributes Attrs = {});

  Value *constant(Type Ty, long double V);
  Value *boolean(bool B);
  Value *zero(Type Ty) { return constant(Ty, 0); }
  Value *one(Type Ty) { return constant(Ty, 1); }

  Value *add(Value *A, Value *B) { return binary(Prim::Add, A, B); }
  Value *sub(Value *A, Value *B) { return binary(Prim::Sub, A, B); }
  Value *mul(Value *A, Value *B) { return binary(Prim::Mul, A, B); }
  Value *div(Value *A, Value *B) { return binary(Prim::Div, A, B); }
  /// Tangent * Partial and Tangent / Partial, 0 when Tangent is 0.
  Value *zeroMul(Value *Tangent, Value *Partial) {
    return binary(Prim::ZeroMul, Tangent, Partial);
  }
  Value *zeroDiv(Value *Tangent, Value *Partial) {
    return binary(Prim::ZeroDiv, Tangent, Partial);
  }
  Value *neg(Value *A) { return build(Prim::Neg, A->type(), {A}); }
  Value *cast(Value *A, Type Ty);
  Value *cmp(CmpPred P, Value *A, Value *B);
  Value *select(Value *C, Value *A, Value *B) {
    return build(Prim::Select, A->type(), {C, A, B});
  }
  Value *logicalAnd(Value *A, Value *B) {
    return build(Prim::And, Type(TypeKind::Bool), {A, B});
  }
  Value *logicalOr(Value *A, Value *B) {
    return build(Prim::Or, Type(TypeKind::Bool), {A, B});
  }
  Value *logicalNot(Value *A) {
    return build(Prim::Not, Type(TypeKind::Bool), {A});
  }
  /// A library function (MATH_PRIM) applied to floating-point arguments.
  Value *math(Prim P, std::vector<Value *> Args);
  Value *binary(Prim P, Value *A, Value *B) {
    return build(P, A->type(), {A, B});
  }

  void yield(std::vector<Value *> Values) {
    create(Prim::Yield, std::move(Values), {});
  }
  void ret(std::vector<Value *> Values) {
    create(Prim::Return, std::move(Values), {});
  }

private:
  using Key = std::tuple<Prim, TypeKind, std::vector<Value *>, Attributes>;
  struct Scope {
    Region *R;
    std::map<Key, Value *> Known;
  };
  std::vector<Scope> Scopes;
  FoldHook *Hook = nullptr;
  bool CSE = false;
  Location Loc;
};

} // namespace adgen

#endif
