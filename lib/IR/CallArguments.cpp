//===- CallArguments.cpp - The parameters of a call with arrays -----------===//
// Splits a call's operands into the callee's parameters.
//===----------------------------------------------------------------------===//
#include "IR/CallArguments.h"

namespace adgen {

std::vector<CallArgument> callArguments(const Op &O) {
  unsigned N = O.prim() == Prim::Call ? O.numOperands() : O.attrs().Args;
  bool Masked = O.prim() == Prim::CallJvp || O.prim() == Prim::CallVjp;
  std::vector<CallArgument> Out;
  for (unsigned I = 0, P = 0; I < N; ++P) {
    bool IsBuffer = O.operand(I)->type().isBuffer();
    bool InMask = Masked && P < 64 && ((O.attrs().IntValue >> P) & 1);
    Out.push_back({P, I, IsBuffer, InMask});
    I += IsBuffer ? 2 : 1;
  }
  return Out;
}

bool callTakesArrays(const Op &O) {
  for (Value *V : O.operands())
    if (V->type().isBuffer())
      return true;
  return false;
}

} // namespace adgen
