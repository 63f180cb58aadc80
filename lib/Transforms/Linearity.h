//===- Linearity.h - Which values of a JVP depend on tangents ---*- C++ -*-===//
// Splits a JVP function into its primal part and its linear (tangent) part,
// and finds the primal values the linear part reads: reverse mode must keep
// exactly those for the backward sweep (the to-be-recorded set).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_LINEARITY_H
#define ADGEN_TRANSFORMS_LINEARITY_H

#include "IR/Function.h"
#include "IR/Operation.h"

#include <set>

namespace adgen {

struct LinearityInfo {
  /// Values that depend on a tangent parameter.
  std::set<const Value *> Linear;
  /// Primal values that the linear part reads (including the conditions of
  /// branches with linear results): the residuals of the backward sweep.
  std::set<const Value *> Residuals;

  bool isLinear(const Value *V) const { return Linear.count(V) != 0; }
  bool hasLinearResult(const Op &O) const;
  /// True when R stores into a tangent buffer (its transpose has work even
  /// without linear results).
  bool hasLinearEffects(const Region &R) const;
};

/// Parameters from FirstTangentParam on are the tangents.
LinearityInfo analyzeLinearity(const Function &J, unsigned FirstTangentParam);

} // namespace adgen

#endif
