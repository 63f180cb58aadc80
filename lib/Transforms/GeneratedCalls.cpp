//===- GeneratedCalls.cpp - Differentiating calls to generated code -------===//
// Expands call_generated ops into the derivative's IR: the caller's loops,
// branches and the derivative's own ops are then one function to
// differentiate, by composing the same transforms (jvp of a grad, ...).
//===----------------------------------------------------------------------===//
#include "Transforms/GeneratedCalls.h"
#include "IR/Rebuilder.h"
#include "Transforms/Derivatives.h"
#include "Transforms/InlineBody.h"

namespace adgen {

namespace {
bool isGeneratedCall(const Op &O) {
  if (O.prim() == Prim::CallGenerated)
    return true;
  for (unsigned I = 0; I < O.numRegions(); ++I)
    for (const auto &Inner : O.region(I)->ops())
      if (isGeneratedCall(*Inner))
        return true;
  return false;
}

/// An op the transforms cannot differentiate again when it is inlined: a
/// tape, or a call (whose second derivatives are not generated).
const Op *notRedifferentiable(const Region &R) {
  for (const auto &O : R.ops()) {
    switch (O->prim()) {
    case Prim::StackNew:
    case Prim::Push:
    case Prim::Pop:
    case Prim::Reserve:
    case Prim::Call:
    case Prim::CallGrad:
    case Prim::CallPartials:
    case Prim::CallJvp:
    case Prim::CallVjp:
    case Prim::CallGenerated:
      return O.get();
    default:
      break;
    }
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (const Op *Inner = notRedifferentiable(*O->region(I)))
        return Inner;
  }
  return nullptr;
}

class Expander : public Rebuilder {
public:
  Expander(Region *Body) : Rebuilder(Body) {}
  const Function *Caller = nullptr; // the function being built
  const DerivativeLookup *Lookup = nullptr;
  Diagnostics *Diags = nullptr;
  bool Failed = false;

private:
  /// The number of elements of Buffer, a parameter or local array of the
  /// caller; null if unknown.
  Value *lengthOf(Value *Buffer) {
    if (const Op *A = Buffer->definingOp())
      return A->prim() == Prim::Alloc ? A->operand(0) : nullptr;
    for (unsigned I = 0; I < Caller->numParams(); ++I)
      if (Caller->param(I) == Buffer) {
        const ParamInfo &Info = Caller->paramInfo(I);
        Attributes A;
        A.Callee = Info.Length;
        Type Ty(Info.Kind == ParamKind::Pointer ? TypeKind::Long
                                                : TypeKind::ULong);
        return B.build(Prim::Length, Ty, {Buffer}, A);
      }
    return nullptr;
  }

  /// Inlines J at the insertion point with its tangent parameters bound to
  /// Tangents; returns its results (the value, then the tangent).
  std::vector<Value *>
  inlineJvp(const Function &J, ValueMap Base,
            const std::map<const Value *, Value *> &Lengths,
            const std::vector<Value *> &Tangents) {
    unsigned First = J.numParams() - Tangents.size();
    std::map<const Value *, Value *> AllLengths = Lengths;
    for (unsigned K = 0; K < Tangents.size(); ++K) {
      Base[J.param(First + K)] = Tangents[K];
      if (Tangents[K]->type().isBuffer())
        AllLengths[J.param(First + K)] = lengthOf(Tangents[K]);
    }
    return inlineBody(B.region(), J, std::move(Base), std::move(AllLengths));
  }

  /// g_grad(x..., d_x...) as forward sweeps: the value, then for each
  /// differentiated input element the JVP along its unit direction. J's
  /// IR records nothing, so the caller's derivatives can go through it; it
  /// costs n JVPs where the gradient cost one reverse sweep.
  void gradientBySweeps(const Op &O, unsigned NumPrimal, const Function &J) {
    // The call's operands: g's parameters, then the derivatives of the
    // differentiated inputs in order, an array operand each (scalars'
    // derivatives are the call's results after the value). J's: g's
    // parameters, then a tangent per differentiated input.
    unsigned NumInputs = J.numParams() - NumPrimal;
    ValueMap Base;
    std::map<const Value *, Value *> Lengths;
    for (unsigned I = 0; I < NumPrimal; ++I) {
      Value *Arg = lookup(Map, O.operand(I));
      Base[J.param(I)] = Arg;
      if (Arg->type().isBuffer() && !(Lengths[J.param(I)] = lengthOf(Arg))) {
        Diags->push_back({O.loc(), "internal error: an array passed to a "
                                   "generated gradient has no known length"});
        Failed = true;
        return;
      }
    }
    // Per input: where its derivative goes (a buffer, or a call result),
    // and its tangent when it is not the one being seeded.
    std::vector<Value *> Target(NumInputs), Zero(NumInputs);
    std::vector<const Value *> ResultOf(NumInputs, nullptr);
    unsigned NextOperand = NumPrimal, NextResult = 1;
    for (unsigned K = 0; K < NumInputs; ++K) {
      Type Ty = J.param(NumPrimal + K)->type();
      if (Ty.isBuffer()) {
        Target[K] = lookup(Map, O.operand(NextOperand++));
        Value *Length = lengthOf(Target[K]);
        if (!Length) {
          Diags->push_back({O.loc(), "internal error: an array passed to a "
                                     "generated gradient has no known length"});
          Failed = true;
          return;
        }
        Zero[K] = B.create(Prim::Alloc, {Length}, {Ty})->result();
        Zero[K]->setName("e_" + J.param(NumPrimal + K)->name().substr(2));
      } else {
        ResultOf[K] = O.result(NextResult++);
        Zero[K] = B.zero(Ty);
      }
    }
    Map[O.result(0)] = inlineJvp(J, Base, Lengths, Zero)[0];
    for (unsigned K = 0; K < NumInputs; ++K) {
      std::vector<Value *> Tangents = Zero;
      if (ResultOf[K]) {
        Tangents[K] = B.one(Zero[K]->type());
        Map[ResultOf[K]] = inlineJvp(J, Base, Lengths, Tangents)[1];
        continue;
      }
      Value *Length = lengthOf(Target[K]);
      Type Index = Length->type(), Elem = Zero[K]->type().element();
      Op *L =
          B.create(Prim::For, {B.zero(Index), Length, B.one(Index)}, {}, {}, 1);
      Value *At = L->region(0)->addArgument(Index, "col");
      B.enter(L->region(0));
      B.create(Prim::Store, {B.one(Elem), Zero[K], At}, {});
      Value *Partial = inlineJvp(J, Base, Lengths, Tangents)[1];
      B.create(Prim::Store, {Partial, Target[K], At}, {});
      B.create(Prim::Store, {B.zero(Elem), Zero[K], At}, {});
      B.yield({});
      B.exit();
    }
  }

