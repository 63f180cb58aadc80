//===- Rebuilder.h - Copying a function while rewriting some ops -*- C++
//-*-===//
// The walk shared by transforms that rebuild IR: clone every op through a
// Builder, recursing into regions, and let a subclass replace the ops it
// recognises.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_REBUILDER_H
#define ADGEN_IR_REBUILDER_H

#include "IR/Cloning.h"

namespace adgen {

class Rebuilder {
public:
  explicit Rebuilder(Region *Body) : B(Body) {}
  virtual ~Rebuilder() = default;

  ValueMap Map;

  /// Clones R's ops (a return is emitted, a yield is not); returns the
  /// terminator's mapped operands.
  std::vector<Value *> region(const Region &R);

protected:
  Builder B;
  /// False when the copy is inlined into another function: a return's
  /// operands are only handed back.
  bool EmitReturn = true;

  /// Builds the replacement of O and maps its results; false to clone O.
  virtual bool rewrite(const Op &O) = 0;
  /// Clones O, whose regions are walked by region().
  void withRegions(const Op &O);
  /// V, computed in loop body Body from its counter and values defined
  /// outside, built again at the insertion point for the counter value
  /// Counter (null when V does not depend on the counter).
  Value *recomputed(const Value *V, const Region &Body, Value *Counter);
};

/// F copied through a Rebuilder of type Walker (built on the new body);
/// Done(W) sees the walker afterwards and may reject the copy.
template <typename Walker, typename Check>
std::unique_ptr<Function> rebuildWith(const Function &F, Check Done) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Walker W(G->body());
  W.Map = Map;
  W.region(*F.body());
  return Done(W) ? std::move(G) : nullptr;
}

template <typename Walker>
std::unique_ptr<Function> rebuildWith(const Function &F) {
  return rebuildWith<Walker>(F, [](const Walker &) { return true; });
}

/// The copy, or null when the walker's Changed stayed false.
template <typename Walker>
std::unique_ptr<Function> rebuildIfChanged(const Function &F) {
  return rebuildWith<Walker>(F, [](const Walker &W) { return W.Changed; });
}

} // namespace adgen

#endif
