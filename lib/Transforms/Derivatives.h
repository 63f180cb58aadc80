//===- Derivatives.h - The derivative functions users ask for ---*- C++ -*-===//
// Turns a request (f, grad or jvp, which parameters) into the IR function of
// the documented contract (f_grad, f_jvp), plus the gradients of the user
// functions those call, by composing jvp, vjp and simplify.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_DERIVATIVES_H
#define ADGEN_TRANSFORMS_DERIVATIVES_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <memory>
#include <string>
#include <vector>

namespace adgen {

/// VjpAdd is internal: the vjp of a function called with arrays, which adds
/// to the caller's adjoint arrays instead of setting them.
/// Derivative is derivative(x, k): the k-th derivative in one scalar.
enum class DerivativeMode {
  Grad,
  Jvp,
  Vjp,
  VjpAdd,
  Hvp,
  Hessian,
  Jacobian,
  Derivative
};

const char *modeName(DerivativeMode M);

struct DerivativeRequest {
  std::string Function; // qualified name of the primal function
  DerivativeMode Mode;
  std::vector<bool> Active; // per parameter: differentiate with respect to it
  Location Loc;             // of the annotation, for diagnostics
  /// The derivative's name, when not f_<mode> (internal derivatives).
  std::string Name;
  /// Asked for by another derivative, not by the user.
  bool Internal = false;
  /// derivative(x, k): k.
  unsigned Order = 1;
};

/// One derivative function following docs/contract.md; null with Diags
/// filled when F cannot be differentiated.
std::unique_ptr<Function> buildDerivative(const Function &F,
                                          DerivativeMode Mode,
                                          const std::vector<bool> &Active,
                                          Diagnostics &Diags,
                                          unsigned Order = 1);

/// All requested derivatives, and the gradients of the user functions they
/// call (recursively), ordered so that every function comes after the ones it
/// calls.
std::vector<std::unique_ptr<Function>>
generateDerivatives(const Module &Primal,
                    const std::vector<DerivativeRequest> &Requests,
                    Diagnostics &Diags);

} // namespace adgen

#endif
