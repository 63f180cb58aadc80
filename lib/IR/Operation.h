//===- Operation.h - An IR operation ----------------------------*- C++ -*-===//
// One application of a primitive: operands, typed results, attributes, and
// for structured control flow (if), nested regions.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_OPERATION_H
#define ADGEN_IR_OPERATION_H

#include "IR/Location.h"
#include "IR/Primitive.h"
#include "IR/Region.h"

#include <memory>
#include <string>
#include <vector>

namespace adgen {

/// Constant payloads and other static data of an op.
struct Attributes {
  long double FloatValue = 0; // const of floating type
  long long IntValue = 0;     // const of integer or bool type (bits)
  CmpPred Predicate = CmpPred::EQ;
  std::string Callee; // call, call_grad: qualified name of the user function
  unsigned Args = 0;  // call_jvp, call_vjp: how many operands the call had

  bool operator<(const Attributes &O) const;
};

/// IntValue of a floating add of two derivative contributions (reverse
/// mode's accumulations): a zero term may be dropped whatever its sign.
constexpr long long AccumulationFlag = 1;
/// IntValue of an alloc printed as a std::vector: a local array passed to a
/// std::vector parameter (of a recursive call, call_partials).
constexpr long long StdVectorAlloc = 1;

class Op {
public:
  Op(Prim P, std::vector<Value *> Operands,
     const std::vector<Type> &ResultTypes, Attributes Attrs = {},
     unsigned NumRegions = 0);

  Prim prim() const { return P; }
  const std::vector<Value *> &operands() const { return Operands; }
  Value *operand(unsigned I) const { return Operands[I]; }
  unsigned numOperands() const { return Operands.size(); }
  void setOperand(unsigned I, Value *V) { Operands[I] = V; }
  void addOperand(Value *V) { Operands.push_back(V); }

  unsigned numResults() const { return Results.size(); }
  Value *result(unsigned I = 0) const { return Results[I].get(); }
  Value *addResult(Type Ty);

  /// The value of a const op in its type.
  long double constantValue() const;

  /// Whether V is an operand of this op or of an op nested in its regions.
  bool usesAnywhere(const Value *V) const;

  unsigned numRegions() const { return Regions.size(); }
  Region *region(unsigned I) const { return Regions[I].get(); }

  const Attributes &attrs() const { return Attrs; }
  Attributes &attrs() { return Attrs; }

  Region *parentRegion() const { return Parent; }
  void setParentRegion(Region *R) { Parent = R; }

  const Location &loc() const { return Loc; }
  void setLoc(Location L) { Loc = std::move(L); }

private:
  Prim P;
  std::vector<Value *> Operands;
  std::vector<std::unique_ptr<Value>> Results;
  std::vector<std::unique_ptr<Region>> Regions;
  Attributes Attrs;
  Region *Parent = nullptr;
  Location Loc;
};

} // namespace adgen

#endif
