//===- Simplify.cpp - The simplifier run before emission ------------------===//
// Each round rebuilds the function through a folding, merging Builder (an if
// on a constant condition is replaced by the taken branch, a load of an
// element whose value is known is that value), then removes dead code;
// rounds repeat while the function shrinks.
//===----------------------------------------------------------------------===//
#include "Transforms/Simplify.h"
#include "IR/Cloning.h"
#include "IR/Literal.h"
#include "IR/MemoryEffects.h"
#include "IR/Primitive.h"
#include "Transforms/DeadCode.h"
#include "Transforms/Fold.h"
#include "Transforms/KnownElements.h"

#include <map>
#include <optional>
#include <set>

namespace adgen {

namespace {
class Simplifier {
public:
  Simplifier(Region *Body) : B(Body) {
    B.setFoldHook(&F);
    B.setCSE(true);
  }

  /// Clones R's ops; returns the terminator's mapped operands.
  std::vector<Value *> region(const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Yield || O->prim() == Prim::Return) {
        std::vector<Value *> Vals;
        for (Value *V : O->operands())
          Vals.push_back(lookup(Map, V));
        if (O->prim() == Prim::Return) {
          B.setLoc(O->loc());
          B.ret(Vals);
        }
        return Vals;
      }
      if (O->prim() == Prim::If)
        ifOp(*O);
      else if (O->prim() == Prim::For)
        forOp(*O);
      else if (O->prim() == Prim::While)
        whileOp(*O);
      else if (O->prim() == Prim::Load && !Stored.count(O->operand(0)))
        readOnlyLoad(*O); // nothing writes the buffer: loads can merge
      else if (O->prim() == Prim::Load)
        knownLoad(*O);
      else if (O->prim() == Prim::Length && lengthParameter(*O))
        continue;
      else
        cloneWithMemory(*O);
    }
    return {};
  }

