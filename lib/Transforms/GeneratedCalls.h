//===- GeneratedCalls.h - Differentiating calls to generated code -*- C++
//-*-===//
// A call in marked code to g_grad, g_hvp, ... becomes the IR of that
// derivative, so the caller's derivatives differentiate it like any code.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_GENERATEDCALLS_H
#define ADGEN_TRANSFORMS_GENERATEDCALLS_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <functional>
#include <memory>

namespace adgen {

/// What a lookup gives for a call_generated op: the IR of the derivative it
/// calls, the JVP of the same function with respect to the same parameters,
/// or the function itself.
enum class CalledIR { Derivative, Jvp, Primal };

/// The IR a call needs, or null with a diagnostic.
using DerivativeLookup =
    std::function<const Function *(const Op &Call, CalledIR What)>;

/// Whether F calls a generated derivative.
bool hasGeneratedCalls(const Function &F);

/// F with every call_generated op replaced by the body of the derivative it
/// calls (its parameters bound to the call's operands, its results to the
/// call's). That body must record no tape and call no user function: its
/// derivatives are then built by the transforms like any code's. A gradient
/// that records a tape is computed instead by forward sweeps (n JVPs, whose
/// IR records nothing). Null with Diags filled when a call cannot be
/// expanded.
std::unique_ptr<Function> expandGeneratedCalls(const Function &F,
                                               const DerivativeLookup &Lookup,
                                               Diagnostics &Diags);

} // namespace adgen

#endif
