//===- PromoteElements.cpp - Array elements a loop updates in place -------===//
// Finds, per for loop, the buffers it writes at one invariant index, then
// rebuilds the loop with one carried value per such element.
//===----------------------------------------------------------------------===//
#include "Transforms/PromoteElements.h"
#include "IR/Rebuilder.h"
#include "Transforms/IndexAlgebra.h"

#include <algorithm>
#include <set>

namespace adgen {

namespace {
/// One element carried by a loop being rebuilt.
struct Element {
  const Value *Buffer;
  const Value *Index; // of a store in the body
  std::set<const Op *> Loads, Stores;
  Value *Current = nullptr; // its value where the rebuilt body is
  bool ReadOnly() const { return Stores.empty(); }
};

/// The element of Buffer that loop L writes at Store's index, if L
/// qualifies: every store at that index in L's body, every other load of
/// Buffer provably elsewhere, no other use of Buffer.
std::optional<Element> elementOf(const Op &L, const Op &Store,
                                 const std::vector<const Op *> &Inside) {
  const Region &Body = *L.region(0);
  const Value *Buffer = Store.operand(1);
  if (Body.encloses(Buffer))
    return std::nullopt;
  Poly Address = polyOf(Store.operand(2));
  if (!invariantIn(Address, Body))
    return std::nullopt;
  Element E{Buffer, Store.operand(2), {}, {}};
  for (const Op *O : Inside) {
    for (unsigned I = 0; I < O->numOperands(); ++I) {
      if (O->operand(I) != Buffer)
        continue;
      bool Same = false;
      if (O->prim() == Prim::Load && I == 0)
        Same = (polyOf(O->operand(1)) - Address).Terms.empty();
      else if (O->prim() == Prim::Store && I == 1)
        Same = (polyOf(O->operand(2)) - Address).Terms.empty();
      else
        return std::nullopt; // a call, a fill: not an element access
      if (O->prim() == Prim::Store) {
        if (!Same || O->parentRegion() != &Body)
          return std::nullopt;
        E.Stores.insert(O);
      } else if (Same) {
        E.Loads.insert(O);
      } else if (!IndexFacts(*O).differ(polyOf(O->operand(1)), Address)) {
        return std::nullopt;
      }
    }
  }
  return E;
}

std::vector<Element> elementsOf(const Op &L) {
  std::vector<Element> Out;
  if (L.prim() != Prim::For)
    return Out;
  const Op *Step = L.operand(2)->definingOp();
  if (!Step || Step->prim() != Prim::Const || Step->attrs().IntValue == 0)
    return Out;
  std::vector<const Op *> Inside = L.region(0)->nestedOps();
  std::set<const Value *> Seen;
  for (const auto &O : L.region(0)->ops()) {
    if (O->prim() != Prim::Store || !O->operand(0)->type().isFloat() ||
        !Seen.insert(O->operand(1)).second)
      continue;
    if (auto E = elementOf(L, *O, Inside))
      Out.push_back(std::move(*E));
  }
  // Loads at an invariant index of an array nothing in the loop writes are
  // read once, before it.
  std::set<const Value *> Written;
  for (const Op *O : Inside)
    for (unsigned I = 0; I < O->numOperands(); ++I)
      if (O->operand(I)->type().isBuffer() &&
          !(O->prim() == Prim::Load && I == 0))
        Written.insert(O->operand(I));
  for (const auto &O : L.region(0)->ops()) {
    const Value *Buffer = O->prim() == Prim::Load ? O->operand(0) : nullptr;
    if (!Buffer || Written.count(Buffer) || L.region(0)->encloses(Buffer) ||
        !O->result()->type().isFloat())
      continue;
    Poly Address = polyOf(O->operand(1));
    if (!invariantIn(Address, *L.region(0)))
      continue;
    auto Same = std::find_if(Out.begin(), Out.end(), [&](const Element &E) {
      return E.ReadOnly() && E.Buffer == Buffer &&
             (polyOf(E.Index) - Address).Terms.empty();
    });
    if (Same != Out.end())
      Same->Loads.insert(O.get());
    else
      Out.push_back({Buffer, O->operand(1), {O.get()}, {}});
  }
  return Out;
}

class Promoter : public Rebuilder {
public:
  using Rebuilder::Rebuilder;

private:
  std::vector<Element *> Active;

