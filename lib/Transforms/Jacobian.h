//===- Jacobian.h - Full Jacobians of vector-valued functions ---*- C++ -*-===//
// f_jacobian runs f, then f's JVP once per input (columns) or f's VJP once
// per output (rows), whichever count is smaller, inlined into one function.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_JACOBIAN_H
#define ADGEN_TRANSFORMS_JACOBIAN_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <memory>
#include <vector>

namespace adgen {

/// `R f_jacobian(params..., T *J)`: runs f (returning what it returns and
/// writing its outputs) and sets J, m x n row-major. The m rows are f's
/// returned value (if floating-point) and then its output arrays' elements,
/// in declaration order; the n columns are the differentiated inputs
/// flattened in declaration order. Jvp and Vjp are F's JVP and VJP with
/// respect to Active; the sweep runs forward (n JVPs) when
/// n <= ForwardFactor * m, else backward (m VJPs).
std::unique_ptr<Function> buildJacobian(const Function &F, const Function &Jvp,
                                        const Function &Vjp,
                                        const std::vector<bool> &Active,
                                        Diagnostics &Diags);

/// A VJP costs about this many JVPs (it runs f forward and then backward).
constexpr long long ForwardFactor = 2;

} // namespace adgen

#endif
