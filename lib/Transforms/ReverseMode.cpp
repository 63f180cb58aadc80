//===- ReverseMode.cpp - Reverse mode of straight-line code and branches --===//
// The forward sweep clones the primal ops; a branch yields, besides its
// primal results, the residuals the backward sweep reads. The backward sweep
// walks ops in reverse and applies the transpose rules; a branch becomes an
// if on the same condition that yields the cotangents of what it reads.
//===----------------------------------------------------------------------===//
#include "Transforms/ReverseMode.h"
#include "Transforms/Jvp.h"

#include <algorithm>

namespace adgen {

Value *ReverseMode::take(CotangentMap &CT, const Value *V) {
  auto It = CT.find(V);
  if (It == CT.end())
    return nullptr;
  Value *R = It->second;
  CT.erase(It);
  return R;
}

void ReverseMode::accumulate(CotangentMap &CT, const Value *V,
                             Value *Contribution) {
  if (!Contribution)
    return;
  Value *&Slot = CT[V];
  Slot = C.accumulate(Slot, Contribution);
}

void ReverseMode::nameCotangent(Value *CTValue, const Value *Of) {
  bool IsConst =
      CTValue->definingOp() && CTValue->definingOp()->prim() == Prim::Const;
  if (CTValue->name().empty() && !IsConst && !CTValue->argumentOf())
    CTValue->setName(derivativeName("d_", Of->name()));
}

bool ReverseMode::isLinearOp(const Op &O) const {
  if (Info.hasLinearResult(O))
    return true;
  if (O.prim() == Prim::Store)
    return Info.isLinear(O.operand(1));
  for (unsigned I = 0; I < O.numRegions(); ++I)
    if (Info.hasLinearEffects(*O.region(I)))
      return true;
  return false;
}

Value *ReverseMode::known(const Value *V) {
  const Op *D = V->definingOp();
  if (D && D->prim() == Prim::Const)
    return B.build(Prim::Const, V->type(), {}, D->attrs());
  return lookup(Known, V);
}

Value *ReverseMode::adjointBuffer(const Value *Tangent) {
  auto It = Adjoint.find(Tangent);
  if (It != Adjoint.end())
    return It->second;
  Diags.push_back({B.loc(), "internal error: no adjoint for a tangent array"});
  return B
      .create(Prim::Alloc, {B.constant(Type(TypeKind::Long), 0)},
              {Tangent->type()})
      ->result();
}

void ReverseMode::allocateAdjoints(const Region &R) {
  for (const auto &O : R.ops())
    if (O->prim() == Prim::Alloc && Info.isLinear(O->result())) {
      Op *A =
          B.create(Prim::Alloc, {known(O->operand(0))}, {O->result()->type()});
      A->result()->setName(derivativeName("d_", O->result()->name()));
      Adjoint[O->result()] = A->result();
    }
}

bool ReverseMode::inLoopBodyOf(const Op &O) const {
  return Plan.Scopes.count(O.parentRegion()) != 0;
}

void ReverseMode::createStacks() {
  std::vector<const Value *> Ordered(Plan.Recorded.begin(),
                                     Plan.Recorded.end());
  std::sort(Ordered.begin(), Ordered.end(),
            [&](const Value *A, const Value *Z) {
              return Plan.Order.at(A) < Plan.Order.at(Z);
            });
  for (const Value *V : Ordered) {
    Op *S = B.create(Prim::StackNew, {}, {Type::stack(V->type().kind())});
    S->result()->setName(V->name().empty() ? "" : "tape_" + V->name());
    Stacks[V] = S->result();
  }
  for (const Op *Store : Plan.RestoredStores) {
    const Value *Buffer = Store->operand(1);
    Op *S = B.create(Prim::StackNew, {},
                     {Type::stack(Buffer->type().element().kind())});
    S->result()->setName(Buffer->name().empty() ? ""
                                                : "tape_" + Buffer->name());
    RestoreStacks[Store] = S->result();
  }
}

void ReverseMode::saveOverwritten(const Op &Store) {
  Value *Stack = RestoreStacks.at(&Store);
  B.setLoc(Store.loc());
  if (!Plan.RestoredStoreLoop.at(&Store)) // no loop reserved room for it
    B.create(Prim::Reserve, {Stack, B.constant(Type(TypeKind::ULong), 1)}, {});
  Value *Old =
      B.create(Prim::Load,
               {lookup(Known, Store.operand(1)), known(Store.operand(2))},
               {Store.operand(0)->type()})
          ->result();
  B.create(Prim::Push, {Stack, Old}, {});
}

Value *ReverseMode::pop(Value *Stack, const Value *Of) {
  Value *V = B.create(Prim::Pop, {Stack}, {Of->type()})->result();
  V->setName(Of->name());
  return V;
}

void ReverseMode::restoreOverwritten(const Op &Store) {
  B.setLoc(Store.loc());
  Value *Old;
  if (auto It = PoppedOld.find(&Store); It != PoppedOld.end()) {
    Old = It->second; // popped where the scope's backward code starts
    PoppedOld.erase(It);
  } else {
    Old = pop(RestoreStacks.at(&Store), Store.operand(0));
  }
  B.create(Prim::Store,
           {Old, lookup(Known, Store.operand(1)), known(Store.operand(2))}, {});
}

void ReverseMode::createCountStacks(const Region &R) {
  for (const auto &O : R.ops()) {
    // A while loop inside a branch or a loop keeps its counts on a stack:
    // the backward sweep there cannot see the forward sweep's values.
    if (O->prim() == Prim::While && R.parentOp()) {
      Op *S = B.create(Prim::StackNew, {}, {Type::stack(TypeKind::LongLong)});
      S->result()->setName("tape_iterations");
      CountStacks[O.get()] = S->result();
    }
    for (unsigned I = 0; I < O->numRegions(); ++I)
      createCountStacks(*O->region(I));
  }
}

void ReverseMode::record(const Value *V) {
  auto It = Stacks.find(V);
  if (It != Stacks.end())
    B.create(Prim::Push, {It->second, lookup(Known, V)}, {});
}

void ReverseMode::recordResults(const Op &O) {
  for (unsigned I = 0; I < O.numResults(); ++I)
    record(O.result(I));
}

// Forward sweep -------------------------------------------------------------

void ReverseMode::forward(const Region &R) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Yield || O->prim() == Prim::Return)
      return;
    if (O->prim() == Prim::If) {
      forwardIf(*O);
    } else if (O->prim() == Prim::For) {
      forwardFor(*O);
    } else if (O->prim() == Prim::While) {
      forwardWhile(*O);
    } else if (!isLinearOp(*O)) {
      if (Plan.isRestoredStore(*O))
        saveOverwritten(*O);
      cloneOp(B, *O, Known);
      if (Plan.Scopes.count(&R)) // a loop body, or an arm inside one
        recordResults(*O);
    }
  }
}

