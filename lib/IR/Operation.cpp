//===- Operation.cpp - Ops, regions and functions -------------------------===//
// Construction and ownership of the IR's containers.
//===----------------------------------------------------------------------===//
#include "IR/Function.h"
#include "IR/Operation.h"

#include <tuple>

namespace adgen {

bool Attributes::operator<(const Attributes &O) const {
  return std::tie(FloatValue, IntValue, Predicate, Callee) <
         std::tie(O.FloatValue, O.IntValue, O.Predicate, O.Callee);
}

Op::Op(Prim P, std::vector<Value *> Operands,
       const std::vector<Type> &ResultTypes, Attributes Attrs,
       unsigned NumRegions)
    : P(P), Operands(std::move(Operands)), Attrs(std::move(Attrs)) {
  for (Type T : ResultTypes)
    addResult(T);
  for (unsigned I = 0; I < NumRegions; ++I)
    Regions.push_back(std::make_unique<Region>(this));
}

Value *Op::addResult(Type Ty) {
  Results.push_back(std::make_unique<Value>(Ty, this, Results.size()));
  return Results.back().get();
}

Region::~Region() = default;

Value *Region::addArgument(Type Ty, std::string Name) {
  Args.push_back(std::make_unique<Value>(Ty, this, Args.size()));
  Args.back()->setName(std::move(Name));
  return Args.back().get();
}

Op *Region::append(std::unique_ptr<Op> O) {
  O->setParentRegion(this);
  Ops.push_back(std::move(O));
  return Ops.back().get();
}

bool Region::encloses(const Value *V) const {
  const Region *R = V->argumentOf();
  if (!R && V->definingOp())
    R = V->definingOp()->parentRegion();
  while (R) {
    if (R == this)
      return true;
    Op *P = R->parentOp();
    R = P ? P->parentRegion() : nullptr;
  }
  return false;
}

std::string Function::qualifiedName() const {
  std::string Q;
  for (const std::string &N : Namespaces)
    if (!N.empty()) // anonymous namespaces are not spelled
      Q += N + "::";
  return Q + Name;
}

Function *Module::lookup(const std::string &QualifiedName) const {
  for (const auto &F : Functions)
    if (F->qualifiedName() == QualifiedName)
      return F.get();
  return nullptr;
}

} // namespace adgen
