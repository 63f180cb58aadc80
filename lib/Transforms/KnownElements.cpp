//===- KnownElements.cpp - Array elements whose values are known ----------===//
// Forwarding of stored and loaded element values for the simplifier; writes
// at two different constant indices touch different elements.
//===----------------------------------------------------------------------===//
#include "Transforms/KnownElements.h"
#include "Transforms/Fold.h"

namespace adgen {

Value *KnownElements::find(const Value *Buffer, const Value *Index) const {
  auto It = Values.find({Buffer, Index});
  if (It != Values.end())
    return It->second;
  auto Constant = constantValue(Index);
  if (Constant) // the same index as a constant of another type
    for (const auto &[Key, V] : Values)
      if (Key.first == Buffer && Key.second && Key.second != Buffer &&
          constantValue(Key.second) == Constant)
        return V;
  It = Values.find({Buffer, nullptr});
  if (It == Values.end() && Constant)
    It = Values.find({Buffer, Buffer});
  return It == Values.end() ? nullptr : It->second;
}

void KnownElements::set(const Value *Buffer, const Value *Index, Value *V) {
  Values[{Buffer, Index}] = V;
}

void KnownElements::stored(const Value *Buffer, const Value *Index, Value *V) {
  forget(Buffer, Index);
  if (V->type() == Buffer->type().element())
    Values[{Buffer, Index}] = V;
}

void KnownElements::filled(const Value *Buffer, Value *V) {
  forget(Buffer);
  if (V->type() == Buffer->type().element())
    Values[{Buffer, nullptr}] = V;
}

void KnownElements::forget(const Value *Buffer, const Value *Index) {
  bool ConstantIndex = Index && constantValue(Index);
  auto Distinct = [&](const Value *Other) {
    if (!ConstantIndex || !Other || Other == Buffer)
      return false;
    auto Theirs = constantValue(Other);
    return Theirs && *constantValue(Index) != *Theirs;
  };
  // After a write at a constant index, the value of every element still
  // holds at the other constant indices.
  Value *Every = nullptr;
  auto All = Values.find({Buffer, nullptr});
  if (ConstantIndex && All != Values.end())
    Every = All->second;
  auto Rest = Values.find({Buffer, Buffer});
  if (ConstantIndex && Rest != Values.end())
    Every = Rest->second;
  for (auto It = Values.begin(); It != Values.end();)
    It = It->first.first == Buffer && !Distinct(It->first.second)
             ? Values.erase(It)
             : std::next(It);
  if (Every)
    Values[{Buffer, Buffer}] = Every;
}

} // namespace adgen