void ReverseMode::collectResiduals(const Region &R,
                                   std::vector<const Value *> &Out) {
  for (const auto &O : R.ops()) {
    // A loop's inner values are recorded by the loop itself; its results
    // are values of this region.
    if (!isLoop(O->prim()))
      for (unsigned I = 0; I < O->numRegions(); ++I)
        collectResiduals(*O->region(I), Out);
    for (unsigned I = 0; I < O->numResults(); ++I)
      if (isResidual(O->result(I)) && !Info.isLinear(O->result(I)))
        Out.push_back(O->result(I));
  }
}

bool ReverseMode::hasPrimalEffects(const Region &R) const {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Store && !Info.isLinear(O->operand(1)))
      return true;
    // A loop or branch may hold primal stores beside tangent ones.
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (hasPrimalEffects(*O->region(I)))
        return true;
  }
  return false;
}

void ReverseMode::forwardIf(const Op &O) {
  std::vector<unsigned> KnownResults;
  std::vector<Type> Types;
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (!Info.isLinear(O.result(I))) {
      KnownResults.push_back(I);
      Types.push_back(O.result(I)->type());
    }
  // Inside a loop, the backward arms pop or recompute what they read
  // themselves; outside, the branch hands it out.
  std::vector<const Value *> Residuals;
  for (unsigned I = 0; I < 2; ++I)
    if (!Plan.Scopes.count(O.region(I)))
      collectResiduals(*O.region(I), Residuals);
  for (const Value *V : Residuals)
    Types.push_back(V->type());
  bool Effects = false;
  for (unsigned I = 0; I < 2; ++I)
    Effects |= hasPrimalEffects(*O.region(I));
  if (Types.empty() && !Effects)
    return;
  B.setLoc(O.loc());
  Op *New = B.create(Prim::If, {lookup(Known, O.operand(0))}, Types, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    B.enter(New->region(R));
    forward(*O.region(R));
    std::vector<Value *> Yields;
    const Op *Term = O.region(R)->back();
    for (unsigned I : KnownResults)
      Yields.push_back(lookup(Known, Term->operand(I)));
    for (const Value *V : Residuals)
      Yields.push_back(O.region(R)->encloses(V) ? lookup(Known, V)
                                                : B.zero(V->type()));
    B.yield(Yields);
    B.exit();
  }
  unsigned Next = 0;
  bool Record = Plan.Scopes.count(O.parentRegion()) != 0;
  for (unsigned I : KnownResults) {
    New->result(Next)->setName(O.result(I)->name());
    Known[O.result(I)] = New->result(Next++);
    if (Record)
      record(O.result(I));
  }
  for (const Value *V : Residuals) {
    New->result(Next)->setName(V->name());
    Known[V] = New->result(Next++);
    if (Record)
      record(V);
  }
}

