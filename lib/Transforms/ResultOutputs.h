//===- ResultOutputs.h - A written single value as a result -----*- C++ -*-===//
// A void function whose one output is a single value (`*err = ...`, `double
// &err`) is a scalar function: second order treats the value as a result.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_RESULTOUTPUTS_H
#define ADGEN_TRANSFORMS_RESULTOUTPUTS_H

#include "IR/Function.h"

#include <memory>

namespace adgen {

/// F returning the value it writes into its one output parameter, which
/// becomes Out: the body writes a local in its place, and the parameter
/// stays in the signature as an unused input. Null if F returns something
/// or has not exactly one output.
std::unique_ptr<Function> returningOutput(const Function &F, unsigned &Out);

/// H, whose one result is f's value, storing it into parameter Out (made
/// an output again) and returning nothing.
std::unique_ptr<Function> storeResultInto(const Function &H, unsigned Out);

} // namespace adgen

#endif
