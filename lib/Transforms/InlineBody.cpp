//===- InlineBody.cpp - A function's body copied into another -------------===//
// A rebuilding walk that rebinds the lengths and fills of the parameters
// the new place cannot name.
//===----------------------------------------------------------------------===//
#include "Transforms/InlineBody.h"
#include "IR/Rebuilder.h"

namespace adgen {

namespace {
/// Copies a derivative's body into the caller: its array lengths become
/// the caller's, its fills loops over them.
class BodyInliner : public Rebuilder {
public:
  BodyInliner(Region *At, std::map<const Value *, Value *> Lengths)
      : Rebuilder(At), Lengths(std::move(Lengths)) {
    EmitReturn = false;
  }

private:
  std::map<const Value *, Value *> Lengths; // the derivative's buffers

  bool rewrite(const Op &O) override {
    bool OfParam = (O.prim() == Prim::Length || O.prim() == Prim::Fill) &&
                   Lengths.count(O.operand(0));
    if (!OfParam)
      return false;
    if (O.prim() == Prim::Length) {
      Map[O.result()] = B.cast(Lengths.at(O.operand(0)), O.result()->type());
      return true;
    }
    Value *Length = Lengths.at(O.operand(0));
    Type Index = Length->type();
    Op *L =
        B.create(Prim::For, {B.zero(Index), Length, B.one(Index)}, {}, {}, 1);
    Value *K = L->region(0)->addArgument(Index, "k");
    B.enter(L->region(0));
    B.create(Prim::Store,
             {lookup(Map, O.operand(1)), lookup(Map, O.operand(0)), K}, {});
    B.yield({});
    B.exit();
    return true;
  }
};
} // namespace

std::vector<Value *> inlineBody(Region *At, const Function &D, ValueMap Map,
                                std::map<const Value *, Value *> Lengths) {
  BodyInliner In(At, std::move(Lengths));
  In.Map = std::move(Map);
  return In.region(*D.body());
}

} // namespace adgen
