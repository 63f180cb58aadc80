//===- Vjp.cpp - Reverse-mode differentiation by transposition ------------===//
// The forward sweep clones the primal part of the JVP, with branches
// yielding the residuals the backward sweep reads; the backward sweep walks
// the linear part in reverse and applies the transpose rules.
//===----------------------------------------------------------------------===//
#include "Transforms/Vjp.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "Rules/Rules.h"
#include "Transforms/Jvp.h"
#include "Transforms/Linearity.h"

#include <algorithm>

namespace adgen {

namespace {
using CotangentMap = std::map<const Value *, Value *>;

/// Values defined inside O's regions (at any depth) that are residuals, in
/// walk order.
void collectResiduals(const Region &R, const LinearityInfo &Info,
                      std::vector<const Value *> &Out) {
  for (const auto &O : R.ops()) {
    for (unsigned I = 0; I < O->numRegions(); ++I)
      collectResiduals(*O->region(I), Info, Out);
    for (unsigned I = 0; I < O->numResults(); ++I)
      if (Info.Residuals.count(O->result(I)))
        Out.push_back(O->result(I));
  }
}

/// Linear values defined outside Outer that ops inside R read, in walk order.
void collectFreeLinear(const Region &R, const Op &Outer,
                       const LinearityInfo &Info,
                       std::vector<const Value *> &Out) {
  for (const auto &O : R.ops()) {
    for (Value *V : O->operands()) {
      if (!Info.isLinear(V) || Outer.region(0)->encloses(V) ||
          Outer.region(1)->encloses(V))
        continue;
      if (std::find(Out.begin(), Out.end(), V) == Out.end())
        Out.push_back(V);
    }
    for (unsigned I = 0; I < O->numRegions(); ++I)
      collectFreeLinear(*O->region(I), Outer, Info, Out);
  }
}

class VjpTransform {
public:
  VjpTransform(Region *Body, const LinearityInfo &Info, Diagnostics &Diags)
      : B(Body), C(B), Info(Info), Diags(Diags) {}

  // Forward sweep -----------------------------------------------------------

  void forward(const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Yield || O->prim() == Prim::Return)
        return;
      if (O->prim() == Prim::If)
        forwardIf(*O);
      else if (!Info.hasLinearResult(*O))
        cloneOp(B, *O, Known);
    }
  }

