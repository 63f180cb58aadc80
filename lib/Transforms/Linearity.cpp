//===- Linearity.cpp - Which values of a JVP depend on tangents -----------===//
// A forward dataflow over structured regions: an op result is linear when an
// operand is; an if result is linear when either branch yields a linear value.
//===----------------------------------------------------------------------===//
#include "Transforms/Linearity.h"

namespace adgen {

bool LinearityInfo::hasLinearResult(const Op &O) const {
  for (unsigned I = 0; I < O.numResults(); ++I)
    if (isLinear(O.result(I)))
      return true;
  return false;
}

namespace {
void markLinear(const Region &R, LinearityInfo &Info) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::If) {
      markLinear(*O->region(0), Info);
      markLinear(*O->region(1), Info);
      for (unsigned I = 0; I < O->numResults(); ++I)
        for (unsigned B = 0; B < 2; ++B)
          if (Info.isLinear(O->region(B)->back()->operand(I)))
            Info.Linear.insert(O->result(I));
      continue;
    }
    bool Any = false;
    for (Value *V : O->operands())
      Any |= Info.isLinear(V);
    if (Any)
      for (unsigned I = 0; I < O->numResults(); ++I)
        Info.Linear.insert(O->result(I));
  }
}

void markResiduals(const Region &R, LinearityInfo &Info) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::If) {
      if (Info.hasLinearResult(*O))
        Info.Residuals.insert(O->operand(0));
      markResiduals(*O->region(0), Info);
      markResiduals(*O->region(1), Info);
      continue;
    }
    if (O->prim() == Prim::Yield || O->prim() == Prim::Return ||
        !Info.hasLinearResult(*O))
      continue;
    for (Value *V : O->operands())
      if (!Info.isLinear(V))
        Info.Residuals.insert(V);
  }
}
} // namespace

LinearityInfo analyzeLinearity(const Function &J, unsigned FirstTangentParam) {
  LinearityInfo Info;
  for (unsigned I = FirstTangentParam; I < J.numParams(); ++I)
    Info.Linear.insert(J.param(I));
  markLinear(*J.body(), Info);
  markResiduals(*J.body(), Info);
  return Info;
}

} // namespace adgen
