//===- Hessian.h - Full Hessians from Hessian-vector products ---*- C++ -*-===//
// f_hessian applies f's Hessian-vector product to every unit direction, one
// column of H at a time, inside one generated function.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_HESSIAN_H
#define ADGEN_TRANSFORMS_HESSIAN_H

#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <memory>
#include <vector>

namespace adgen {

/// `T f_hessian(params..., T *H)`: returns f and sets H, n x n row-major,
/// where n counts the differentiated inputs flattened in declaration order
/// (arrays in element order). Hv is F's HVP function (params, v_x...,
/// Hv_x...); its body is inlined into a loop over the n unit directions.
std::unique_ptr<Function> buildHessian(const Function &F, const Function &Hv,
                                       const std::vector<bool> &Active,
                                       Diagnostics &Diags);

} // namespace adgen

#endif