  bool rewrite(const Op &O) override {
    if (O.prim() != Prim::CallGenerated)
      return false;
    const Function *D = (*Lookup)(O, CalledIR::Derivative);
    if (!D) {
      Failed = true;
      return true;
    }
    if (const Op *Bad = notRedifferentiable(*D->body())) {
      bool Tape = Bad->prim() == Prim::StackNew || Bad->prim() == Prim::Push ||
                  Bad->prim() == Prim::Pop || Bad->prim() == Prim::Reserve;
      if (Tape && static_cast<DerivativeMode>(O.attrs().IntValue) ==
                      DerivativeMode::Grad) {
        const Function *J = (*Lookup)(O, CalledIR::Jvp);
        const Function *G = (*Lookup)(O, CalledIR::Primal);
        if (!J || !G) {
          Failed = true;
          return true;
        }
        if (!notRedifferentiable(*J->body())) {
          gradientBySweeps(O, G->numParams(), *J);
          return true;
        }
      }
      Diags->push_back(
          {O.loc(), "differentiating this call to '" + D->name() +
                        "' needs its IR free of " +
                        (Tape ? "tapes, but it records values in a loop"
                              : "calls, but it calls another function") +
                        " (docs/contract.md: calls to generated "
                        "derivatives)"});
      Failed = true;
      return true;
    }
    // The C++ parameters in order: D's parameters take the call's
    // operands, its out-pointers the call's results after the returned one.
    std::vector<Function::SignatureEntry> Order = D->Signature;
    if (Order.empty()) {
      for (unsigned I = 0; I < D->numParams(); ++I)
        Order.push_back({false, I});
      for (unsigned I = 0; I < D->results().size(); ++I)
        Order.push_back({true, I});
    }
    ValueMap Inline;
    std::map<const Value *, Value *> Lengths;
    std::map<unsigned, Value *> ResultOf; // D's result -> the call's
    unsigned NextOperand = 0, NextResult = 0;
    for (unsigned I = 0; I < D->results().size(); ++I)
      if (D->results()[I].Passing == ResultPassing::Return)
        ResultOf[I] = O.result(NextResult++);
    for (const Function::SignatureEntry &E : Order) {
      if (E.IsResult) {
        if (D->results()[E.Index].Passing != ResultPassing::Return)
          ResultOf[E.Index] = O.result(NextResult++);
        continue;
      }
      Value *Arg = lookup(Map, O.operand(NextOperand++));
      Inline[D->param(E.Index)] = Arg;
      if (Arg->type().isBuffer()) {
        Value *Length = lengthOf(Arg);
        if (!Length) {
          Diags->push_back({O.loc(), "internal error: an array passed to '" +
                                         D->name() + "' has no known length"});
          Failed = true;
          return true;
        }
        Lengths[D->param(E.Index)] = Length;
      }
    }
    if (NextOperand != O.numOperands() || NextResult != O.numResults()) {
      Diags->push_back({O.loc(), "internal error: the call to '" + D->name() +
                                     "' does not match its signature"});
      Failed = true;
      return true;
    }
    std::vector<Value *> Returned =
        inlineBody(B.region(), *D, std::move(Inline), std::move(Lengths));
    for (auto &[Index, Result] : ResultOf)
      Map[Result] = Returned[Index];
    return true;
  }
};
} // namespace

bool hasGeneratedCalls(const Function &F) {
  for (const auto &O : F.body()->ops())
    if (isGeneratedCall(*O))
      return true;
  return false;
}

std::unique_ptr<Function> expandGeneratedCalls(const Function &F,
                                               const DerivativeLookup &Lookup,
                                               Diagnostics &Diags) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Expander E(G->body());
  E.Map = Map;
  E.Caller = G.get();
  E.Lookup = &Lookup;
  E.Diags = &Diags;
  E.region(*F.body());
  return E.Failed ? nullptr : std::move(G);
}

} // namespace adgen
