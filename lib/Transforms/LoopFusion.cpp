//===- LoopFusion.cpp - Fusing a forward loop with its backward loop ------===//
// Two loops L1, L2 of one region fuse when they have the same bounds and
// step, L2 reads no result of L1 (directly or through the ops between them),
// the ops between them are pure, loads, or accumulations into what L2 only
// accumulates into, and their memory accesses are independent: L1 writes
// nothing L2 touches and L2 writes nothing L1 reads (distinct buffers do
// not alias, see docs/contract.md). The fused loop stands where L2 stood;
// ops between that read L1's results, or what L2 writes, follow it.
//===----------------------------------------------------------------------===//
#include "Transforms/LoopFusion.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "IR/MemoryEffects.h"

#include <functional>
#include <map>
#include <set>

namespace adgen {

namespace {
/// True if V's value is computed, within R's ops, from Arg. Seen keeps the
/// walk linear in a graph that shares subexpressions.
bool dependsOn(const Value *V, const Value *Arg,
               std::set<const Value *> &Seen) {
  if (V == Arg)
    return true;
  if (!Seen.insert(V).second)
    return false;
  const Op *D = V->definingOp();
  if (!D)
    return false;
  for (const Value *U : D->operands())
    if (dependsOn(U, Arg, Seen))
      return true;
  return false;
}

bool dependsOn(const Value *V, const Value *Arg) {
  std::set<const Value *> Seen;
  return dependsOn(V, Arg, Seen);
}

bool isLoadOf(const Op &O, const Value *Buffer, const Value *Index) {
  return O.prim() == Prim::Load && O.operand(0) == Buffer &&
         O.operand(1) == Index;
}

/// O is `store b[i] + e, b, i` with e not reading b: an accumulation.
bool isAccumulation(const Op &O) {
  if (O.prim() != Prim::Store)
    return false;
  const Op *Add = O.operand(0)->definingOp();
  if (!Add || Add->prim() != Prim::Add)
    return false;
  const Op *Load = Add->operand(0)->definingOp();
  return Load && isLoadOf(*Load, O.operand(1), O.operand(2)) &&
         !dependsOn(Add->operand(1), O.operand(1));
}

/// V is Arg, or a result of branches and loops that hand Arg on unchanged
/// (a cotangent carried through an inner loop that does not add to it).
/// Checked keeps the walk linear: a pair seen again is answered already.
bool passesThrough(const Value *V, const Value *Arg,
                   std::set<std::pair<const Value *, const Value *>> &Checked) {
  if (V == Arg || !Checked.insert({V, Arg}).second)
    return true;
  const Op *D = V->definingOp();
  if (!D || D->numRegions() == 0)
    return false;
  unsigned I = V->index();
  if (D->prim() == Prim::If) {
    for (unsigned R = 0; R < D->numRegions(); ++R)
      if (!passesThrough(D->region(R)->back()->operand(I), Arg, Checked))
        return false;
    return true;
  }
  if (D->prim() != Prim::For)
    return false;
  const Region &Body = *D->region(0);
  const Value *Carried = Body.argument(loopCarriedArgument(Prim::For) + I);
  return passesThrough(D->operand(loopCarriedOperand(Prim::For) + I), Arg,
                       Checked) &&
         passesThrough(Body.back()->operand(I), Carried, Checked);
}

bool passesThrough(const Value *V, const Value *Arg) {
  std::set<std::pair<const Value *, const Value *>> Checked;
  return passesThrough(V, Arg, Checked);
}

/// R's op I is `store 0, b, i`, after `t = load b, i` and before
/// `store load(b, i) + t, b, i` (returned), and nothing between them touches
/// b: the transpose of `b[i] += e` with b's adjoint, which reads b[i] and
/// leaves it as it was.
const Op *givesBack(const Region &R, unsigned I) {
  const auto &Ops = R.ops();
  const Op &Zero = *Ops[I];
  const Value *Buffer = Zero.operand(1), *Index = Zero.operand(2);
  const Op *C = Zero.operand(0)->definingOp();
  if (!C || C->prim() != Prim::Const || C->constantValue() != 0)
    return nullptr;
  const Value *Taken = nullptr;
  for (unsigned K = I; K-- > 0 && !Taken;) {
    if (isLoadOf(*Ops[K], Buffer, Index))
      Taken = Ops[K]->result();
    else if (Ops[K]->usesAnywhere(Buffer))
      return nullptr;
  }
  for (unsigned K = I + 1; Taken && K < Ops.size(); ++K) {
    const Op &S = *Ops[K];
    if (S.prim() == Prim::Store && S.operand(1) == Buffer) {
      const Op *Add = S.operand(0)->definingOp();
      const Op *Old = Add ? Add->operand(0)->definingOp() : nullptr;
      bool Back = S.operand(2) == Index && Add && Add->prim() == Prim::Add &&
                  Add->operand(1) == Taken && Old &&
                  isLoadOf(*Old, Buffer, Index);
      return Back ? &S : nullptr;
    }
    if (S.usesAnywhere(Buffer) && !isLoadOf(S, Buffer, Index))
      return nullptr;
  }
  return nullptr;
}

/// Memory effects of R are all `b[i] = b[i] + e` with e not reading b, and
/// nothing else reads those buffers: accumulations, which commute. Elements
/// taken and given back (givesBack) are reads, if AllowGivenBack.
bool onlyAccumulates(const Region &R, std::set<const Value *> &Buffers,
                     bool AllowPops, bool AllowGivenBack = false) {
  std::set<const Op *> GivenBack;
  for (unsigned I = 0; I < R.ops().size(); ++I) {
    const auto &O = R.ops()[I];
    if (GivenBack.count(O.get()))
      continue;
    switch (O->prim()) {
    case Prim::Pop:
      if (!AllowPops)
        return false;
      break;
    case Prim::Push:
    case Prim::Fill:
    case Prim::Reserve:
      return false;
    case Prim::Store:
      if (const Op *Back = isAccumulation(*O) || !AllowGivenBack
                               ? nullptr
                               : givesBack(R, I)) {
        GivenBack.insert(Back);
        break;
      }
      if (!isAccumulation(*O))
        return false;
      Buffers.insert(O->operand(1));
      break;
    default:
      for (unsigned I = 0; I < O->numRegions(); ++I)
        if (!onlyAccumulates(*O->region(I), Buffers, AllowPops, AllowGivenBack))
          return false;
    }
  }
  return true;
}

/// Loads of accumulated buffers other than those feeding their own
/// accumulation.
bool readsAccumulated(const Region &R, const std::set<const Value *> &Buffers) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Load && Buffers.count(O->operand(0))) {
      bool Feeds = false;
      for (const auto &U : O->parentRegion()->ops())
        if (U->prim() == Prim::Store && U->operand(1) == O->operand(0) &&
            U->operand(2) == O->operand(1) &&
            U->operand(0)->definingOp()->operand(0) == O->result())
          Feeds = true;
      if (!Feeds)
        return true;
    }
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (readsAccumulated(*O->region(I), Buffers))
        return true;
  }
  return false;
}

