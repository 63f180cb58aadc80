//===- CountedLoops.h - While loops with an induction variable as for ops -===//
// Recognises counted loops by what they do, not how they are spelled, so that
// every spelling of a counted loop gets the same IR (and the same reverse
// sweep) as `for (int i = a; i < b; ++i)`.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_COUNTEDLOOPS_H
#define ADGEN_TRANSFORMS_COUNTEDLOOPS_H

#include "IR/Builder.h"
#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with every while loop that is counted rewritten as a for op. A while
/// loop is counted when one of its integer carried values (the induction
/// variable) is advanced by a nonzero constant exactly once per iteration
/// (the body yields iv + c) and its test is a comparison of iv plus a
/// constant (possibly widened) with a loop-invariant bound, in the
/// direction the step moves: `i + 1 < n`, `n > i`, `i <= n`, `i != n` (unit
/// steps), `i > 0` counting down; a do-while loop runs at least once. The
/// induction variable's value after the loop is its exit value.
std::unique_ptr<Function> raiseCountedLoops(const Function &F);

/// The number of iterations of for (iv = LB; iv < UB (iv > UB for a
/// negative Step); iv += Step), 0 when it does not run; compared in the
/// counter's own type, so unsigned counters are right too.
Value *iterations(Builder &B, Value *LB, Value *UB, long long Step);

} // namespace adgen

#endif
