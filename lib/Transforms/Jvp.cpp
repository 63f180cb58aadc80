//===- Jvp.cpp - Forward-mode differentiation of IR functions -------------===//
// Walks the ops in order, cloning each primal op and asking its rule for the
// tangent; branches become ifs that yield both primals and tangents.
//===----------------------------------------------------------------------===//
#include "Transforms/Jvp.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "Rules/Rules.h"
#include "Transforms/Activity.h"

namespace adgen {

std::string derivativeName(const std::string &Prefix, const std::string &Name) {
  if (Name.empty())
    return "";
  if (Name.size() > 2 && Name[1] == '_' && (Name[0] == 't' || Name[0] == 'd'))
    return Prefix + Name.substr(2);
  return Prefix + Name;
}

namespace {
class JvpTransform {
public:
  JvpTransform(Region *Body, Diagnostics &Diags)
      : B(Body), C(B), Diags(Diags) {}

  void setTangent(const Value *Old, Value *T) {
    if (!T)
      return;
    Tangents[Old] = T;
    bool IsConst = T->definingOp() && T->definingOp()->prim() == Prim::Const;
    if (T->name().empty() && !IsConst)
      T->setName(derivativeName("t_", Old->name()));
  }
  Value *tangent(const Value *Old) const {
    auto It = Tangents.find(Old);
    return It == Tangents.end() ? nullptr : It->second;
  }

  /// Processes R's ops except its terminator, which is returned.
  const Op *region(const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Yield || O->prim() == Prim::Return)
        return O.get();
      if (O->prim() == Prim::If)
        ifOp(*O);
      else if (isLoop(O->prim()))
        loopOp(*O);
      else
        op(*O);
    }
    return nullptr;
  }

  void op(const Op &O) {
    if (O.prim() == Prim::WithDerivative) {
      Primals[O.result()] = lookup(Primals, O.operand(0));
      setTangent(O.result(), tangent(O.operand(1)));
      return;
    }
    std::vector<Value *> X, T;
    bool AnyTangent = false;
    for (Value *V : O.operands()) {
      X.push_back(lookup(Primals, V));
      T.push_back(tangent(V));
      AnyTangent |= T.back() != nullptr;
    }
    B.setLoc(O.loc());
    cloneOp(B, O, Primals);
    if (O.prim() == Prim::Alloc && Active.count(O.result())) {
      // An active local array gets a zero-initialised tangent array.
      setTangent(O.result(),
                 B.create(Prim::Alloc, {X[0]}, {O.result()->type()})->result());
      return;
    }
    // A call's partials carry no tangent: with_derivative gives the call's
    // value the derivative of the model built from them.
    if (!AnyTangent || O.prim() == Prim::CallPartials)
      return;
    if (O.numResults() > 1) {
      // A call's gradient (value and partials) is the one multi-result op
      // that forward mode meets, in a second derivative.
      std::string What =
          O.prim() == Prim::CallGrad
              ? "second derivatives through calls to user "
                "functions are not supported yet (the call "
                "to '" +
                    O.attrs().Callee.substr(0, O.attrs().Callee.find('(')) +
                    "')"
              : std::string("cannot differentiate '") + mnemonic(O.prim()) +
                    "' here";
      Diags.push_back({O.loc(), What});
      return;
    }
    Value *Y = O.numResults() ? Primals[O.result()] : nullptr;
    Value *TY = jvpRule(C, O, X, T, Y);
    if (!C.Error.empty()) {
      Diags.push_back({O.loc(), C.Error});
      C.Error.clear();
    }
    if (O.numResults()) {
      Primals[O.result()] = Y;
      setTangent(O.result(), TY);
    }
  }

  void ifOp(const Op &O) {
    B.setLoc(O.loc());
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      Types.push_back(O.result(I)->type());
    Op *New = B.create(Prim::If, {lookup(Primals, O.operand(0))}, Types, {}, 2);
    std::vector<Value *> Yields[2], TangentYields[2];
    for (unsigned R = 0; R < 2; ++R) {
      B.enter(New->region(R));
      const Op *Term = region(*O.region(R));
      for (Value *V : Term->operands()) {
        Yields[R].push_back(lookup(Primals, V));
        TangentYields[R].push_back(tangent(V));
      }
      B.exit();
    }
    std::vector<unsigned> WithTangent;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (O.result(I)->type().isFloat() &&
          (TangentYields[0][I] || TangentYields[1][I]))
        WithTangent.push_back(I);
    for (unsigned R = 0; R < 2; ++R) {
      B.enter(New->region(R));
      std::vector<Value *> Values = Yields[R];
      for (unsigned I : WithTangent) {
        Value *T = TangentYields[R][I];
        Values.push_back(T ? T : B.zero(O.result(I)->type()));
      }
      B.yield(Values);
      B.exit();
    }
    for (unsigned I = 0; I < O.numResults(); ++I) {
      New->result(I)->setName(O.result(I)->name());
      Primals[O.result(I)] = New->result(I);
    }
    for (unsigned I : WithTangent)
      setTangent(O.result(I), New->addResult(O.result(I)->type()));
  }

