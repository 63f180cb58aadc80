//===- Simplify.h - The simplifier run before emission ----------*- C++ -*-===//
// Constant folding, algebraic identities, common-subexpression elimination,
// branch folding and dead-code elimination, to a fixed point.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_SIMPLIFY_H
#define ADGEN_TRANSFORMS_SIMPLIFY_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

std::unique_ptr<Function> simplify(const Function &F);

} // namespace adgen

#endif
