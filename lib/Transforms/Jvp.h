//===- Jvp.h - Forward-mode differentiation of IR functions -----*- C++ -*-===//
// Pushes tangents through a function with the per-primitive JVP rules; the
// result is again an IR function, so it can be simplified or transformed.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_JVP_H
#define ADGEN_TRANSFORMS_JVP_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <memory>
#include <vector>

namespace adgen {

/// The JVP of F with respect to the parameters marked in Active (floating
/// point ones only). The new function takes F's parameters followed by one
/// tangent t_<name> per active parameter, and returns F's results followed by
/// the tangent of each floating-point result. Returns null and fills Diags
/// when a primitive cannot be differentiated.
std::unique_ptr<Function>
jvp(const Function &F, const std::vector<bool> &Active, Diagnostics &Diags);

/// "t_x" for "x": the name of the tangent (or prefix-swapped derivative) of
/// a value named Name; empty for an empty name.
std::string derivativeName(const std::string &Prefix, const std::string &Name);

} // namespace adgen

#endif
