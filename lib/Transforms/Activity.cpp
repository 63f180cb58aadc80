//===- Activity.cpp - Which values depend on differentiated inputs --------===//
// Repeated forward walks until no value changes state.
//===----------------------------------------------------------------------===//
#include "Transforms/Activity.h"
#include "IR/Operation.h"

namespace adgen {

namespace {
class ActivityAnalysis {
public:
  std::set<const Value *> Active;
  bool Changed = false;

  void mark(const Value *V) {
    if (V->type().isDifferentiable() && Active.insert(V).second)
      Changed = true;
  }
  bool active(const Value *V) const { return Active.count(V) != 0; }

  void region(const Region &R) {
    for (const auto &O : R.ops()) {
      switch (O->prim()) {
      case Prim::If:
        region(*O->region(0));
        region(*O->region(1));
        for (unsigned I = 0; I < O->numResults(); ++I)
          for (unsigned B = 0; B < 2; ++B)
            if (active(O->region(B)->back()->operand(I)))
              mark(O->result(I));
        break;
      case Prim::For:
      case Prim::While: {
        // A carried value is active in every region of the loop when its
        // initial or its next value is.
        unsigned First = loopCarriedOperand(O->prim());
        unsigned Arg = loopCarriedArgument(O->prim());
        const Region &Body = *O->region(loopBodyIndex(O->prim()));
        for (unsigned I = 0; I < O->numResults(); ++I)
          if (active(O->operand(First + I)) ||
              active(Body.back()->operand(I))) {
            for (unsigned R = 0; R < O->numRegions(); ++R)
              mark(O->region(R)->argument(I + Arg));
            mark(O->result(I));
          }
        for (unsigned R = 0; R < O->numRegions(); ++R)
          region(*O->region(R));
        break;
      }
      case Prim::Store:
        if (active(O->operand(0)))
          mark(O->operand(1));
        break;
      case Prim::Cmp:
      case Prim::CallPartials: // differentiated through with_derivative
      case Prim::Yield:
      case Prim::Return:
        break;
      default: {
        bool Any = false;
        for (Value *V : O->operands())
          Any |= active(V);
        if (Any)
          for (unsigned I = 0; I < O->numResults(); ++I)
            mark(O->result(I));
      }
      }
    }
  }
};
} // namespace

std::set<const Value *> analyzeActivity(const Function &F,
                                        const std::vector<bool> &ActiveParams) {
  ActivityAnalysis A;
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (I < ActiveParams.size() && ActiveParams[I])
      A.mark(F.param(I));
  do {
    A.Changed = false;
    A.region(*F.body());
  } while (A.Changed);
  return A.Active;
}

} // namespace adgen
