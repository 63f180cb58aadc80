//===- FirstTouch.h - Folding the zeroing of a gradient array ----*- C++
//-*-===//
// A gradient array is zeroed on entry (it is set, not accumulated). When the
// first loop that writes it accumulates at i + c only, the accumulation at
// the largest c is the first write of its element: it becomes an assignment
// and the zeroing shrinks to the elements that loop does not reach.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_FIRSTTOUCH_H
#define ADGEN_TRANSFORMS_FIRSTTOUCH_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with the zeroing of gradient arrays folded into their first loop where
/// that is safe; null when nothing applies.
std::unique_ptr<Function> foldFirstTouch(const Function &F);

} // namespace adgen

#endif
