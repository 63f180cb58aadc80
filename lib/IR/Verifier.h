//===- Verifier.h - Structural checks of IR functions -----------*- C++ -*-===//
// Run after every transform in debug builds and in the tests: a transform
// that produces ill-formed IR is caught where it happens.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_VERIFIER_H
#define ADGEN_IR_VERIFIER_H

#include "IR/Function.h"

#include <string>
#include <vector>

namespace adgen {

/// Returns the problems found in F (empty when F is well formed).
std::vector<std::string> verify(const Function &F);

} // namespace adgen

#endif
