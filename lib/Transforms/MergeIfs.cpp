//===- MergeIfs.cpp - One branch for two on the same condition ------------===//
// Each branch of the merged if runs the first if's ops, then the second's:
// the order of every effect is kept.
//===----------------------------------------------------------------------===//
#include "Transforms/MergeIfs.h"
#include "IR/MemoryEffects.h"
#include "IR/Rebuilder.h"

#include <algorithm>
#include <set>

namespace adgen {

namespace {
/// The index of the if after ops[First] that merges with it, or 0.
unsigned partnerOf(const Region &R, unsigned First) {
  const auto &Ops = R.ops();
  const Op &A = *Ops[First];
  std::set<const Value *> Tainted; // A's results
  for (unsigned K = 0; K < A.numResults(); ++K)
    Tainted.insert(A.result(K));
  auto Reads = [&](const Op &O) {
    for (const Value *T : Tainted) {
      if (std::find(O.operands().begin(), O.operands().end(), T) !=
          O.operands().end())
        return true;
      for (unsigned K = 0; K < O.numRegions(); ++K)
        if (O.region(K)->uses(T))
          return true;
    }
    return false;
  };
  for (unsigned I = First + 1; I < Ops.size(); ++I) {
    const Op &O = *Ops[I];
    if (O.prim() == Prim::If && O.operand(0) == A.operand(0))
      return Reads(O) ? 0 : I;
    MemoryEffects Effects; // a call reads arrays: it must not move
    collectMemoryEffects(O, Effects);
    if (!isPure(O.prim()) || O.numRegions() || O.numResults() != 1 ||
        !Effects.Reads.empty() || !Effects.Writes.empty() || Effects.Stacks ||
        Reads(O))
      return 0;
  }
  return 0;
}

class Merger : public Rebuilder {
public:
  using Rebuilder::Rebuilder;
  bool Changed = false;

private:
  std::set<const Op *> Done; // moved ahead, or merged into an earlier if

  bool rewrite(const Op &O) override {
    if (Done.count(&O))
      return true;
    if (O.prim() != Prim::If)
      return false;
    const Region &R = *O.parentRegion();
    unsigned First = 0;
    while (R.ops()[First].get() != &O)
      ++First;
    unsigned Second = partnerOf(R, First);
    if (!Second)
      return false;
    Changed = true;
    for (unsigned K = First + 1; K < Second; ++K) { // pure: moved ahead
      cloneOp(B, *R.ops()[K], Map);
      Done.insert(R.ops()[K].get());
    }
    const Op &P = *R.ops()[Second];
    Done.insert(&P);
    std::vector<Type> Types;
    for (const Op *X : {&O, &P})
      for (unsigned K = 0; K < X->numResults(); ++K)
        Types.push_back(X->result(K)->type());
    B.setLoc(O.loc());
    Op *New =
        B.create(Prim::If, {lookup(Map, O.operand(0))}, Types, O.attrs(), 2);
    for (unsigned Arm = 0; Arm < 2; ++Arm) {
      B.enter(New->region(Arm));
      std::vector<Value *> Yields = region(*O.region(Arm));
      std::vector<Value *> More = region(*P.region(Arm));
      Yields.insert(Yields.end(), More.begin(), More.end());
      B.yield(Yields);
      B.exit();
    }
    unsigned Next = 0;
    for (const Op *X : {&O, &P})
      for (unsigned K = 0; K < X->numResults(); ++K) {
        New->result(Next)->setName(X->result(K)->name());
        Map[X->result(K)] = New->result(Next++);
      }
    return true;
  }
};
} // namespace

std::unique_ptr<Function> mergeIfs(const Function &F) {
  return rebuildIfChanged<Merger>(F);
}

} // namespace adgen
