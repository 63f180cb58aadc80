//===- Builder.cpp - Appends operations to regions ------------------------===//
// Op creation with optional folding and common-subexpression merging.
//===----------------------------------------------------------------------===//
#include "IR/Builder.h"
#include "IR/Literal.h"

namespace adgen {

FoldHook::~FoldHook() = default;

Op *Builder::create(Prim P, std::vector<Value *> Operands,
                    const std::vector<Type> &ResultTypes, Attributes Attrs,
                    unsigned NumRegions) {
  auto O = std::make_unique<Op>(P, std::move(Operands), ResultTypes,
                                std::move(Attrs), NumRegions);
  O->setLoc(Loc);
  return region()->append(std::move(O));
}

Value *Builder::build(Prim P, Type Ty, std::vector<Value *> Operands,
                      Attributes Attrs) {
  if (Hook)
    if (Value *V = Hook->fold(*this, P, Ty, Operands, Attrs))
      return V;
  Key K{P, Ty.kind(), Operands, Attrs};
  if (CSE)
    for (auto S = Scopes.rbegin(); S != Scopes.rend(); ++S) {
      auto It = S->Known.find(K);
      if (It != S->Known.end())
        return It->second;
    }
  Value *V = create(P, std::move(Operands), {Ty}, std::move(Attrs))->result();
  if (CSE)
    Scopes.back().Known.emplace(std::move(K), V);
  return V;
}

Value *Builder::constant(Type Ty, long double V) {
  Attributes A;
  if (Ty.isFloat())
    A.FloatValue = V;
  else
    A.IntValue = static_cast<long long>(wrapToBits(roundToType(V, Ty)));
  return build(Prim::Const, Ty, {}, A);
}

Value *Builder::boolean(bool B) { return constant(Type(TypeKind::Bool), B); }

Value *Builder::cast(Value *A, Type Ty) {
  if (A->type() == Ty)
    return A;
  return build(Prim::Cast, Ty, {A});
}

Value *Builder::cmp(CmpPred P, Value *A, Value *B) {
  Attributes Attrs;
  Attrs.Predicate = P;
  return build(Prim::Cmp, Type(TypeKind::Bool), {A, B}, Attrs);
}

Value *Builder::math(Prim P, std::vector<Value *> Args) {
  Type Ty = Args.front()->type();
  return build(P, Ty, std::move(Args));
}

} // namespace adgen
