//===- Recording.h - What reverse loops record or recompute -----*- C++ -*-===//
// The to-be-recorded analysis: for each scope of a loop (its body, and the
// arms of branches inside it), the primal values its backward code needs,
// and for each whether it is recomputed there (pure and computed from the
// induction variable, values from outside the loop, memory that holds the
// same value again) or saved on a stack in the forward iteration. Arrays the
// function overwrites may be restored instead: the old element is saved at
// each store and put back by the backward sweep, so that reads of them can
// be repeated.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_RECORDING_H
#define ADGEN_TRANSFORMS_RECORDING_H

#include "IR/Function.h"
#include "Transforms/Linearity.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace adgen {

struct RecordingPlan {
  /// The innermost loop (for op) that defines each value; absent for values
  /// outside loops.
  std::map<const Value *, const Op *> Loop;
  /// The innermost scope that defines each value inside a loop: a loop body,
  /// or an arm of a branch inside a loop body.
  std::map<const Value *, const Region *> Scope;
  std::set<const Region *> Scopes;
  /// Per scope, the values its backward code must materialise, in forward
  /// program order.
  std::map<const Region *, std::vector<const Value *>> Needed;
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

  /// Local arrays whose stores save the element they overwrite, which the
  /// backward sweep writes back where it passes the store.
  std::set<const Value *> Restored;
  /// The stores into restored arrays, in program order, and the innermost
  /// loop of each (null outside loops).
  std::vector<const Op *> RestoredStores;
  std::map<const Op *, const Op *> RestoredStoreLoop;
  /// Ops whose regions hold a restored store: the backward sweep passes
  /// through them even if they have nothing linear.
  std::set<const Op *> HoldsRestores;
  /// What the restores read: the stores' indices, and the conditions and
  /// bounds of the branches and loops around them.
  std::set<const Value *> RestoreNeeds;
  /// Reads of a restored array whose element the next store saves: the
  /// backward code pops the saved element for them (and writes it back).
  std::map<const Value *, const Op *> SavedByStore;
  /// Integer counters of a for loop that the backward loop runs backwards:
  /// the value in an iteration is the next one minus (or plus) Step.
  struct Carry {
    const Value *Step;
    bool Subtracted; // the loop computes v - Step
  };
  std::map<const Value *, Carry> ReversedCarry;
  /// Integer results of for loops (counters the loop advances by computed
  /// steps) that the backward code computes by running the loop's integer
  /// part again: the values that part reads from outside the loop (its
  /// bounds and initial value first), and its ops in program order.
  struct Rerun {
    std::vector<const Value *> Inputs;
    std::vector<const Op *> Chain;
  };
  std::map<const Value *, Rerun> RerunLoops;
  /// Values a loop stores where nothing writes again (`y[i] = exp(x[i])`):
  /// the backward loop loads them back instead of recording them.
  std::map<const Value *, const Op *> ReloadedFrom;

  const Op *loopOf(const Value *V) const {
    auto It = Loop.find(V);
    return It == Loop.end() ? nullptr : It->second;
  }
  bool isRestoredStore(const Op &O) const {
    return RestoredStoreLoop.count(&O) != 0;
  }
};

RecordingPlan planRecording(const Function &J, const LinearityInfo &Info);

} // namespace adgen

#endif
