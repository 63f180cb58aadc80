//===- Vjp.h - Reverse-mode differentiation by transposition ----*- C++ -*-===//
// Reverse mode as in JAX: linearize (the JVP, split into primal and linear
// parts) and transpose the linear part. No primitive has a reverse rule.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_VJP_H
#define ADGEN_TRANSFORMS_VJP_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <memory>

namespace adgen {

/// J is a JVP built by jvp(): its first NumPrimalParams parameters are primal
/// and the rest tangents; its first NumPrimalResults results are primal and
/// the rest tangents of results. The VJP takes the primal parameters (and,
/// unless UnitSeed, one weight w_<result> per tangent result) and returns the
/// primal results followed by one cotangent d_<param> per tangent parameter.
/// With UnitSeed every weight is 1: for a scalar function, the gradient.
/// Array cotangents are set, or with Accumulate added to what the arrays
/// hold (the vjp that a caller's backward sweep calls). With
/// InitialContents each output array A's weights w_A are followed by d_A,
/// set to the cotangent of A's initial contents (an in-place kernel's vjp,
/// from initial to final contents); otherwise those are constants.
std::unique_ptr<Function> vjp(const Function &J, unsigned NumPrimalParams,
                              unsigned NumPrimalResults, bool UnitSeed,
                              Diagnostics &Diags, bool Accumulate = false,
                              bool InitialContents = false);

} // namespace adgen

#endif