/// L's body only accumulates into memory, and reads the accumulated
/// buffers only for those accumulations (Buffers gets them).
bool onlyAccumulatesInto(const Op &L, std::set<const Value *> &Buffers) {
  return onlyAccumulates(*L.region(0), Buffers, /*AllowPops=*/true) &&
         !readsAccumulated(*L.region(0), Buffers);
}

} // namespace

bool iterationsCommute(const Op &Loop, bool AllowPops,
                       const std::set<const Value *> &Counters,
                       bool AllowGivenBack) {
  const Region &Body = *Loop.region(0);
  std::set<const Value *> Buffers;
  if (!onlyAccumulates(Body, Buffers, AllowPops, AllowGivenBack) ||
      readsAccumulated(Body, Buffers))
    return false;
  const Op *Yield = Body.back();
  for (unsigned I = 0; I < Yield->numOperands(); ++I) {
    const Value *Arg = Body.argument(I + 1);
    const Value *Next = Yield->operand(I);
    if (Counters.count(Arg) || passesThrough(Next, Arg))
      continue; // the caller's counter, or loop-invariant
    const Op *Add = Next->definingOp();
    if (!Add || Add->prim() != Prim::Add || Add->operand(0) != Arg ||
        dependsOn(Add->operand(1), Arg))
      return false;
    // The running value, before and after this iteration's addition, must
    // feed nothing but that addition and the yield: otherwise an iteration
    // reads a partial sum, which depends on the order.
    std::function<bool(const Region &)> UsedElsewhere = [&](const Region &R) {
      for (const auto &O : R.ops()) {
        for (unsigned K = 0; K < O->numOperands(); ++K) {
          if (O->operand(K) == Arg && O.get() != Add)
            return true;
          if (O->operand(K) == Next && O.get() != Yield)
            return true;
        }
        for (unsigned R2 = 0; R2 < O->numRegions(); ++R2)
          if (UsedElsewhere(*O->region(R2)))
            return true;
      }
      return false;
    };
    if (UsedElsewhere(Body))
      return false;
  }
  return true;
}

