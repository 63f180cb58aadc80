//===- LoopFusion.h - Fusing a forward loop with its backward loop -===//
// When a backward loop runs in the forward order over the same range as a
// forward loop and needs nothing the forward loop computes, the two become
// one loop, and the simplifier then shares what both recompute: the
// gradient makes one pass over the data, as a hand-written one does.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_LOOPFUSION_H
#define ADGEN_TRANSFORMS_LOOPFUSION_H

#include "IR/Function.h"

#include <memory>
#include <set>

namespace adgen {

class Op;

/// True if the iterations of Loop can run in any order: its memory effects
/// are accumulations b[i] += e, its carried values are invariant or
/// accumulate, and (unless AllowPops) it pops no stack. Counters are
/// carried values the caller computes exactly in the order it runs the
/// loop in; they are not checked. With AllowGivenBack, the transpose of
/// `b[i] += e` (d_b[i] taken, then given back) counts as a read of d_b.
bool iterationsCommute(const Op &Loop, bool AllowPops,
                       const std::set<const Value *> &Counters = {},
                       bool AllowGivenBack = false);

/// F with every fusable pair of loops fused; F itself when there is none.
std::unique_ptr<Function> fuseLoops(const Function &F, bool &Changed);

} // namespace adgen

#endif
