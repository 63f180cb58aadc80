//===- MemoryEffects.cpp - Which arrays an op reads and writes ------------===//
// Loads and calls read; stores, fills, call_vjp and call_partials write;
// stack ops are flagged; any other op with side effects writes every buffer
// it is given.
//===----------------------------------------------------------------------===//
#include "IR/MemoryEffects.h"

namespace adgen {

void collectMemoryEffects(const Op &O, MemoryEffects &Out) {
  switch (O.prim()) {
  case Prim::Load:
    Out.Reads.insert(O.operand(0));
    break;
  case Prim::Store:
    Out.Writes.insert(O.operand(1));
    break;
  case Prim::Fill:
    Out.Writes.insert(O.operand(0));
    break;
  case Prim::Call:
  case Prim::CallJvp:
    for (const Value *V : O.operands())
      if (V->type().isBuffer())
        Out.Reads.insert(V);
    break;
  case Prim::CallVjp: // reads the call's arrays, accumulates into the rest
  case Prim::CallPartials: // reads the call's arrays, sets the partials
    for (unsigned I = 0; I < O.numOperands(); ++I)
      if (O.operand(I)->type().isBuffer())
        (I < O.attrs().Args ? Out.Reads : Out.Writes).insert(O.operand(I));
    break;
  case Prim::CallGenerated: // until it is expanded: anything it is given
    for (const Value *V : O.operands())
      if (V->type().isBuffer()) {
        Out.Reads.insert(V);
        Out.Writes.insert(V);
      }
    break;
  case Prim::Push:
  case Prim::Pop:
  case Prim::Reserve:
    Out.Stacks = true;
    break;
  default:
    if (hasSideEffects(O.prim()))
      for (const Value *V : O.operands())
        if (V->type().isBuffer())
          Out.Writes.insert(V);
    break;
  }
  for (unsigned I = 0; I < O.numRegions(); ++I)
    collectMemoryEffects(*O.region(I), Out);
}

void collectMemoryEffects(const Region &R, MemoryEffects &Out) {
  for (const auto &O : R.ops())
    collectMemoryEffects(*O, Out);
}

} // namespace adgen
