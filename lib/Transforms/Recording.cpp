//===- Recording.cpp - What reverse loops record or recompute -------------===//
// Scopes are processed innermost first, so that a value an inner scope
// recomputes from its enclosing scope becomes a need of that scope. The plan
// is made twice when overwritten arrays are worth restoring: the first plan
// tells which reads would otherwise be recorded.
//===----------------------------------------------------------------------===//
#include "Transforms/Recording.h"
#include "IR/Operation.h"
#include "Transforms/IndexAlgebra.h"
#include "Transforms/InductionVariables.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace adgen {

namespace {
struct Planner {
  Planner(RecordingPlan &P, const LinearityInfo &Info) : P(P), Info(Info) {}
  RecordingPlan &P;
  const LinearityInfo &Info;
  std::vector<const Region *> PostOrder; // inner scopes before outer ones
  std::set<const Value *> Stored;
  unsigned Next = 0;

  /// The position of the top-level op being walked, and per buffer the
  /// last top-level op that stores into it.
  unsigned TopLevel = 0;
  std::map<const Value *, unsigned> LastStore;
  std::map<const Op *, unsigned> TopLevelOf;
  /// Loop depth and innermost loop of every op; stores in program order;
  /// buffers used other than by loads and stores, or stored in a while
  /// loop's test.
  std::map<const Op *, unsigned> Depth;
  std::map<const Op *, const Op *> LoopOfOp;
  std::vector<const Op *> Stores, Loads;
  std::set<const Value *> NotRestorable;
  /// Per buffer, the first top-level op that reads it.
  std::map<const Value *, unsigned> FirstLoad;

  void walk(const Region &R, const Op *Loop, const Region *Scope, unsigned D) {
    for (unsigned I = 0; I < R.numArguments(); ++I)
      define(R.argument(I), Loop, Scope);
    for (const auto &O : R.ops()) {
      if (!R.parentOp())
        ++TopLevel;
      TopLevelOf[O.get()] = TopLevel;
      Depth[O.get()] = D;
      LoopOfOp[O.get()] = Loop;
      noteMemory(*O, Loop && !Scope);
      for (unsigned I = 0; I < O->numRegions(); ++I) {
        const Region *Sub = O->region(I);
        if (isLoop(O->prim()) && I != loopBodyIndex(O->prim())) {
          walk(*Sub, O.get(), nullptr, D + 1); // a while loop's test
        } else if (isLoop(O->prim()) || Loop) {
          walk(*Sub, isLoop(O->prim()) ? O.get() : Loop, Sub,
               D + isLoop(O->prim()));
          P.Scopes.insert(Sub);
          PostOrder.push_back(Sub);
        } else {
          walk(*Sub, nullptr, nullptr, D); // a branch outside loops
        }
      }
      for (unsigned I = 0; I < O->numResults(); ++I)
        define(O->result(I), Loop, Scope);
    }
  }

  void noteMemory(const Op &O, bool InWhileTest) {
    if (O.prim() == Prim::Load) {
      Loads.push_back(&O);
      FirstLoad.emplace(O.operand(0), TopLevel);
    }
    if (O.prim() == Prim::Store) {
      Stored.insert(O.operand(1));
      unsigned &Last = LastStore[O.operand(1)];
      Last = std::max(Last, TopLevel + 1);
      Stores.push_back(&O);
      if (InWhileTest)
        NotRestorable.insert(O.operand(1));
    }
    if (O.prim() == Prim::CallPartials) // sets the partials buffers
      for (unsigned I = O.attrs().Args; I < O.numOperands(); ++I) {
        Stored.insert(O.operand(I));
        unsigned &Last = LastStore[O.operand(I)];
        Last = std::max(Last, TopLevel + 1);
      }
    for (unsigned I = 0; I < O.numOperands(); ++I)
      if (O.operand(I)->type().isBuffer() &&
          !(O.prim() == Prim::Load && I == 0) &&
          !(O.prim() == Prim::Store && I == 1))
        NotRestorable.insert(O.operand(I));
  }

  void define(const Value *V, const Op *Loop, const Region *Scope) {
    P.Order[V] = Next++;
    if (Loop)
      P.Loop[V] = Loop;
    if (Scope)
      P.Scope[V] = Scope;
  }

  const Region *scopeOf(const Value *V) const {
    auto It = P.Scope.find(V);
    return It == P.Scope.end() ? nullptr : It->second;
  }

  bool recomputable(const Value *V, const Region *S) const {
    const Op *D = V->definingOp();
    if (!D || D->parentRegion() != S || D->numResults() != 1)
      return false;
    if (D->prim() == Prim::Call || D->prim() == Prim::CallGrad ||
        D->prim() == Prim::CallJvp || isRecordedNotRecomputed(D->prim()))
      return false; // a call costs more than a stack slot
    if (D->prim() == Prim::Load)
      return P.ReadOnly.count(D->operand(0)) != 0 || finalWhenRead(*D) ||
             (P.Restored.count(D->operand(0)) && !overwrittenLater(*D));
    return isPure(D->prim());
  }