  bool rewrite(const Op &O) override {
    for (Element *E : Active) {
      if (E->Loads.count(&O)) {
        Map[O.result()] = E->Current;
        return true;
      }
      if (E->Stores.count(&O)) {
        E->Current = lookup(Map, O.operand(0));
        return true;
      }
    }
    if (O.prim() != Prim::For)
      return false;
    std::vector<Element> Elements = elementsOf(O);
    if (Elements.empty())
      return false;
    promote(O, Elements);
    return true;
  }

  void promote(const Op &L, std::vector<Element> &Elements) {
    const Region &Body = *L.region(0);
    B.setLoc(L.loc());
    Value *LB = lookup(Map, L.operand(0)), *UB = lookup(Map, L.operand(1));
    long long Step = L.operand(2)->definingOp()->attrs().IntValue;
    Poly Span = Step > 0 ? polyOf(L.operand(1)) - polyOf(L.operand(0))
                         : polyOf(L.operand(0)) - polyOf(L.operand(1));
    bool Runs = IndexFacts(L).positive(Span);
    std::vector<Value *> Inits;
    std::vector<Type> Types;
    for (unsigned I = 0; I < L.numResults(); ++I) {
      Inits.push_back(lookup(Map, L.operand(3 + I)));
      Types.push_back(L.result(I)->type());
    }
    Op *Guard = nullptr;
    if (!Runs) {
      Value *Cond = B.cmp(Step > 0 ? CmpPred::LT : CmpPred::GT, LB, UB);
      Guard = B.create(Prim::If, {Cond}, Types, {}, 2);
      B.enter(Guard->region(0));
    }
    std::vector<Value *> Addresses;
    std::vector<Value *> Operands{LB, UB, lookup(Map, L.operand(2))};
    Operands.insert(Operands.end(), Inits.begin(), Inits.end());
    std::vector<Type> LoopTypes = Types;
    for (Element &E : Elements) {
      // The index is loop-invariant: computed where the loop starts.
      Addresses.push_back(recomputed(E.Index, Body, nullptr));
      Type Ty = E.Buffer->type().element();
      Value *First =
          B.create(Prim::Load, {lookup(Map, E.Buffer), Addresses.back()}, {Ty})
              ->result();
      if (E.ReadOnly()) {
        E.Current = First;
        continue;
      }
      Operands.push_back(First);
      LoopTypes.push_back(Ty);
    }
    Op *New = B.create(Prim::For, Operands, LoopTypes, L.attrs(), 1);
    Region *NewBody = New->region(0);
    for (unsigned A = 0; A < Body.numArguments(); ++A)
      Map[Body.argument(A)] = NewBody->addArgument(Body.argument(A)->type(),
                                                   Body.argument(A)->name());
    for (Element &E : Elements) {
      if (!E.ReadOnly())
        E.Current = NewBody->addArgument(E.Buffer->type().element());
      Active.push_back(&E);
    }
    B.enter(NewBody);
    std::vector<Value *> Yields = region(Body);
    for (Element &E : Elements)
      if (!E.ReadOnly())
        Yields.push_back(E.Current);
    B.yield(Yields);
    B.exit();
    Active.resize(Active.size() - Elements.size());
    unsigned Carried = L.numResults();
    for (unsigned K = 0; K < Elements.size(); ++K)
      if (!Elements[K].ReadOnly())
        B.create(Prim::Store,
                 {New->result(Carried++), lookup(Map, Elements[K].Buffer),
                  Addresses[K]},
                 {});
    std::vector<Value *> Results;
    for (unsigned I = 0; I < L.numResults(); ++I)
      Results.push_back(New->result(I));
    if (Guard) {
      B.yield(Results);
      B.exit();
      B.enter(Guard->region(1));
      B.yield(Inits);
      B.exit();
      Results.clear();
      for (unsigned I = 0; I < L.numResults(); ++I)
        Results.push_back(Guard->result(I));
    }
    for (unsigned I = 0; I < L.numResults(); ++I) {
      Results[I]->setName(L.result(I)->name());
      Map[L.result(I)] = Results[I];
    }
  }
};
} // namespace

std::unique_ptr<Function> promoteElements(const Function &F) {
  return rebuildWith<Promoter>(F);
}

} // namespace adgen
