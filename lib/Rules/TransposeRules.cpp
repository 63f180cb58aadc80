//===- TransposeRules.cpp - Transposes of the linear primitives -----------===//
// Reverse mode transposes the linear part of a JVP; only the primitives that
// JVP rules apply to tangents need an entry here.
//===----------------------------------------------------------------------===//
#include "IR/CallArguments.h"
#include "Rules/Rules.h"

namespace adgen {

std::vector<Value *> transposeRule(RuleContext &C, const Op &O,
                                   const std::vector<bool> &IsLinear,
                                   const std::vector<Value *> &Known,
                                   Value *CT) {
  Builder &B = C.B;
  std::vector<Value *> Out(O.numOperands(), nullptr);
  switch (O.prim()) {
  case Prim::Add:
    for (unsigned I = 0; I < 2; ++I)
      if (IsLinear[I])
        Out[I] = CT;
    return Out;
  case Prim::Sub:
    if (IsLinear[0])
      Out[0] = CT;
    if (IsLinear[1])
      Out[1] = B.neg(CT);
    return Out;
  case Prim::Neg:
    Out[0] = B.neg(CT);
    return Out;
  case Prim::Mul:
    if (IsLinear[0] && IsLinear[1])
      break;
    if (IsLinear[0])
      Out[0] = B.mul(CT, Known[1]);
    if (IsLinear[1])
      Out[1] = B.mul(Known[0], CT);
    return Out;
  case Prim::Div:
    if (IsLinear[1])
      break;
    Out[0] = B.div(CT, Known[1]);
    return Out;
  case Prim::ZeroMul:
    // zmul(t, p) -> zmul(ct, p); zmul(k, t) -> zmul(k, ct): the zero of the
    // first operand stays strong.
    if (IsLinear[0] && IsLinear[1])
      break;
    if (IsLinear[0])
      Out[0] = B.zeroMul(CT, Known[1]);
    if (IsLinear[1])
      Out[1] = B.zeroMul(Known[0], CT);
    return Out;
  case Prim::ZeroDiv:
    if (IsLinear[1])
      break;
    Out[0] = B.zeroDiv(CT, Known[1]);
    return Out;
  case Prim::Cast:
    Out[0] = B.cast(CT, O.operand(0)->type());
    return Out;
  case Prim::Load: {
    // y = t[i]  ->  d[i] += ct
    Value *D = C.AdjointBuffer(O.operand(0));
    Value *Old = B.create(Prim::Load, {D, Known[1]}, {CT->type()})->result();
    B.create(Prim::Store, {C.accumulate(Old, CT), D, Known[1]}, {});
    return Out;
  }
  case Prim::Store: {
    // t[i] = v  ->  ct_v = d[i]; d[i] = 0
    Value *D = C.AdjointBuffer(O.operand(1));
    Type Elem = O.operand(0)->type();
    Value *Ct = B.create(Prim::Load, {D, Known[2]}, {Elem})->result();
    B.create(Prim::Store, {B.zero(Elem), D, Known[2]}, {});
    if (IsLinear[0])
      Out[0] = Ct;
    return Out;
  }
  case Prim::Select: {
    if (IsLinear[0])
      break;
    Value *Zero = B.zero(CT->type());
    if (IsLinear[1])
      Out[1] = B.select(Known[0], CT, Zero);
    if (IsLinear[2])
      Out[2] = B.select(Known[0], Zero, CT);
    return Out;
  }
  case Prim::CallJvp: {
    // t = callee_jvp(x, t_x)  ->  d_x += callee_vjp(x, ct): the vjp
    // accumulates into adjoint arrays and returns the scalars' cotangents.
    unsigned Args = O.attrs().Args;
    bool PrimalLinear = false;
    for (unsigned I = 0; I < Args; ++I)
      PrimalLinear |= IsLinear[I];
    if (PrimalLinear)
      break;
    std::vector<Value *> Operands(Known.begin(), Known.begin() + Args);
    Operands.push_back(CT);
    std::vector<Type> Results;
    std::vector<unsigned> ScalarTangents;
    unsigned Next = Args;
    for (const CallArgument &A : callArguments(O)) {
      if (!A.InMask)
        continue;
      if (A.IsBuffer)
        Operands.push_back(C.AdjointBuffer(O.operand(Next)));
      else {
        Results.push_back(O.operand(Next)->type());
        ScalarTangents.push_back(Next);
      }
      ++Next;
    }
    Op *Vjp = B.create(Prim::CallVjp, Operands, Results, O.attrs());
    for (unsigned I = 0; I < ScalarTangents.size(); ++I)
      Out[ScalarTangents[I]] = Vjp->result(I);
    return Out;
  }
  default:
    break;
  }
  C.fail(std::string("internal error: '") + mnemonic(O.prim()) +
         "' is applied to a tangent but has no transpose rule");
  return Out;
}

} // namespace adgen
