//===- Interpreter.h - Evaluates IR functions in unit tests -----*- C++ -*-===//
// Runs an IR function on numbers with the folder's evaluator, so transforms
// can be checked numerically without the frontend or the C++ backend.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TEST_UNIT_INTERPRETER_H
#define ADGEN_TEST_UNIT_INTERPRETER_H

#include "IR/Function.h"
#include "Transforms/Fold.h"

#include <map>
#include <stdexcept>
#include <vector>

namespace adgen::test {

inline std::vector<long double>
runRegion(const Region &R, std::map<const Value *, long double> &Env) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::Yield || O->prim() == Prim::Return) {
      std::vector<long double> Out;
      for (Value *V : O->operands())
        Out.push_back(Env.at(V));
      return Out;
    }
    if (O->prim() == Prim::If) {
      bool C = Env.at(O->operand(0)) != 0;
      std::vector<long double> Out = runRegion(*O->region(C ? 0 : 1), Env);
      for (unsigned I = 0; I < O->numResults(); ++I)
        Env[O->result(I)] = Out[I];
      continue;
    }
    if (O->prim() == Prim::Const) {
      Type Ty = O->result()->type();
      (void)Ty;
      Env[O->result()] = O->constantValue();
      continue;
    }
    std::vector<long double> Args;
    std::vector<Type> Types;
    for (Value *V : O->operands()) {
      Args.push_back(Env.at(V));
      Types.push_back(V->type());
    }
    auto R = evaluate(O->prim(), O->result()->type(), Args, Types, O->attrs());
    if (!R)
      throw std::runtime_error("cannot evaluate op");
    Env[O->result()] = *R;
  }
  throw std::runtime_error("region without terminator");
}

/// F's results for the given parameter values.
inline std::vector<long double> run(const Function &F,
                                    const std::vector<long double> &Params) {
  std::map<const Value *, long double> Env;
  for (unsigned I = 0; I < F.numParams(); ++I)
    Env[F.param(I)] = Params[I];
  return runRegion(*F.body(), Env);
}

} // namespace adgen::test

#endif
