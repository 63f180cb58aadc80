//===- DeadCode.h - Dead-code elimination -----------------------*- C++ -*-===//
// Removes ops whose results nobody reads and branch results that are never
// used, so no dead adjoint reaches the emitted C++.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_DEADCODE_H
#define ADGEN_TRANSFORMS_DEADCODE_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

std::unique_ptr<Function> eliminateDeadCode(const Function &F);

} // namespace adgen

#endif
