//===- InductionVariables.cpp - Closed forms of secondary counters --------===//
// A for loop's carried integer j with j' = j + c (c defined outside the loop)
// is j0 + t c in iteration t = (iv - lb) / step; after the loop it is
// j0 + trips c. The carried value disappears, and with it what reverse mode
// would record of it.
//===----------------------------------------------------------------------===//
#include "Transforms/InductionVariables.h"
#include "IR/Rebuilder.h"
#include "Transforms/CountedLoops.h"
#include "Transforms/Fold.h"

#include <algorithm>

namespace adgen {

namespace {
/// The amount the body adds to carried value I every iteration, and whether
/// it subtracts it.
struct Advance {
  const Value *Amount = nullptr;
  bool Subtract = false;
};

/// Carried value I of a for or while op: its body argument and yield.
std::optional<Advance> advanceOf(const Op &Loop, unsigned I) {
  const Region &Body = *Loop.region(loopBodyIndex(Loop.prim()));
  const Value *Arg = Body.argument(I + loopCarriedArgument(Loop.prim()));
  if (!Arg->type().isInteger())
    return std::nullopt;
  const Op *D = Body.back()->operand(I)->definingOp();
  if (!D || D->parentRegion() != &Body ||
      (D->prim() != Prim::Add && D->prim() != Prim::Sub))
    return std::nullopt;
  for (unsigned Side = 0; Side < 2; ++Side) {
    if (D->operand(Side) != Arg || (Side == 1 && D->prim() == Prim::Sub))
      continue;
    const Value *C = D->operand(1 - Side);
    if (Body.encloses(C) && !constantValue(C))
      return std::nullopt; // may change from one iteration to the next
    return Advance{C, D->prim() == Prim::Sub};
  }
  return std::nullopt;
}

} // namespace

std::optional<unsigned> whileTripCounter(const Op &W) {
  const Region &Body = *W.region(1);
  for (unsigned I = 0; I < W.numResults(); ++I) {
    auto Init = constantValue(W.operand(I));
    const Value *Arg = Body.argument(I);
    const Op *D = Body.back()->operand(I)->definingOp();
    if (!Arg->type().isInteger() || !Init || *Init != 0 || !D ||
        D->prim() != Prim::Add || D->parentRegion() != &Body)
      continue;
    for (unsigned Side = 0; Side < 2; ++Side) {
      auto One = constantValue(D->operand(1 - Side));
      if (D->operand(Side) == Arg && One && *One == 1)
        return I;
    }
  }
  return std::nullopt;
}

namespace {
class Closer : public Rebuilder {
public:
  explicit Closer(Region *Body) : Rebuilder(Body) { B.setFoldHook(&Fold); }

private:
  Folder Fold;

  bool rewrite(const Op &O) override {
    if (!isLoop(O.prim()))
      return false;
    std::vector<std::optional<Advance>> Advances;
    bool Any = false;
    for (unsigned I = 0; I < O.numResults(); ++I) {
      Advances.push_back(advanceOf(O, I));
      Any |= Advances.back().has_value();
    }
    if (O.prim() == Prim::While) {
      auto Counter = whileTripCounter(O);
      if (Counter)
        Advances[*Counter].reset(); // the counter itself stays
      Any = false;
      for (const auto &A : Advances)
        Any |= A.has_value();
      if (Any)
        closeWhile(O, Advances, Counter);
      return Any;
    }
    if (!Any)
      return false;
    closeLoop(O, Advances);
    return true;
  }

