//===- ResultOutputs.cpp - A written single value as a result
//---------------===//
// Second order of `void f(..., double *err)` is built on f returning *err,
// and f_hessian's returned value is stored back into err.
//===----------------------------------------------------------------------===//
#include "Transforms/ResultOutputs.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "IR/Operation.h"

namespace adgen {

/// Out stays an input, so nothing differentiates it: f_hvp does not compute
/// f's value, and f_hessian stores it there (storeResultInto).
std::unique_ptr<Function> returningOutput(const Function &F, unsigned &Out) {
  std::vector<unsigned> Outputs;
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (F.param(I)->type().isBuffer() && !F.paramInfo(I).Const)
      Outputs.push_back(I);
  if (!F.results().empty() || Outputs.size() != 1)
    return nullptr;
  Out = Outputs.front();
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Type Elem = F.param(Out)->type().element();
  G->results().push_back({F.param(Out)->name(), Elem});
  G->paramInfo(Out).Const = true;
  Builder B(G->body());
  B.setLoc(F.Loc);
  Value *Local = B.create(Prim::Alloc, {B.constant(Type(TypeKind::Int), 1)},
                          {F.param(Out)->type()})
                     ->result();
  // An in-out value starts as the caller's (an unused copy of a pure
  // output's garbage is dead code).
  Value *Zero = B.constant(Type(TypeKind::Int), 0);
  B.create(Prim::Store,
           {B.create(Prim::Load, {G->param(Out), Zero}, {Elem})->result(),
            Local, Zero},
           {});
  Map[F.param(Out)] = Local;
  for (const auto &O : F.body()->ops()) {
    if (O->prim() != Prim::Return) {
      cloneOp(B, *O, Map);
      continue;
    }
    B.setLoc(O->loc());
    B.ret({B.create(Prim::Load, {Local, Zero}, {Elem})->result()});
  }
  return G;
}

/// H, whose one result is f's value, storing it into parameter Out instead.
std::unique_ptr<Function> storeResultInto(const Function &H, unsigned Out) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(H, Map);
  G->results().clear();
  G->paramInfo(Out).Const = false;
  Builder B(G->body());
  for (const auto &O : H.body()->ops()) {
    if (O->prim() != Prim::Return) {
      cloneOp(B, *O, Map);
      continue;
    }
    B.setLoc(O->loc());
    B.create(Prim::Store,
             {lookup(Map, O->operand(0)), G->param(Out),
              B.constant(Type(TypeKind::Int), 0)},
             {});
    B.ret({});
  }
  return G;
}

} // namespace adgen
