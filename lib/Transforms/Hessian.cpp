//===- Hessian.cpp - Full Hessians from Hessian-vector products -----------===//
// Clones f's body for the value, then loops over the unit directions e_col
// with the HVP's body inlined, storing H e_col as row col of H.
//===----------------------------------------------------------------------===//
#include "Transforms/Hessian.h"
#include "Transforms/UnitSweep.h"

namespace adgen {

std::unique_ptr<Function> buildHessian(const Function &F, const Function &Hv,
                                       const std::vector<bool> &Active,
                                       Diagnostics &Diags) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Type Elem = F.results().front().Ty;
  std::vector<SweepSlot> Inputs;
  std::string Count;
  for (unsigned I = 0; I < F.numParams(); ++I) {
    if (!F.param(I)->type().isDifferentiable() || I >= Active.size() ||
        !Active[I])
      continue;
    bool IsArray = F.param(I)->type().isBuffer();
    Inputs.push_back({I, IsArray});
    Count += std::string(Count.empty() ? "" : " + ") +
             (IsArray ? "(" + F.paramInfo(I).Length + ")" : "1");
  }
  ParamInfo HInfo;
  HInfo.Kind = ParamKind::Pointer;
  HInfo.Const = false;
  HInfo.Length = "(" + Count + ") * (" + Count + ")";
  Value *H = G->addParam(Type::buffer(Elem.kind()), G->uniqueName("H"), HInfo);

  Builder B(G->body());
  UnitSweep S(*G, B);
  B.setLoc(F.Loc);
  Value *Result = nullptr;
  for (const auto &O : F.body()->ops()) {
    if (O->prim() == Prim::Return) {
      Result = lookup(Map, O->operand(0));
      continue;
    }
    cloneOp(B, *O, Map, /*Primal=*/true);
  }
  B.setLoc(F.Loc);
  Value *N = S.layOut(Inputs, S.index(0));
  // The HVP's parameters: f's, the directions, then the arrays of products.
  std::vector<Value *> Products;
  std::map<Value *, Value *> Lengths;
  for (SweepSlot &In : Inputs) {
    if (!In.IsArray)
      continue;
    const std::string &Name = F.param(In.Param)->name();
    Type Ty = F.param(In.Param)->type();
    In.Local = S.localArray(In.Length, Ty, "v_" + Name);
    Products.push_back(S.localArray(In.Length, Ty, "Hv_" + Name));
    Lengths[Products.back()] = In.Length;
  }
  if (Hv.numParams() != F.numParams() + Inputs.size() + Products.size()) {
    Diags.push_back({F.Loc, "internal error: unexpected HVP signature"});
    return nullptr;
  }
  S.loop(N, "col", [&](Value *Col) {
    ValueMap Inline;
    for (unsigned I = 0; I < F.numParams(); ++I)
      Inline[Hv.param(I)] = G->param(I);
    unsigned Next = F.numParams();
    S.setSeed(Inputs, Col, B.one(Elem));
    for (const SweepSlot &In : Inputs)
      Inline[Hv.param(Next++)] =
          In.IsArray ? In.Local
                     : B.select(S.holds(In, Col), B.one(Elem), B.zero(Elem));
    for (Value *P : Products)
      Inline[Hv.param(Next++)] = P;
    std::vector<Value *> Scalars = S.inlineBody(Hv, Inline, Lengths);
    if (!Diags.empty())
      return;
    // Row col of H is H e_col (H is symmetric).
    Value *Row = B.mul(Col, N);
    unsigned Scalar = 0, Array = 0;
    for (const SweepSlot &In : Inputs) {
      Value *At = B.add(Row, In.Offset);
      if (!In.IsArray) {
        B.create(Prim::Store, {Scalars[Scalar++], H, At}, {});
        continue;
      }
      Value *Product = Products[Array++];
      S.loop(In.Length, "k", [&](Value *J) {
        Value *E = B.create(Prim::Load, {Product, J}, {Elem})->result();
        B.create(Prim::Store, {E, H, B.add(At, J)}, {});
      });
    }
    S.setSeed(Inputs, Col, B.zero(Elem));
  });
  if (!Diags.empty())
    return nullptr;
  B.ret({Result});
  return G;
}

} // namespace adgen
