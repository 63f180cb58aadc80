//===- CarryIncrements.cpp - Adjoint increments carried across iterations -===//
// Finds, per for loop, the buffers it only increments and the increments at
// neighbouring indices, then rebuilds the loop carrying their partial sums.
//===----------------------------------------------------------------------===//
#include "Transforms/CarryIncrements.h"
#include "IR/Rebuilder.h"
#include "Transforms/IndexAlgebra.h"

#include <map>
#include <set>

namespace adgen {

namespace {
/// A group spans at most this many neighbouring elements (its carried sums
/// are one fewer).
constexpr long long MaxSpan = 8;

/// `Buffer[Index] = load(Buffer[Index]) +- Contribution` at the top of a
/// body.
struct Increment {
  const Op *Load, *Sum, *Store;
  const Value *Contribution;
  bool Negated; // a sub
};

/// The increments of one buffer at indices Base + Sign * iv + k.
struct Group {
  const Value *Buffer;
  long long Sign;
  std::map<long long, std::vector<Increment>> ByOffset;
  long long Min = 0, Max = 0;
  /// Where an element receives its last (Flush) and first (Fresh) increment
  /// of the loop: the element Base + Sign * iv + Flush is complete after
  /// iteration iv.
  long long Flush = 0, Fresh = 0;
  long long Shift = 0; // Sign * step: how far the elements move per iteration
  /// Rebuilding: the partial sum for each offset in the current iteration.
  std::map<long long, Value *> Total;
  std::vector<long long> carriedOffsets() const {
    std::vector<long long> Out;
    for (long long K = Min; K <= Max; ++K)
      if (K != Fresh)
        Out.push_back(K);
    return Out;
  }
  const Value *flushIndex() const {
    return ByOffset.at(Flush).front().Store->operand(2);
  }
};

/// V is integer arithmetic in Body on the counter and values from outside,
/// so it can be computed again after the loop for another counter value.
bool recomputable(const Value *V, const Region &Body,
                  std::set<const Value *> &Checked) {
  if (!Body.encloses(V) || V == Body.argument(0) || !Checked.insert(V).second)
    return true;
  const Op *D = V->definingOp();
  if (!D || !V->type().isInteger())
    return false;
  switch (D->prim()) {
  case Prim::Const:
  case Prim::Cast:
  case Prim::Add:
  case Prim::Sub:
  case Prim::Mul:
  case Prim::Neg:
    break;
  default:
    return false;
  }
  for (const Value *U : D->operands())
    if (!recomputable(U, Body, Checked))
      return false;
  return true;
}

bool recomputable(const Value *V, const Region &Body) {
  std::set<const Value *> Checked;
  return recomputable(V, Body, Checked);
}

std::optional<Increment> incrementAt(const Op &Store,
                                     const std::map<const Value *, int> &Uses) {
  if (Store.prim() != Prim::Store || !Store.operand(0)->type().isFloat())
    return std::nullopt;
  const Op *Sum = Store.operand(0)->definingOp();
  if (!Sum || (Sum->prim() != Prim::Add && Sum->prim() != Prim::Sub) ||
      Sum->attrs().IntValue != AccumulationFlag ||
      Sum->parentRegion() != Store.parentRegion() ||
      Uses.at(Sum->result()) != 1)
    return std::nullopt;
  bool Negated = Sum->prim() == Prim::Sub;
  for (unsigned I = 0; I < (Negated ? 1 : 2); ++I) {
    const Op *Load = Sum->operand(I)->definingOp();
    if (Load && Load->prim() == Prim::Load &&
        Load->operand(0) == Store.operand(1) &&
        Load->operand(1) == Store.operand(2) &&
        Load->parentRegion() == Store.parentRegion() &&
        Uses.at(Load->result()) == 1)
      return Increment{Load, Sum, &Store, Sum->operand(1 - I), Negated};
  }
  return std::nullopt;
}

/// The groups loop L can carry.
std::vector<Group> groupsOf(const Op &L) {
  std::vector<Group> Out;
  if (L.prim() != Prim::For)
    return Out;
  const Op *StepOp = L.operand(2)->definingOp();
  if (!StepOp || StepOp->prim() != Prim::Const ||
      (StepOp->attrs().IntValue != 1 && StepOp->attrs().IntValue != -1))
    return Out;
  long long Step = StepOp->attrs().IntValue;
  const Region &Body = *L.region(0);
  const Value *Counter = Body.argument(0);
  std::vector<const Op *> Inside = Body.nestedOps();
  std::map<const Value *, int> Uses;
  for (const Op *O : Inside) {
    for (unsigned I = 0; I < O->numResults(); ++I)
      Uses[O->result(I)];
    for (const Value *U : O->operands())
      ++Uses[U];
  }
  std::vector<Increment> Increments;
  std::set<const Op *> Parts;
  for (const auto &O : Body.ops())
    if (auto Inc = incrementAt(*O, Uses)) {
      Increments.push_back(*Inc);
      Parts.insert({Inc->Load, Inc->Store});
    }
  // A buffer qualifies when every access in the loop is an increment.
  std::set<const Value *> Other;
  for (const Op *O : Inside)
    for (const Value *U : O->operands())
      if (U->type().isBuffer() && !Parts.count(O))
        Other.insert(U);
  using Key = std::tuple<const Value *, long long,
                         std::map<std::vector<const Value *>, long long>>;
  std::map<Key, Group> Groups;
  std::vector<Key> FirstSeen; // the output's order, not the pointers'

  for (const Increment &Inc : Increments) {
    const Value *Buffer = Inc.Store->operand(1);
    if (Other.count(Buffer) || Body.encloses(Buffer) ||
        !recomputable(Inc.Store->operand(2), Body))
      continue;
    Poly Base = polyOf(Inc.Store->operand(2));
    auto CounterTerm = Base.Terms.find({Counter});
    if (CounterTerm == Base.Terms.end() ||
        (CounterTerm->second != 1 && CounterTerm->second != -1))
      continue;
    long long Sign = CounterTerm->second;
    Base.Terms.erase(CounterTerm);
    long long Offset = Base.constantTerm();
    Base = Base - Poly::constant(Offset);
    if (!invariantIn(Base, Body))
      continue;
    Key K{Buffer, Sign, Base.Terms};
    if (!Groups.count(K))
      FirstSeen.push_back(K);
    Group &G = Groups[K];
    G.Buffer = Buffer;
    G.Sign = Sign;
    G.ByOffset[Offset].push_back(Inc);
  }
  for (const Key &K : FirstSeen) {
    Group &G = Groups[K];
    if (G.ByOffset.size() < 2)
      continue;
    G.Min = G.ByOffset.begin()->first;
    G.Max = G.ByOffset.rbegin()->first;
    if (G.Max - G.Min >= MaxSpan)
      continue;
    G.Shift = G.Sign * Step;
    G.Flush = G.Shift > 0 ? G.Min : G.Max;
    G.Fresh = G.Shift > 0 ? G.Max : G.Min;
    Out.push_back(std::move(G));
  }
  return Out;
}

class Carrier : public Rebuilder {
public:
  using Rebuilder::Rebuilder;
  bool Changed = false;

private:
  /// The increments of the loops being rebuilt: their group and offset.
  std::map<const Op *, std::tuple<Group *, long long, const Increment *>>
      Stores;
  std::set<const Op *> Dropped;

