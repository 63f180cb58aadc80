//===- Cloning.h - Copying ops between functions ----------------*- C++ -*-===//
// Transforms rebuild IR rather than mutate it; these helpers copy one op
// (with its regions) through a Builder, remapping operands.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_CLONING_H
#define ADGEN_IR_CLONING_H

#include "IR/Builder.h"
#include "IR/Function.h"

#include <map>

namespace adgen {

using ValueMap = std::map<const Value *, Value *>;

/// The image of V under M; V itself when unmapped.
Value *lookup(const ValueMap &M, const Value *V);

/// Copies O (recursively with its regions) to B's insertion point; maps O's
/// results in M. Single-result pure ops go through B.build, so they fold and
/// merge if B does. A Primal copy runs the function without differentiating
/// it: a with_derivative becomes its value (the model it carries is dead).
void cloneOp(Builder &B, const Op &O, ValueMap &M, bool Primal = false);

/// A new function with F's name, parameters and result slots and an empty
/// body; maps F's parameters to the new ones in M.
std::unique_ptr<Function> cloneSignature(const Function &F, ValueMap &M);

} // namespace adgen

#endif
