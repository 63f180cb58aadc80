//===- Printer.h - Textual form of the IR -----------------------*- C++ -*-===//
// The form that --emit=ir prints and that FileCheck tests read: one op per
// line, values named after the user's variables where they have one.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_PRINTER_H
#define ADGEN_IR_PRINTER_H

#include "IR/Function.h"

#include <map>
#include <ostream>
#include <set>
#include <string>

namespace adgen {

/// Gives every value of a function a unique printable name in walk order:
/// the value's own name when it has one (suffixed .1, .2 on reuse), else a
/// number.
class ValueNamer {
public:
  explicit ValueNamer(const Function &F);
  const std::string &operator()(const Value *V) const;

private:
  void nameRegion(const Region &R);
  void assign(const Value *V);
  std::map<const Value *, std::string> Names;
  std::map<std::string, unsigned> Uses;
  unsigned Counter = 0;
};

void printFunction(const Function &F, std::ostream &OS);
void printModule(const Module &M, std::ostream &OS);

} // namespace adgen

#endif
