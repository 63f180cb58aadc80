//===- Operation.cpp - Ops, regions and functions -------------------------===//
// Construction and ownership of the IR's containers.
//===----------------------------------------------------------------------===//
#include "IR/Operation.h"
#include "IR/Function.h"

#include "IR/Literal.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace adgen {

bool Attributes::operator<(const Attributes &O) const {
  // NaNs are one key, and -0.0 is not 0.0: constants merge only when equal
  // in every bit that matters.
  auto Key = [](long double V) {
    bool NaN = std::isnan(V);
    return std::make_tuple(NaN, std::signbit(V), NaN ? 0.0L : V);
  };
  return std::make_tuple(Key(FloatValue), IntValue, Predicate, Callee, Args) <
         std::make_tuple(Key(O.FloatValue), O.IntValue, O.Predicate, O.Callee,
                         O.Args);
}

long double Op::constantValue() const {
  Type Ty = Results[0]->type();
  if (Ty.isFloat())
    return Attrs.FloatValue;
  return integerValue(static_cast<unsigned long long>(Attrs.IntValue), Ty);
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

Op *Region::insertBefore(const Op *Pos, std::unique_ptr<Op> O) {
  O->setParentRegion(this);
  auto It = std::find_if(Ops.begin(), Ops.end(),
                         [&](const auto &P) { return P.get() == Pos; });
  return Ops.insert(It, std::move(O))->get();
}

void Region::replaceUses(const Value *V, Value *To, const Op *Keep) {
  for (const auto &O : Ops) {
    if (O.get() != Keep)
      for (unsigned I = 0; I < O->numOperands(); ++I)
        if (O->operand(I) == V)
          O->setOperand(I, To);
    for (unsigned I = 0; I < O->numRegions(); ++I)
      O->region(I)->replaceUses(V, To, Keep);
  }
}

bool Region::uses(const Value *V) const {
  for (const auto &O : Ops) {
    for (const Value *U : O->operands())
      if (U == V)
        return true;
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (O->region(I)->uses(V))
        return true;
  }
  return false;
}

std::vector<const Op *> Region::nestedOps() const {
  std::vector<const Op *> Out;
  for (const auto &O : Ops) {
    Out.push_back(O.get());
    for (unsigned I = 0; I < O->numRegions(); ++I) {
      std::vector<const Op *> Inner = O->region(I)->nestedOps();
      Out.insert(Out.end(), Inner.begin(), Inner.end());
    }
  }
  return Out;
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
      Q += (N.rfind("inline:", 0) == 0 ? N.substr(7) : N) + "::";
  return Q + Name;
}

std::string recordOf(const std::string &Name) {
  size_t End = Name.find_first_of(".-[");
  return End == std::string::npos ? Name : Name.substr(0, End);
}

std::string Function::uniqueName(const std::string &Base) const {
  // A member "d_cam.f" is renamed as its record: "d_cam_1.f" when a plain
  // parameter is called d_cam, so that its siblings follow it. A plain name
  // clashes with the record of a member too.
  std::string Record = recordOf(Base), Member = Base.substr(Record.size());
  auto Clashes = [&](const std::string &Candidate, const std::string &N) {
    if (N == Candidate + Member)
      return true;
    return Member.empty() ? recordOf(N) == Candidate : N == Candidate;
  };
  auto Taken = [&](const std::string &Candidate) {
    for (unsigned I = 0; I < numParams(); ++I)
      if (Clashes(Candidate, param(I)->name()))
        return true;
    for (const ResultSlot &S : Results)
      if (Clashes(Candidate, S.Name))
        return true;
    return false;
  };
  std::string Name = Record;
  for (unsigned I = 1; Taken(Name); ++I)
    Name = Record + "_" + std::to_string(I);
  return Name + Member;
}

Function *Module::lookup(const std::string &Key) const {
  for (const auto &F : Functions)
    if ((F->Key.empty() ? F->qualifiedName() : F->Key) == Key)
      return F.get();
  return nullptr;
}

bool Op::usesAnywhere(const Value *V) const {
  for (const Value *Operand : Operands)
    if (Operand == V)
      return true;
  for (const auto &R : Regions)
    for (const auto &Inner : R->ops())
      if (Inner->usesAnywhere(V))
        return true;
  return false;
}

} // namespace adgen
