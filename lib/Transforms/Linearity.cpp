//===- Linearity.cpp - Which values of a JVP depend on tangents -----------===//
// A forward dataflow over structured regions: an op result is linear when an
// operand is; an if result is linear when either branch yields a linear value.
//===----------------------------------------------------------------------===//
#include "Transforms/Linearity.h"

namespace adgen {

bool LinearityInfo::hasLinearEffects(const Region &R) const {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Store && isLinear(O->operand(1)))
      return true;
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (hasLinearEffects(*O->region(I)))
        return true;
  }
  return false;
}

bool LinearityInfo::hasLinearResult(const Op &O) const {
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (isLinear(O.result(I)))
      return true;
  return false;
}

namespace {
/// One forward walk; returns true when something new became linear.
bool markLinear(const Region &R, LinearityInfo &Info) {
  bool Changed = false;
  auto Mark = [&](const Value *V) { Changed |= Info.Linear.insert(V).second; };
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::If) {
      Changed |= markLinear(*O->region(0), Info);
      Changed |= markLinear(*O->region(1), Info);
      for (unsigned I = 0; I < O->numResults(); ++I)
        for (unsigned B = 0; B < 2; ++B)
          if (Info.isLinear(O->region(B)->back()->operand(I)))
            Mark(O->result(I));
      continue;
    }
    if (isLoop(O->prim())) {
      unsigned First = loopCarriedOperand(O->prim());
      unsigned Arg = loopCarriedArgument(O->prim());
      const Region &Body = *O->region(loopBodyIndex(O->prim()));
      for (unsigned I = 0; I < O->numResults(); ++I)
        if (Info.isLinear(O->operand(First + I)) ||
            Info.isLinear(Body.back()->operand(I))) {
          for (unsigned R = 0; R < O->numRegions(); ++R)
            Mark(O->region(R)->argument(I + Arg));
          Mark(O->result(I));
        }
      Changed |= markLinear(Body, Info); // a while's test stays primal
      continue;
    }
    if (O->prim() == Prim::Store) { // a tangent stored makes a tangent buffer
      if (Info.isLinear(O->operand(0)))
        Mark(O->operand(1));
      continue;
    }
    bool Any = false;
    for (Value *V : O->operands())
      Any |= Info.isLinear(V);
    if (Any)
      for (unsigned I = 0; I < O->numResults(); ++I)
        Mark(O->result(I));
  }
  return Changed;
}

void markResiduals(const Region &R, LinearityInfo &Info) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::If) {
      if (Info.hasLinearResult(*O) || Info.hasLinearEffects(*O->region(0)) ||
          Info.hasLinearEffects(*O->region(1)))
        Info.Residuals.insert(O->operand(0));
      markResiduals(*O->region(0), Info);
      markResiduals(*O->region(1), Info);
      continue;
    }
    if (O->prim() == Prim::For) {
      if (Info.hasLinearResult(*O) || Info.hasLinearEffects(*O->region(0)))
        for (unsigned I = 0; I < 2; ++I) // the backward loop's bounds
          Info.Residuals.insert(O->operand(I));
      markResiduals(*O->region(0), Info);
      continue;
    }
    if (O->prim() == Prim::While) { // its test is primal only
      markResiduals(*O->region(1), Info);
      continue;
    }
    bool LinearStore = O->prim() == Prim::Store && Info.isLinear(O->operand(1));
    if (O->prim() == Prim::Yield || O->prim() == Prim::Return ||
        (!Info.hasLinearResult(*O) && !LinearStore))
      continue;
    for (Value *V : O->operands())
      if (!Info.isLinear(V) &&
          !(V->definingOp() && V->definingOp()->prim() == Prim::Const))
        Info.Residuals.insert(V);
  }
}
} // namespace

LinearityInfo analyzeLinearity(const Function &J, unsigned FirstTangentParam) {
  LinearityInfo Info;
  for (unsigned I = FirstTangentParam; I < J.numParams(); ++I)
    Info.Linear.insert(J.param(I));
  while (markLinear(*J.body(), Info))
    ;
  markResiduals(*J.body(), Info);
  return Info;
}

} // namespace adgen
