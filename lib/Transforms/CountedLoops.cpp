//===- CountedLoops.cpp - While loops with an induction variable as for ops
//===//
// The frontend lowers a loop it cannot see is counted (i + 1 < n, a size_t
// counter, a counter declared before the loop, while, do-while) as a while
// op; this pass finds the induction variable by what the loop does, as
// LLVM's IndVarSimplify does, and rewrites the loop as a for op.
//===----------------------------------------------------------------------===//
#include "Transforms/CountedLoops.h"
#include "IR/Builder.h"
#include "IR/Literal.h"
#include "IR/Rebuilder.h"
#include "Transforms/Fold.h"

#include <cmath>
#include <optional>
#include <set>

namespace adgen {

namespace {
std::optional<long long> smallConstant(const Value *V) {
  auto K = constantValue(V);
  if (!K || !V->type().isInteger() || std::fabs(*K) > 4e18L)
    return std::nullopt;
  return static_cast<long long>(*K);
}

/// A test-region argument, possibly widened once, plus a constant.
struct AffineUse {
  const Value *IV = nullptr;
  bool Widened = false;
  long long Offset = 0;
};

std::optional<AffineUse> affineIn(const Value *V, const Region &Test) {
  AffineUse A;
  while (true) {
    if (V->argumentOf() == &Test) {
      A.IV = V;
      return V->type().isInteger() ? std::optional<AffineUse>(A) : std::nullopt;
    }
    const Op *D = V->definingOp();
    if (!D || D->parentRegion() != &Test)
      return std::nullopt;
    if (D->prim() == Prim::Add) {
      auto C = smallConstant(D->operand(1));
      unsigned Rest = 0;
      if (!C) {
        C = smallConstant(D->operand(0));
        Rest = 1;
      }
      if (!C)
        return std::nullopt;
      A.Offset += *C;
      V = D->operand(Rest);
    } else if (D->prim() == Prim::Sub) {
      auto C = smallConstant(D->operand(1));
      if (!C)
        return std::nullopt;
      A.Offset -= *C;
      V = D->operand(0);
    } else if (D->prim() == Prim::Cast && !A.Widened &&
               D->operand(0)->type().isInteger()) {
      A.Widened = true;
      V = D->operand(0);
    } else {
      return std::nullopt;
    }
  }
}

/// True when V has the same value in every iteration of W: defined outside
/// it, or computed in its test by pure ops from such values.
bool invariant(const Value *V, const Op &W, std::set<const Value *> &Checked) {
  const Region &Test = *W.region(0);
  if ((!Test.encloses(V) && !W.region(1)->encloses(V)) ||
      !Checked.insert(V).second)
    return true;
  const Op *D = V->definingOp();
  if (!D || D->parentRegion() != &Test || !isPure(D->prim()) || D->numRegions())
    return false;
  for (const Value *U : D->operands())
    if (!invariant(U, W, Checked))
      return false;
  return true;
}

bool invariant(const Value *V, const Op &W) {
  std::set<const Value *> Checked;
  return invariant(V, W, Checked);
}

/// What makes a while op counted.
struct CountedLoop {
  unsigned IV = 0;            // the carried induction variable
  long long Step = 0;         // added once per iteration
  CmpPred Pred = CmpPred::LT; // iv-side Pred bound
  const Value *Bound = nullptr;
  AffineUse Use;
  std::optional<unsigned> FirstFlag; // do-while: "this is the first test"
};

/// The constant the body adds to carried value K, if that is its update.
std::optional<long long> stepOf(const Op &W, unsigned K) {
  const Region &Body = *W.region(1);
  const Value *Arg = Body.argument(K);
  const Op *D = Body.back()->operand(K)->definingOp();
  if (!D || D->parentRegion() != &Body)
    return std::nullopt;
  std::optional<long long> C;
  if (D->prim() == Prim::Add && D->operand(0) == Arg)
    C = smallConstant(D->operand(1));
  else if (D->prim() == Prim::Add && D->operand(1) == Arg)
    C = smallConstant(D->operand(0));
  else if (D->prim() == Prim::Sub && D->operand(0) == Arg)
    if ((C = smallConstant(D->operand(1))))
      C = -*C;
  if (!C || *C == 0)
    return std::nullopt;
  return C;
}

/// do-while: the test is first || cond, where the carried flag first starts
/// true and the body sets it to false.
const Value *doWhileCondition(const Op &W, const Value *Cond,
                              std::optional<unsigned> &Flag) {
  const Region &Test = *W.region(0), &Body = *W.region(1);
  const Op *D = Cond->definingOp();
  if (!D || D->prim() != Prim::Or || D->parentRegion() != &Test)
    return Cond;
  for (unsigned I = 0; I < 2; ++I) {
    const Value *F = D->operand(I);
    if (F->argumentOf() != &Test)
      continue;
    unsigned K = F->index();
    auto Init = constantValue(W.operand(K));
    auto Next = constantValue(Body.back()->operand(K));
    if (Init && *Init != 0 && Next && *Next == 0 &&
        !Body.uses(Body.argument(K))) {
      Flag = K;
      return D->operand(1 - I);
    }
  }
  return Cond;
}

/// Whether a widened comparison keeps its meaning when the loop counts in
/// the induction variable's own type (docs/supported.md).
bool wideningAllowed(Type IVTy, Type CmpTy, const Value *Init) {
  unsigned From = integerWidth(IVTy.kind()), To = integerWidth(CmpTy.kind());
  if (IVTy.isSigned() == CmpTy.isSigned())
    return To >= From;
  if (!IVTy.isSigned()) // unsigned into a wider signed type: exact
    return To > From;
  // A signed counter compared as unsigned (int i < v.size()): exact while
  // the counter is not negative, so it must start at a constant >= 0.
  auto K = smallConstant(Init);
  return To >= From && K && *K >= 0;
}

std::optional<CountedLoop> matchCounted(const Op &W) {
  const Region &Test = *W.region(0);
  if (!Test.back() || Test.back()->numOperands() != 1)
    return std::nullopt;
  CountedLoop L;
  const Value *Cond = doWhileCondition(W, Test.back()->operand(0), L.FirstFlag);
  const Op *Cmp = Cond->definingOp();
  if (!Cmp || Cmp->prim() != Prim::Cmp || Cmp->parentRegion() != &Test)
    return std::nullopt;
  for (unsigned Side = 0; Side < 2; ++Side) {
    auto Use = affineIn(Cmp->operand(Side), Test);
    if (!Use || !invariant(Cmp->operand(1 - Side), W))
      continue;
    L.Use = *Use;
    L.IV = Use->IV->index();
    L.Bound = Cmp->operand(1 - Side);
    L.Pred = Side == 0 ? Cmp->attrs().Predicate
                       : swappedPredicate(Cmp->attrs().Predicate);
    break;
  }
  if (!L.Use.IV || (L.FirstFlag && *L.FirstFlag == L.IV))
    return std::nullopt;
  auto Step = stepOf(W, L.IV);
  if (!Step)
    return std::nullopt;
  L.Step = *Step;
  bool Up = L.Pred == CmpPred::LT || L.Pred == CmpPred::LE ||
            (L.Pred == CmpPred::NE && L.Step == 1);
  bool Down = L.Pred == CmpPred::GT || L.Pred == CmpPred::GE ||
              (L.Pred == CmpPred::NE && L.Step == -1);
  if ((L.Step > 0 && !Up) || (L.Step < 0 && !Down))
    return std::nullopt;
  Type IVTy = Test.argument(L.IV)->type();
  Type CmpTy = L.Bound->type();
  const Value *Init = W.operand(L.IV);
  if (L.Use.Widened ? L.Step < 0 || !wideningAllowed(IVTy, CmpTy, Init)
                    : CmpTy != IVTy)
    return std::nullopt;
  // An unsigned counter counting down runs as a signed one (raise()) when
  // it cannot wrap: i > b by steps of 1 stops at b >= 0 (with i >= b,
  // i != b or an offset, i would wrap below 0 for some b and go on).
  if (!IVTy.isSigned() && L.Step < 0 &&
      (L.Step != -1 || L.Use.Offset != 0 || L.Pred != CmpPred::GT))
    return std::nullopt;
  // An unsigned iv + c with c < 0 wraps below |c|: only from a start past it.
  if (!CmpTy.isSigned()) {
    auto K = smallConstant(Init);
    if (L.Step > 0 && L.Use.Offset < 0 && (!K || *K < -L.Use.Offset))
      return std::nullopt;
  }
  // The test only computes: nothing in it may write or branch.
  for (const auto &O : Test.ops())
    if (O->numRegions() ||
        (hasSideEffects(O->prim()) && O.get() != Test.back()))
      return std::nullopt;
  return L;
}

class Raiser : public Rebuilder {
public:
  explicit Raiser(Region *Body) : Rebuilder(Body) { B.setFoldHook(&Fold); }

private:
  Folder Fold;

