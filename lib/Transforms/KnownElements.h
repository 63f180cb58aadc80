//===- KnownElements.h - Array elements whose values are known --*- C++ -*-===//
// What the simplifier knows about array contents at a point of the function
// it rebuilds: the value of an element after a load or store of it, or of
// every element after an alloc (zeros) or a fill, until a write may change it.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_KNOWNELEMENTS_H
#define ADGEN_TRANSFORMS_KNOWNELEMENTS_H

#include "IR/Operation.h"

#include <map>
#include <utility>

namespace adgen {

/// Buffers never alias (inputs and outputs are assumed distinct, locals are
/// distinct), so a write changes only what is known about its own buffer.
/// Indices are compared as values, and constants also by number.
class KnownElements {
public:
  /// What element Index of Buffer holds, or null if unknown.
  Value *find(const Value *Buffer, const Value *Index) const;
  /// Element Index of Buffer holds V (it was just loaded).
  void set(const Value *Buffer, const Value *Index, Value *V);
  /// V was stored at Index: what the write may change is forgotten first.
  void stored(const Value *Buffer, const Value *Index, Value *V);
  /// Every element of Buffer holds V.
  void filled(const Value *Buffer, Value *V);
  /// Forgets what a write to Buffer at Index (anywhere if null) may change.
  void forget(const Value *Buffer, const Value *Index = nullptr);

private:
  // (buffer, index) -> value; (buffer, null) -> the value of every element;
  // (buffer, buffer) -> the value of every element at a constant index no
  // entry names (after writes at constant indices only).
  using Element = std::pair<const Value *, const Value *>;
  std::map<Element, Value *> Values;
};

} // namespace adgen

#endif
