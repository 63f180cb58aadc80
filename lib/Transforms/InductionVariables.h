//===- InductionVariables.h - Closed forms of secondary counters -*- C++
//-*-===//
// Integers a loop advances by the same amount every iteration (a second
// counter, a walking pointer's offset, a running index) become expressions
// of the loop's counter, so that nothing records them.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_INDUCTIONVARIABLES_H
#define ADGEN_TRANSFORMS_INDUCTIONVARIABLES_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F where every integer carried value j of a for op whose body yields
/// j + c (c loop-invariant) is replaced, inside the loop, by j0 + t * c with
/// t the iteration number, and after it by j0 + trips * c.
std::unique_ptr<Function> closeInductionVariables(const Function &F);

} // namespace adgen

#endif
