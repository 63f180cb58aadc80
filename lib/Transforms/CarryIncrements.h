//===- CarryIncrements.h - Adjoint increments carried across iterations -*- C++
//-*-===//
// A backward loop that adds to neighbouring elements (the transposed stencil
// d_A[p - 1] += g; d_A[p] += g; d_A[p + 1] += g) keeps the partial sums in
// registers and adds each element to memory once.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_CARRYINCREMENTS_H
#define ADGEN_TRANSFORMS_CARRYINCREMENTS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F where each for loop with step +-1 whose only accesses to a buffer are
/// increments by derivative contributions (AccumulationFlag) carries, for
/// each set of increments at indices base +- iv + k with two or more
/// distinct constants k, the sums not yet complete: each iteration adds to
/// memory the one element no later iteration touches, and the rest are added
/// after the loop. Increments commute, so only the rounding of the sums
/// changes. Null when no loop qualifies.
std::unique_ptr<Function> carryIncrements(const Function &F);

} // namespace adgen

#endif
