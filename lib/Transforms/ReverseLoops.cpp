//===- ReverseLoops.cpp - Reverse mode of loops ---------------------------===//
// The forward loop is the primal loop plus a push of each recorded value; the
// backward loop runs the iterations in reverse, first popping or recomputing
// the values the iteration needs (RecordingPlan), then transposing the body.
// Cotangents of carried values are carried backwards; cotangents of linear
// values from outside the loop are accumulated in extra carried values.
//===----------------------------------------------------------------------===//
#include "Transforms/CountedLoops.h"
#include "Transforms/Fold.h"
#include "Transforms/InductionVariables.h"
#include "Transforms/Jvp.h"
#include "Transforms/LoopFusion.h"
#include "Transforms/ReverseMode.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace adgen {

Value *ReverseMode::forwardTripCount(const Op &Loop) {
  B.setLoc(Loop.loc());
  std::optional<long double> K = constantValue(known(Loop.operand(2)));
  Type IVTy = Loop.region(0)->argument(0)->type();
  Type CountTy = IVTy.isSigned() ? IVTy : Type(TypeKind::LongLong);
  Value *N = iterations(B, B.cast(known(Loop.operand(0)), CountTy),
                        B.cast(known(Loop.operand(1)), CountTy),
                        K ? static_cast<long long>(*K) : 1);
  return B.cast(N, Type(TypeKind::ULong));
}

void ReverseMode::reserveNested(const Region &R, const Op &Outer,
                                Value *Times) {
  // Not into branches: a loop in an arm that runs once would get room for
  // every iteration of Outer.
  for (const auto &O : R.ops()) {
    if (O->prim() != Prim::For)
      continue;
    bool Invariant = true;
    for (unsigned I = 0; I < 3; ++I) {
      const Op *D = O->operand(I)->definingOp();
      Invariant &= !Outer.region(0)->encloses(O->operand(I)) ||
                   (D && D->prim() == Prim::Const); // known() copies it
    }
    if (!Invariant)
      continue;
    Value *Count = B.mul(Times, forwardTripCount(*O));
    for (Value *S : stacksPushedIn(*O))
      B.create(Prim::Reserve, {S, Count}, {});
    ReservedByOuterLoop.insert(O.get());
    reserveNested(*O->region(0), Outer, Count);
  }
}

void ReverseMode::forwardFor(const Op &O) {
  // Room on each stack this loop and the loops in it push to, so that
  // pushes never allocate.
  if (!ReservedByOuterLoop.count(&O)) {
    std::vector<Value *> Pushed = stacksPushedIn(O);
    Value *Count = forwardTripCount(O);
    for (Value *S : Pushed)
      B.create(Prim::Reserve, {S, Count}, {});
    reserveNested(*O.region(0), O, Count);
  }
  std::vector<unsigned> KnownCarried;
  std::vector<Value *> Operands;
  std::vector<Type> Types;
  for (unsigned I = 0; I < 3; ++I)
    Operands.push_back(lookup(Known, O.operand(I)));
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (!Info.isLinear(O.result(I))) {
      KnownCarried.push_back(I);
      Operands.push_back(lookup(Known, O.operand(3 + I)));
      Types.push_back(O.result(I)->type());
    }
  B.setLoc(O.loc());
  Attributes Pair; // ties the forward loop to its backward loop for fusion
  Pair.IntValue = pairId(O);
  Op *New = B.create(Prim::For, Operands, Types, Pair, 1);
  const Region &Body = *O.region(0);
  Region *NewBody = New->region(0);
  Known[Body.argument(0)] =
      NewBody->addArgument(Body.argument(0)->type(), Body.argument(0)->name());
  for (unsigned I : KnownCarried) {
    const Value *Arg = Body.argument(I + 1);
    Known[Arg] = NewBody->addArgument(Arg->type(), Arg->name());
  }
  B.enter(NewBody);
  for (unsigned I : KnownCarried)
    record(Body.argument(I + 1));
  forward(Body);
  std::vector<Value *> Yields;
  for (unsigned I : KnownCarried)
    Yields.push_back(lookup(Known, Body.back()->operand(I)));
  B.yield(Yields);
  B.exit();
  for (unsigned J = 0; J < KnownCarried.size(); ++J) {
    New->result(J)->setName(O.result(KnownCarried[J])->name());
    Known[O.result(KnownCarried[J])] = New->result(J);
  }
  if (inLoopBodyOf(O))
    recordResults(O);
}