  bool rewrite(const Op &O) override {
    if (O.prim() != Prim::While)
      return false;
    auto L = matchCounted(O);
    if (L)
      raise(O, *L);
    return L.has_value();
  }

  /// V, computed by the test of W from loop-invariant values, before W.
  Value *hoist(const Value *V, const Op &W) {
    if (!W.region(0)->encloses(V))
      return lookup(Map, V);
    auto It = Map.find(V);
    if (It != Map.end())
      return It->second;
    const Op *D = V->definingOp();
    std::vector<Value *> Operands;
    for (const Value *U : D->operands())
      Operands.push_back(hoist(U, W));
    Value *R = B.build(D->prim(), V->type(), Operands, D->attrs());
    Map[V] = R;
    return R;
  }

  Value *constant(Type Ty, long long V) { return B.constant(Ty, V); }

  /// Bound - Shift, without wrapping below 0 when unsigned.
  Value *shifted(Value *Bound, long long Shift) {
    Type Ty = Bound->type();
    if (Shift < 0)
      return B.add(Bound, constant(Ty, -Shift));
    if (Shift == 0)
      return Bound;
    Value *Diff = B.sub(Bound, constant(Ty, Shift));
    if (Ty.isSigned())
      return Diff;
    return B.select(B.cmp(CmpPred::LT, Bound, constant(Ty, Shift)),
                    constant(Ty, 0), Diff);
  }

