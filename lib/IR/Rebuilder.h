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

  /// Builds the replacement of O and maps its results; false to clone O.
  virtual bool rewrite(const Op &O) = 0;
  /// Clones O, whose regions are walked by region().
  void withRegions(const Op &O);
};

} // namespace adgen

#endif
