//===- Vjp.cpp - Reverse-mode differentiation by transposition ------------===//
// Entry point of reverse mode: analyses the JVP (linearity, recording), then
// lets ReverseMode build the forward and the backward sweep into one
// function that returns the primal results and the input cotangents.
//===----------------------------------------------------------------------===//
#include "Transforms/Vjp.h"
#include "Transforms/Jvp.h"
#include "Transforms/ReverseMode.h"

namespace adgen {

std::unique_ptr<Function> vjp(const Function &J, unsigned NumPrimalParams,
                              unsigned NumPrimalResults, bool UnitSeed,
                              Diagnostics &Diags) {
  LinearityInfo Info = analyzeLinearity(J, NumPrimalParams);
  RecordingPlan Plan = planRecording(J, Info);
  auto V = std::make_unique<Function>(J.name(), J.namespaces());
  V->IsStatic = J.IsStatic;
  V->IsInline = J.IsInline;
  V->Loc = J.Loc;
  ReverseMode T(V->body(), Info, Plan, Diags);
  for (unsigned I = 0; I < NumPrimalParams; ++I)
    T.Known[J.param(I)] =
        V->addParam(J.param(I)->type(), J.param(I)->name());
  const Op *Ret = J.body()->back();
  CotangentMap CT;
  for (unsigned I = NumPrimalResults; I < Ret->numOperands(); ++I) {
    const ResultSlot &Slot = J.results()[I];
    Value *Weight = UnitSeed ? nullptr
                             : V->addParam(Slot.Ty, derivativeName(
                                                        "w_", Slot.Name));
    if (Info.isLinear(Ret->operand(I)))
      T.accumulate(CT, Ret->operand(I), Weight ? Weight : T.B.one(Slot.Ty));
  }
  for (unsigned I = 0; I < NumPrimalResults; ++I)
    V->results().push_back(J.results()[I]);

  T.createStacks();
  T.forward(*J.body());
  T.backward(*J.body(), CT);

  std::vector<Value *> Results;
  for (unsigned I = 0; I < NumPrimalResults; ++I)
    Results.push_back(lookup(T.Known, Ret->operand(I)));
  for (unsigned I = NumPrimalParams; I < J.numParams(); ++I) {
    const Value *P = J.param(I);
    Value *Ct = T.take(CT, P);
    Results.push_back(Ct ? Ct : T.B.zero(P->type()));
    V->results().push_back({derivativeName("d_", P->name()), P->type(),
                            ResultPassing::OutPointer});
  }
  T.B.setLoc(Ret->loc());
  T.B.ret(Results);
  if (!Diags.empty())
    return nullptr;
  return V;
}

} // namespace adgen
