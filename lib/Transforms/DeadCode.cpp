//===- DeadCode.cpp - Dead-code elimination -------------------------------===//
// A backward liveness walk over the structured regions, then a rebuild that
// keeps live ops and only the live results of each if.
//===----------------------------------------------------------------------===//
#include "Transforms/DeadCode.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"

#include <set>

namespace adgen {

namespace {
class DeadCodeEliminator {
public:
  void markRegion(const Region &R, const std::vector<bool> &LiveYields) {
    for (auto It = R.ops().rbegin(); It != R.ops().rend(); ++It) {
      const Op &O = **It;
      if (O.prim() == Prim::Return) {
        for (Value *V : O.operands())
          Live.insert(V);
        continue;
      }
      if (O.prim() == Prim::Yield) {
        for (unsigned I = 0; I < O.numOperands(); ++I)
          if (LiveYields[I])
            Live.insert(O.operand(I));
        continue;
      }
      std::vector<bool> LiveResults;
      bool Any = false;
      for (unsigned I = 0; I < O.numResults(); ++I) {
        LiveResults.push_back(Live.count(O.result(I)) != 0);
        Any |= LiveResults.back();
      }
      if (!Any && isPure(O.prim()))
        continue;
      if (!Any && O.prim() == Prim::If)
        continue;
      LiveOps.insert(&O);
      for (Value *V : O.operands())
        Live.insert(V);
      for (unsigned I = 0; I < O.numRegions(); ++I)
        markRegion(*O.region(I), LiveResults);
    }
  }

  void rebuild(Builder &B, const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Return || O->prim() == Prim::Yield) {
        std::vector<Value *> Operands;
        const Op *Parent = R.parentOp();
        for (unsigned I = 0; I < O->numOperands(); ++I)
          if (!Parent || Live.count(Parent->result(I)))
            Operands.push_back(lookup(Map, O->operand(I)));
        B.setLoc(O->loc());
        B.create(O->prim(), Operands, {});
        continue;
      }
      if (!LiveOps.count(O.get()))
        continue;
      if (O->prim() != Prim::If) {
        cloneOp(B, *O, Map);
        continue;
      }
      std::vector<Type> Types;
      for (unsigned I = 0; I < O->numResults(); ++I)
        if (Live.count(O->result(I)))
          Types.push_back(O->result(I)->type());
      B.setLoc(O->loc());
      Op *New = B.create(Prim::If, {lookup(Map, O->operand(0))}, Types, {}, 2);
      for (unsigned I = 0; I < 2; ++I) {
        B.enter(New->region(I));
        rebuild(B, *O->region(I));
        B.exit();
      }
      unsigned Next = 0;
      for (unsigned I = 0; I < O->numResults(); ++I)
        if (Live.count(O->result(I))) {
          New->result(Next)->setName(O->result(I)->name());
          Map[O->result(I)] = New->result(Next++);
        }
    }
  }

  std::set<const Value *> Live;
  std::set<const Op *> LiveOps;
  ValueMap Map;
};
} // namespace

std::unique_ptr<Function> eliminateDeadCode(const Function &F) {
  DeadCodeEliminator D;
  D.markRegion(*F.body(), {});
  std::unique_ptr<Function> G = cloneSignature(F, D.Map);
  Builder B(G->body());
  D.rebuild(B, *F.body());
  return G;
}

} // namespace adgen
