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

// ADGEN_DIFFERENTIATE(ns::f, grad, len(x, n)), at namespace scope after the
// header defining ns::f is included, asks for the derivatives of a function
// whose source you cannot edit: the same modes as ADGEN(...) on f itself.
// It only means something while adgen parses (__ADGEN__): there it names f
// in a variable adgen reads, which also instantiates a template (f<double>).
// Elsewhere it expands to nothing; a ';' after it is allowed.
#if defined(__ADGEN__)
#define ADGEN_DIFFERENTIATE(name, ...)                                         \
  ADGEN_DETAIL_REQUEST(__COUNTER__, &name, #__VA_ARGS__)
#define ADGEN_DETAIL_REQUEST(id, address, modes)                               \
  ADGEN_DETAIL_REQUEST_(id, address, modes)
#define ADGEN_DETAIL_REQUEST_(id, address, modes)                              \
  [[maybe_unused]] static constexpr auto adgen_request_##id                    \
      __attribute__((annotate("adgen:" modes))) = address;
#else
#define ADGEN_DIFFERENTIATE(name, ...)
#endif

#include <adgen/check.h>
#include <adgen/runtime.h>

#include "adgen/detail/macros_on.h"
#endif
