//===- ContractArrays.cpp - Reads of arrays filled by a cheap map ---------===//
// Finds fill loops and the loads that read what they stored, then rebuilds
// the function with each such load replaced by the fill's expression.
//===----------------------------------------------------------------------===//
#include "Transforms/ContractArrays.h"
#include "IR/MemoryEffects.h"
#include "IR/Rebuilder.h"
#include "Transforms/IndexAlgebra.h"

namespace adgen {

namespace {
/// At most this many ops are computed again at each read.
constexpr unsigned MaxExpressionOps = 8;

/// A loop `for i in [lb, ub) step 1: Buffer[i] = Value`.
struct Fill {
  const Op *Loop;
  const Op *Store;
};

bool cheap(Prim P) {
  switch (P) {
  case Prim::Const:
  case Prim::Cast:
  case Prim::Add:
  case Prim::Sub:
  case Prim::Mul:
  case Prim::Neg:
  case Prim::Load:
  case Prim::Cmp:
  case Prim::Select:
  case Prim::And:
  case Prim::Or:
  case Prim::Not:
    return true;
  default:
    return false;
  }
}

class Analysis {
public:
  explicit Analysis(const Function &F) {
    collectMemoryEffects(*F.body(), Effects);
    findIn(*F.body());
  }
  std::map<const Op *, Fill> Reads; // load -> the fill it reads

private:
  MemoryEffects Effects;

  /// V is computed in Body from the counter, invariant values and loads of
  /// arrays nothing writes, in at most Budget ops.
  bool expression(const Value *V, const Region &Body, unsigned &Budget) const {
    if (!Body.encloses(V) || V == Body.argument(0))
      return true;
    const Op *D = V->definingOp();
    if (!D || D->numRegions() || !cheap(D->prim()) || Budget == 0)
      return false;
    --Budget;
    if (D->prim() == Prim::Load &&
        (Effects.Writes.count(D->operand(0)) || Body.encloses(D->operand(0))))
      return false;
    for (const Value *U : D->operands())
      if (!expression(U, Body, Budget))
        return false;
    return true;
  }

  std::optional<Fill> fillOf(const Op &L) const {
    if (L.prim() != Prim::For || L.numResults())
      return std::nullopt;
    const Op *Step = L.operand(2)->definingOp();
    if (!Step || Step->prim() != Prim::Const || Step->attrs().IntValue != 1)
      return std::nullopt;
    const Region &Body = *L.region(0);
    const Op *Store = nullptr;
    for (const auto &O : Body.ops()) {
      if (O->prim() == Prim::Yield || (isPure(O->prim()) && !O->numRegions()))
        continue;
      if (O->prim() == Prim::Load && !Effects.Writes.count(O->operand(0)))
        continue;
      if (O->prim() != Prim::Store || Store)
        return std::nullopt;
      Store = O.get();
    }
    if (!Store)
      return std::nullopt;
    const Value *Buffer = Store->operand(1);
    const Op *Alloc = Buffer->definingOp();
    unsigned Budget = MaxExpressionOps;
    if (!Alloc || Alloc->prim() != Prim::Alloc || !overwritten(L, Buffer) ||
        (polyOf(Store->operand(2)) - polyOf(Body.argument(0))).Terms.size() ||
        !expression(Store->operand(0), Body, Budget))
      return std::nullopt;
    return Fill{&L, Store};
  }

  /// Filled more than once, or written elsewhere too: reverse mode would
  /// have to save what the reads see. An array filled once is read back.
  bool overwritten(const Op &L, const Value *Buffer) const {
    for (const Op *P = L.parentRegion()->parentOp(); P;
         P = P->parentRegion()->parentOp())
      if (isLoop(P->prim()))
        return true;
    return writers(*Buffer->definingOp()->parentRegion(), Buffer) > 1;
  }

  static unsigned writers(const Region &R, const Value *Buffer) {
    unsigned N = 0;
    for (const auto &O : R.ops()) {
      for (unsigned I = 0; I < O->numRegions(); ++I)
        N += writers(*O->region(I), Buffer);
      if (O->numRegions())
        continue;
      MemoryEffects E;
      collectMemoryEffects(*O, E);
      N += E.Writes.count(Buffer);
    }
    return N;
  }

  /// The loads of Buffer in R (nested too).
  static void loadsOf(const Region &R, const Value *Buffer,
                      std::vector<const Op *> &Out) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Load && O->operand(0) == Buffer)
        Out.push_back(O.get());
      for (unsigned I = 0; I < O->numRegions(); ++I)
        loadsOf(*O->region(I), Buffer, Out);
    }
  }

  void findIn(const Region &R) {
    const auto &Ops = R.ops();
    for (unsigned K = 0; K < Ops.size(); ++K) {
      for (unsigned I = 0; I < Ops[K]->numRegions(); ++I)
        findIn(*Ops[K]->region(I));
      std::optional<Fill> F = fillOf(*Ops[K]);
      if (!F)
        continue;
      const Value *Buffer = F->Store->operand(1);
      Poly LB = polyOf(F->Loop->operand(0)), UB = polyOf(F->Loop->operand(1));
      for (unsigned Next = K + 1; Next < Ops.size(); ++Next) {
        MemoryEffects E;
        collectMemoryEffects(*Ops[Next], E);
        if (E.Writes.count(Buffer))
          break;
        std::vector<const Op *> Loads;
        if (Ops[Next]->prim() == Prim::Load && Ops[Next]->operand(0) == Buffer)
          Loads.push_back(Ops[Next].get());
        for (unsigned I = 0; I < Ops[Next]->numRegions(); ++I)
          loadsOf(*Ops[Next]->region(I), Buffer, Loads);
        for (const Op *Load : Loads) {
          IndexFacts Facts(*Load);
          Poly Index = polyOf(Load->operand(1));
          if (Facts.nonNegative(Index - LB) && Facts.positive(UB - Index))
            Reads[Load] = *F;
        }
      }
    }
  }
};

class Contractor : public Rebuilder {
public:
  Contractor(Region *Body, std::map<const Op *, Fill> Reads)
      : Rebuilder(Body), Reads(std::move(Reads)) {}

private:
  std::map<const Op *, Fill> Reads;

  bool rewrite(const Op &O) override {
    auto It = Reads.find(&O);
    if (It == Reads.end())
      return false;
    const Region &Body = *It->second.Loop->region(0);
    B.setLoc(O.loc());
    Value *Counter =
        B.cast(lookup(Map, O.operand(1)), Body.argument(0)->type());
    Value *V = recomputed(It->second.Store->operand(0), Body, Counter);
    bool IsConst = V->definingOp() && V->definingOp()->prim() == Prim::Const;
    if (V->name().empty() && !IsConst)
      V->setName(O.result()->name());
    Map[O.result()] = V;
    return true;
  }
};
} // namespace

std::unique_ptr<Function> contractArrays(const Function &F) {
  Analysis A(F);
  if (A.Reads.empty())
    return nullptr;
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Contractor C(G->body(), std::move(A.Reads));
  C.Map = Map;
  C.region(*F.body());
  return G;
}

} // namespace adgen
