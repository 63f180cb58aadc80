//===- LoopFusion.h - Fusing a forward loop with its backward loop -*- C++ -*-===//
// When a backward loop runs in the forward order over the same range as a
// forward loop and needs nothing the forward loop computes, the two become
// one loop, and the simplifier then shares what both recompute: the
// gradient makes one pass over the data, as a hand-written one does.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_LOOPFUSION_H
#define ADGEN_TRANSFORMS_LOOPFUSION_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with every fusable pair of loops fused; F itself when there is none.
std::unique_ptr<Function> fuseLoops(const Function &F, bool &Changed);

} // namespace adgen

#endif