namespace {

/// Values that ops of R (at any depth) read from outside R.
void collectFree(const Region &R, std::set<const Value *> &Out) {
  for (const auto &O : R.ops()) {
    for (const Value *V : O->operands())
      if (!R.encloses(V))
        Out.insert(V);
    for (unsigned I = 0; I < O->numRegions(); ++I) {
      std::set<const Value *> Inner;
      collectFree(*O->region(I), Inner);
      for (const Value *V : Inner)
        if (!R.encloses(V))
          Out.insert(V);
    }
  }
}

bool dependsOnAny(const Value *V, const std::set<const Value *> &Set,
                  std::set<const Value *> &Seen) {
  if (Set.count(V))
    return true;
  if (!Seen.insert(V).second)
    return false;
  const Op *D = V->definingOp();
  if (!D || D->numRegions())
    return false;
  for (const Value *U : D->operands())
    if (dependsOnAny(U, Set, Seen))
      return true;
  return false;
}

/// L2 is the backward loop of the forward loop L1 (ReverseMode's pair ids).
bool isPair(const Op &L1, const Op &L2) {
  long long Id = L1.attrs().IntValue;
  return Id > 0 && L2.attrs().IntValue == -Id;
}

/// An op that may stand between two loops that fuse: pure, a load, an
/// accumulation (which commutes with the second loop's accumulations), or
/// an allocation (the first loop cannot touch what is allocated after it).
bool mayStandBetween(const Op &O) {
  return isPure(O.prim()) || O.prim() == Prim::Load || isAccumulation(O) ||
         O.prim() == Prim::Alloc;
}

/// The ops of R, at any depth, that use V.
void usersOf(const Region &R, const Value *V, std::vector<const Op *> &Out) {
  for (const auto &O : R.ops()) {
    for (const Value *U : O->operands())
      if (U == V)
        Out.push_back(O.get());
    for (unsigned I = 0; I < O->numRegions(); ++I)
      usersOf(*O->region(I), V, Out);
  }
}

/// The load feeds only the accumulation into the element it reads.
bool feedsOnlyItsAccumulation(const Region &R, const Op &Load) {
  std::vector<const Op *> LoadUsers, AddUsers;
  usersOf(R, Load.result(), LoadUsers);
  if (LoadUsers.empty())
    return true;
  const Op *Add = LoadUsers.front();
  if (LoadUsers.size() != 1 || Add->prim() != Prim::Add ||
      Add->parentRegion() != &R)
    return false;
  usersOf(R, Add->result(), AddUsers);
  return AddUsers.size() == 1 && isAccumulation(*AddUsers.front()) &&
         AddUsers.front()->operand(1) == Load.operand(0) &&
         AddUsers.front()->parentRegion() == &R;
}

/// A load between two loops of an array Loop writes: it reads what Loop
/// computed (L1), or what the fused loop must not have changed yet (L2). It
/// moves after the fused loop, with what it feeds.
bool readsWhatLoopWrites(const Op &Between, const Op &Loop) {
  if (Between.prim() != Prim::Load)
    return false;
  MemoryEffects Effects;
  collectMemoryEffects(*Loop.region(0), Effects);
  return Effects.Writes.count(Between.operand(0)) != 0;
}

bool canFuse(const Region &R, unsigned I1, unsigned I2) {
  const Op &L1 = *R.ops()[I1], &L2 = *R.ops()[I2];
  bool Paired = isPair(L1, L2);
  if (Paired) {
    // The backward loop runs forwards inside the fused loop: each fused
    // iteration pops exactly what it pushed.
    if (!iterationsCommute(L2, /*AllowPops=*/true))
      return false;
  } else {
    for (unsigned K = 0; K < 3; ++K)
      if (L1.operand(K) != L2.operand(K))
        return false;
  }
  MemoryEffects E1, E2;
  collectMemoryEffects(*L1.region(0), E1);
  collectMemoryEffects(*L2.region(0), E2);
  const std::set<const Value *> &R1 = E1.Reads, &W1 = E1.Writes, &R2 = E2.Reads,
                                &W2 = E2.Writes;
  bool Other1 = E1.Stacks, Other2 = E2.Stacks;
  // What L1 computes: its results, and what ops between read of the arrays
  // it writes.
  std::set<const Value *> Results1;
  for (unsigned K = 0; K < L1.numResults(); ++K)
    Results1.insert(L1.result(K));
  for (unsigned K = I1 + 1; K < I2; ++K)
    if (readsWhatLoopWrites(*R.ops()[K], L1))
      Results1.insert(R.ops()[K]->result());
  // Ops between: pure, loads or accumulations; L2 must not depend on L1
  // through them. An array both written and read between stays in order
  // only if nothing moves: keep it simple and do not fuse.
  std::map<const Value *, unsigned> StoresBetween;
  for (unsigned K = I1 + 1; K < I2; ++K) {
    if (!mayStandBetween(*R.ops()[K]))
      return false;
    if (R.ops()[K]->prim() == Prim::Store)
      ++StoresBetween[R.ops()[K]->operand(1)];
  }
  for (unsigned K = I1 + 1; K < I2; ++K) {
    const Op &O = *R.ops()[K];
    if (O.prim() != Prim::Load || !StoresBetween.count(O.operand(0)))
      continue;
    // Only the load of a single accumulation may read such an array.
    if (StoresBetween[O.operand(0)] > 1 || !feedsOnlyItsAccumulation(R, O))
      return false;
  }
  std::set<const Value *> Free2;
  collectFree(*L2.region(0), Free2);
  for (unsigned K = 3; K < L2.numOperands(); ++K)
    Free2.insert(L2.operand(K));
  for (const Value *V : Free2) {
    std::set<const Value *> Seen;
    if (dependsOnAny(V, Results1, Seen))
      return false;
  }
  if (!Paired && (Other1 || Other2))
    return false;
  for (const Value *W : W1)
    if (R2.count(W) || W2.count(W))
      return false;
  for (const Value *W : W2)
    if (R1.count(W))
      return false;
  // Between the loops, what L2 writes is only accumulated into, and only
  // if L2 itself only accumulates into it: the fused loop then runs L2's
  // accumulations first (these ops follow it), in another order of sums.
  std::set<const Value *> Accumulated2;
  bool Accumulates2 = onlyAccumulatesInto(L2, Accumulated2);
  for (unsigned K = I1 + 1; K < I2; ++K) {
    const Op &O = *R.ops()[K];
    if (O.prim() == Prim::Store &&
        (R1.count(O.operand(1)) || W1.count(O.operand(1)) ||
         (W2.count(O.operand(1)) &&
          (!Accumulates2 || !Accumulated2.count(O.operand(1))))))
      return false;
    if (O.prim() == Prim::Load && W2.count(O.operand(0)) &&
        (!Accumulates2 || !feedsOnlyItsAccumulation(R, O)))
      return false;
  }
  return true;
}

class Fuser {
public:
  bool Changed = false;
  ValueMap Map;
  /// Stacks whose pushes and pops fusion removed; their reservations go too.
  std::set<const Value *> Unused;

