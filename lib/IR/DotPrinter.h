//===- DotPrinter.h - Graphviz drawing of computation graphs ----*- C++ -*-===//
// --emit=dot: one cluster per function, one node per primitive application,
// edges from the values an op reads; `dot -Tsvg` renders it.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_DOTPRINTER_H
#define ADGEN_IR_DOTPRINTER_H

#include "IR/Function.h"

#include <ostream>
#include <vector>

namespace adgen {

void printDot(const std::vector<const Function *> &Functions, std::ostream &OS);

} // namespace adgen

#endif