void ReverseMode::materialize(const Region &Scope) {
  auto It = Plan.Needed.find(&Scope);
  if (It == Plan.Needed.end())
    return;
  std::set<const Value *> Pending(It->second.begin(), It->second.end());
  for (const Value *V : It->second)
    materialize(V, Pending);
}

void ReverseMode::materialize(const Value *V,
                              std::set<const Value *> &Pending) {
  if (!Pending.erase(V))
    return;
  auto S = Stacks.find(V);
  if (S != Stacks.end()) {
    Known[V] = pop(S->second, V);
    return;
  }
  if (auto Saved = Plan.SavedByStore.find(V);
      Saved != Plan.SavedByStore.end()) {
    Known[V] = PoppedOld[Saved->second] =
        pop(RestoreStacks.at(Saved->second), V);
    return;
  }
  if (auto Carry = Plan.ReversedCarry.find(V);
      Carry != Plan.ReversedCarry.end()) {
    // This iteration's value from the next one's.
    materialize(Carry->second.Step, Pending);
    Value *Next = ReversedCarryArgs.at(V);
    Value *Step = known(Carry->second.Step);
    Known[V] = Carry->second.Subtracted ? B.add(Next, Step) : B.sub(Next, Step);
    if (Known[V]->name().empty())
      Known[V]->setName(V->name());
    return;
  }
  if (Plan.RerunLoops.count(V)) {
    rerunIntegerLoop(V, Pending);
    return;
  }
  if (auto Store = Plan.ReloadedFrom.find(V);
      Store != Plan.ReloadedFrom.end()) {
    const Op &S = *Store->second;
    materialize(S.operand(2), Pending);
    B.setLoc(S.loc());
    Known[V] = B.create(Prim::Load, {known(S.operand(1)), known(S.operand(2))},
                        {V->type()})
                   ->result();
    return;
  }
  const Op &D = *V->definingOp();
  for (const Value *U : D.operands()) {
    materialize(U, Pending); // what V is computed from, first
    if (U->definingOp() && U->definingOp()->prim() == Prim::Const)
      Known[U] = known(U); // constants are rebuilt here
  }
  cloneOp(B, D, Known);
}

void ReverseMode::rerunIntegerLoop(const Value *V,
                                   std::set<const Value *> &Pending) {
  // The loop again, carrying V's counter only: its other values are not
  // needed, and what the counter's step reads is in Known.
  const RecordingPlan::Rerun &R = Plan.RerunLoops.at(V);
  for (const Value *U : R.Inputs)
    materialize(U, Pending);
  const Op &L = *V->definingOp();
  const Region &Body = *L.region(0);
  unsigned I = V->index();
  B.setLoc(L.loc());
  Op *New = B.create(Prim::For,
                     {known(L.operand(0)), known(L.operand(1)),
                      known(L.operand(2)), known(L.operand(3 + I))},
                     {V->type()}, {}, 1);
  Region *NewBody = New->region(0);
  for (unsigned A : {0u, I + 1})
    Known[Body.argument(A)] = NewBody->addArgument(Body.argument(A)->type(),
                                                   Body.argument(A)->name());
  B.enter(NewBody);
  for (const Op *O : R.Chain) {
    for (const Value *U : O->operands())
      if (U->definingOp() && U->definingOp()->prim() == Prim::Const)
        Known[U] = known(U);
    cloneOp(B, *O, Known);
  }
  B.yield({lookup(Known, Body.back()->operand(I))});
  B.exit();
  New->result(0)->setName(V->name());
  Known[V] = New->result(0);
}

std::vector<Value *> ReverseMode::stacksPushedIn(const Op &Loop) const {
  std::vector<std::pair<unsigned, Value *>> Found;
  for (const auto &[V, S] : Stacks)
    if (Plan.loopOf(V) == &Loop)
      Found.push_back({Plan.Order.at(V), S}); // program order, deterministic
  for (unsigned I = 0; I < Plan.RestoredStores.size(); ++I)
    if (Plan.RestoredStoreLoop.at(Plan.RestoredStores[I]) == &Loop)
      Found.push_back({static_cast<unsigned>(Plan.Order.size() + I),
                       RestoreStacks.at(Plan.RestoredStores[I])});
  std::sort(Found.begin(), Found.end());
  std::vector<Value *> Out;
  for (const auto &[Order, S] : Found)
    Out.push_back(S);
  for (const auto &Inner : Loop.region(loopBodyIndex(Loop.prim()))->ops())
    if (CountStacks.count(Inner.get()))
      Out.push_back(CountStacks.at(Inner.get()));
  return Out;
}

