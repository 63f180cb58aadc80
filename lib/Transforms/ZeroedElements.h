//===- ZeroedElements.h - Accumulations into known zeros --------*- C++ -*-===//
// An accumulation d[i] = d[i] + e into an element known to be zero is the
// assignment d[i] = e: one load fewer, and no read of d to order against.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_ZEROEDELEMENTS_H
#define ADGEN_TRANSFORMS_ZEROEDELEMENTS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F with accumulations into elements that are provably zero (a fresh or
/// zero-filled buffer, written at most once per element by the loop nest;
/// or a buffer a later nest zeroes again, across the iterations of a loop
/// around both) turned into assignments; null when nothing applies.
std::unique_ptr<Function> assignZeroedElements(const Function &F);

} // namespace adgen

#endif