  /// The for op's upper (or, counting down, lower) bound: the loop runs
  /// while iv < UB (iv > UB).
  Value *forBound(const Op &W, const CountedLoop &L, Value *LB) {
    Type IVTy = LB->type();
    Value *Bound = hoist(L.Bound, W);
    long long C = L.Use.Offset;
    if (L.Step > 0) {
      // iv + c < b: iv < b - c; iv + c <= b: iv < b - (c - 1).
      Value *UB = shifted(Bound, L.Pred == CmpPred::LE ? C - 1 : C);
      if (L.Use.Widened) { // at least lb, then in the counter's type
        Value *Wide = B.cast(LB, UB->type());
        UB = B.cast(B.select(B.cmp(CmpPred::LT, UB, Wide), Wide, UB), IVTy);
      }
      if (L.FirstFlag) // do-while: at least one iteration
        UB = B.select(B.cmp(CmpPred::LT, LB, UB), UB,
                      B.add(LB, constant(IVTy, 1)));
      return UB;
    }
    // iv + c > b: iv > b - c; iv + c >= b: iv > b - (c + 1).
    Value *LowerBound = shifted(Bound, L.Pred == CmpPred::GE ? C + 1 : C);
    if (L.FirstFlag)
      LowerBound = B.select(B.cmp(CmpPred::GT, LB, LowerBound), LowerBound,
                            B.sub(LB, constant(IVTy, 1)));
    return LowerBound;
  }

