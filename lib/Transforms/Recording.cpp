//===- Recording.cpp - What reverse loops record or recompute -------------===//
// Loops are processed innermost first, so that a value an inner loop
// recomputes from its enclosing loop's body becomes a need of that loop.
//===----------------------------------------------------------------------===//
#include "Transforms/Recording.h"
#include "IR/Operation.h"
#include "Transforms/InductionVariables.h"

#include <algorithm>

namespace adgen {

namespace {
struct Planner {
  explicit Planner(RecordingPlan &P) : P(P) {}
  RecordingPlan &P;
  std::vector<const Op *> PostOrder; // inner loops before outer ones
  std::set<const Value *> Stored;
  unsigned Next = 0;

  /// The position of the top-level op being walked, and per buffer the
  /// last top-level op that stores into it.
  unsigned TopLevel = 0;
  std::map<const Value *, unsigned> LastStore;
  std::map<const Op *, unsigned> TopLevelOf;

  void walk(const Region &R, const Op *Loop) {
    for (unsigned I = 0; I < R.numArguments(); ++I)
      define(R.argument(I), Loop);
    for (const auto &O : R.ops()) {
      if (!R.parentOp())
        ++TopLevel;
      TopLevelOf[O.get()] = TopLevel;
      if (O->prim() == Prim::Store) {
        Stored.insert(O->operand(1));
        unsigned &Last = LastStore[O->operand(1)];
        Last = std::max(Last, TopLevel + 1);
      }
      for (unsigned I = 0; I < O->numRegions(); ++I)
        walk(*O->region(I), isLoop(O->prim()) ? O.get() : Loop);
      if (isLoop(O->prim()))
        PostOrder.push_back(O.get());
      for (unsigned I = 0; I < O->numResults(); ++I)
        define(O->result(I), Loop);
    }
  }

  void define(const Value *V, const Op *Loop) {
    P.Order[V] = Next++;
    if (Loop)
      P.Loop[V] = Loop;
  }

  bool recomputable(const Value *V, const Op *L) const {
    const Op *D = V->definingOp();
    if (!D || D->parentRegion() != L->region(loopBodyIndex(L->prim())) ||
        D->numResults() != 1)
      return false;
    if (D->prim() == Prim::Call || D->prim() == Prim::CallGrad)
      return false; // a call costs more than a stack slot
    if (D->prim() == Prim::Load)
      return P.ReadOnly.count(D->operand(0)) != 0 || finalWhenRead(*D);
    return isPure(D->prim());
  }

  /// Nothing writes Load's array from the top-level op (the outermost loop)
  /// that holds Load on: the backward sweep, which runs after the forward
  /// sweep ends, reads the same element again.
  bool finalWhenRead(const Op &Load) const {
    // The backward sweep must see the array: a parameter, or allocated at
    // the top level of the function.
    const Value *Buffer = Load.operand(0);
    const Region *Home = Buffer->argumentOf();
    if (!Home && Buffer->definingOp())
      Home = Buffer->definingOp()->parentRegion();
    if (!Home || Home->parentOp())
      return false;
    auto Last = LastStore.find(Load.operand(0));
    return Last == LastStore.end() || Last->second <= TopLevelOf.at(&Load);
  }

  void plan(const Op *L, std::set<const Value *> Need) {
    // A while loop's induction variable is its trip counter, if it has one
    // (InductionVariables.cpp gives it one when other counters need it).
    const Value *IV =
        L->prim() == Prim::For ? L->region(0)->argument(0) : nullptr;
    if (L->prim() == Prim::While)
      if (auto Counter = whileTripCounter(*L))
        IV = L->region(1)->argument(*Counter);
    std::vector<const Value *> Work(Need.begin(), Need.end());
    while (!Work.empty()) {
      const Value *V = Work.back();
      Work.pop_back();
      if (V == IV)
        continue;
      if (!recomputable(V, L)) {
        P.Recorded.insert(V);
        continue;
      }
      for (const Value *U : V->definingOp()->operands()) {
        const Op *UL = P.loopOf(U);
        if (U == IV ||
            (U->definingOp() && U->definingOp()->prim() == Prim::Const))
          continue;
        if (!UL) {
          P.Escaping.insert(U);
          continue;
        }
        if (UL == L) {
          if (Need.insert(U).second)
            Work.push_back(U);
        } else {
          Extra[UL].insert(U); // from an enclosing loop's body
        }
      }
    }
    std::vector<const Value *> Ordered;
    for (const Value *V : Need)
      if (V != IV)
        Ordered.push_back(V);
    std::sort(Ordered.begin(), Ordered.end(),
              [&](const Value *A, const Value *B) {
                return P.Order.at(A) < P.Order.at(B);
              });
    P.Needed[L] = Ordered;
  }

  std::map<const Op *, std::set<const Value *>> Extra;
};
} // namespace

RecordingPlan planRecording(const Function &J, const LinearityInfo &Info) {
  RecordingPlan P;
  Planner Pl{P};
  Pl.walk(*J.body(), nullptr);
  for (unsigned I = 0; I < J.numParams(); ++I)
    if (J.param(I)->type().isBuffer() && !Pl.Stored.count(J.param(I)))
      P.ReadOnly.insert(J.param(I));
  std::map<const Op *, std::set<const Value *>> Seeds;
  for (const Value *V : Info.Residuals)
    if (const Op *L = P.loopOf(V))
      Seeds[L].insert(V);
  for (const Op *L : Pl.PostOrder) {
    std::set<const Value *> Need = Seeds[L];
    Need.insert(Pl.Extra[L].begin(), Pl.Extra[L].end());
    Pl.plan(L, Need);
  }
  return P;
}

} // namespace adgen
