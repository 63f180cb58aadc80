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
      case Prim::For: {
        const Region &Body = *O->region(0);
        for (unsigned I = 0; I < O->numResults(); ++I)
          if (active(O->operand(3 + I)) ||
              active(Body.back()->operand(I))) {
            mark(Body.argument(I + 1));
            mark(O->result(I));
          }
        region(Body);
        break;
      }
      case Prim::While: {
        const Region &Body = *O->region(1);
        for (unsigned I = 0; I < O->numResults(); ++I)
          if (active(O->operand(I)) || active(Body.back()->operand(I))) {
            mark(O->region(0)->argument(I));
            mark(Body.argument(I));
            mark(O->result(I));
          }
        region(*O->region(0));
        region(Body);
        break;
      }
      case Prim::Store:
        if (active(O->operand(0)))
          mark(O->operand(1));
        break;
      case Prim::Cmp:
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