  void whileOp(const Op &O) {
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numOperands(); ++I) {
      Operands.push_back(lookup(Map, O.operand(I)));
      Types.push_back(O.result(I)->type());
    }
    B.setLoc(O.loc());
    Op *New = B.create(Prim::While, Operands, Types, O.attrs(), 2);
    KnownElements Entry = loopEntry(O);
    for (unsigned R = 0; R < 2; ++R) {
      const Region &Old = *O.region(R);
      for (unsigned A = 0; A < Old.numArguments(); ++A)
        Map[Old.argument(A)] = New->region(R)->addArgument(
            Old.argument(A)->type(), Old.argument(A)->name());
      B.enter(New->region(R));
      B.yield(nested(Old, Entry));
      B.exit();
    }
    forgetWrittenIn(O);
    for (unsigned I = 0; I < O.numResults(); ++I) {
      New->result(I)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(I);
    }
  }

  void readOnlyLoad(const Op &O) {
    B.setLoc(O.loc());
    Value *V = B.build(Prim::Load, O.result()->type(),
                       {lookup(Map, O.operand(0)), lookup(Map, O.operand(1))});
    if (V->name().empty())
      V->setName(O.result()->name());
    Map[O.result()] = V;
  }

  KnownElements Known;

  /// Forgets the buffers defined outside that Op's regions write.
  void forgetWrittenIn(const Op &O) {
    MemoryEffects Effects;
    collectMemoryEffects(O, Effects);
    for (const Value *W : Effects.Writes)
      if (Map.count(W))
        Known.forget(lookup(Map, W));
  }

  void knownLoad(const Op &O) {
    Value *Buffer = lookup(Map, O.operand(0)),
          *Index = lookup(Map, O.operand(1));
    Value *V = Known.find(Buffer, Index);
    if (V && V->type() == O.result()->type()) {
      Map[O.result()] = V;
      return;
    }
    cloneOp(B, O, Map);
    Known.set(Buffer, Index, lookup(Map, O.result()));
  }

  void cloneWithMemory(const Op &O) {
    // A store of the value the element already holds changes nothing.
    if (O.prim() == Prim::Store &&
        Known.find(lookup(Map, O.operand(1)), lookup(Map, O.operand(2))) ==
            lookup(Map, O.operand(0)))
      return;
    cloneOp(B, O, Map);
    if (O.prim() == Prim::Store) {
      Value *Buffer = lookup(Map, O.operand(1));
      Known.stored(Buffer, lookup(Map, O.operand(2)),
                   lookup(Map, O.operand(0)));
      return;
    }
    if (O.prim() == Prim::Alloc) { // zero-initialised
      Value *Buffer = lookup(Map, O.result());
      Known.filled(Buffer, B.zero(Buffer->type().element()));
      return;
    }
    if (O.prim() == Prim::Fill) {
      Known.filled(lookup(Map, O.operand(0)), lookup(Map, O.operand(1)));
      return;
    }
    if (hasSideEffects(O.prim()))
      for (Value *V : O.operands())
        if (V->type().isBuffer())
          Known.forget(lookup(Map, V));
  }

  /// Runs a region of O with what is known on entry (Entry), then forgets
  /// what the region learnt.
  std::vector<Value *> nested(const Region &R, KnownElements Entry) {
    KnownElements Saved = std::move(Known);
    Known = std::move(Entry);
    std::vector<Value *> Vals = region(R);
    Known = std::move(Saved);
    return Vals;
  }
  /// What a loop's regions may assume on entry: what no iteration writes.
  KnownElements loopEntry(const Op &O) {
    KnownElements Saved = Known;
    forgetWrittenIn(O);
    std::swap(Saved, Known);
    return Saved;
  }

  /// A length given as len(x, n) with n an integer parameter is n.
  bool lengthParameter(const Op &O) {
    const Region *Top = B.region();
    while (Top->parentOp())
      Top = Top->parentOp()->parentRegion();
    for (unsigned I = 0; I < Top->numArguments(); ++I) {
      Value *P = Top->argument(I);
      if (P->type().isInteger() && P->name() == O.attrs().Callee) {
        B.setLoc(O.loc());
        Map[O.result()] = B.cast(P, O.result()->type());
        return true;
      }
    }
    return false;
  }

  /// for (k = max(ub, x); k < ub; ++k) never runs.
  static bool neverRuns(const Value *LB, const Value *UB, const Value *Step) {
    auto K = constantValue(Step);
    const Op *Sel = LB->definingOp();
    if (!K || *K <= 0 || !Sel || Sel->prim() != Prim::Select)
      return false;
    const Op *Cmp = Sel->operand(0)->definingOp();
    return Cmp && Cmp->prim() == Prim::Cmp &&
           Cmp->attrs().Predicate == CmpPred::GT &&
           Cmp->operand(0) == Sel->operand(1) &&
           Cmp->operand(1) == Sel->operand(2) && Sel->operand(1) == UB;
  }

  /// The unsigned type T when a signed counter runs up from (T)a to (T)b
  /// and the body only converts it back to T: reverse mode counts unsigned
  /// loops in long long, and a loop that runs forwards can count in T again
  /// (and fuse with the primal loop).
  std::optional<Type> unsignedCounter(const Op &O) {
    const Region &Body = *O.region(0);
    const Value *IV = Body.argument(0);
    auto Step = constantValue(O.operand(2));
    if (!IV->type().isSigned() || !Step || *Step <= 0)
      return std::nullopt;
    std::optional<Type> T;
    for (unsigned I = 0; I < 2; ++I) {
      const Value *Bound = lookup(Map, O.operand(I));
      const Op *D = Bound->definingOp();
      if (auto K = constantValue(Bound); K && *K >= 0)
        continue;
      if (!D || D->prim() != Prim::Cast || D->operand(0)->type().isSigned() ||
          !D->operand(0)->type().isInteger() ||
          (T && *T != D->operand(0)->type()))
        return std::nullopt;
      T = D->operand(0)->type();
    }
    if (!T)
      return std::nullopt;
    if (integerWidth(T->kind()) > integerWidth(IV->type().kind()))
      return std::nullopt;
    for (const auto &Inner : Body.ops())
      for (const Value *U : Inner->operands())
        if (U == IV &&
            (Inner->prim() != Prim::Cast || Inner->result()->type() != *T))
          return std::nullopt;
    for (const auto &Inner : Body.ops())
      for (unsigned R = 0; R < Inner->numRegions(); ++R)
        if (Inner->region(R)->uses(IV))
          return std::nullopt;
    return T;
  }

  void forOp(const Op &O) {
    const Region &Body = *O.region(0);
    if (neverRuns(lookup(Map, O.operand(0)), lookup(Map, O.operand(1)),
                  lookup(Map, O.operand(2)))) {
      for (unsigned I = 0; I < O.numResults(); ++I)
        Map[O.result(I)] = lookup(Map, O.operand(3 + I));
      return;
    }
    // A carried value that every iteration passes on unchanged is its
    // initial value.
    std::vector<bool> Invariant;
    for (unsigned I = 0; I < O.numResults(); ++I)
      Invariant.push_back(Body.back()->operand(I) == Body.argument(I + 1));
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    std::optional<Type> Counter = unsignedCounter(O);
    for (unsigned I = 0; I < 3; ++I) {
      Value *Bound = lookup(Map, O.operand(I));
      if (Counter)
        Bound = constantValue(Bound)
                    ? B.constant(*Counter, *constantValue(Bound))
                    : Bound->definingOp()->operand(0);
      Operands.push_back(Bound);
    }
    for (unsigned I = 0; I < O.numResults(); ++I) {
      Value *Init = lookup(Map, O.operand(3 + I));
      if (Invariant[I]) {
        Map[Body.argument(I + 1)] = Init;
        Map[O.result(I)] = Init;
        continue;
      }
      Operands.push_back(Init);
      Types.push_back(O.result(I)->type());
    }
    B.setLoc(O.loc());
    Op *New = B.create(Prim::For, Operands, Types, O.attrs(), 1);
    Value *IV = New->region(0)->addArgument(Counter ? *Counter
                                                    : Body.argument(0)->type(),
                                            Body.argument(0)->name());
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Invariant[I])
        Map[Body.argument(I + 1)] = New->region(0)->addArgument(
            Body.argument(I + 1)->type(), Body.argument(I + 1)->name());
    B.enter(New->region(0));
    // (T)(long long)iv folds to iv.
    Map[Body.argument(0)] = Counter ? B.cast(IV, Body.argument(0)->type()) : IV;
    std::vector<Value *> Yields = nested(Body, loopEntry(O)), Kept;
    forgetWrittenIn(O);
    for (unsigned I = 0; I < Yields.size(); ++I)
      if (!Invariant[I])
        Kept.push_back(Yields[I]);
    B.yield(Kept);
    B.exit();
    unsigned Next = 0;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Invariant[I]) {
        New->result(Next)->setName(O.result(I)->name());
        Map[O.result(I)] = New->result(Next++);
      }
  }

  void ifOp(const Op &O) {
    Value *Cond = lookup(Map, O.operand(0));
    if (auto K = constantValue(Cond)) {
      std::vector<Value *> Vals = region(*O.region(*K != 0 ? 0 : 1));
      for (unsigned I = 0; I < O.numResults(); ++I)
        Map[O.result(I)] = Vals[I];
      return;
    }
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      Types.push_back(O.result(I)->type());
    B.setLoc(O.loc());
    Op *New = B.create(Prim::If, {Cond}, Types, {}, 2);
    std::vector<Value *> Vals[2];
    for (unsigned R = 0; R < 2; ++R) {
      B.enter(New->region(R));
      Vals[R] = nested(*O.region(R), Known);
      B.yield(Vals[R]);
      B.exit();
    }
    forgetWrittenIn(O);
    for (unsigned I = 0; I < O.numResults(); ++I) {
      // Both branches yield the same value defined outside: no merge needed.
      if (Vals[0][I] == Vals[1][I] && !New->region(0)->encloses(Vals[0][I])) {
        Map[O.result(I)] = Vals[0][I];
        continue;
      }
      // A counter advanced in one branch (`if (c != j) m[k++] = ...`): k
      // plus a select of the steps, which reverse mode runs backwards from
      // the condition instead of recording k.
      if (Value *Stepped = steppedCounter(Cond, Vals[0][I], Vals[1][I], *New)) {
        Map[O.result(I)] = Stepped;
        continue;
      }
      New->result(I)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(I);
    }
  }

  /// V as Base + K with K an integer constant (Base itself: K = 0).
  static const Value *offsetOf(const Value *V, long double &K) {
    K = 0;
    const Op *D = V->definingOp();
    if (D && (D->prim() == Prim::Add || D->prim() == Prim::Sub))
      for (unsigned S = 0; S < 2; ++S) {
        auto C = constantValue(D->operand(S));
        if (C && (S == 1 || D->prim() == Prim::Add)) {
          K = D->prim() == Prim::Sub ? -*C : *C;
          return D->operand(1 - S);
        }
      }
    return V;
  }

  /// Base + select(Cond, K0, K1) for an integer if result yielding Base +
  /// K0 and Base + K1, Base defined outside the if; null otherwise.
  Value *steppedCounter(Value *Cond, Value *Then, Value *Else, const Op &If) {
    if (!Then->type().isInteger() || Then == Else)
      return nullptr;
    long double K0, K1;
    const Value *Base = offsetOf(Then, K0);
    if (offsetOf(Else, K1) != Base || If.region(0)->encloses(Base) ||
        If.region(1)->encloses(Base) || K0 == K1)
      return nullptr;
    Type Ty = Then->type();
    Value *Step = B.select(Cond, B.constant(Ty, K0), B.constant(Ty, K1));
    return B.add(const_cast<Value *>(Base), Step);
  }

  Folder F;
  Builder B;
  ValueMap Map;
  std::set<const Value *> Stored;
};

unsigned countOps(const Region &R) {
  unsigned N = 0;
  for (const auto &O : R.ops()) {
    ++N;
    for (unsigned I = 0; I < O->numRegions(); ++I)
      N += countOps(*O->region(I));
  }
  return N;
}
} // namespace

std::unique_ptr<Function> simplify(const Function &F) {
  std::unique_ptr<Function> Current;
  const Function *In = &F;
  unsigned Size = countOps(*F.body()) + 1;
  for (unsigned Round = 0; Round < 8; ++Round) {
    ValueMap Map;
    std::unique_ptr<Function> G = cloneSignature(*In, Map);
    Simplifier R(G->body());
    R.Map = Map;
    MemoryEffects Effects;
    collectMemoryEffects(*In->body(), Effects);
    R.Stored = Effects.Writes;
    R.region(*In->body());
    std::unique_ptr<Function> H = eliminateDeadCode(*G);
    unsigned NewSize = countOps(*H->body());
    Current = std::move(H);
    In = Current.get();
    if (NewSize >= Size)
      break;
    Size = NewSize;
  }
  return Current;
}

} // namespace adgen
