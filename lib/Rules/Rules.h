//===- Rules.h - Derivative rules of the primitives -------------*- C++ -*-===//
// One JVP rule per primitive and one transpose rule per linear primitive;
// forward mode, reverse mode and higher orders are all built from these.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_RULES_RULES_H
#define ADGEN_RULES_RULES_H

#include "IR/Builder.h"

#include <functional>
#include <string>
#include <vector>

namespace adgen {

/// What a rule builds with. Tangents and cotangents are Value pointers where
/// null means a symbolic zero, so that zero derivatives cost nothing.
class RuleContext {
public:
  explicit RuleContext(Builder &B) : B(B) {}
  Builder &B;

  /// Factor * T, or zero when T is zero.
  Value *scale(Value *Factor, Value *T) {
    return T ? B.mul(Factor, T) : nullptr;
  }
  /// T / Divisor, or zero when T is zero.
  Value *divide(Value *T, Value *Divisor) {
    return T ? B.div(T, Divisor) : nullptr;
  }
  /// Factor * T and T / Divisor for partials that may be infinite or NaN at
  /// finite arguments (singular points, overflow): a tangent that is 0 gives
  /// 0 (a strong zero), so a zero from an untaken arm, a zero seed or a zero
  /// weight never becomes 0 * inf = NaN. Rules use these unless the partial
  /// is finite wherever the primitive's arguments are (docs/supported.md).
  Value *scaleStrong(Value *Factor, Value *T) {
    return T ? B.zeroMul(T, Factor) : nullptr;
  }
  Value *divideStrong(Value *T, Value *Divisor) {
    return T ? B.zeroDiv(T, Divisor) : nullptr;
  }
  Value *add(Value *A, Value *C) {
    if (!A)
      return C;
    if (!C)
      return A;
    return B.add(A, C);
  }
  /// A + C where both are derivative contributions: the sign of a zero sum
  /// does not matter, so the folder may drop a zero term (Fold.cpp).
  Value *accumulate(Value *A, Value *C) {
    if (!A)
      return C;
    if (!C)
      return A;
    Attributes Sum;
    Sum.IntValue = AccumulationFlag;
    return B.build(Prim::Add, A->type(), {A, C}, Sum);
  }
  Value *sub(Value *A, Value *C) {
    if (!C)
      return A;
    if (!A)
      return B.neg(C);
    return B.sub(A, C);
  }
  Value *negate(Value *T) { return T ? B.neg(T) : nullptr; }
  Value *constant(Type Ty, long double V) { return B.constant(Ty, V); }

  /// Reverse mode: the adjoint array of a tangent array (for transposing
  /// loads and stores).
  std::function<Value *(const Value *)> AdjointBuffer;

  /// Records that the rule cannot differentiate this op; the transform turns
  /// it into a diagnostic at the op's source location.
  Value *fail(std::string Message) {
    Error = std::move(Message);
    return nullptr;
  }
  std::string Error;
};

/// Builds the tangent of O's single result. X are O's operands and T their
/// tangents (null = zero) in the function being built; Y is the primal result
/// already built there, which the rule may replace (a call is replaced by a
/// call of the callee's gradient). Returns the tangent, null for zero.
Value *jvpRule(RuleContext &C, const Op &O, const std::vector<Value *> &X,
               const std::vector<Value *> &T, Value *&Y);

/// Transposes the linear op O: given the cotangent CT of its result, returns
/// the cotangent contribution for each operand that IsLinear marks (null
/// elsewhere). Known holds the non-linear operands in the function being
/// built (null for linear ones).
std::vector<Value *> transposeRule(RuleContext &C, const Op &O,
                                   const std::vector<bool> &IsLinear,
                                   const std::vector<Value *> &Known,
                                   Value *CT);

} // namespace adgen

#endif
