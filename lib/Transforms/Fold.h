//===- Fold.h - Constant folding and algebraic identities -------*- C++ -*-===//
// The local rewrites the simplifier applies while rebuilding: evaluate ops on
// constants, drop x*1 and x+0, cancel double negation, pick constant selects.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_FOLD_H
#define ADGEN_TRANSFORMS_FOLD_H

#include "IR/Builder.h"

#include <optional>

namespace adgen {

class Folder : public FoldHook {
public:
  Value *fold(Builder &B, Prim P, Type Ty, const std::vector<Value *> &Operands,
              const Attributes &Attrs) override;
};

/// The constant value of V, if it is defined by a const op.
std::optional<long double> constantValue(const Value *V);

/// Evaluates P on constants in the arithmetic of Ty, as the emitted C++
/// would; nullopt when P cannot be evaluated (or would trap).
std::optional<long double> evaluate(Prim P, Type Ty,
                                    const std::vector<long double> &Args,
                                    const std::vector<Type> &ArgTypes,
                                    const Attributes &Attrs);

} // namespace adgen

#endif