  /// A while loop counts its iterations in a carried t (0, 1, ...); the
  /// other counters are j0 + t c in both regions, and j0 + trips c after.
  void closeWhile(const Op &O,
                  const std::vector<std::optional<Advance>> &Advances,
                  std::optional<unsigned> Counter) {
    B.setLoc(O.loc());
    Type CountTy(TypeKind::LongLong);
    std::vector<unsigned> Kept;
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I]) {
        Kept.push_back(I);
        Operands.push_back(lookup(Map, O.operand(I)));
        Types.push_back(O.result(I)->type());
      }
    unsigned CounterSlot = Kept.size();
    if (Counter) {
      CounterSlot =
          std::find(Kept.begin(), Kept.end(), *Counter) - Kept.begin();
    } else {
      Operands.push_back(B.zero(CountTy));
      Types.push_back(CountTy);
    }
    Op *New = B.create(Prim::While, Operands, Types, O.attrs(), 2);
    for (unsigned R = 0; R < 2; ++R) {
      const Region &Old = *O.region(R);
      Region *NewR = New->region(R);
      for (unsigned I : Kept)
        Map[Old.argument(I)] =
            NewR->addArgument(Old.argument(I)->type(), Old.argument(I)->name());
      Value *T = Counter ? Map[Old.argument(*Counter)]
                         : NewR->addArgument(CountTy, "iteration");
      B.enter(NewR);
      for (unsigned I = 0; I < O.numResults(); ++I)
        if (Advances[I]) {
          Value *J = after(lookup(Map, O.operand(I)), T, *Advances[I]);
          J->setName(Old.argument(I)->name());
          Map[Old.argument(I)] = J;
        }
      std::vector<Value *> Next = region(Old), Yields;
      if (R == 0) {
        Yields.push_back(Next[0]);
      } else {
        for (unsigned I : Kept)
          Yields.push_back(Next[I]);
        if (!Counter)
          Yields.push_back(B.add(T, B.one(CountTy)));
      }
      B.yield(Yields);
      B.exit();
    }
    for (unsigned I = 0; I < Kept.size(); ++I) {
      New->result(I)->setName(O.result(Kept[I])->name());
      Map[O.result(Kept[I])] = New->result(I);
    }
    Value *Trips = New->result(CounterSlot);
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (Advances[I])
        Map[O.result(I)] =
            after(lookup(Map, O.operand(I)), Trips, *Advances[I]);
  }

  /// Init + N * Amount (minus, when the loop subtracts), in Init's type.
  Value *after(Value *Init, Value *N, const Advance &A) {
    Type Ty = Init->type();
    auto K = constantValue(A.Amount);
    Value *Amount =
        K ? B.constant(A.Amount->type(), *K) : lookup(Map, A.Amount);
    Value *Moved = B.mul(B.cast(N, Ty), B.cast(Amount, Ty));
    return A.Subtract ? B.sub(Init, Moved) : B.add(Init, Moved);
  }

  void closeLoop(const Op &O,
                 const std::vector<std::optional<Advance>> &Advances) {
    const Region &Body = *O.region(0);
    B.setLoc(O.loc());
    Value *LB = lookup(Map, O.operand(0)), *UB = lookup(Map, O.operand(1));
    Value *Step = lookup(Map, O.operand(2));
    long long K = static_cast<long long>(*constantValue(Step));
    Type Ty = LB->type();
    Value *Abs = B.constant(Ty, K > 0 ? K : -K);
    std::vector<Value *> Operands{LB, UB, Step};
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I]) {
        Operands.push_back(lookup(Map, O.operand(3 + I)));
        Types.push_back(O.result(I)->type());
      }
    Op *New = B.create(Prim::For, Operands, Types, O.attrs(), 1);
    Region *NewBody = New->region(0);
    Value *IV = NewBody->addArgument(Ty, Body.argument(0)->name());
    Map[Body.argument(0)] = IV;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I])
        Map[Body.argument(I + 1)] = NewBody->addArgument(
            Body.argument(I + 1)->type(), Body.argument(I + 1)->name());
    B.enter(NewBody);
    // Iteration t = (iv - lb) / |step|, counting from 0.
    Value *T = B.div(K > 0 ? B.sub(IV, LB) : B.sub(LB, IV), Abs);
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (Advances[I]) {
        Value *J = after(lookup(Map, O.operand(3 + I)), T, *Advances[I]);
        J->setName(Body.argument(I + 1)->name());
        Map[Body.argument(I + 1)] = J;
      }
    std::vector<Value *> Next = region(Body), Kept;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I])
        Kept.push_back(Next[I]);
    B.yield(Kept);
    B.exit();
    Value *Trips = iterations(B, LB, UB, K);
    unsigned Next_ = 0;
    for (unsigned I = 0; I < O.numResults(); ++I) {
      if (Advances[I]) {
        Value *J = after(lookup(Map, O.operand(3 + I)), Trips, *Advances[I]);
        Map[O.result(I)] = J;
        continue;
      }
      New->result(Next_)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(Next_++);
    }
  }
};
} // namespace

std::unique_ptr<Function> closeInductionVariables(const Function &F) {
  return rebuildWith<Closer>(F);
}

} // namespace adgen