  /// A loop (for or while) carries the tangent of each active carried value
  /// alongside it; a while loop's test stays primal.
  void loopOp(const Op &O) {
    B.setLoc(O.loc());
    unsigned First = loopCarriedOperand(O.prim());
    unsigned ArgBase = loopCarriedArgument(O.prim());
    unsigned BodyIndex = loopBodyIndex(O.prim());
    std::vector<unsigned> WithTangent;
    std::vector<Value *> Operands;
    std::vector<Type> Types;
    for (Value *V : O.operands())
      Operands.push_back(lookup(Primals, V));
    for (unsigned I = 0; I < O.numResults(); ++I) {
      Types.push_back(O.result(I)->type());
      if (O.result(I)->type().isFloat() && Active.count(O.result(I)))
        WithTangent.push_back(I);
    }
    for (unsigned I : WithTangent) {
      Value *T = tangent(O.operand(First + I));
      Operands.push_back(T ? T : B.zero(O.result(I)->type()));
      Types.push_back(O.result(I)->type());
    }
    Op *New = B.create(O.prim(), Operands, Types, O.attrs(), O.numRegions());
    for (unsigned R = 0; R < O.numRegions(); ++R) {
      const Region &Old = *O.region(R);
      Region *NewR = New->region(R);
      for (unsigned A = 0; A < Old.numArguments(); ++A)
        Primals[Old.argument(A)] =
            NewR->addArgument(Old.argument(A)->type(), Old.argument(A)->name());
      for (unsigned I : WithTangent) {
        Value *T = NewR->addArgument(O.result(I)->type());
        if (R == BodyIndex)
          setTangent(Old.argument(I + ArgBase), T);
      }
      B.enter(NewR);
      const Op *Term = region(Old);
      std::vector<Value *> Yields;
      for (Value *V : Term->operands())
        Yields.push_back(lookup(Primals, V));
      if (R == BodyIndex)
        for (unsigned I : WithTangent) {
          Value *T = tangent(Term->operand(I));
          Yields.push_back(T ? T : B.zero(O.result(I)->type()));
        }
      B.yield(Yields);
      B.exit();
    }
    for (unsigned I = 0; I < O.numResults(); ++I) {
      New->result(I)->setName(O.result(I)->name());
      Primals[O.result(I)] = New->result(I);
    }
    for (unsigned J = 0; J < WithTangent.size(); ++J)
      setTangent(O.result(WithTangent[J]), New->result(O.numResults() + J));
  }

  Builder B;
  RuleContext C;
  Diagnostics &Diags;
  std::set<const Value *> Active;
  ValueMap Primals;
  std::map<const Value *, Value *> Tangents;
};
} // namespace

std::unique_ptr<Function>
jvp(const Function &F, const std::vector<bool> &Active, Diagnostics &Diags) {
  ValueMap Primals;
  std::unique_ptr<Function> G = cloneSignature(F, Primals);
  JvpTransform T(G->body(), Diags);
  T.Primals = Primals;
  // Output arrays are active whatever they receive: their tangents (and
  // in vjp mode their weights) are always parameters, and an in-out array's
  // initial contents have a tangent of their own (docs/contract.md).
  std::vector<bool> Seeds = Active;
  Seeds.resize(F.numParams(), false);
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (F.param(I)->type().isBuffer() && !F.paramInfo(I).Const)
      Seeds[I] = true;
  T.Active = analyzeActivity(F, Seeds);
  // Tangents of the differentiated inputs, then of the output arrays.
  for (bool Outputs : {false, true})
    for (unsigned I = 0; I < F.numParams(); ++I) {
      Value *P = F.param(I);
      bool IsOutput = P->type().isBuffer() && !F.paramInfo(I).Const;
      bool Wanted =
          IsOutput ? T.Active.count(P) != 0 : I < Active.size() && Active[I];
      if (!P->type().isDifferentiable() || !Wanted || IsOutput != Outputs)
        continue;
      ParamInfo Info = F.paramInfo(I);
      Info.Const = !IsOutput; // t_ of an input is read, of an output written
      T.setTangent(
          P, G->addParam(P->type(), G->uniqueName("t_" + P->name()), Info));
    }
  const Op *Ret = T.region(*F.body());
  std::vector<Value *> Results;
  for (Value *V : Ret->operands())
    Results.push_back(lookup(T.Primals, V));
  for (unsigned I = 0; I < Ret->numOperands(); ++I) {
    const ResultSlot &Slot = F.results()[I];
    if (!Slot.Ty.isFloat())
      continue;
    Value *Tangent = T.tangent(Ret->operand(I));
    Results.push_back(Tangent ? Tangent : T.B.zero(Slot.Ty));
    G->results().push_back(
        {G->uniqueName("t_" + Slot.Name), Slot.Ty, ResultPassing::OutPointer});
  }
  T.B.setLoc(Ret->loc());
  T.B.ret(Results);
  if (!Diags.empty())
    return nullptr;
  return G;
}

} // namespace adgen