namespace {
/// The first and one-past-last induction values of the reversed loop.
std::pair<Value *, Value *> reversedBounds(Builder &B, Value *LB, Value *UB,
                                           Value *Step, long long K) {
  Type Ty = LB->type();
  if (K == 1 || K == -1)
    return {B.sub(UB, Step), B.sub(LB, Step)};
  // Trip count n, then the last induction value lb + (n - 1) step.
  Value *N = iterations(B, LB, UB, K);
  Value *Last = B.add(LB, B.mul(B.sub(N, B.one(Ty)), Step));
  return {Last, B.sub(LB, Step)};
}
} // namespace

long long ReverseMode::pairId(const Op &O) {
  auto It = PairIds.find(&O);
  if (It != PairIds.end())
    return It->second;
  long long Id = static_cast<long long>(PairIds.size()) + 1;
  PairIds[&O] = Id;
  return Id;
}

bool ReverseMode::runForward(const Op &Primal, Op &Backward,
                             const std::vector<const Value *> &Reversed,
                             const std::vector<Value *> &ForwardBounds) {
  std::set<const Value *> Counters;
  for (const Value *V : Reversed)
    Counters.insert(ReversedCarryArgs.at(V));
  // Elements given back are only accepted for a loop with counters, which
  // saves the loop that finds their exit values: without one, a row sweep
  // of atax's gradient ran 5-20% slower forwards than reversed (the next
  // loop starts where the reversed one ends, in cache).
  if (ForwardBounds.empty() ||
      !iterationsCommute(Backward, /*AllowPops=*/false, Counters,
                         /*AllowGivenBack=*/!Counters.empty()))
    return false;
  // Each counter's value in an iteration is `next -+ step` of the one after
  // it (materialize); forwards it is the carried value, and the next one
  // `value +- step`.
  Region &Body = *Backward.region(0);
  Op *Yield = Body.back();
  unsigned First = Backward.numResults() - Reversed.size();
  for (unsigned J = 0; J < Reversed.size(); ++J) {
    const Op *D = Yield->operand(First + J)->definingOp();
    if (!D || D->parentRegion() != &Body ||
        (D->prim() != Prim::Add && D->prim() != Prim::Sub) ||
        D->operand(0) != ReversedCarryArgs.at(Reversed[J]))
      return false;
  }
  for (unsigned J = 0; J < Reversed.size(); ++J) {
    Value *Counter = ReversedCarryArgs.at(Reversed[J]);
    const Op *D = Yield->operand(First + J)->definingOp();
    auto Next =
        std::make_unique<Op>(D->prim() == Prim::Sub ? Prim::Add : Prim::Sub,
                             std::vector<Value *>{Counter, D->operand(1)},
                             std::vector<Type>{Counter->type()});
    Next->setLoc(D->loc());
    Value *NextValue = Body.insertBefore(Yield, std::move(Next))->result();
    Body.replaceUses(D->result(), Counter);
    Yield->setOperand(First + J, NextValue);
    unsigned I = Reversed[J]->index() - loopCarriedArgument(Primal.prim());
    Backward.setOperand(
        3 + First + J,
        known(Primal.operand(loopCarriedOperand(Primal.prim()) + I)));
  }
  for (unsigned I = 0; I < 3; ++I)
    Backward.setOperand(I, ForwardBounds[I]);
  Backward.attrs().IntValue = 0; // runs forwards already: fuses as is
  return true;
}

