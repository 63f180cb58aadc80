//===- PromoteElements.h - Array elements a loop updates in place -*- C++
//-*-===//
// An element a loop reads and writes at one loop-invariant address
// (A[i * n + j] -= A[i * n + k] * A[j * n + k]) becomes a carried value,
// loaded before the loop and stored once after it.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_PROMOTEELEMENTS_H
#define ADGEN_TRANSFORMS_PROMOTEELEMENTS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F where each for loop whose stores to a buffer all sit in its body at one
/// loop-invariant index, and whose other loads of that buffer provably read
/// other elements (IndexAlgebra), carries the element instead. The loop is
/// wrapped in `if (lb < ub)` unless it provably runs, so that no element is
/// touched that the source would not touch. Reverse mode then finds the
/// loop free of stores: its loads can be read again in the backward sweep
/// and the update costs one saved value per loop, not one per iteration.
std::unique_ptr<Function> promoteElements(const Function &F);

} // namespace adgen

#endif
