//===- Diagnostic.h - Errors found after the AST is gone --------*- C++ -*-===//
// Transforms report what they cannot differentiate as a located message; the
// tool prints it in the compiler's file:line:col: error: form.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_DIAGNOSTIC_H
#define ADGEN_IR_DIAGNOSTIC_H

#include "IR/Location.h"

#include <string>
#include <vector>

namespace adgen {

struct Diagnostic {
  Location Loc;
  std::string Message;
};

using Diagnostics = std::vector<Diagnostic>;

} // namespace adgen

#endif