  void region(Builder &B, const Region &R) {
    std::set<unsigned> Skip;
    std::map<unsigned, unsigned> FuseAt; // L2 index -> L1 index
    for (unsigned I = 0; I < R.ops().size(); ++I) {
      // One fusion per loop and round: the fused loop may fuse again in
      // the next round.
      if (R.ops()[I]->prim() != Prim::For || Skip.count(I) || FuseAt.count(I))
        continue;
      for (unsigned J = I + 1; J < R.ops().size(); ++J) {
        const Op &Next = *R.ops()[J];
        if (Next.prim() == Prim::For && !Skip.count(J) && !FuseAt.count(J) &&
            canFuse(R, I, J)) {
          Skip.insert(I);
          FuseAt[J] = I;
          Changed = true;
          break;
        }
        if (!mayStandBetween(Next))
          break;
      }
    }
    // Ops between a fused pair that read the first loop's results go after
    // the fused loop.
    std::set<const Value *> Late;
    std::set<unsigned> Deferred;
    for (const auto &[J, I] : FuseAt) {
      const Op &L1 = *R.ops()[I];
      std::set<const Value *> Results1;
      for (unsigned K = 0; K < L1.numResults(); ++K)
        Results1.insert(L1.result(K));
      for (unsigned K = I + 1; K < J; ++K) {
        bool Reads = readsWhatLoopWrites(*R.ops()[K], *R.ops()[J]) ||
                     readsWhatLoopWrites(*R.ops()[K], L1);
        for (const Value *V : R.ops()[K]->operands())
          Reads |= Results1.count(V) || Late.count(V);
        if (Reads) {
          Deferred.insert(K);
          for (unsigned Res = 0; Res < R.ops()[K]->numResults(); ++Res)
            Late.insert(R.ops()[K]->result(Res));
        }
      }
    }
    // Stacks that the fusions decided here will no longer need.
    for (const auto &[J, I] : FuseAt) {
      const Op &L1 = *R.ops()[I], &L2 = *R.ops()[J];
      std::set<const Value *> PushedHere;
      for (const auto &O : L1.region(0)->ops())
        if (O->prim() == Prim::Push)
          PushedHere.insert(O->operand(0));
      for (const auto &O : L2.region(0)->ops())
        if (O->prim() == Prim::Pop && PushedHere.count(O->operand(0)))
          Unused.insert(O->operand(0));
    }
    std::vector<unsigned> Pending;
    for (unsigned I = 0; I < R.ops().size(); ++I) {
      const Op &O = *R.ops()[I];
      if (Skip.count(I))
        continue;
      if (O.prim() == Prim::Reserve && Unused.count(O.operand(0)))
        continue;
      if (Deferred.count(I)) {
        Pending.push_back(I);
        continue;
      }
      auto F = FuseAt.find(I);
      if (F != FuseAt.end())
        fuse(B, *R.ops()[F->second], O);
      else
        cloneWithRegions(B, O);
      if (F != FuseAt.end()) {
        for (unsigned K : Pending)
          cloneWithRegions(B, *R.ops()[K]);
        Pending.clear();
      }
    }
  }

