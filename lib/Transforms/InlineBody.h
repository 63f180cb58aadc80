//===- InlineBody.h - A function's body copied into another -----*- C++ -*-===//
// The sweeps of Hessians and Jacobians and the expansion of calls to
// generated derivatives all append a derivative's body where they build.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_INLINEBODY_H
#define ADGEN_TRANSFORMS_INLINEBODY_H

#include "IR/Cloning.h"

#include <map>
#include <vector>

namespace adgen {

/// Appends D's body (all but its return) to region At, D's parameters bound
/// by Map. Lengths gives the element count of D's buffer parameters bound to
/// arrays whose length D's text cannot name (local arrays, another
/// function's arrays): their length ops become it and their fills become
/// loops. Returns the values D returns.
std::vector<Value *> inlineBody(Region *At, const Function &D, ValueMap Map,
                                std::map<const Value *, Value *> Lengths);

} // namespace adgen

#endif