  /// Buffer is a parameter or allocated at the top level of the function:
  /// the backward sweep sees it.
  static bool atFunctionLevel(const Value *Buffer) {
    const Region *Home = Buffer->argumentOf();
    if (!Home && Buffer->definingOp())
      Home = Buffer->definingOp()->parentRegion();
    return Home && !Home->parentOp();
  }

  /// Nothing writes Load's array from the top-level op (the outermost loop)
  /// that holds Load on: the backward sweep, which runs after the forward
  /// sweep ends, reads the same element again.
  bool finalWhenRead(const Op &Load) const {
    // The backward sweep must see the array: a parameter, or allocated at
    // the top level of the function.
    const Value *Buffer = Load.operand(0);
    if (!atFunctionLevel(Buffer))
      return false;
    auto Last = LastStore.find(Load.operand(0));
    return Last == LastStore.end() || Last->second <= TopLevelOf.at(&Load);
  }

  /// The stores into Load's array after Load in its region, nested ones
  /// included, in program order.
  static std::vector<const Op *> storesAfter(const Op &Load) {
    const Region &R = *Load.parentRegion();
    auto It = std::find_if(R.ops().begin(), R.ops().end(),
                           [&](const auto &O) { return O.get() == &Load; });
    std::vector<const Op *> Out;
    for (++It; It != R.ops().end(); ++It)
      collectStores(**It, Load.operand(0), Out);
    return Out;
  }

  static void collectStores(const Op &O, const Value *Buffer,
                            std::vector<const Op *> &Out) {
    if (O.prim() == Prim::Store && O.operand(1) == Buffer)
      Out.push_back(&O);
    for (unsigned I = 0; I < O.numRegions(); ++I)
      for (const auto &Inner : O.region(I)->ops())
        collectStores(*Inner, Buffer, Out);
  }

  static bool mayWrite(const Op &Store, const Op &Load) {
    return !IndexFacts(Store).differ(Store.operand(2), Load.operand(1));
  }

  /// A store after Load in its scope may write the element Load read. If
  /// not, and the array is restored, the backward code of the scope starts
  /// with the array as it was when Load ran.
  bool overwrittenLater(const Op &Load) const {
    for (const Op *S : storesAfter(Load))
      if (mayWrite(*S, Load))
        return true;
    return false;
  }

  /// The first store after Load in its region that writes the element Load
  /// read, if no store before it may write that element: the element it
  /// saves is Load's value.
  const Op *overwritingStore(const Op &Load) const {
    Poly Address = polyOf(Load.operand(1));
    for (const Op *S : storesAfter(Load)) {
      if (S->parentRegion() == Load.parentRegion() &&
          (polyOf(S->operand(2)) - Address).Terms.empty())
        return S;
      if (mayWrite(*S, Load))
        return nullptr;
    }
    return nullptr;
  }

  /// V is a counter of S's for loop advanced by a step computed without it
  /// (off = off + (c + 1 < d ? d - c - 1 : 0)): the backward loop runs it
  /// backwards from the exit value instead of recording it.
  std::optional<RecordingPlan::Carry> reversibleCarry(const Value *V,
                                                      const Region *S) const {
    const Op *L = S->parentOp();
    if (L->prim() != Prim::For || V->argumentOf() != S || V->index() == 0 ||
        !V->type().isInteger())
      return std::nullopt;
    const Op *Next = S->back()->operand(V->index() - 1)->definingOp();
    if (!Next || Next->parentRegion() != S)
      return std::nullopt;
    RecordingPlan::Carry C{nullptr, false};
    if (Next->prim() == Prim::Add && Next->operand(0) == V)
      C.Step = Next->operand(1);
    else if (Next->prim() == Prim::Add && Next->operand(1) == V)
      C.Step = Next->operand(0);
    else if (Next->prim() == Prim::Sub && Next->operand(0) == V)
      C = {Next->operand(1), true};
    if (!C.Step || C.Step == V || dependsOn(C.Step, V, *S))
      return std::nullopt;
    return C;
  }

