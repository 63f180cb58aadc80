//===- JvpRules.cpp - The JVP rule of every primitive ---------------------===//
// The one table of forward derivatives: d(op)(x)[t]. Everything built on the
// tangents here is linear in them (mul by a primal, add, neg, div by a
// primal, select), which is what lets reverse mode transpose it.
//===----------------------------------------------------------------------===//
#include "IR/CallArguments.h"
#include "Rules/Rules.h"

#include <cmath>
#include <optional>

namespace adgen {

namespace {
constexpr long double Ln2 = 0.693147180559945309417232121458176568L;
constexpr long double Ln10 = 2.302585092994045684017991454684364208L;
constexpr long double TwoOverSqrtPi = 1.128379167095512573896158903121545172L;

bool isConstant(const Value *V, long double K) {
  const Op *D = V->definingOp();
  return D && D->prim() == Prim::Const && D->constantValue() == K;
}

/// sign(x) as a primal value: 1, -1, or 0 at 0.
Value *sign(Builder &B, Value *X) {
  Type Ty = X->type();
  Value *Zero = B.zero(Ty);
  return B.select(
      B.cmp(CmpPred::GT, X, Zero), B.one(Ty),
      B.select(B.cmp(CmpPred::LT, X, Zero), B.constant(Ty, -1), Zero));
}

/// The tangent of fmin/fmax: the selected argument's, the mean of both at a
/// tie. Selects, not weights: the tangent of the argument not selected is
/// never multiplied by 0 (it may be infinite, as sqrt's at 0).
Value *choice(RuleContext &C, CmpPred Wins, const std::vector<Value *> &X,
              const std::vector<Value *> &T) {
  if (!T[0] && !T[1])
    return nullptr;
  Builder &B = C.B;
  Type Ty = X[0]->type();
  Value *T0 = T[0] ? T[0] : B.zero(Ty), *T1 = T[1] ? T[1] : B.zero(Ty);
  Value *Tie = B.mul(B.constant(Ty, 0.5), B.add(T0, T1));
  return B.select(B.cmp(Wins, X[0], X[1]), T0,
                  B.select(B.cmp(Wins, X[1], X[0]), T1, Tie));
}

Value *callRule(RuleContext &C, const Op &O, const std::vector<Value *> &X,
                const std::vector<Value *> &T, Value *&Y) {
  bool AnyTangent = false;
  for (Value *Ti : T)
    AnyTangent |= Ti != nullptr;
  if (!AnyTangent)
    return nullptr;
  // The callee's generated gradient returns its value and one partial per
  // floating-point parameter.
  std::vector<Type> ResultTypes{O.result()->type()};
  for (Value *Xi : X)
    if (Xi->type().isFloat())
      ResultTypes.push_back(Xi->type());
  Op *Grad = C.B.create(Prim::CallGrad, X, ResultTypes, O.attrs());
  Grad->result(0)->setName(Y->name());
  Y = Grad->result(0);
  Value *Tangent = nullptr;
  unsigned Partial = 1;
  for (unsigned I = 0; I < X.size(); ++I) {
    if (!X[I]->type().isFloat())
      continue;
    Value *D = Grad->result(Partial++);
    if (T[I])
      Tangent = C.add(
          Tangent, C.scale(C.B.cast(D, Y->type()), C.B.cast(T[I], Y->type())));
  }
  return Tangent;
}

/// A call with arrays: the callee's jvp, given the tangents the call has
/// (the mask says which parameters they belong to).
Value *arrayCallRule(RuleContext &C, const Op &O, const std::vector<Value *> &X,
                     const std::vector<Value *> &T, Value *&Y) {
  Attributes Attrs = O.attrs();
  Attrs.Args = O.numOperands();
  Attrs.IntValue = 0;
  std::vector<Value *> Operands = X;
  for (const CallArgument &A : callArguments(O)) {
    Value *Tangent = T[A.Operand];
    if (!Tangent || A.Param >= 64)
      continue;
    Attrs.IntValue |= 1LL << A.Param;
    Operands.push_back(Tangent);
  }
  if (!Attrs.IntValue)
    return nullptr;
  return C.B.build(Prim::CallJvp, Y->type(), Operands, Attrs);
}
} // namespace

Value *jvpRule(RuleContext &C, const Op &O, const std::vector<Value *> &X,
               const std::vector<Value *> &T, Value *&Y) {
  Builder &B = C.B;
  if (O.prim() == Prim::Store) {
    // The tangent array gets the value's tangent at the same index.
    if (T[1]) {
      Type Elem = X[0]->type();
      B.create(Prim::Store, {T[0] ? T[0] : B.zero(Elem), T[1], X[2]}, {});
    }
    return nullptr;
  }
  Type Ty = O.numResults() ? O.result()->type() : Type();
  if (!Ty.isFloat())
    return nullptr; // integers and booleans carry no derivative
  auto K = [&](long double V) { return B.constant(Ty, V); };
  Value *X0 = X.empty() ? nullptr : X[0];
  Value *T0 = T.empty() ? nullptr : T[0];
  Value *T1 = T.size() > 1 ? T[1] : nullptr;

  switch (O.prim()) {
  case Prim::Const:
  case Prim::Cmp:
  case Prim::And:
  case Prim::Or:
  case Prim::Not:
  case Prim::Rem:
  case Prim::Floor:
  case Prim::Ceil:
  case Prim::Round:
  case Prim::Trunc:
    return nullptr;
  case Prim::Cast:
    return X0->type().isFloat() && T0 ? B.cast(T0, Ty) : nullptr;
  case Prim::Load:
    return T0 ? B.create(Prim::Load, {T0, X[1]}, {Ty})->result() : nullptr;
  case Prim::Select:
    if (!T[1] && !T[2])
      return nullptr;
    return B.select(X[0], T[1] ? T[1] : K(0), T[2] ? T[2] : K(0));
  case Prim::Add:
    return C.add(T0, T1);
  case Prim::Sub:
    return C.sub(T0, T1);
  case Prim::Neg:
    return C.negate(T0);
  case Prim::Mul:
    return C.add(C.scale(X[1], T0), C.scale(X[0], T1));
  case Prim::Div:
    // (t0 - y t1) / x1
    return C.divideStrong(C.sub(T0, C.scaleStrong(Y, T1)), X[1]);
  case Prim::Powi: {
    if (isConstant(X[1], 0))
      return nullptr; // x^0 = 1, also at x = 0
    Type IntTy = X[1]->type();
    Value *NMinus1 = B.sub(X[1], B.constant(IntTy, 1));
    Value *D = B.mul(B.cast(X[1], Ty), B.math(Prim::Powi, {X0, NMinus1}));
    // x^(n-1) is singular at 0 for n < 1; for n >= 1 it overflows only
    // where x^n does, far beyond 1e30.
    auto N =
        X[1]->definingOp() && X[1]->definingOp()->prim() == Prim::Const
            ? std::optional<long double>(X[1]->definingOp()->constantValue())
            : std::nullopt;
    return N && *N >= 1 ? C.scale(D, T0) : C.scaleStrong(D, T0);
  }
  case Prim::Sin:
    return C.scale(B.math(Prim::Cos, {X0}), T0);
  case Prim::Cos:
    return C.scale(B.neg(B.math(Prim::Sin, {X0})), T0);
  case Prim::Tan:
    return C.scale(B.add(K(1), B.mul(Y, Y)), T0);
  case Prim::Asin:
    return C.divideStrong(T0, B.math(Prim::Sqrt, {B.sub(K(1), B.mul(X0, X0))}));
  case Prim::Acos:
    return C.negate(
        C.divideStrong(T0, B.math(Prim::Sqrt, {B.sub(K(1), B.mul(X0, X0))})));
  case Prim::Atan:
    return C.divide(T0, B.add(K(1), B.mul(X0, X0)));
  case Prim::Sinh:
    return C.scaleStrong(B.math(Prim::Cosh, {X0}), T0);
  case Prim::Cosh:
    return C.scaleStrong(B.math(Prim::Sinh, {X0}), T0);
  case Prim::Tanh:
    return C.scale(B.sub(K(1), B.mul(Y, Y)), T0);
  case Prim::Asinh:
    return C.divide(T0, B.math(Prim::Sqrt, {B.add(B.mul(X0, X0), K(1))}));
  case Prim::Acosh:
    // sqrt(x-1) sqrt(x+1) is accurate near 1 where sqrt(x*x-1) cancels.
    return C.divideStrong(T0, B.mul(B.math(Prim::Sqrt, {B.sub(X0, K(1))}),
                                    B.math(Prim::Sqrt, {B.add(X0, K(1))})));
  case Prim::Atanh:
    return C.divideStrong(T0, B.sub(K(1), B.mul(X0, X0)));
  // The exponentials overflow to inf (x > 709 for exp), also in an arm a
  // guard such as x > 30 ? x : log1p(exp(x)) does not take.
  case Prim::Exp:
    return C.scaleStrong(Y, T0);
  case Prim::Exp2:
    return C.scaleStrong(B.mul(Y, K(Ln2)), T0);
  case Prim::Expm1:
    return C.scaleStrong(B.add(Y, K(1)), T0);
  case Prim::Log:
    return C.divideStrong(T0, X0);
  case Prim::Log2:
    return C.divideStrong(T0, B.mul(X0, K(Ln2)));
  case Prim::Log10:
    return C.divideStrong(T0, B.mul(X0, K(Ln10)));
  case Prim::Log1p:
    return C.divideStrong(T0, B.add(K(1), X0));
  case Prim::Sqrt:
    return C.divideStrong(T0, B.mul(K(2), Y));
  case Prim::Cbrt:
    return C.divideStrong(T0, B.mul(K(3), B.mul(Y, Y)));
  case Prim::Fabs:
    return C.scale(sign(B, X0), T0);
  case Prim::Erf:
    return C.scale(
        B.mul(K(TwoOverSqrtPi), B.math(Prim::Exp, {B.neg(B.mul(X0, X0))})), T0);
  case Prim::Erfc:
    return C.scale(
        B.mul(K(-TwoOverSqrtPi), B.math(Prim::Exp, {B.neg(B.mul(X0, X0))})),
        T0);
  case Prim::Lgamma: // the poles at 0, -1, -2, ...
    return C.scaleStrong(B.math(Prim::Digamma, {X0}), T0);
  case Prim::Tgamma:
    return C.scaleStrong(B.mul(Y, B.math(Prim::Digamma, {X0})), T0);
  case Prim::Digamma:
    return C.scaleStrong(B.math(Prim::Trigamma, {X0}), T0);
  case Prim::Trigamma:
    return T0 ? C.fail("the derivative of trigamma (third derivative of "
                       "lgamma) is not supported")
              : nullptr;
  case Prim::Atan2: {
    // atan2(y, x): (x ty - y tx) / (x^2 + y^2)
    Value *Den = B.add(B.mul(X[0], X[0]), B.mul(X[1], X[1]));
    return C.add(C.scaleStrong(B.div(X[1], Den), T0),
                 C.scaleStrong(B.div(B.neg(X[0]), Den), T1));
  }
  case Prim::Pow: {
    Value *DBase = nullptr, *DExp = nullptr;
    if (T0 && !isConstant(X[1], 0)) // x^0 = 1, also at x = 0
      DBase = B.mul(X[1], B.math(Prim::Pow, {X0, B.sub(X[1], K(1))}));
    if (T1) // d/dp x^p = x^p log x, taken as 0 at x = 0 (its limit for p > 0)
      DExp = B.select(B.cmp(CmpPred::EQ, X0, K(0)), K(0),
                      B.mul(Y, B.math(Prim::Log, {X0})));
    return C.add(DBase ? C.scaleStrong(DBase, T0) : nullptr,
                 T1 ? C.scaleStrong(DExp, T1) : nullptr);
  }
  case Prim::Hypot: {
    // x / h, taken as 0 at h = 0.
    Value *AtZero = B.cmp(CmpPred::EQ, Y, K(0));
    auto Partial = [&](Value *V) {
      return B.select(AtZero, K(0), B.div(V, Y));
    };
    return C.add(T0 ? C.scale(Partial(X[0]), T0) : nullptr,
                 T1 ? C.scale(Partial(X[1]), T1) : nullptr);
  }
  case Prim::Fmin:
    return choice(C, CmpPred::LT, X, T);
  case Prim::Fmax:
    return choice(C, CmpPred::GT, X, T);
  case Prim::Copysign:
    return C.scale(B.mul(B.math(Prim::Copysign, {K(1), X[0]}),
                         B.math(Prim::Copysign, {K(1), X[1]})),
                   T0);
  case Prim::Fmod:
    // fmod(x, y) = x - trunc(x / y) y
    return C.sub(
        T0, T1 ? C.scaleStrong(B.math(Prim::Trunc, {B.div(X[0], X[1])}), T1)
               : nullptr);
  case Prim::Fma:
    return C.add(C.add(C.scale(X[1], T0), C.scale(X[0], T1)), T[2]);
  case Prim::ZeroMul:
    // Linear in either operand, the zero of operand 0 stays strong.
    return C.add(C.scaleStrong(X[1], T0), T1 ? B.zeroMul(X[0], T1) : nullptr);
  case Prim::ZeroDiv:
    // (t0 - y t1) / x1, with y = 0 wherever x0 is
    return C.sub(C.divideStrong(T0, X[1]),
                 T1 ? B.zeroMul(Y, B.zeroDiv(T1, X[1])) : nullptr);
  case Prim::Call:
    if (callTakesArrays(O))
      return arrayCallRule(C, O, X, T, Y);
    return callRule(C, O, X, T, Y);
  case Prim::CallJvp:
  case Prim::CallVjp:
  case Prim::CallGrad:
  case Prim::CallPartials:
  case Prim::WithDerivative:
    return C.fail("second derivatives through calls to user functions are "
                  "not supported yet");
  case Prim::CallGenerated:
    return C.fail("internal error: a call to a generated derivative was not "
                  "expanded");
  case Prim::If:
  case Prim::For:
  case Prim::While:
  case Prim::Yield:
  case Prim::Return:
  case Prim::Alloc:
  case Prim::Store:
  case Prim::Length:
  case Prim::Fill:
  case Prim::StackNew:
  case Prim::Push:
  case Prim::Pop:
  case Prim::Reserve:
    return C.fail(std::string("internal error: '") + mnemonic(O.prim()) +
                  "' is differentiated by the transform, not by a rule");
  }
  return C.fail(std::string("no derivative rule for '") + mnemonic(O.prim()) +
                "'");
}

} // namespace adgen
