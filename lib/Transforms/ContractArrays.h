//===- ContractArrays.h - Reads of arrays filled by a cheap map -*- C++ -*-===//
// A loop that fills a local array element by element with a cheap function
// of the index (xcentered[i] = x[i] - mean[i]) need not be read back.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_CONTRACTARRAYS_H
#define ADGEN_TRANSFORMS_CONTRACTARRAYS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F where each load of a local array that reads what a preceding counted
/// loop `for i in [lb, ub): a[i] = g(i)` stored, with nothing writing a in
/// between and lb <= index < ub proved (IndexAlgebra), computes g(index)
/// instead. g is a few arithmetic ops on the counter, loop-invariant values
/// and loads of arrays the function never writes. Reverse mode then has
/// nothing to save or restore for those reads: it recomputes them.
std::unique_ptr<Function> contractArrays(const Function &F);

} // namespace adgen

#endif