  void forwardIf(const Op &O) {
    std::vector<unsigned> KnownResults;
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Info.isLinear(O.result(I))) {
        KnownResults.push_back(I);
        Types.push_back(O.result(I)->type());
      }
    std::vector<const Value *> Residuals;
    for (unsigned I = 0; I < 2; ++I)
      collectResiduals(*O.region(I), Info, Residuals);
    for (const Value *V : Residuals)
      Types.push_back(V->type());
    if (Types.empty())
      return;
    B.setLoc(O.loc());
    Op *New = B.create(Prim::If, {lookup(Known, O.operand(0))}, Types, {}, 2);
    for (unsigned R = 0; R < 2; ++R) {
      B.enter(New->region(R));
      forward(*O.region(R));
      std::vector<Value *> Yields;
      const Op *Term = O.region(R)->back();
      for (unsigned I : KnownResults)
        Yields.push_back(lookup(Known, Term->operand(I)));
      for (const Value *V : Residuals)
        Yields.push_back(O.region(R)->encloses(V) ? lookup(Known, V)
                                                  : B.zero(V->type()));
      B.yield(Yields);
      B.exit();
    }
    unsigned Next = 0;
    for (unsigned I : KnownResults) {
      New->result(Next)->setName(O.result(I)->name());
      Known[O.result(I)] = New->result(Next++);
    }
    for (const Value *V : Residuals) {
      New->result(Next)->setName(V->name());
      Known[V] = New->result(Next++);
    }
  }

  // Backward sweep ----------------------------------------------------------

  static Value *take(CotangentMap &CT, const Value *V) {
    auto It = CT.find(V);
    if (It == CT.end())
      return nullptr;
    Value *R = It->second;
    CT.erase(It);
    return R;
  }

  void accumulate(CotangentMap &CT, const Value *V, Value *Contribution) {
    if (!Contribution)
      return;
    Value *&Slot = CT[V];
    Slot = C.add(Slot, Contribution);
  }

  void nameCotangent(Value *CTValue, const Value *Of) {
    bool IsConst = CTValue->definingOp() &&
                   CTValue->definingOp()->prim() == Prim::Const;
    if (CTValue->name().empty() && !IsConst && !Of->argumentOf())
      CTValue->setName(derivativeName("d_", Of->name()));
  }

  void backward(const Region &R, CotangentMap &CT) {
    for (auto It = R.ops().rbegin(); It != R.ops().rend(); ++It) {
      const Op &O = **It;
      if (O.prim() == Prim::Yield || O.prim() == Prim::Return)
        continue;
      if (!Info.hasLinearResult(O))
        continue;
      if (O.prim() == Prim::If) {
        backwardIf(O, CT);
        continue;
      }
      Value *Ct = take(CT, O.result());
      if (!Ct)
        continue;
      nameCotangent(Ct, O.result());
      std::vector<bool> IsLinear;
      std::vector<Value *> KnownOperands;
      for (Value *V : O.operands()) {
        IsLinear.push_back(Info.isLinear(V));
        KnownOperands.push_back(IsLinear.back() ? nullptr : lookup(Known, V));
      }
      B.setLoc(O.loc());
      std::vector<Value *> Contributions =
          transposeRule(C, O, IsLinear, KnownOperands, Ct);
      if (!C.Error.empty()) {
        Diags.push_back({O.loc(), C.Error});
        C.Error.clear();
        return;
      }
      for (unsigned I = 0; I < O.numOperands(); ++I)
        if (IsLinear[I])
          accumulate(CT, O.operand(I), Contributions[I]);
    }
  }

  void backwardIf(const Op &O, CotangentMap &CT) {
    std::vector<Value *> ResultCT(O.numResults(), nullptr);
    bool Any = false;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (Info.isLinear(O.result(I))) {
        ResultCT[I] = take(CT, O.result(I));
        if (ResultCT[I])
          nameCotangent(ResultCT[I], O.result(I));
        Any |= ResultCT[I] != nullptr;
      }
    if (!Any)
      return;
    std::vector<const Value *> Free;
    for (unsigned I = 0; I < 2; ++I)
      collectFreeLinear(*O.region(I), O, Info, Free);
    std::vector<Type> Types;
    for (const Value *V : Free)
      Types.push_back(V->type());
    B.setLoc(O.loc());
    Op *New = B.create(Prim::If, {lookup(Known, O.operand(0))}, Types, {}, 2);
    for (unsigned R = 0; R < 2; ++R) {
      B.enter(New->region(R));
      CotangentMap Local;
      const Op *Term = O.region(R)->back();
      for (unsigned I = 0; I < O.numResults(); ++I)
        if (ResultCT[I] && Info.isLinear(Term->operand(I)))
          accumulate(Local, Term->operand(I), ResultCT[I]);
      backward(*O.region(R), Local);
      std::vector<Value *> Yields;
      for (const Value *V : Free) {
        Value *Ct = take(Local, V);
        Yields.push_back(Ct ? Ct : B.zero(V->type()));
      }
      B.yield(Yields);
      B.exit();
    }
    for (unsigned I = 0; I < Free.size(); ++I)
      accumulate(CT, Free[I], New->result(I));
  }

  Builder B;
  RuleContext C;
  const LinearityInfo &Info;
  Diagnostics &Diags;
  ValueMap Known;
};
} // namespace

std::unique_ptr<Function> vjp(const Function &J, unsigned NumPrimalParams,
                              unsigned NumPrimalResults, bool UnitSeed,
                              Diagnostics &Diags) {
  LinearityInfo Info = analyzeLinearity(J, NumPrimalParams);
  auto V = std::make_unique<Function>(J.name(), J.namespaces());
  V->IsStatic = J.IsStatic;
  V->IsInline = J.IsInline;
  V->Loc = J.Loc;
  VjpTransform T(V->body(), Info, Diags);
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
