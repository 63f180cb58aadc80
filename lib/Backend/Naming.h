//===- Naming.h - C++ identifiers for IR values -----------------*- C++ -*-===//
// Chooses unique, readable identifiers: the user's names first (x, then
// x_1 for a reassignment), d_/t_ names for derivatives, tmp<N> otherwise.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_BACKEND_NAMING_H
#define ADGEN_BACKEND_NAMING_H

#include <map>
#include <set>
#include <string>

namespace adgen {

class Value;

class IdentifierTable {
public:
  /// Claims Name exactly (parameters); later names avoid it.
  void reserve(const std::string &Name) { Used.insert(Name); }
  /// A fresh identifier based on Hint, remembered for V.
  const std::string &assign(const Value *V, const std::string &Hint);
  /// Gives V the identifier another value already has (a loop's carried
  /// value and its result share one mutable variable).
  void alias(const Value *V, const std::string &Name) { Names[V] = Name; }
  /// A fresh identifier based on Hint, for a variable of no IR value (the
  /// counter of a loop the emitter writes).
  std::string fresh(const std::string &Hint);
  /// The identifier of V; empty when none was assigned.
  std::string get(const Value *V) const;
  bool has(const Value *V) const { return Names.count(V) != 0; }

private:
  std::set<std::string> Used;
  std::map<const Value *, std::string> Names;
  unsigned NextTemp = 0;
};

} // namespace adgen

#endif
