//===- MemoryEffects.h - Which arrays an op reads and writes ----*- C++ -*-===//
// One walk, shared by the simplifier, dead-code elimination, loop fusion and
// the emitter, over what ops (and the ops in their regions) do to memory.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_MEMORYEFFECTS_H
#define ADGEN_IR_MEMORYEFFECTS_H

#include "IR/Operation.h"

#include <set>

namespace adgen {

struct MemoryEffects {
  /// Buffers whose elements are loaded.
  std::set<const Value *> Reads;
  /// Buffers stored into or filled, and the buffer operands of any other op
  /// with side effects (conservatively).
  std::set<const Value *> Writes;
  /// Pushes, pops or reservations on a stack.
  bool Stacks = false;
};

/// Adds the effects of O, including the ops of its regions, to Out.
void collectMemoryEffects(const Op &O, MemoryEffects &Out);
/// Adds the effects of R's ops to Out.
void collectMemoryEffects(const Region &R, MemoryEffects &Out);

} // namespace adgen

#endif