void ReverseMode::backwardFor(const Op &O, CotangentMap &CT) {
  B.setLoc(O.loc());
  Value *Step = known(O.operand(2));
  std::optional<long double> K = constantValue(Step);
  if (!K || *K == 0) {
    Diags.push_back({O.loc(), "internal error: loop step is not a nonzero "
                              "constant"});
    return;
  }
  // A reversed loop counts down past its lower bound, which an unsigned
  // counter cannot represent: count in a signed type and convert.
  Type IVTy = O.region(0)->argument(0)->type();
  Type CountTy = IVTy.isSigned() ? IVTy : Type(TypeKind::LongLong);
  Value *LB = B.cast(known(O.operand(0)), CountTy);
  Value *UB = B.cast(known(O.operand(1)), CountTy);
  Step = B.cast(Step, CountTy);
  auto [First, Bound] =
      reversedBounds(B, LB, UB, Step, static_cast<long long>(*K));
  emitBackwardLoop(O, CT, First, Bound, B.neg(Step), CountTy, {LB, UB, Step},
                   -pairId(O));
}

void ReverseMode::backwardWhile(const Op &O, CotangentMap &CT) {
  // The forward loop counted its iterations; run that many backwards.
  B.setLoc(O.loc());
  Type CountTy(TypeKind::LongLong);
  Value *N = WhileCounts.at(&O);
  auto CS = CountStacks.find(&O);
  if (CS != CountStacks.end())
    N = B.create(Prim::Pop, {CS->second}, {CountTy})->result();
  Value *One = B.one(CountTy);
  emitBackwardLoop(O, CT, B.sub(N, One), B.neg(One), B.neg(One), CountTy, {},
                   0);
}

void ReverseMode::emitBackwardLoop(const Op &O, CotangentMap &CT, Value *First,
                                   Value *Bound, Value *NegStep, Type CountTy,
                                   std::vector<Value *> ForwardBounds,
                                   long long PairId) {
  bool IsFor = O.prim() == Prim::For;
  unsigned ArgBase = loopCarriedArgument(O.prim());
  unsigned InitBase = loopCarriedOperand(O.prim());
  const Region &Body = *O.region(loopBodyIndex(O.prim()));
  const Op *Term = Body.back();
  std::vector<unsigned> LinearCarried;
  std::vector<Value *> ResultCT;
  bool Any = Info.hasLinearEffects(Body) || Plan.HoldsRestores.count(&O);
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (Info.isLinear(O.result(I))) {
      LinearCarried.push_back(I);
      ResultCT.push_back(take(CT, O.result(I)));
      if (ResultCT.back())
        nameCotangent(ResultCT.back(), O.result(I));
      Any |= ResultCT.back() != nullptr;
    }
  if (!Any)
    return;
  std::vector<const Value *> Free;
  collectFreeLinear(Body, O, Free);

  std::vector<Value *> Operands{First, Bound, NegStep};
  std::vector<Type> Types;
  for (unsigned J = 0; J < LinearCarried.size(); ++J) {
    Type Ty = O.result(LinearCarried[J])->type();
    Operands.push_back(ResultCT[J] ? ResultCT[J] : B.zero(Ty));
    Types.push_back(Ty);
  }
  for (const Value *V : Free) {
    Operands.push_back(B.zero(V->type()));
    Types.push_back(V->type());
  }
  // Counters run backwards from their exit values.
  std::vector<const Value *> Reversed;
  if (IsFor)
    for (unsigned I = 0; I < O.numResults(); ++I) {
      const Value *Arg = Body.argument(ArgBase + I);
      if (Plan.ReversedCarry.count(Arg) && isNeeded(Body, Arg)) {
        Reversed.push_back(Arg);
        Operands.push_back(known(O.result(I)));
        Types.push_back(Arg->type());
      }
    }
  Attributes Pair;
  Pair.IntValue = PairId;
  Op *New = B.create(Prim::For, Operands, Types, Pair, 1);
  Region *NewBody = New->region(0);
  Value *Counter = NewBody->addArgument(
      CountTy, IsFor ? Body.argument(0)->name() : "iteration");
  std::vector<Value *> CarriedCT, Accumulators;
  for (unsigned I : LinearCarried)
    CarriedCT.push_back(NewBody->addArgument(
        O.result(I)->type(),
        derivativeName("d_", Body.argument(I + ArgBase)->name())));
  for (const Value *V : Free)
    Accumulators.push_back(
        NewBody->addArgument(V->type(), derivativeName("d_", V->name())));
  for (const Value *V : Reversed)
    ReversedCarryArgs[V] = NewBody->addArgument(V->type(), V->name());

  B.enter(NewBody);
  if (IsFor)
    Known[Body.argument(0)] = B.cast(Counter, Body.argument(0)->type());
  else if (auto TripCounter = whileTripCounter(O)) // the iteration number
    Known[Body.argument(*TripCounter)] =
        B.cast(Counter, Body.argument(*TripCounter)->type());
  materialize(Body);
  CotangentMap Local;
  for (unsigned J = 0; J < LinearCarried.size(); ++J) {
    const Value *Y = Term->operand(LinearCarried[J]);
    if (Info.isLinear(Y))
      accumulate(Local, Y, CarriedCT[J]);
  }
  backward(Body, Local);
  std::vector<Value *> Yields;
  for (unsigned I : LinearCarried) {
    Value *Ct = take(Local, Body.argument(I + ArgBase));
    Yields.push_back(Ct ? Ct : B.zero(O.result(I)->type()));
  }
  for (unsigned J = 0; J < Free.size(); ++J)
    Yields.push_back(C.accumulate(Accumulators[J], take(Local, Free[J])));
  for (const Value *V : Reversed)
    Yields.push_back(lookup(Known, V));
  B.yield(Yields);
  B.exit();

  // Iterations that only accumulate can run in the forward order, which
  // compilers vectorise and prefetch better.
  runForward(O, *New, Reversed, ForwardBounds);

  for (unsigned J = 0; J < LinearCarried.size(); ++J) {
    const Value *Init = O.operand(InitBase + LinearCarried[J]);
    New->result(J)->setName(derivativeName("d_", Init->name()));
    if (Info.isLinear(Init))
      accumulate(CT, Init, New->result(J));
  }
  for (unsigned J = 0; J < Free.size(); ++J)
    accumulate(CT, Free[J], New->result(LinearCarried.size() + J));
}