  /// V is an integer a for loop of S computes from its counter and values
  /// from outside it alone (the running index after ADBench's triangular
  /// loop). Running the loop's integer part again costs less than a stack
  /// of integers.
  static std::optional<RecordingPlan::Rerun> integerLoop(const Value *V,
                                                         const Region *S) {
    const Op *L = V->definingOp();
    if (!L || L->prim() != Prim::For || L->parentRegion() != S ||
        !V->type().isInteger())
      return std::nullopt;
    const Region &Body = *L->region(0);
    const Value *Arg = Body.argument(V->index() + 1);
    RecordingPlan::Rerun R;
    R.Inputs = {L->operand(0), L->operand(1), L->operand(3 + V->index())};
    std::vector<const Value *> Work{Body.back()->operand(V->index())};
    std::set<const Value *> Seen;
    std::set<const Op *> InChain;
    while (!Work.empty()) {
      const Value *X = Work.back();
      Work.pop_back();
      if (!Seen.insert(X).second || X == Arg || X == Body.argument(0))
        continue;
      if (!Body.encloses(X)) {
        R.Inputs.push_back(X);
        continue;
      }
      const Op *D = X->definingOp();
      if (!D || D->parentRegion() != &Body || !isPure(D->prim()) ||
          D->numResults() != 1)
        return std::nullopt;
      InChain.insert(D);
      Work.insert(Work.end(), D->operands().begin(), D->operands().end());
    }
    for (const auto &O : Body.ops())
      if (InChain.count(O.get()))
        R.Chain.push_back(O.get());
    return R;
  }

  /// The store of V into an element that keeps it to the end: S is the body
  /// of a loop at the function's top level that stores V at
  /// `iv + invariant`, its only store into that array, and nothing after the
  /// loop stores into the array or passes it on.
  const Op *finalStoreOf(const Value *V, const Region *S,
                         const Value *IV) const {
    const Op *L = S->parentOp();
    if (!IV || L->prim() != Prim::For || L->parentRegion()->parentOp())
      return nullptr;
    const Op *Found = nullptr;
    for (const auto &O : S->ops())
      if (O->prim() == Prim::Store && O->operand(0) == V)
        Found = O.get();
    if (!Found)
      return nullptr;
    const Value *Buffer = Found->operand(1);
    if (!atFunctionLevel(Buffer) || NotRestorable.count(Buffer) ||
        P.Restored.count(Buffer) ||
        LastStore.at(Buffer) != TopLevelOf.at(Found) + 1)
      return nullptr;
    for (const Op *St : Stores)
      if (St != Found && St->operand(1) == Buffer &&
          TopLevelOf.at(St) == TopLevelOf.at(Found))
        return nullptr;
    Poly Index = polyOf(Found->operand(2));
    auto Term = Index.Terms.find({IV});
    if (Term == Index.Terms.end() || (Term->second != 1 && Term->second != -1))
      return nullptr;
    Poly Rest = Index - Poly::atom(IV).scaled(Term->second);
    return invariantIn(Rest, *S) ? Found : nullptr;
  }

  static bool dependsOn(const Value *X, const Value *V, const Region &S,
                        std::set<const Value *> &Seen) {
    if (X == V)
      return true;
    if (!Seen.insert(X).second)
      return false;
    const Op *D = X->definingOp();
    if (!D || !S.encloses(X))
      return false;
    for (const Value *U : D->operands())
      if (dependsOn(U, V, S, Seen))
        return true;
    for (unsigned I = 0; I < D->numRegions(); ++I)
      if (D->region(I)->uses(V))
        return true;
    return false;
  }

  static bool dependsOn(const Value *X, const Value *V, const Region &S) {
    std::set<const Value *> Seen;
    return dependsOn(X, V, S, Seen);
  }