  void cloneWithRegions(Builder &B, const Op &O) {
    if (!O.numRegions()) {
      cloneOp(B, O, Map);
      return;
    }
    std::vector<Value *> Operands;
    for (Value *V : O.operands())
      Operands.push_back(lookup(Map, V));
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      Types.push_back(O.result(I)->type());
    B.setLoc(O.loc());
    Op *New = B.create(O.prim(), Operands, Types, O.attrs(), O.numRegions());
    for (unsigned I = 0; I < O.numRegions(); ++I) {
      const Region &Old = *O.region(I);
      for (unsigned A = 0; A < Old.numArguments(); ++A)
        Map[Old.argument(A)] = New->region(I)->addArgument(
            Old.argument(A)->type(), Old.argument(A)->name());
      B.enter(New->region(I));
      region(B, Old);
      B.exit();
    }
    for (unsigned I = 0; I < O.numResults(); ++I) {
      New->result(I)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(I);
    }
  }

  void fuse(Builder &B, const Op &L1, const Op &L2) {
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    for (unsigned K = 0; K < 3; ++K)
      Operands.push_back(lookup(Map, L1.operand(K)));
    for (const Op *L : {&L1, &L2})
      for (unsigned K = 3; K < L->numOperands(); ++K) {
        Operands.push_back(lookup(Map, L->operand(K)));
        Types.push_back(L->operand(K)->type());
      }
    B.setLoc(L2.loc());
    Op *New = B.create(Prim::For, Operands, Types, {}, 1);
    Region *Body = New->region(0);
    const Region &B1 = *L1.region(0), &B2 = *L2.region(0);
    Value *IV =
        Body->addArgument(B1.argument(0)->type(), B1.argument(0)->name());
    Map[B1.argument(0)] = IV;
    Map[B2.argument(0)] = IV;
    for (const Region *R : {&B1, &B2})
      for (unsigned A = 1; A < R->numArguments(); ++A)
        Map[R->argument(A)] =
            Body->addArgument(R->argument(A)->type(), R->argument(A)->name());
    B.enter(Body);
    if (B2.argument(0)->type() != IV->type()) // a signed backward counter
      Map[B2.argument(0)] = B.cast(IV, B2.argument(0)->type());
    // A value pushed and popped in the same fused iteration needs no stack.
    std::map<const Value *, const Value *> Pushed;
    for (const auto &O : B1.ops())
      if (O->prim() == Prim::Push)
        Pushed[O->operand(0)] = O->operand(1);
    std::set<const Value *> Popped;
    for (const auto &O : B2.ops())
      if (O->prim() == Prim::Pop && Pushed.count(O->operand(0)))
        Popped.insert(O->operand(0));
    std::vector<Value *> Yields;
    for (const Region *R : {&B1, &B2}) {
      for (const auto &O : R->ops()) {
        if (O->prim() == Prim::Yield) {
          for (Value *V : O->operands())
            Yields.push_back(lookup(Map, V));
          continue;
        }
        if (O->prim() == Prim::Push && Popped.count(O->operand(0)))
          continue;
        if (O->prim() == Prim::Pop && Popped.count(O->operand(0))) {
          Map[O->result()] = lookup(Map, Pushed[O->operand(0)]);
          continue;
        }
        cloneWithRegions(B, *O);
      }
    }
    Unused.insert(Popped.begin(), Popped.end());
    B.yield(Yields);
    B.exit();
    unsigned Next = 0;
    for (const Op *L : {&L1, &L2})
      for (unsigned K = 0; K < L->numResults(); ++K) {
        New->result(Next)->setName(L->result(K)->name());
        Map[L->result(K)] = New->result(Next++);
      }
  }
};
} // namespace

std::unique_ptr<Function> fuseLoops(const Function &F, bool &Changed) {
  Fuser Fu;
  std::unique_ptr<Function> G = cloneSignature(F, Fu.Map);
  Builder B(G->body());
  Fu.region(B, *F.body());
  Changed = Fu.Changed;
  return G;
}

} // namespace adgen