void ReverseMode::forwardWhile(const Op &O) {
  // The primal loop, plus a count of its iterations; stacks grow as it goes
  // (room for one more push at the start of each iteration).
  std::vector<unsigned> KnownCarried;
  std::vector<Value *> Operands;
  std::vector<Type> Types;
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (!Info.isLinear(O.result(I))) {
      KnownCarried.push_back(I);
      Operands.push_back(lookup(Known, O.operand(I)));
      Types.push_back(O.result(I)->type());
    }
  Type CountTy(TypeKind::LongLong);
  Operands.push_back(B.zero(CountTy));
  Types.push_back(CountTy);
  B.setLoc(O.loc());
  Op *New = B.create(Prim::While, Operands, Types, O.attrs(), 2);
  std::vector<Value *> Pushed = stacksPushedIn(O);
  for (unsigned R = 0; R < 2; ++R) {
    const Region &Old = *O.region(R);
    Region *NewR = New->region(R);
    for (unsigned I : KnownCarried)
      Known[Old.argument(I)] =
          NewR->addArgument(Old.argument(I)->type(), Old.argument(I)->name());
    Value *Count = NewR->addArgument(CountTy, "iterations");
    B.enter(NewR);
    std::vector<Value *> Yields;
    if (R == 0) {
      forward(Old);
      Yields.push_back(lookup(Known, Old.back()->operand(0)));
    } else {
      Value *One = B.constant(Type(TypeKind::ULong), 1);
      for (Value *S : Pushed)
        B.create(Prim::Reserve, {S, One}, {});
      for (unsigned I : KnownCarried)
        record(Old.argument(I));
      forward(Old);
      for (unsigned I : KnownCarried)
        Yields.push_back(lookup(Known, Old.back()->operand(I)));
      Yields.push_back(B.add(Count, B.one(CountTy)));
    }
    B.yield(Yields);
    B.exit();
  }
  for (unsigned J = 0; J < KnownCarried.size(); ++J) {
    New->result(J)->setName(O.result(KnownCarried[J])->name());
    Known[O.result(KnownCarried[J])] = New->result(J);
  }
  New->result(KnownCarried.size())->setName("iterations");
  WhileCounts[&O] = New->result(KnownCarried.size());
  auto CS = CountStacks.find(&O);
  if (CS != CountStacks.end()) { // not at the top: keep every count
    B.create(Prim::Reserve, {CS->second, B.constant(Type(TypeKind::ULong), 1)},
             {});
    B.create(Prim::Push, {CS->second, WhileCounts[&O]}, {});
  }
  if (inLoopBodyOf(O))
    recordResults(O);
}

} // namespace adgen
