//===- Activity.h - Which values depend on differentiated inputs -*- C++
//-*-===//
// Forward activity: a value is active when it may depend on an active
// parameter. Forward mode gives tangents to the active values only; a loop's
// carried value gets a tangent slot exactly when it is active.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_ACTIVITY_H
#define ADGEN_TRANSFORMS_ACTIVITY_H

#include "IR/Function.h"

#include <set>
#include <vector>

namespace adgen {

/// The active values of F when the parameters marked in ActiveParams are
/// differentiated. Buffers become active when an active value is stored in
/// them; loops and memory are iterated to a fixed point.
std::set<const Value *> analyzeActivity(const Function &F,
                                        const std::vector<bool> &ActiveParams);

} // namespace adgen

#endif
