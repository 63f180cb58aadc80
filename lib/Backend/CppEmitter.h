//===- CppEmitter.h - IR to readable C++ ------------------------*- C++ -*-===//
// Prints an IR function as a C++ function: single-use temporaries are inlined
// into expressions, values the user named keep their names, branches stay
// if/else statements.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_BACKEND_CPPEMITTER_H
#define ADGEN_BACKEND_CPPEMITTER_H

#include "IR/Function.h"

#include <string>

namespace adgen {

/// The whole definition, wrapped in F's namespaces.
std::string emitDefinition(const Function &F);

/// A declaration (with default arguments), wrapped in F's namespaces.
std::string emitDeclaration(const Function &F);

} // namespace adgen

#endif
