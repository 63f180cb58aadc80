//===- Cloning.cpp - Copying ops between functions ------------------------===//
// Generic deep copy used by the rebuilding transforms.
//===----------------------------------------------------------------------===//
#include "IR/Cloning.h"

namespace adgen {

Value *lookup(const ValueMap &M, const Value *V) {
  auto It = M.find(V);
  return It == M.end() ? const_cast<Value *>(V) : It->second;
}

static void keepName(Value *New, const Value *Old) {
  if (New->name().empty() && !Old->name().empty() &&
      !(New->definingOp() && New->definingOp()->prim() == Prim::Const))
    New->setName(Old->name());
}

void cloneOp(Builder &B, const Op &O, ValueMap &M, bool Primal) {
  if (Primal && O.prim() == Prim::WithDerivative) {
    M[O.result()] = lookup(M, O.operand(0));
    return;
  }
  std::vector<Value *> Operands;
  for (Value *V : O.operands())
    Operands.push_back(lookup(M, V));
  B.setLoc(O.loc());
  if (isPure(O.prim()) && O.numResults() == 1 && O.prim() != Prim::CallGrad) {
    Value *R = B.build(O.prim(), O.result()->type(), Operands, O.attrs());
    keepName(R, O.result());
    M[O.result()] = R;
    return;
  }
  std::vector<Type> Types;
  for (unsigned I = 0; I < O.numResults(); ++I)
    Types.push_back(O.result(I)->type());
  Op *New = B.create(O.prim(), Operands, Types, O.attrs(), O.numRegions());
  for (unsigned I = 0; I < O.numRegions(); ++I) {
    const Region &R = *O.region(I);
    for (unsigned A = 0; A < R.numArguments(); ++A)
      M[R.argument(A)] = New->region(I)->addArgument(R.argument(A)->type(),
                                                     R.argument(A)->name());
    B.enter(New->region(I));
    for (const auto &Inner : O.region(I)->ops())
      cloneOp(B, *Inner, M, Primal);
    B.exit();
  }
  for (unsigned I = 0; I < O.numResults(); ++I) {
    keepName(New->result(I), O.result(I));
    M[O.result(I)] = New->result(I);
  }
}

std::unique_ptr<Function> cloneSignature(const Function &F, ValueMap &M) {
  auto G = std::make_unique<Function>(F.name(), F.namespaces());
  for (unsigned I = 0; I < F.numParams(); ++I)
    M[F.param(I)] =
        G->addParam(F.param(I)->type(), F.param(I)->name(), F.paramInfo(I));
  G->results() = F.results();
  G->Signature = F.Signature;
  G->IsStatic = F.IsStatic;
  G->IsInline = F.IsInline;
  G->Loc = F.Loc;
  return G;
}

} // namespace adgen
