//===- Simplify.cpp - The simplifier run before emission ------------------===//
// Each round rebuilds the function through a folding, merging Builder (an if
// on a constant condition is replaced by the taken branch), then removes
// dead code; rounds repeat while the function shrinks.
//===----------------------------------------------------------------------===//
#include "Transforms/Simplify.h"
#include "IR/Cloning.h"
#include "Transforms/DeadCode.h"
#include "Transforms/Fold.h"

#include <set>

namespace adgen {

namespace {
class Rebuilder {
public:
  Rebuilder(Region *Body) : B(Body) {
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
      else
        cloneOp(B, *O, Map);
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
    for (unsigned R = 0; R < 2; ++R) {
      const Region &Old = *O.region(R);
      for (unsigned A = 0; A < Old.numArguments(); ++A)
        Map[Old.argument(A)] = New->region(R)->addArgument(
            Old.argument(A)->type(), Old.argument(A)->name());
      B.enter(New->region(R));
      B.yield(region(Old));
      B.exit();
    }
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

  static void collectStored(const Region &R, std::set<const Value *> &Out) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Store)
        Out.insert(O->operand(1));
      if (O->prim() == Prim::Fill)
        Out.insert(O->operand(0));
      for (unsigned I = 0; I < O->numRegions(); ++I)
        collectStored(*O->region(I), Out);
    }
  }

  void forOp(const Op &O) {
    const Region &Body = *O.region(0);
    // A carried value that every iteration passes on unchanged is its
    // initial value.
    std::vector<bool> Invariant;
    for (unsigned I = 0; I < O.numResults(); ++I)
      Invariant.push_back(Body.back()->operand(I) == Body.argument(I + 1));
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    for (unsigned I = 0; I < 3; ++I)
      Operands.push_back(lookup(Map, O.operand(I)));
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
    Map[Body.argument(0)] = New->region(0)->addArgument(
        Body.argument(0)->type(), Body.argument(0)->name());
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Invariant[I])
        Map[Body.argument(I + 1)] = New->region(0)->addArgument(
            Body.argument(I + 1)->type(), Body.argument(I + 1)->name());
    B.enter(New->region(0));
    std::vector<Value *> Yields = region(Body), Kept;
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
      Vals[R] = region(*O.region(R));
      B.yield(Vals[R]);
      B.exit();
    }
    for (unsigned I = 0; I < O.numResults(); ++I) {
      // Both branches yield the same value defined outside: no merge needed.
      if (Vals[0][I] == Vals[1][I] && !New->region(0)->encloses(Vals[0][I])) {
        Map[O.result(I)] = Vals[0][I];
        continue;
      }
      New->result(I)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(I);
    }
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
    Rebuilder R(G->body());
    R.Map = Map;
    Rebuilder::collectStored(*In->body(), R.Stored);
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