// Backward sweep ------------------------------------------------------------

void ReverseMode::backward(const Region &R, CotangentMap &CT) {
  allocateAdjoints(R);
  for (auto It = R.ops().rbegin(); It != R.ops().rend(); ++It) {
    const Op &O = **It;
    if (Plan.isRestoredStore(O)) {
      restoreOverwritten(O);
      continue;
    }
    if (O.prim() == Prim::Yield || O.prim() == Prim::Return ||
        (!isLinearOp(O) && !Plan.HoldsRestores.count(&O)))
      continue;
    if (O.prim() == Prim::If)
      backwardIf(O, CT);
    else if (O.prim() == Prim::For)
      backwardFor(O, CT);
    else if (O.prim() == Prim::While)
      backwardWhile(O, CT);
    else
      backwardOp(O, CT);
    if (!Diags.empty())
      return;
  }
}

void ReverseMode::backwardOp(const Op &O, CotangentMap &CT) {
  Value *Ct = O.numResults() ? take(CT, O.result()) : nullptr;
  if (O.numResults() && !Ct)
    return;
  if (Ct)
    nameCotangent(Ct, O.result());
  std::vector<bool> IsLinear;
  std::vector<Value *> KnownOperands;
  for (Value *V : O.operands()) {
    IsLinear.push_back(Info.isLinear(V));
    KnownOperands.push_back(IsLinear.back() ? nullptr : known(V));
  }
  B.setLoc(O.loc());
  std::vector<Value *> Contributions =
      transposeRule(C, O, IsLinear, KnownOperands, Ct);
  if (!C.Error.empty()) {
    Diags.push_back({O.loc(), C.Error});
    C.Error.clear();
    return;
  }
  for (unsigned I = 0; I < O.numOperands(); ++I)
    if (IsLinear[I] && O.operand(I)->type().isScalar())
      accumulate(CT, O.operand(I), Contributions[I]);
}

void ReverseMode::collectFreeLinear(const Region &R, const Op &Outer,
                                    std::vector<const Value *> &Out) {
  for (const auto &O : R.ops()) {
    for (Value *V : O->operands()) {
      bool Inside = false;
      for (unsigned I = 0; I < Outer.numRegions(); ++I)
        Inside |= Outer.region(I)->encloses(V);
      // Tangent buffers are accumulated in place, not carried.
      if (!Info.isLinear(V) || Inside || !V->type().isScalar())
        continue;
      if (std::find(Out.begin(), Out.end(), V) == Out.end())
        Out.push_back(V);
    }
    for (unsigned I = 0; I < O->numRegions(); ++I)
      collectFreeLinear(*O->region(I), Outer, Out);
  }
}

void ReverseMode::backwardIf(const Op &O, CotangentMap &CT) {
  std::vector<Value *> ResultCT(O.numResults(), nullptr);
  bool Any = false;
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (Info.isLinear(O.result(I))) {
      ResultCT[I] = take(CT, O.result(I));
      if (ResultCT[I])
        nameCotangent(ResultCT[I], O.result(I));
      Any |= ResultCT[I] != nullptr;
    }
  bool Effects = Info.hasLinearEffects(*O.region(0)) ||
                 Info.hasLinearEffects(*O.region(1));
  if (!Any && !Effects && !Plan.HoldsRestores.count(&O))
    return;
  std::vector<const Value *> Free;
  for (unsigned I = 0; I < 2; ++I)
    collectFreeLinear(*O.region(I), O, Free);
  std::vector<Type> Types;
  for (const Value *V : Free)
    Types.push_back(V->type());
  B.setLoc(O.loc());
  Op *New = B.create(Prim::If, {known(O.operand(0))}, Types, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    B.enter(New->region(R));
    materialize(*O.region(R));
    CotangentMap Local;
    const Op *Term = O.region(R)->back();
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (ResultCT[I] && Info.isLinear(Term->operand(I)))
        accumulate(Local, Term->operand(I), ResultCT[I]);
    backward(*O.region(R), Local);
    std::vector<Value *> Yields;
    for (const Value *V : Free) {
      Value *Ct = take(Local, V);
      Yields.push_back(Ct ? Ct : B.zero(V->type()));
    }
    B.yield(Yields);
    B.exit();
  }
  for (unsigned I = 0; I < Free.size(); ++I)
    accumulate(CT, Free[I], New->result(I));
}

} // namespace adgen
