//===- MergeIfs.h - One branch for two on the same condition ----*- C++ -*-===//
// The forward and backward sweeps of a guarded region (the `i + 1 < n` test
// before a loop from i + 1) are two ifs on one condition; merged, their
// loops stand side by side and loop fusion can make them one.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_MERGEIFS_H
#define ADGEN_TRANSFORMS_MERGEIFS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with each if merged into the first earlier if of its region on the
/// same condition value, when the second reads no result of the first and
/// only pure ops (no loads) that read none either stand between them; they
/// move before the merged if. Null when no two ifs merge.
std::unique_ptr<Function> mergeIfs(const Function &F);

} // namespace adgen

#endif
