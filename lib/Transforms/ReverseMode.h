//===- ReverseMode.h - State of the reverse-mode transform ------*- C++ -*-===//
// Builds the forward sweep (the primal part of a JVP, plus what the backward
// sweep reads) and the backward sweep (the transposed linear part) of one
// function. Branches are in ReverseMode.cpp, loops in ReverseLoops.cpp.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_REVERSEMODE_H
#define ADGEN_TRANSFORMS_REVERSEMODE_H

#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "IR/Diagnostic.h"
#include "Rules/Rules.h"
#include "Transforms/Linearity.h"
#include "Transforms/Recording.h"

#include <algorithm>
#include <set>

namespace adgen {

using CotangentMap = std::map<const Value *, Value *>;

class ReverseMode {
public:
  ReverseMode(Region *Body, const LinearityInfo &Info,
              const RecordingPlan &Plan, Diagnostics &Diags)
      : B(Body), C(B), Info(Info), Plan(Plan), Diags(Diags) {
    C.AdjointBuffer = [this](const Value *V) { return adjointBuffer(V); };
  }

  /// Creates one stack per recorded value, at the top of the function.
  void createStacks();
  /// Creates a stack for the iteration counts of each while loop nested in
  /// another loop.
  void createCountStacks(const Region &R);
  /// Clones the primal part of R, recording what loops need.
  void forward(const Region &R);
  /// Transposes the linear part of R in reverse, consuming and producing
  /// cotangents in CT.
  void backward(const Region &R, CotangentMap &CT);

  static Value *take(CotangentMap &CT, const Value *V);
  /// V where the code is being built; constants are rebuilt in place, since
  /// the forward sweep's copy may sit in a region the backward cannot see.
  Value *known(const Value *V);
  void accumulate(CotangentMap &CT, const Value *V, Value *Contribution);

  Builder B;
  RuleContext C;
  const LinearityInfo &Info;
  const RecordingPlan &Plan;
  Diagnostics &Diags;
  /// Primal values of the JVP -> their value where the code is being built.
  ValueMap Known;
  /// Tangent arrays of the JVP -> the adjoint arrays that replace them.
  std::map<const Value *, Value *> Adjoint;

private:
  bool isLinearOp(const Op &O) const;
  Value *adjointBuffer(const Value *Tangent);
  /// Zero-initialised adjoint arrays for the tangent arrays R allocates.
  void allocateAdjoints(const Region &R);
  void recordResults(const Op &O);
  void record(const Value *V);
  /// R stores into a primal array (directly or in a nested op).
  bool hasPrimalEffects(const Region &R) const;
  void forwardIf(const Op &O);
  void forwardFor(const Op &O);
  void forwardWhile(const Op &O);
  /// True if O sits directly in a loop body or in an arm of a branch inside
  /// one (its results are recorded).
  bool inLoopBodyOf(const Op &O) const;
  void backwardWhile(const Op &O, CotangentMap &CT);
  /// The reversed loop over [First down to Bound) by NegStep of loop O's
  /// body; MapIV gives the body the original induction variable.
  void emitBackwardLoop(const Op &O, CotangentMap &CT, Value *First,
                        Value *Bound, Value *NegStep, Type CountTy,
                        std::vector<Value *> ForwardBounds, long long Pair);
  /// Iteration counts of while loops (their backward loops' trip counts).
  std::map<const Op *, Value *> WhileCounts;
  /// For a while loop inside another loop, the stack of its counts.
  std::map<const Op *, Value *> CountStacks;
  void backwardOp(const Op &O, CotangentMap &CT);
  void backwardIf(const Op &O, CotangentMap &CT);
  void backwardFor(const Op &O, CotangentMap &CT);
  /// Pops or recomputes what Scope's backward code reads (RecordingPlan).
  void materialize(const Region &Scope);
  void materialize(const Value *V, std::set<const Value *> &Pending);
  /// V, an integer result of a for loop, by running the loop's integer
  /// part again (RecordingPlan::RerunLoops).
  void rerunIntegerLoop(const Value *V, std::set<const Value *> &Pending);
  bool isNeeded(const Region &Scope, const Value *V) const {
    auto It = Plan.Needed.find(&Scope);
    return It != Plan.Needed.end() &&
           std::find(It->second.begin(), It->second.end(), V) !=
               It->second.end();
  }
  /// The backward loop's carried value for each counter it runs backwards.
  std::map<const Value *, Value *> ReversedCarryArgs;
  /// Saves the element a store into a restored array overwrites; writes it
  /// back in the backward sweep.
  void saveOverwritten(const Op &Store);
  void restoreOverwritten(const Op &Store);
  /// A value of Of's type and name popped from Stack.
  Value *pop(Value *Stack, const Value *Of);
  std::map<const Op *, Value *> RestoreStacks;
  /// Saved elements popped early, for a read the store overwrote.
  std::map<const Op *, Value *> PoppedOld;
  /// Turns Backward, the built backward loop of Primal, into one that runs
  /// Primal's iterations in their order, if they commute (accumulations
  /// only). Its counters (Reversed) then run forwards from their initial
  /// values, as in Primal, instead of backwards from their exit values.
  bool runForward(const Op &Primal, Op &Backward,
                  const std::vector<const Value *> &Reversed,
                  const std::vector<Value *> &ForwardBounds);
  /// The same nonzero number on a forward loop (positive) and its reversed
  /// backward loop (negative): LoopFusion may fuse the pair.
  long long pairId(const Op &JvpLoop);
  std::map<const Op *, long long> PairIds;
  void nameCotangent(Value *CTValue, const Value *Of);
  /// The backward sweep reads V: a residual of the linear part, a value an
  /// inner loop reads from outside, or one its loop records.
  bool isResidual(const Value *V) const {
    return Info.Residuals.count(V) || Plan.Escaping.count(V) ||
           Plan.Recorded.count(V) || Plan.RestoreNeeds.count(V);
  }
  void collectResiduals(const Region &R, std::vector<const Value *> &Out);
  void collectFreeLinear(const Region &R, const Op &Outer,
                         std::vector<const Value *> &Out);

  std::map<const Value *, Value *> Stacks;
  /// The stacks of the values Loop records, in program order, and those
  /// counting the iterations of the while loops directly in its body.
  std::vector<Value *> stacksPushedIn(const Op &Loop) const;
  /// Loop's trip count in the forward sweep, as the stacks' unsigned count.
  Value *forwardTripCount(const Op &Loop);
  /// Reserves room for the pushes of the counted loops nested in R (not in
  /// its branches) whose bounds are defined outside Outer, for Times iterations
  /// of the loops around them: Outer reserves it before it starts, so no
  /// reservation (a possible call) sits among the ops of its body, where it
  /// would make the compiler spill the values live across it.
  void reserveNested(const Region &R, const Op &Outer, Value *Times);
  std::set<const Op *> ReservedByOuterLoop;
};

} // namespace adgen

#endif