  void plan(const Region *S, std::set<const Value *> Need) {
    // A loop body's induction variable is materialised by the backward
    // loop; a while loop's is its trip counter, if it has one
    // (InductionVariables.cpp gives it one when other counters need it).
    const Value *IV = nullptr;
    if (const Op *L = S->parentOp();
        isLoop(L->prim()) && L->region(loopBodyIndex(L->prim())) == S) {
      if (L->prim() == Prim::For)
        IV = S->argument(0);
      else if (auto Counter = whileTripCounter(*L))
        IV = S->argument(*Counter);
    }
    std::vector<const Value *> Work(Need.begin(), Need.end());
    while (!Work.empty()) {
      const Value *V = Work.back();
      Work.pop_back();
      if (V == IV || P.SavedByStore.count(V))
        continue; // the backward code pops the saved element
      std::vector<const Value *> From;
      if (auto Carry = reversibleCarry(V, S)) {
        P.ReversedCarry[V] = *Carry;
        From.push_back(Carry->Step);
        // The backward loop starts from the forward loop's exit value.
        const Value *Exit = S->parentOp()->result(V->index() - 1);
        if (const Region *ES = scopeOf(Exit))
          Extra[ES].insert(Exit);
        else
          P.Escaping.insert(Exit);
      } else if (auto Rerun = integerLoop(V, S)) {
        From = Rerun->Inputs; // the backward code runs the loop again
        P.RerunLoops[V] = std::move(*Rerun);
      } else if (!recomputable(V, S)) {
        const Op *Final = finalStoreOf(V, S, IV);
        if (!Final) {
          P.Recorded.insert(V);
          continue;
        }
        P.ReloadedFrom[V] = Final;
        From.push_back(Final->operand(2));
      } else {
        From.assign(V->definingOp()->operands().begin(),
                    V->definingOp()->operands().end());
      }
      for (const Value *U : From) {
        if (U == IV ||
            (U->definingOp() && U->definingOp()->prim() == Prim::Const))
          continue;
        const Region *US = scopeOf(U);
        if (!US) {
          P.Escaping.insert(U);
        } else if (US == S) {
          if (Need.insert(U).second)
            Work.push_back(U);
        } else {
          Extra[US].insert(U); // from an enclosing scope
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
    P.Needed[S] = Ordered;
  }

  std::map<const Region *, std::set<const Value *>> Extra;

  void planAll() {
    P.Needed.clear();
    P.ReversedCarry.clear();
    P.RerunLoops.clear();
    P.ReloadedFrom.clear();
    P.Recorded.clear();
    P.Escaping.clear();
    Extra.clear();
    std::map<const Region *, std::set<const Value *>> Seeds;
    std::set<const Value *> Seeded = Info.Residuals;
    Seeded.insert(P.RestoreNeeds.begin(), P.RestoreNeeds.end());
    for (const Value *V : Seeded)
      if (const Region *S = scopeOf(V))
        Seeds[S].insert(V);
    for (const Region *S : PostOrder) {
      std::set<const Value *> Need = Seeds[S];
      Need.insert(Extra[S].begin(), Extra[S].end());
      plan(S, Need);
    }
  }

  double weight(const Op &O) const { return std::pow(64.0, Depth.at(&O)); }

  /// Restores a local array when the loads it lets the backward sweep read
  /// again run more often than its stores (loop depth as the measure).
  void chooseRestored(const Function &J) {
    std::map<const Value *, double> Gain, Cost;
    for (const Value *V : P.Recorded) {
      const Op *D = V->definingOp();
      if (D && D->prim() == Prim::Load &&
          (!overwrittenLater(*D) || overwritingStore(*D)))
        Gain[D->operand(0)] += weight(*D);
    }
    for (const Op *S : Stores)
      if (!initialises(*S))
        Cost[S->operand(1)] += weight(*S);
    for (const auto &O : J.body()->ops()) {
      if (O->prim() != Prim::Alloc || !O->result()->type().isFloatKind())
        continue;
      const Value *Buffer = O->result();
      if (Info.isLinear(Buffer) || NotRestorable.count(Buffer) ||
          Gain[Buffer] <= Cost[Buffer])
        continue;
      P.Restored.insert(Buffer);
    }
    for (const Op *S : Stores) {
      if (!P.Restored.count(S->operand(1)) || initialises(*S))
        continue;
      P.RestoredStores.push_back(S);
      P.RestoredStoreLoop[S] = LoopOfOp.at(S);
      P.RestoreNeeds.insert(S->operand(2));
      for (const Region *R = S->parentRegion(); R->parentOp();
           R = R->parentOp()->parentRegion()) {
        const Op *A = R->parentOp();
        P.HoldsRestores.insert(A);
        if (A->prim() == Prim::If)
          P.RestoreNeeds.insert(A->operand(0));
        if (A->prim() == Prim::For) // the backward loop's bounds
          P.RestoreNeeds.insert({A->operand(0), A->operand(1)});
      }
    }
    // A read the next store overwrites is that store's saved element.
    std::set<const Op *> Claimed;
    for (const Op *L : Loads) {
      if (!P.Restored.count(L->operand(0)) ||
          !P.Scopes.count(L->parentRegion()))
        continue;
      const Op *S = overwritingStore(*L);
      if (S && P.isRestoredStore(*S) && Claimed.insert(S).second)
        P.SavedByStore[L->result()] = S;
    }
  }

  /// S runs before anything reads its array (in an earlier top-level op):
  /// when the backward sweep passes S, nothing reads the array any more.
  bool initialises(const Op &S) const {
    auto First = FirstLoad.find(S.operand(1));
    return First == FirstLoad.end() || TopLevelOf.at(&S) < First->second;
  }
};
} // namespace

RecordingPlan planRecording(const Function &J, const LinearityInfo &Info) {
  RecordingPlan P;
  Planner Pl{P, Info};
  Pl.walk(*J.body(), nullptr, nullptr, 0);
  for (unsigned I = 0; I < J.numParams(); ++I)
    if (J.param(I)->type().isBuffer() && !Pl.Stored.count(J.param(I)))
      P.ReadOnly.insert(J.param(I));
  Pl.planAll();
  Pl.chooseRestored(J);
  if (!P.Restored.empty())
    Pl.planAll();
  return P;
}

} // namespace adgen