  Value *accumulate(Value *Sum, Value *Term) {
    if (!Sum)
      return Term;
    Attributes Flag;
    Flag.IntValue = AccumulationFlag;
    return B.build(Prim::Add, Term->type(), {Sum, Term}, Flag);
  }

  void addTo(Value *Buffer, Value *Index, Value *Term) {
    Type Ty = Term->type();
    Value *Old = B.create(Prim::Load, {Buffer, Index}, {Ty})->result();
    B.create(Prim::Store, {accumulate(Old, Term), Buffer, Index}, {});
  }

  bool rewrite(const Op &O) override {
    if (Dropped.count(&O))
      return true;
    auto Found = Stores.find(&O);
    if (Found != Stores.end()) {
      auto &[G, Offset, Inc] = Found->second;
      Value *Term = lookup(Map, Inc->Contribution);
      G->Total[Offset] =
          accumulate(G->Total[Offset], Inc->Negated ? B.neg(Term) : Term);
      return true;
    }
    if (O.prim() != Prim::For)
      return false;
    std::vector<Group> Groups = groupsOf(O);
    if (Groups.empty())
      return false;
    carry(O, Groups);
    Changed = true;
    return true;
  }

  void carry(const Op &L, std::vector<Group> &Groups) {
    const Region &Body = *L.region(0);
    B.setLoc(L.loc());
    Value *LB = lookup(Map, L.operand(0)), *UB = lookup(Map, L.operand(1));
    long long Step = L.operand(2)->definingOp()->attrs().IntValue;
    std::vector<Value *> Operands{LB, UB, lookup(Map, L.operand(2))};
    std::vector<Type> Types;
    for (unsigned I = 0; I < L.numResults(); ++I) {
      Operands.push_back(lookup(Map, L.operand(3 + I)));
      Types.push_back(L.result(I)->type());
    }
    for (Group &G : Groups) {
      Type Ty = G.Buffer->type().element();
      for (size_t K = 0; K < G.carriedOffsets().size(); ++K) {
        Operands.push_back(B.zero(Ty));
        Types.push_back(Ty);
      }
      for (auto &[Offset, Incs] : G.ByOffset)
        for (const Increment &Inc : Incs) {
          Dropped.insert({Inc.Load, Inc.Sum});
          Stores[Inc.Store] = {&G, Offset, &Inc};
        }
    }
    Op *New = B.create(Prim::For, Operands, Types, L.attrs(), 1);
    Region *NewBody = New->region(0);
    for (unsigned A = 0; A < Body.numArguments(); ++A)
      Map[Body.argument(A)] = NewBody->addArgument(Body.argument(A)->type(),
                                                   Body.argument(A)->name());
    for (Group &G : Groups)
      for (long long K : G.carriedOffsets())
        G.Total[K] = NewBody->addArgument(G.Buffer->type().element(),
                                          G.Buffer->name() + "_partial");
    B.enter(NewBody);
    std::vector<Value *> Yields = region(Body);
    for (Group &G : Groups) {
      // The element at Flush is complete; the others move by Shift.
      Value *Buffer = lookup(Map, G.Buffer);
      addTo(Buffer, lookup(Map, G.flushIndex()), G.Total[G.Flush]);
      for (long long K : G.carriedOffsets()) {
        Value *Next = G.Total[K + G.Shift];
        Yields.push_back(Next ? Next : B.zero(G.Buffer->type().element()));
      }
    }
    B.yield(Yields);
    B.exit();
    for (unsigned I = 0; I < L.numResults(); ++I) {
      New->result(I)->setName(L.result(I)->name());
      Map[L.result(I)] = New->result(I);
    }
    // After the last iteration (the counter is then UB) the carried sums
    // belong to the elements Base + Sign * UB + K.
    Poly Span = Step > 0 ? polyOf(L.operand(1)) - polyOf(L.operand(0))
                         : polyOf(L.operand(0)) - polyOf(L.operand(1));
    Op *Guard = nullptr;
    if (!IndexFacts(L).positive(Span)) {
      Guard = B.create(Prim::If,
                       {B.cmp(Step > 0 ? CmpPred::LT : CmpPred::GT, LB, UB)},
                       {}, {}, 2);
      B.enter(Guard->region(0));
    }
    unsigned Result = L.numResults();
    for (Group &G : Groups) {
      Value *Buffer = lookup(Map, G.Buffer);
      for (long long K : G.carriedOffsets()) {
        long long Delta = G.Sign * (K - G.Flush);
        Value *At = Delta >= 0 ? B.add(UB, B.constant(UB->type(), Delta))
                               : B.sub(UB, B.constant(UB->type(), -Delta));
        addTo(Buffer, recomputed(G.flushIndex(), Body, At),
              New->result(Result++));
      }
      for (auto &[Offset, Incs] : G.ByOffset)
        for (const Increment &Inc : Incs) {
          Dropped.erase(Inc.Load);
          Dropped.erase(Inc.Sum);
          Stores.erase(Inc.Store);
        }
    }
    if (Guard) {
      B.yield({});
      B.exit();
      B.enter(Guard->region(1));
      B.yield({});
      B.exit();
    }
  }
};
} // namespace

std::unique_ptr<Function> carryIncrements(const Function &F) {
  return rebuildIfChanged<Carrier>(F);
}

} // namespace adgen
