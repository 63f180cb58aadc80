//===- MergeCarried.h - One carried value for equal ones --------*- C++ -*-===//
// Carried values of a for loop that start equal and are updated by the same
// expression are the same value in every iteration: the loop carries one.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_MERGECARRIED_H
#define ADGEN_TRANSFORMS_MERGECARRIED_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with each for loop's equal carried values merged: two are equal when
/// their initial values are the same value and their next values are the
/// same pure expression once equal carried values are identified (the
/// largest such partition, found by refinement). Repeated forward mode
/// (f_d<k>) carries 2^k tangents of which only k + 1 differ. Null when no
/// loop has equal carried values.
std::unique_ptr<Function> mergeCarried(const Function &F);

} // namespace adgen

#endif
