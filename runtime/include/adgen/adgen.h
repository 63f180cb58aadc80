//===- adgen.h - What user code and generated code include ------*- C++ -*-===//
// The ADGEN(...) annotation that marks functions for differentiation, the
// special functions that derivatives call, and derivative-checking helpers.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_ADGEN_H
#define ADGEN_ADGEN_H
#include "adgen/detail/macros_off.h"

// ADGEN(grad, jvp) before a function definition asks adgen for its gradient
// and its Jacobian-vector product; see docs/contract.md. Under compilers other
// than Clang it expands to nothing, so the annotated source builds anywhere.
#if defined(__clang__)
#define ADGEN(...) __attribute__((annotate("adgen:" #__VA_ARGS__)))
#else
#define ADGEN(...)
#endif

#include <adgen/check.h>
#include <adgen/runtime.h>

#include "adgen/detail/macros_on.h"
#endif
