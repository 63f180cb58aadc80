//===- Verifier.cpp - Structural checks of IR functions -------------------===//
// Checks definition before use, operand counts, types and terminators.
//===----------------------------------------------------------------------===//
#include "IR/Verifier.h"
#include "IR/Operation.h"
#include "IR/Printer.h"

#include <set>

namespace adgen {

namespace {
class Verifier {
public:
  Verifier(const Function &F) : F(F), Names(F) {}

  std::vector<std::string> run() {
    checkRegion(*F.body(), /*IsBody=*/true, nullptr);
    return Errors;
  }

private:
  void error(const Op &O, const std::string &Msg) {
    Errors.push_back(std::string("in @") + F.qualifiedName() + ", op '" +
                     mnemonic(O.prim()) + "': " + Msg);
  }

  void checkRegion(const Region &R, bool IsBody, const Op *Parent) {
    std::vector<const Value *> Defined;
    for (unsigned I = 0; I < R.numArguments(); ++I) {
      Visible.insert(R.argument(I));
      Defined.push_back(R.argument(I));
    }
    if (R.ops().empty()) {
      Errors.push_back("in @" + F.qualifiedName() + ": empty region");
    }
    for (unsigned I = 0; I < R.ops().size(); ++I) {
      const Op &O = *R.ops()[I];
      bool Last = I + 1 == R.ops().size();
      bool IsTerminator = O.prim() == Prim::Yield || O.prim() == Prim::Return;
      if (IsTerminator != Last)
        error(O, Last ? "region does not end in a terminator"
                      : "terminator in the middle of a region");
      if (O.parentRegion() != &R)
        error(O, "wrong parent region");
      checkOp(O);
      if (O.prim() == Prim::Return && !IsBody)
        error(O, "return outside the function body");
      if (O.prim() == Prim::Yield && IsBody)
        error(O, "yield in the function body");
      if (O.prim() == Prim::Yield && Parent)
        checkTypes(O, *Parent);
      if (O.prim() == Prim::Return)
        checkReturn(O);
      for (unsigned J = 0; J < O.numResults(); ++J) {
        Visible.insert(O.result(J));
        Defined.push_back(O.result(J));
      }
    }
    for (const Value *V : Defined)
      Visible.erase(V);
  }

  void checkTypes(const Op &Yield, const Op &Parent) {
    if (Yield.numOperands() != Parent.numResults()) {
      error(Yield, "yields " + std::to_string(Yield.numOperands()) +
                       " values for " + std::to_string(Parent.numResults()) +
                       " results");
      return;
    }
    for (unsigned I = 0; I < Yield.numOperands(); ++I)
      if (Yield.operand(I)->type() != Parent.result(I)->type())
        error(Yield, "yielded type mismatch at " + std::to_string(I) + " (" +
                         Yield.operand(I)->type().irName() + " for " +
                         Parent.result(I)->type().irName() + " of " +
                         mnemonic(Parent.prim()) + ")");
  }

  void checkReturn(const Op &Ret) {
    if (Ret.numOperands() != F.results().size()) {
      error(Ret, "returns " + std::to_string(Ret.numOperands()) +
                     " values for " + std::to_string(F.results().size()) +
                     " result slots");
      return;
    }
    for (unsigned I = 0; I < Ret.numOperands(); ++I)
      if (Ret.operand(I)->type() != F.results()[I].Ty)
        error(Ret, "returned type mismatch at " + std::to_string(I));
  }

