//===- MergeCarried.cpp - One carried value for equal ones ----------------===//
// Partitions each for loop's carried values by refinement, then rebuilds the
// loops that have equal ones with one representative per class.
//===----------------------------------------------------------------------===//
#include "Transforms/MergeCarried.h"
#include "IR/Rebuilder.h"

#include <functional>
#include <map>

namespace adgen {

namespace {
/// Class[i]: the smallest index of carried value i's class.
std::vector<unsigned> equalCarried(const Op &L) {
  unsigned N = L.numResults();
  const Region &Body = *L.region(0);
  const Op *Yield = Body.back();
  // Initial values: the same value, or equal constants.
  auto SameStart = [&](unsigned I, unsigned J) {
    const Value *A = L.operand(3 + I), *B = L.operand(3 + J);
    if (A->type() != B->type())
      return false;
    if (A == B)
      return true;
    const Op *DA = A->definingOp(), *DB = B->definingOp();
    return DA && DB && DA->prim() == Prim::Const && DB->prim() == Prim::Const &&
           !(DA->attrs() < DB->attrs()) && !(DB->attrs() < DA->attrs());
  };
  std::vector<unsigned> Class(N);
  for (unsigned I = 0; I < N; ++I) {
    Class[I] = I;
    for (unsigned J = 0; J < I; ++J)
      if (Class[J] == J && SameStart(I, J)) {
        Class[I] = J;
        break;
      }
  }
  auto CarriedIndex = [&](const Value *V) -> int {
    if (V->argumentOf() != &Body || V->index() == 0)
      return -1;
    return static_cast<int>(V->index()) - 1;
  };
  // A and B are equal in every iteration if the classes are right.
  std::map<std::pair<const Value *, const Value *>, bool> Memo;
  std::function<bool(const Value *, const Value *)> Same =
      [&](const Value *A, const Value *B) -> bool {
    if (A == B)
      return true;
    int IA = CarriedIndex(A), IB = CarriedIndex(B);
    if (IA >= 0 || IB >= 0)
      return IA >= 0 && IB >= 0 && Class[IA] == Class[IB];
    const Op *DA = A->definingOp(), *DB = B->definingOp();
    if (!DA || !DB || DA->prim() != DB->prim() || !isPure(DA->prim()) ||
        DA->numRegions() || DB->numRegions() ||
        DA->numOperands() != DB->numOperands() || A->type() != B->type() ||
        DA->attrs() < DB->attrs() || DB->attrs() < DA->attrs())
      return false;
    auto Key = std::make_pair(A, B);
    auto It = Memo.find(Key);
    if (It != Memo.end())
      return It->second;
    bool Equal = true;
    for (unsigned K = 0; K < DA->numOperands() && Equal; ++K)
      Equal = Same(DA->operand(K), DB->operand(K));
    return Memo[Key] = Equal;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    Memo.clear();
    std::vector<unsigned> Next(N);
    for (unsigned I = 0; I < N; ++I) {
      Next[I] = I;
      for (unsigned J = 0; J < I; ++J)
        if (Next[J] == J && Class[J] == Class[I] &&
            Same(Yield->operand(J), Yield->operand(I))) {
          Next[I] = J;
          break;
        }
      Changed |= Next[I] != Class[I];
    }
    Class = Next;
  }
  return Class;
}

class Merger : public Rebuilder {
public:
  using Rebuilder::Rebuilder;
  bool Changed = false;

private:
  bool rewrite(const Op &O) override {
    if (O.prim() != Prim::For || O.numResults() < 2)
      return false;
    std::vector<unsigned> Class = equalCarried(O);
    std::vector<unsigned> Kept;
    for (unsigned I = 0; I < Class.size(); ++I)
      if (Class[I] == I)
        Kept.push_back(I);
    if (Kept.size() == Class.size())
      return false;
    Changed = true;
    std::vector<Value *> Operands;
    for (unsigned K = 0; K < 3; ++K)
      Operands.push_back(lookup(Map, O.operand(K)));
    std::vector<Type> Types;
    for (unsigned I : Kept) {
      Operands.push_back(lookup(Map, O.operand(3 + I)));
      Types.push_back(O.result(I)->type());
    }
    B.setLoc(O.loc());
    Op *New = B.create(Prim::For, Operands, Types, O.attrs(), 1);
    const Region &Body = *O.region(0);
    Region *NewBody = New->region(0);
    Map[Body.argument(0)] = NewBody->addArgument(Body.argument(0)->type(),
                                                 Body.argument(0)->name());
    std::map<unsigned, Value *> ArgOf;
    for (unsigned I : Kept)
      ArgOf[I] = NewBody->addArgument(Body.argument(1 + I)->type(),
                                      Body.argument(1 + I)->name());
    for (unsigned I = 0; I < Class.size(); ++I)
      Map[Body.argument(1 + I)] = ArgOf[Class[I]];
    B.enter(NewBody);
    std::vector<Value *> Yields = region(Body), KeptYields;
    for (unsigned I : Kept)
      KeptYields.push_back(Yields[I]);
    B.yield(KeptYields);
    B.exit();
    std::map<unsigned, Value *> ResultOf;
    for (unsigned K = 0; K < Kept.size(); ++K) {
      New->result(K)->setName(O.result(Kept[K])->name());
      ResultOf[Kept[K]] = New->result(K);
    }
    for (unsigned I = 0; I < Class.size(); ++I)
      Map[O.result(I)] = ResultOf[Class[I]];
    return true;
  }
};
} // namespace

std::unique_ptr<Function> mergeCarried(const Function &F) {
  return rebuildIfChanged<Merger>(F);
}

} // namespace adgen
