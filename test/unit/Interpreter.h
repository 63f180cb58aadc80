//===- Interpreter.h - Evaluates IR functions in unit tests -----*- C++ -*-===//
// Runs an IR function on numbers with the folder's evaluator (plus ifs, for
// and while loops and local arrays), so transforms can be checked numerically
// without the frontend or the C++ backend.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TEST_UNIT_INTERPRETER_H
#define ADGEN_TEST_UNIT_INTERPRETER_H

#include "IR/Function.h"
#include "Transforms/Fold.h"

#include <map>
#include <stdexcept>
#include <vector>

namespace adgen::test {

struct Machine {
  std::map<const Value *, long double> Env;
  std::map<const Value *, std::vector<long double>> Memory;
  unsigned MaxWhileTrips = 100000;

  long double &element(const Value *Buf, const Value *Index) {
    std::vector<long double> &M = Memory.at(Buf);
    auto I = static_cast<size_t>(Env.at(Index));
    if (I >= M.size())
      throw std::runtime_error("index out of range");
    return M[I];
  }

  std::vector<long double> runRegion(const Region &R) {
    for (const auto &O : R.ops()) {
      switch (O->prim()) {
      case Prim::Yield:
      case Prim::Return: {
        std::vector<long double> Out;
        for (Value *V : O->operands())
          Out.push_back(Env.at(V));
        return Out;
      }
      case Prim::If: {
        bool C = Env.at(O->operand(0)) != 0;
        std::vector<long double> Out = runRegion(*O->region(C ? 0 : 1));
        for (unsigned I = 0; I < O->numResults(); ++I)
          Env[O->result(I)] = Out[I];
        continue;
      }
      case Prim::For: {
        const Region &Body = *O->region(0);
        std::vector<long double> Carried;
        for (unsigned I = 3; I < O->numOperands(); ++I)
          Carried.push_back(Env.at(O->operand(I)));
        long double Step = Env.at(O->operand(2));
        Type IVTy = Body.argument(0)->type();
        long double UB = Env.at(O->operand(1));
        for (long double K = Env.at(O->operand(0)); Step > 0 ? K < UB : K > UB;
             K = *evaluate(Prim::Add, IVTy, {K, Step}, {IVTy, IVTy}, {})) {
          Env[Body.argument(0)] = K;
          for (unsigned I = 0; I < Carried.size(); ++I)
            Env[Body.argument(I + 1)] = Carried[I];
          Carried = runRegion(Body);
        }
        for (unsigned I = 0; I < O->numResults(); ++I)
          Env[O->result(I)] = Carried[I];
        continue;
      }
      case Prim::While: {
        std::vector<long double> Carried;
        for (Value *V : O->operands())
          Carried.push_back(Env.at(V));
        for (unsigned Trips = 0;; ++Trips) {
          if (Trips > MaxWhileTrips)
            throw std::runtime_error("while loop does not end");
          for (unsigned R = 0; R < 2; ++R)
            for (unsigned I = 0; I < Carried.size(); ++I)
              Env[O->region(R)->argument(I)] = Carried[I];
          if (runRegion(*O->region(0))[0] == 0)
            break;
          Carried = runRegion(*O->region(1));
        }
        for (unsigned I = 0; I < O->numResults(); ++I)
          Env[O->result(I)] = Carried[I];
        continue;
      }
      case Prim::Alloc:
        Memory[O->result()].assign(static_cast<size_t>(Env.at(O->operand(0))),
                                   0.0L);
        continue;
      case Prim::Load:
        Env[O->result()] = element(O->operand(0), O->operand(1));
        continue;
      case Prim::Store:
        element(O->operand(1), O->operand(2)) = Env.at(O->operand(0));
        continue;
      case Prim::Const:
        Env[O->result()] = O->constantValue();
        continue;
      default:
        break;
      }
      std::vector<long double> Args;
      std::vector<Type> Types;
      for (Value *V : O->operands()) {
        Args.push_back(Env.at(V));
        Types.push_back(V->type());
      }
      auto R =
          evaluate(O->prim(), O->result()->type(), Args, Types, O->attrs());
      if (!R)
        throw std::runtime_error("cannot evaluate op");
      Env[O->result()] = *R;
    }
    throw std::runtime_error("region without terminator");
  }
};

/// F's results for the given parameter values.
inline std::vector<long double> run(const Function &F,
                                    const std::vector<long double> &Params) {
  Machine M;
  for (unsigned I = 0; I < F.numParams(); ++I)
    M.Env[F.param(I)] = Params[I];
  return M.runRegion(*F.body());
}

} // namespace adgen::test

#endif
