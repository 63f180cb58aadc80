//===- runtime.h - Everything generated code needs --------------*- C++ -*-===//
// Generated derivatives include this: special functions and the stack of
// reverse loops. Header-only.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_RUNTIME_H
#define ADGEN_RUNTIME_H
#include "adgen/detail/macros_off.h"

#include <adgen/special_functions.h>
#include <adgen/stack.h>

#include "adgen/detail/macros_on.h"
#endif