  void checkOp(const Op &O) {
    for (const Value *V : O.operands())
      if (!V)
        error(O, "null operand");
      else if (!Visible.count(V))
        error(O, "operand %" + Names(V) + " is not defined before use");
    int Arity = arity(O.prim());
    if (Arity >= 0 && static_cast<int>(O.numOperands()) != Arity)
      error(O, "expects " + std::to_string(Arity) + " operands");
    if (Errors.size())
      return;
    auto SameAsResult = [&](unsigned I) {
      if (O.numResults() != 1 || O.operand(I)->type() != O.result()->type())
        error(O, "operand " + std::to_string(I) + " type differs from result");
    };
    switch (O.prim()) {
    case Prim::Add:
    case Prim::Sub:
    case Prim::Mul:
    case Prim::Div:
    case Prim::Rem:
    case Prim::ZeroMul:
    case Prim::ZeroDiv:
      SameAsResult(0);
      SameAsResult(1);
      break;
    case Prim::Neg:
      SameAsResult(0);
      break;
    case Prim::Cmp:
      if (O.operand(0)->type() != O.operand(1)->type())
        error(O, "compares values of different types");
      break;
    case Prim::Select:
      if (!O.operand(0)->type().isBool())
        error(O, "condition is not i1");
      SameAsResult(1);
      SameAsResult(2);
      break;
    case Prim::Powi:
      SameAsResult(0);
      if (!O.operand(1)->type().isInteger())
        error(O, "exponent is not an integer");
      break;
    case Prim::For: {
      if (O.numOperands() < 3 || O.numRegions() != 1) {
        error(O, "needs lb, ub, step and one region");
        return;
      }
      Type IV = O.operand(0)->type();
      if (!IV.isInteger() || O.operand(1)->type() != IV ||
          O.operand(2)->type() != IV)
        error(O, "bounds and step must be integers of one type");
      const Region &Body = *O.region(0);
      unsigned Carried = O.numOperands() - 3;
      if (Body.numArguments() != Carried + 1 || O.numResults() != Carried) {
        error(O, "region arguments, results and initial values disagree");
        return;
      }
      if (Body.argument(0)->type() != IV)
        error(O, "induction variable type differs from the bounds");
      for (unsigned I = 0; I < Carried; ++I)
        if (O.operand(3 + I)->type() != O.result(I)->type() ||
            Body.argument(1 + I)->type() != O.result(I)->type())
          error(O, "carried value " + std::to_string(I) + " changes type");
      checkRegion(Body, false, &O);
      break;
    }
    case Prim::While: {
      if (O.numRegions() != 2 || O.numResults() != O.numOperands()) {
        error(O, "needs a test and a body region and one result per value");
        return;
      }
      for (unsigned R = 0; R < 2; ++R) {
        const Region &Reg = *O.region(R);
        if (Reg.numArguments() != O.numOperands()) {
          error(O, "region arguments differ from the carried values");
          return;
        }
        for (unsigned I = 0; I < O.numOperands(); ++I)
          if (Reg.argument(I)->type() != O.result(I)->type() ||
              O.operand(I)->type() != O.result(I)->type())
            error(O, "carried value " + std::to_string(I) + " changes type");
      }
      checkRegion(*O.region(0), false, nullptr);
      if (O.region(0)->back() &&
          (O.region(0)->back()->numOperands() != 1 ||
           !O.region(0)->back()->operand(0)->type().isBool()))
        error(O, "the test region must yield one i1");
      checkRegion(*O.region(1), false, &O);
      break;
    }
    case Prim::Load:
      if (!O.operand(0)->type().isBuffer() ||
          !O.operand(1)->type().isInteger() ||
          O.result()->type() != O.operand(0)->type().element())
        error(O, "expects a buffer, an integer index and the element type");
      break;
    case Prim::Store:
      if (!O.operand(1)->type().isBuffer() ||
          !O.operand(2)->type().isInteger() ||
          O.operand(0)->type() != O.operand(1)->type().element())
        error(O, "expects an element value, a buffer and an integer index");
      break;
    case Prim::Alloc:
      if (!O.operand(0)->type().isInteger() || !O.result()->type().isBuffer())
        error(O, "expects an integer length and a buffer result");
      break;
    case Prim::Push:
      if (!O.operand(0)->type().isStack() ||
          O.operand(1)->type() != O.operand(0)->type().element())
        error(O, "expects a stack and a value of its element type");
      break;
    case Prim::Pop:
      if (!O.operand(0)->type().isStack() ||
          O.result()->type() != O.operand(0)->type().element())
        error(O, "expects a stack and yields its element type");
      break;
    case Prim::If:
      if (!O.operand(0)->type().isBool())
        error(O, "condition is not i1");
      if (O.numRegions() != 2) {
        error(O, "needs a then and an else region");
        return;
      }
      checkRegion(*O.region(0), false, &O);
      checkRegion(*O.region(1), false, &O);
      break;
    default:
      if (isMathFunction(O.prim()))
        for (unsigned I = 0; I < O.numOperands(); ++I)
          SameAsResult(I);
      break;
    }
  }

  const Function &F;
  ValueNamer Names;
  std::set<const Value *> Visible;
  std::vector<std::string> Errors;
};
} // namespace

std::vector<std::string> verify(const Function &F) { return Verifier(F).run(); }

} // namespace adgen
