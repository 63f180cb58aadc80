//===- Rebuilder.cpp - Copying a function while rewriting some ops --------===//
// The shared walk of the rebuilding transforms.
//===----------------------------------------------------------------------===//
#include "IR/Rebuilder.h"

namespace adgen {

std::vector<Value *> Rebuilder::region(const Region &R) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Yield || O->prim() == Prim::Return) {
      std::vector<Value *> Vals;
      for (Value *V : O->operands())
        Vals.push_back(lookup(Map, V));
      if (O->prim() == Prim::Return && EmitReturn) {
        B.setLoc(O->loc());
        B.ret(Vals);
      }
      return Vals;
    }
    if (rewrite(*O))
      continue;
    if (O->numRegions())
      withRegions(*O);
    else
      cloneOp(B, *O, Map);
  }
  return {};
}

Value *Rebuilder::recomputed(const Value *V, const Region &Body,
                             Value *Counter) {
  if (V == Body.argument(0) && Counter)
    return Counter;
  if (!Body.encloses(V))
    return lookup(Map, V);
  const Op &D = *V->definingOp();
  std::vector<Value *> Operands;
  for (const Value *U : D.operands())
    Operands.push_back(recomputed(U, Body, Counter));
  return B.build(D.prim(), V->type(), Operands, D.attrs());
}

void Rebuilder::withRegions(const Op &O) {
  std::vector<Value *> Operands;
  std::vector<Type> Types;
  for (Value *V : O.operands())
    Operands.push_back(lookup(Map, V));
  for (unsigned I = 0; I < O.numResults(); ++I)
    Types.push_back(O.result(I)->type());
  B.setLoc(O.loc());
  Op *New = B.create(O.prim(), Operands, Types, O.attrs(), O.numRegions());
  for (unsigned I = 0; I < O.numRegions(); ++I) {
    const Region &R = *O.region(I);
    for (unsigned A = 0; A < R.numArguments(); ++A)
      Map[R.argument(A)] = New->region(I)->addArgument(R.argument(A)->type(),
                                                       R.argument(A)->name());
    B.enter(New->region(I));
    std::vector<Value *> Vals = region(R);
    if (R.back() && R.back()->prim() == Prim::Yield)
      B.yield(Vals);
    B.exit();
  }
  for (unsigned I = 0; I < O.numResults(); ++I) {
    New->result(I)->setName(O.result(I)->name());
    Map[O.result(I)] = New->result(I);
  }
}

} // namespace adgen
