//===- Region.h - A structured block of IR operations -----------*- C++ -*-===//
// A region is a straight-line list of ops with arguments, ending in a
// terminator (yield or return); ops may capture values of enclosing regions.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_REGION_H
#define ADGEN_IR_REGION_H

#include "IR/Value.h"

#include <memory>
#include <vector>

namespace adgen {

class Op;

class Region {
public:
  explicit Region(Op *Parent = nullptr) : Parent(Parent) {}
  ~Region();

  Op *parentOp() const { return Parent; }
  void setParentOp(Op *P) { Parent = P; }

  Value *addArgument(Type Ty, std::string Name = "");
  unsigned numArguments() const { return Args.size(); }
  Value *argument(unsigned I) const { return Args[I].get(); }

  const std::vector<std::unique_ptr<Op>> &ops() const { return Ops; }
  Op *append(std::unique_ptr<Op> O);
  /// Inserts O just before Pos, an op of this region.
  Op *insertBefore(const Op *Pos, std::unique_ptr<Op> O);
  /// Every operand V of the ops of this region, nested ones included, except
  /// those of Keep, becomes To.
  void replaceUses(const Value *V, Value *To, const Op *Keep = nullptr);
  /// The last op, normally the terminator; null when empty.
  Op *back() const { return Ops.empty() ? nullptr : Ops.back().get(); }

  /// True if V is defined in this region or in a region nested inside it.
  bool encloses(const Value *V) const;
  /// True if an op of this region, or of a region nested inside it, reads V.
  bool uses(const Value *V) const;
  /// The ops of this region and of the regions nested inside it, in order.
  std::vector<const Op *> nestedOps() const;

private:
  Op *Parent;
  std::vector<std::unique_ptr<Value>> Args;
  std::vector<std::unique_ptr<Op>> Ops;
};

} // namespace adgen

#endif
