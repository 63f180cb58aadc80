//===- Recording.h - What reverse loops record or recompute -----*- C++ -*-===//
// The to-be-recorded analysis: for each loop, the primal values its backward
// iteration needs, and for each whether it is recomputed there (pure and
// computed from the induction variable, values from outside the loop and
// read-only memory) or saved on a stack in the forward iteration.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_RECORDING_H
#define ADGEN_TRANSFORMS_RECORDING_H

#include "IR/Function.h"
#include "Transforms/Linearity.h"

#include <map>
#include <set>
#include <vector>

namespace adgen {

struct RecordingPlan {
  /// The innermost loop (for op) that defines each value; absent for values
  /// outside loops.
  std::map<const Value *, const Op *> Loop;
  /// Per loop, the values its backward body must materialise, in forward
  /// program order.
  std::map<const Op *, std::vector<const Value *>> Needed;
  /// Values pushed in the forward loop and popped in the backward loop; the
  /// other needed values are recomputed.
  std::set<const Value *> Recorded;
  /// Program order, for deterministic iteration.
  std::map<const Value *, unsigned> Order;
  /// Buffers that no store writes: their loads can be repeated.
  std::set<const Value *> ReadOnly;
  /// Values outside loops that a backward loop recomputes from; a branch
  /// that defines one must hand it out like a residual.
  std::set<const Value *> Escaping;

  const Op *loopOf(const Value *V) const {
    auto It = Loop.find(V);
    return It == Loop.end() ? nullptr : It->second;
  }
};

RecordingPlan planRecording(const Function &J, const LinearityInfo &Info);

} // namespace adgen

#endif
