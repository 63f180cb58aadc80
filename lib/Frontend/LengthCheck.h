//===- LengthCheck.h - What a len(...) expression may be --------*- C++ -*-===//
// Reads the probes (LengthProbes.h) as Clang parsed them: checks that each
// length is an integer expression over the function's integer parameters
// and constants, and prints it anew from the AST.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_LENGTHCHECK_H
#define ADGEN_FRONTEND_LENGTHCHECK_H

#include "Frontend/LengthProbes.h"

#include <map>
#include <string>
#include <vector>

namespace adgen {

class LoweringContext;

/// The lengths of one marked function, FD (its definition), the
/// Function-th one, keyed by the ordinal of their len(...): canonical C++
/// printed by adgen (parameter names, integer literals for constants,
/// parenthesised operators, static_cast), never the text of the
/// annotation. An invalid len(x, expr) is reported at the offending token
/// and left out.
std::map<unsigned, std::string>
checkLengths(LoweringContext &LC, const clang::FunctionDecl *FD,
             unsigned Function, const std::vector<LengthProbe> &Probes);

} // namespace adgen

#endif
