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
                              Diagnostics &Diags, bool Accumulate,
                              bool InitialContents) {
  LinearityInfo Info = analyzeLinearity(J, NumPrimalParams);
  RecordingPlan Plan = planRecording(J, Info);
  auto V = std::make_unique<Function>(J.name(), J.namespaces());
  V->IsStatic = J.IsStatic;
  V->IsInline = J.IsInline;
  V->Loc = J.Loc;
  ReverseMode T(V->body(), Info, Plan, Diags);
  Builder &B = T.B;
  for (unsigned I = 0; I < NumPrimalParams; ++I) {
    T.Known[J.param(I)] =
        V->addParam(J.param(I)->type(), J.param(I)->name(), J.paramInfo(I));
    V->Signature.push_back({false, I});
  }
  const Op *Ret = J.body()->back();
  CotangentMap CT;
  // Weights: one per tangent result, then one per output array.
  for (unsigned I = NumPrimalResults; I < Ret->numOperands(); ++I) {
    const ResultSlot &Slot = J.results()[I];
    Value *Weight = nullptr;
    if (!UnitSeed) {
      V->Signature.push_back({false, V->numParams()});
      Weight =
          V->addParam(Slot.Ty, V->uniqueName(derivativeName("w_", Slot.Name)));
    }
    if (Info.isLinear(Ret->operand(I)))
      T.accumulate(CT, Ret->operand(I), Weight ? Weight : B.one(Slot.Ty));
  }
  for (unsigned I = NumPrimalParams; I < J.numParams(); ++I) {
    const Value *P = J.param(I);
    if (!P->type().isBuffer() || J.paramInfo(I).Const)
      continue;
    // An output array: its adjoint starts as the weights, copied because
    // transposed stores consume it. A gradient's output is one value
    // (`*err = ...`, the frontend checks it), of weight 1.
    if (UnitSeed) {
      Type LenTy(TypeKind::Long);
      Op *A = B.create(Prim::Alloc, {B.one(LenTy)}, {P->type()});
      A->result()->setName(derivativeName("d_", P->name()));
      B.create(Prim::Store,
               {B.one(P->type().element()), A->result(), B.zero(LenTy)}, {});
      T.Adjoint[P] = A->result();
      continue;
    }
    ParamInfo WInfo = J.paramInfo(I);
    WInfo.Const = true;
    V->Signature.push_back({false, V->numParams()});
    Value *W = V->addParam(
        P->type(), V->uniqueName(derivativeName("w_", P->name())), WInfo);
    // The adjoint starts as the weights and ends as the cotangent of the
    // initial contents: a local, or with InitialContents the d_ parameter.
    std::string DName = derivativeName("d_", P->name());
    Value *D = nullptr;
    if (InitialContents) {
      ParamInfo DInfo = WInfo;
      DInfo.Const = false;
      V->Signature.push_back({false, V->numParams()});
      D = V->addParam(P->type(), V->uniqueName(DName), DInfo);
    }
    if (WInfo.Length == "1") {
      // One value (*err, T &err): one copy, which the simplifier forwards.
      Type LongTy(TypeKind::Long);
      if (!D) {
        D = B.create(Prim::Alloc, {B.one(LongTy)}, {P->type()})->result();
        D->setName(DName);
      }
      Value *W0 =
          B.create(Prim::Load, {W, B.zero(LongTy)}, {P->type().element()})
              ->result();
      B.create(Prim::Store, {W0, D, B.zero(LongTy)}, {});
      T.Adjoint[P] = D;
      continue;
    }
    Type LenTy(WInfo.Kind == ParamKind::Pointer ? TypeKind::Long
                                                : TypeKind::ULong);
    Attributes LenAttrs;
    LenAttrs.Callee = WInfo.Length;
    Value *Len = B.build(Prim::Length, LenTy, {W}, LenAttrs);
    if (!D) {
      D = B.create(Prim::Alloc, {Len}, {P->type()})->result();
      D->setName(DName);
    }
    Op *Copy =
        B.create(Prim::For, {B.zero(LenTy), Len, B.one(LenTy)}, {}, {}, 1);
    Value *K = Copy->region(0)->addArgument(LenTy, "k");
    B.enter(Copy->region(0));
    Value *Wk = B.create(Prim::Load, {W, K}, {P->type().element()})->result();
    B.create(Prim::Store, {Wk, D, K}, {});
    B.yield({});
    B.exit();
    T.Adjoint[P] = D;
  }
  for (unsigned I = 0; I < NumPrimalResults; ++I)
    V->results().push_back(J.results()[I]);
  // Gradients: scalars are results passed by pointer, arrays are parameters
  // zeroed on entry; both in declaration order.
  for (unsigned I = NumPrimalParams; I < J.numParams(); ++I) {
    const Value *P = J.param(I);
    if (P->type().isBuffer()) {
      if (!J.paramInfo(I).Const)
        continue;
      ParamInfo DInfo = J.paramInfo(I);
      DInfo.Const = false;
      V->Signature.push_back({false, V->numParams()});
      Value *D = V->addParam(
          P->type(), V->uniqueName(derivativeName("d_", P->name())), DInfo);
      if (!Accumulate)
        B.create(Prim::Fill, {D, B.zero(P->type().element())}, {});
      T.Adjoint[P] = D;
    } else {
      V->Signature.push_back(
          {true, static_cast<unsigned>(V->results().size())});
      V->results().push_back({V->uniqueName(derivativeName("d_", P->name())),
                              P->type(), ResultPassing::OutPointer});
    }
  }

  T.createStacks();
  T.createCountStacks(*J.body());
  T.forward(*J.body());
  T.backward(*J.body(), CT);

  std::vector<Value *> Results;
  for (unsigned I = 0; I < NumPrimalResults; ++I)
    Results.push_back(T.known(Ret->operand(I)));
  for (unsigned I = NumPrimalParams; I < J.numParams(); ++I) {
    const Value *P = J.param(I);
    if (P->type().isBuffer())
      continue;
    Value *Ct = T.take(CT, P);
    Results.push_back(Ct ? Ct : B.zero(P->type()));
  }
  B.setLoc(Ret->loc());
  B.ret(Results);
  if (!Diags.empty())
    return nullptr;
  return V;
}

} // namespace adgen