  /// The first induction value for which the loop's test fails.
  Value *exitValue(Value *LB, Value *UB, long long Step) {
    Type Ty = LB->type();
    bool Up = Step > 0;
    long long Abs = Up ? Step : -Step;
    Value *Runs = B.cmp(Up ? CmpPred::LT : CmpPred::GT, LB, UB);
    if (Abs == 1)
      return B.select(Runs, UB, LB);
    Value *Moved = B.mul(iterations(B, LB, UB, Step), constant(Ty, Abs));
    return Up ? B.add(LB, Moved) : B.sub(LB, Moved);
  }

  void raise(const Op &W, const CountedLoop &L) {
    B.setLoc(W.loc());
    const Region &Body = *W.region(1);
    Value *LB = lookup(Map, W.operand(L.IV));
    Type IVTy = LB->type();
    Value *UB = forBound(W, L, LB);
    std::vector<unsigned> Kept;
    for (unsigned J = 0; J < W.numResults(); ++J)
      if (J != L.IV && (!L.FirstFlag || J != *L.FirstFlag))
        Kept.push_back(J);
    // The for op's step is a constant of its counter's type, so an unsigned
    // counter counting down (i = n; i > 0; --i) is counted in long long
    // (sizes stay below 2^63) and converted back in the body.
    Type CountTy = IVTy;
    if (!IVTy.isSigned() && L.Step < 0) {
      CountTy = Type(TypeKind::LongLong);
      LB = B.cast(LB, CountTy);
      UB = B.cast(UB, CountTy);
    }
    std::vector<Value *> Operands{LB, UB, constant(CountTy, L.Step)};
    std::vector<Type> Types;
    for (unsigned J : Kept) {
      Operands.push_back(lookup(Map, W.operand(J)));
      Types.push_back(W.result(J)->type());
    }
    B.setLoc(W.loc());
    Op *For = B.create(Prim::For, Operands, Types, {}, 1);
    Region *NewBody = For->region(0);
    Value *Counter = NewBody->addArgument(CountTy, Body.argument(L.IV)->name());
    for (unsigned J : Kept)
      Map[Body.argument(J)] = NewBody->addArgument(Body.argument(J)->type(),
                                                   Body.argument(J)->name());
    B.enter(NewBody);
    Map[Body.argument(L.IV)] =
        CountTy == IVTy ? Counter : B.cast(Counter, IVTy);
    std::vector<Value *> Next = region(Body);
    std::vector<Value *> Yield;
    for (unsigned J : Kept)
      Yield.push_back(Next[J]);
    B.yield(Yield);
    B.exit();
    for (unsigned I = 0; I < Kept.size(); ++I) {
      For->result(I)->setName(W.result(Kept[I])->name());
      Map[W.result(Kept[I])] = For->result(I);
    }
    Value *Exit = exitValue(LB, UB, L.Step);
    Map[W.result(L.IV)] = CountTy == IVTy ? Exit : B.cast(Exit, IVTy);
    if (L.FirstFlag)
      Map[W.result(*L.FirstFlag)] = B.boolean(false);
  }
};
} // namespace

Value *iterations(Builder &B, Value *LB, Value *UB, long long Step) {
  Type Ty = LB->type();
  bool Up = Step > 0;
  Value *Abs = B.constant(Ty, Up ? Step : -Step);
  Value *Span = Up ? B.sub(UB, LB) : B.sub(LB, UB);
  return B.select(B.cmp(Up ? CmpPred::LT : CmpPred::GT, LB, UB),
                  B.div(B.add(Span, B.sub(Abs, B.one(Ty))), Abs), B.zero(Ty));
}

std::unique_ptr<Function> raiseCountedLoops(const Function &F) {
  return rebuildWith<Raiser>(F);
}

} // namespace adgen
