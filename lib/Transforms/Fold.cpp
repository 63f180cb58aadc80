//===- Fold.cpp - Constant folding and algebraic identities ---------------===//
// Folding evaluates in the value's own type (float stays float) so that a
// folded constant equals what the unfolded C++ computes.
//===----------------------------------------------------------------------===//
#include "Transforms/Fold.h"
#include "IR/Literal.h"
#include "IR/Operation.h"

#include <adgen/special_functions.h>

#include <cmath>
#include <limits>

namespace adgen {

std::optional<long double> constantValue(const Value *V) {
  const Op *D = V->definingOp();
  if (!D || D->prim() != Prim::Const)
    return std::nullopt;
  return D->constantValue();
}

namespace {
template <typename T>
std::optional<long double> evaluateFloat(Prim P,
                                         const std::vector<long double> &A,
                                         const std::vector<Type> &ArgTypes) {
  auto X = [&](unsigned I) { return static_cast<T>(A[I]); };
  switch (P) {
  case Prim::Add:
    return X(0) + X(1);
  case Prim::Sub:
    return X(0) - X(1);
  case Prim::Mul:
    return X(0) * X(1);
  case Prim::Div:
    return X(0) / X(1);
  case Prim::ZeroMul:
    return X(0) == 0 ? T(0) : X(0) * X(1);
  case Prim::ZeroDiv:
    return X(0) == 0 ? T(0) : X(0) / X(1);
  case Prim::Neg:
    return -X(0);
  case Prim::Powi:
    return std::pow(X(0), static_cast<int>(A[1]));
#define MATH_PRIM(ID, NAME, ARITY, NS)                                         \
  case Prim::ID:                                                               \
    if constexpr (ARITY == 1)                                                  \
      return NS::NAME(X(0));                                                   \
    else if constexpr (ARITY == 2)                                             \
      return NS::NAME(X(0), X(1));                                             \
    else                                                                       \
      return NS::NAME(X(0), X(1), X(2));
#include "IR/Primitives.def"
  default:
    (void)ArgTypes;
    return std::nullopt;
  }
}

std::optional<long double> evaluateInteger(Prim P, Type Ty,
                                           const std::vector<long double> &A) {
  // Exact in long double for 64-bit operands' products is not guaranteed, so
  // compute on the bits: unsigned arithmetic wraps, signed overflow is
  // undefined and left to run time.
  unsigned long long X = wrapToBits(A[0]);
  unsigned long long Y = A.size() > 1 ? wrapToBits(A[1]) : 0;
  long long SX = static_cast<long long>(X), SY = static_cast<long long>(Y);
  bool Signed = Ty.isSigned();
  unsigned long long R;
  switch (P) {
  case Prim::Add:
    if (Signed && __builtin_add_overflow(SX, SY, &SX))
      return std::nullopt;
    R = Signed ? static_cast<unsigned long long>(SX) : X + Y;
    break;
  case Prim::Sub:
    if (Signed && __builtin_sub_overflow(SX, SY, &SX))
      return std::nullopt;
    R = Signed ? static_cast<unsigned long long>(SX) : X - Y;
    break;
  case Prim::Mul:
    if (Signed && __builtin_mul_overflow(SX, SY, &SX))
      return std::nullopt;
    R = Signed ? static_cast<unsigned long long>(SX) : X * Y;
    break;
  case Prim::Div:
  case Prim::Rem:
    if (Y == 0 || (Signed && SY == -1))
      return std::nullopt;
    if (Signed)
      R = static_cast<unsigned long long>(P == Prim::Div ? SX / SY : SX % SY);
    else
      R = P == Prim::Div ? X / Y : X % Y;
    break;
  case Prim::Neg:
    if (Signed && SX == std::numeric_limits<long long>::min())
      return std::nullopt;
    R = 0 - X;
    break;
  case Prim::Fabs:
    if (SX == std::numeric_limits<long long>::min())
      return std::nullopt;
    R = SX < 0 ? 0 - X : X;
    break;
  default:
    return std::nullopt;
  }
  long double V = integerValue(R, Ty);
  // Signed results must fit the (possibly narrower) type.
  if (Signed && static_cast<long long>(R) != static_cast<long long>(V))
    return std::nullopt;
  return V;
}
} // namespace

std::optional<long double> evaluate(Prim P, Type Ty,
                                    const std::vector<long double> &A,
                                    const std::vector<Type> &ArgTypes,
                                    const Attributes &Attrs) {
  switch (P) {
  case Prim::Cast:
    if (Ty.isFloat())
      return roundToType(A[0], Ty);
    if (Ty.isBool())
      return A[0] != 0;
    if (ArgTypes[0].isFloat()) {
      // Out of range is undefined behaviour: leave it to run time.
      long double T = std::trunc(A[0]);
      if (std::isnan(T) || roundToType(T, Ty) != T)
        return std::nullopt;
      return T;
    }
    return roundToType(A[0], Ty); // integer conversions wrap
  case Prim::Cmp: {
    long double X = A[0], Y = A[1];
    switch (Attrs.Predicate) {
    case CmpPred::EQ:
      return X == Y;
    case CmpPred::NE:
      return X != Y;
    case CmpPred::LT:
      return X < Y;
    case CmpPred::LE:
      return X <= Y;
    case CmpPred::GT:
      return X > Y;
    case CmpPred::GE:
      return X >= Y;
    }
    return std::nullopt;
  }
  case Prim::And:
    return A[0] != 0 && A[1] != 0;
  case Prim::Or:
    return A[0] != 0 || A[1] != 0;
  case Prim::Not:
    return A[0] == 0;
  case Prim::Select:
    return A[0] != 0 ? A[1] : A[2];
  default:
    break;
  }
  if (!Ty.isFloat())
    return evaluateInteger(P, Ty, A);
  switch (Ty.kind()) {
  case TypeKind::Float:
    return evaluateFloat<float>(P, A, ArgTypes);
  case TypeKind::Double:
    return evaluateFloat<double>(P, A, ArgTypes);
  default:
    return evaluateFloat<long double>(P, A, ArgTypes);
  }
}

static bool isConst(const Value *V, long double C) {
  auto K = constantValue(V);
  return K && *K == C;
}

/// V cannot be -0.0: an integer, a constant other than -0.0, a conversion
/// from an integer, a sum with such a term, or a function whose result is
/// never -0.0.
static bool neverNegativeZero(const Value *V, int Depth = 0) {
  if (!V->type().isFloat())
    return true;
  const Op *D = V->definingOp();
  if (!D || Depth > 8)
    return false;
  switch (D->prim()) {
  case Prim::Const:
    return !std::signbit(D->constantValue()) || D->constantValue() != 0;
  case Prim::Cast:
    return !D->operand(0)->type().isFloat() ||
           neverNegativeZero(D->operand(0), Depth + 1);
  case Prim::Add:
    return neverNegativeZero(D->operand(0), Depth + 1) ||
           neverNegativeZero(D->operand(1), Depth + 1);
  case Prim::Mul:
    return D->operand(0) == D->operand(1);
  case Prim::Fabs:
  case Prim::Exp:
  case Prim::Exp2:
  case Prim::Cosh:
  case Prim::Hypot:
    return true;
  case Prim::Select:
    return neverNegativeZero(D->operand(1), Depth + 1) &&
           neverNegativeZero(D->operand(2), Depth + 1);
  default:
    return false;
  }
}

/// V with each zmul(T, q) in its arithmetic (through +, -, *, negation,
/// at most Depth levels) replaced by T * q: valid where T != 0.
static Value *withoutGuards(Builder &B, Value *V, const Value *T,
                            unsigned Depth) {
  const Op *D = V->definingOp();
  if (!D || Depth == 0)
    return V;
  if (D->prim() == Prim::ZeroMul && D->operand(0) == T)
    return B.mul(D->operand(0), withoutGuards(B, D->operand(1), T, Depth - 1));
  if (D->prim() != Prim::Mul && D->prim() != Prim::Add &&
      D->prim() != Prim::Sub && D->prim() != Prim::Neg)
    return V;
  std::vector<Value *> Operands;
  bool Changed = false;
  for (Value *U : D->operands()) {
    Operands.push_back(withoutGuards(B, U, T, Depth - 1));
    Changed |= Operands.back() != U;
  }
  return Changed ? B.build(D->prim(), V->type(), Operands, D->attrs()) : V;
}

/// X + Zero is X. A sum of derivative contributions (AccumulationFlag) may
/// drop its zero term whatever the sign.
static bool addingZeroKeeps(const Value *X, const Value *Zero,
                            const Attributes &Sum) {
  auto K = constantValue(Zero);
  return !X->type().isFloat() || Sum.IntValue == AccumulationFlag ||
         std::signbit(*K) || neverNegativeZero(X);
}

/// One of A and B is the logical negation of the other.
static bool negates(const Value *A, const Value *B) {
  for (const auto &[X, Y] : {std::pair{A, B}, std::pair{B, A}})
    if (const Op *D = Y->definingOp();
        D && D->prim() == Prim::Not && D->operand(0) == X)
      return true;
  return false;
}

static Value *negatedOperand(const Value *V) {
  const Op *D = V->definingOp();
  return D && D->prim() == Prim::Neg ? D->operand(0) : nullptr;
}

/// (wide)(a - c) + c is (wide)a when a - c is a signed integer subtraction:
/// it cannot overflow in a valid program. The bounds of loops shifted by an
/// offset look like this.
static Value *undoneOffset(Builder &B, Value *Shifted, Value *C, Type Ty) {
  auto K = constantValue(C);
  const Op *Cast = Shifted->definingOp();
  if (!K || !Ty.isInteger() || !Ty.isSigned() || !Cast ||
      Cast->prim() != Prim::Cast)
    return nullptr;
  const Op *Sub = Cast->operand(0)->definingOp();
  if (!Sub || Sub->prim() != Prim::Sub || !Sub->result()->type().isSigned() ||
      !Sub->result()->type().isInteger() ||
      integerWidth(Sub->result()->type().kind()) > integerWidth(Ty.kind()) ||
      !isConst(Sub->operand(1), *K))
    return nullptr;
  return B.cast(Sub->operand(0), Ty);
}

Value *Folder::fold(Builder &B, Prim P, Type Ty, const std::vector<Value *> &X,
                    const Attributes &Attrs) {
  if (P == Prim::Const || P == Prim::Call || P == Prim::CallGrad ||
      P == Prim::CallJvp || P == Prim::CallVjp || P == Prim::CallPartials ||
      P == Prim::WithDerivative)
    return nullptr;
  // Constant operands: evaluate.
  std::vector<long double> Args;
  std::vector<Type> ArgTypes;
  bool AllConst = !X.empty();
  for (Value *V : X) {
    auto K = constantValue(V);
    if (!K) {
      AllConst = false;
      break;
    }
    Args.push_back(*K);
    ArgTypes.push_back(V->type());
  }
  if (AllConst)
    if (auto R = evaluate(P, Ty, Args, ArgTypes, Attrs))
      return B.constant(Ty, *R);

  switch (P) {
  case Prim::Add:
    // x + 0 is x except for x = -0.0 (IEEE: -0 + +0 = +0), which copysign
    // and 1/x tell apart: a floating x must not be -0, or the 0 be -0.
    if (isConst(X[1], 0) && addingZeroKeeps(X[0], X[1], Attrs))
      return X[0];
    if (Value *A = undoneOffset(B, X[0], X[1], Ty))
      return A;
    if (isConst(X[0], 0) && addingZeroKeeps(X[1], X[0], Attrs))
      return X[1];
    // An accumulation stays one (CarryIncrements.cpp recognises it).
    if (Value *N = negatedOperand(X[1]))
      return B.build(Prim::Sub, Ty, {X[0], N}, Attrs);
    if (Value *N = negatedOperand(X[0]))
      return B.build(Prim::Sub, Ty, {X[1], N}, Attrs);
    break;
  case Prim::Sub:
    // x - +0.0 is x; x - -0.0 is x + 0.0; 0.0 - x is -x except for x = +0.0.
    if (isConst(X[1], 0) &&
        (!Ty.isFloat() || !std::signbit(*constantValue(X[1])) ||
         neverNegativeZero(X[0])))
      return X[0];
    if (isConst(X[0], 0) &&
        (!Ty.isFloat() || std::signbit(*constantValue(X[0]))))
      return B.neg(X[1]);
    if (Value *N = negatedOperand(X[1]))
      return B.build(Prim::Add, Ty, {X[0], N}, Attrs);
    // (a + c1) - c2 is a + (c1 - c2) on integers (exact modulo the width;
    // a loop from c + 1 reversed ends at (c + 1) - 1).
    if (Ty.isInteger())
      if (auto C2 = constantValue(X[1]))
        if (const Op *Sum = X[0]->definingOp();
            Sum && Sum->prim() == Prim::Add && Sum->result()->type() == Ty)
          if (auto C1 = constantValue(Sum->operand(1)))
            return *C1 == *C2
                       ? Sum->operand(0)
                       : B.add(Sum->operand(0), B.constant(Ty, *C1 - *C2));
    break;
  case Prim::Mul:
    for (unsigned I = 0; I < 2; ++I) {
      if (isConst(X[I], 1))
        return X[1 - I];
      if (isConst(X[I], -1))
        return B.neg(X[1 - I]);
      if (!Ty.isFloat() && isConst(X[I], 0))
        return X[I];
    }
    if (Value *N0 = negatedOperand(X[0])) {
      if (Value *N1 = negatedOperand(X[1]))
        return B.mul(N0, N1);
      return B.neg(B.mul(N0, X[1]));
    }
    if (Value *N1 = negatedOperand(X[1]))
      return B.neg(B.mul(X[0], N1));
    break;
  case Prim::Div:
    if (isConst(X[1], 1))
      return X[0];
    if (isConst(X[1], -1))
      return B.neg(X[0]);
    if (Value *N0 = negatedOperand(X[0]))
      return B.neg(B.div(N0, X[1]));
    break;
  case Prim::ZeroMul:
  case Prim::ZeroDiv: {
    // zmul(t, e) evaluates e only where t != 0: a zmul(t, q) inside e is
    // t * q there (repeated forward mode nests such guards).
    if (P == Prim::ZeroMul)
      if (Value *E = withoutGuards(B, X[1], X[0], 12); E != X[1])
        return B.zeroMul(X[0], E);
    // A finite (for zdiv: finite nonzero) partial needs no guard.
    auto K = constantValue(X[1]);
    if (K && std::isfinite(*K) && (P == Prim::ZeroMul || *K != 0))
      return P == Prim::ZeroMul ? B.mul(X[0], X[1]) : B.div(X[0], X[1]);
    if (isConst(X[0], 0))
      return B.zero(Ty);
    if (auto T = constantValue(X[0])) // a nonzero tangent: no zero to keep
      return P == Prim::ZeroMul ? B.mul(X[0], X[1]) : B.div(X[0], X[1]);
    if (Value *N0 = negatedOperand(X[0]))
      return B.neg(B.binary(P, N0, X[1]));
    if (Value *N1 = negatedOperand(X[1]))
      return B.neg(B.binary(P, X[0], N1));
    break;
  }
  case Prim::Neg:
    if (Value *N = negatedOperand(X[0]))
      return N;
    break;
  case Prim::Not:
    if (const Op *D = X[0]->definingOp())
      if (D->prim() == Prim::Not)
        return D->operand(0);
    break;
  case Prim::And:
    for (unsigned I = 0; I < 2; ++I)
      if (auto K = constantValue(X[I]))
        return *K != 0 ? X[1 - I] : X[I];
    if (X[0] == X[1])
      return X[0];
    if (negates(X[0], X[1])) // a && !a
      return B.boolean(false);
    break;
  case Prim::Or:
    for (unsigned I = 0; I < 2; ++I)
      if (auto K = constantValue(X[I]))
        return *K != 0 ? X[I] : X[1 - I];
    if (X[0] == X[1])
      return X[0];
    if (negates(X[0], X[1])) // a || !a (clang warns on it)
      return B.boolean(true);
    break;
  case Prim::Cmp: {
    // An unsigned value is never below 0.
    CmpPred P = Attrs.Predicate;
    for (unsigned I = 0; I < 2; ++I) {
      if (X[I]->type().isSigned() || !X[I]->type().isInteger() ||
          !isConst(X[1 - I], 0))
        continue;
      CmpPred Q = I == 0 ? P : swappedPredicate(P); // x Q 0
      if (Q == CmpPred::LT)
        return B.boolean(false);
      if (Q == CmpPred::GE)
        return B.boolean(true);
    }
    break;
  }
  case Prim::Select:
    if (auto K = constantValue(X[0]))
      return *K != 0 ? X[1] : X[2];
    if (X[1] == X[2])
      return X[1];
    break;
  case Prim::Powi:
    if (isConst(X[1], 1))
      return X[0];
    if (isConst(X[1], 0))
      return B.one(Ty);
    break;
  case Prim::Pow:
    if (isConst(X[1], 1))
      return X[0];
    break;
  case Prim::Cast:
    if (X[0]->type() == Ty)
      return X[0];
    // An integer converted to a type that holds all its values, then
    // converted again, is converted once.
    if (const Op *Inner = X[0]->definingOp())
      if (Inner->prim() == Prim::Cast) {
        Value *Orig = Inner->operand(0);
        Type From = Orig->type(), Mid = X[0]->type();
        bool Preserves =
            From.isInteger() && Mid.isInteger() &&
            (integerWidth(Mid.kind()) > integerWidth(From.kind())
                 ? (Mid.isSigned() || !From.isSigned())
                 : integerWidth(Mid.kind()) == integerWidth(From.kind()) &&
                       Mid.isSigned() == From.isSigned());
        if (Ty.isInteger() && Preserves)
          return B.cast(Orig, Ty);
        // ... and back to its own type, through a type at least as wide.
        if (From == Ty && Ty.isInteger() && Mid.isInteger() &&
            integerWidth(Mid.kind()) >= integerWidth(Ty.kind()))
          return Orig;
      }
    break;
  default:
    break;
  }
  return nullptr;
}

} // namespace adgen
