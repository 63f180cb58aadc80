//===- InductionVariables.h - Closed forms of secondary counters -*- C++
//-*-===//
// Integers a loop advances by the same amount every iteration (a second
// counter, a walking pointer's offset, a running index) become expressions
// of the loop's counter, so that nothing records them.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_INDUCTIONVARIABLES_H
#define ADGEN_TRANSFORMS_INDUCTIONVARIABLES_H

#include "IR/Function.h"
#include "IR/Operation.h"

#include <memory>
#include <optional>

namespace adgen {

/// F where every integer carried value j of a for op whose body yields
/// j + c (c loop-invariant) is replaced, inside the loop, by j0 + t * c with
/// t the iteration number, and after it by j0 + trips * c.
/// A while loop's integer carried values advanced by a loop-invariant amount
/// become j0 + t * c, where t counts the iterations (a carried counter from 0
/// by 1, added if the loop has none): reverse mode recomputes them from its
/// backward loop's iteration number.
std::unique_ptr<Function> closeInductionVariables(const Function &F);

/// The carried value of while op W that counts its iterations (starts at 0,
/// + 1 per iteration), if any.
std::optional<unsigned> whileTripCounter(const Op &W);

} // namespace adgen

#endif
