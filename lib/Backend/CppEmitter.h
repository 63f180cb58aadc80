//===- CppEmitter.h - IR to readable C++ ------------------------*- C++ -*-===//
// Prints an IR function as a C++ function: single-use temporaries are inlined
// into expressions, values the user named keep their names, branches stay
// if/else statements.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_BACKEND_CPPEMITTER_H
#define ADGEN_BACKEND_CPPEMITTER_H

#include "IR/Function.h"

#include <set>
#include <string>

namespace adgen {

/// The whole definition, wrapped in F's namespaces. Its identifiers avoid
/// the names in Avoid (the user's macros).
std::string emitDefinition(const Function &F,
                           const std::set<std::string> &Avoid = {});

/// A declaration (with default arguments), wrapped in F's namespaces.
std::string emitDeclaration(const Function &F,
                            const std::set<std::string> &Avoid = {});

/// A declaration without default arguments (the header has them), for a
/// function that an earlier definition calls (recursion).
std::string emitPrototype(const Function &F,
                          const std::set<std::string> &Avoid = {});

} // namespace adgen

#endif
