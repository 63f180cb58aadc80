//===- CallArguments.h - The parameters of a call with arrays ---*- C++ -*-===//
// A call's operands pass each callee parameter as one scalar, or as a buffer
// and an offset; call_jvp, call_vjp and call_partials append derivatives
// after them.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_CALLARGUMENTS_H
#define ADGEN_IR_CALLARGUMENTS_H

#include "IR/Operation.h"

#include <vector>

namespace adgen {

struct CallArgument {
  unsigned Param;   // the callee's parameter
  unsigned Operand; // its operand: the scalar, or the buffer (offset next)
  bool IsBuffer;
  /// Set in call_jvp and call_vjp: the parameter's derivative is passed.
  bool InMask;
};

/// The call's operands as parameters (all operands of a call, the first
/// Attrs.Args of call_jvp, call_vjp and call_partials).
std::vector<CallArgument> callArguments(const Op &O);
/// True if a call passes an array.
bool callTakesArrays(const Op &O);

} // namespace adgen

#endif
