//===- SingleValues.h - Pointer parameters that hold one value --*- C++ -*-===//
// A pointer parameter that the body only dereferences (`*err = ...`, `*w`,
// `p[0]`) holds a single value: an array of length 1 without len(...).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_SINGLEVALUES_H
#define ADGEN_FRONTEND_SINGLEVALUES_H

#include "clang/AST/Decl.h"

namespace adgen {

/// True if FD's body uses P, and only as `*P` or `P[0]`.
bool usedAsSingleValue(const clang::FunctionDecl *FD,
                       const clang::ParmVarDecl *P);

} // namespace adgen

#endif
