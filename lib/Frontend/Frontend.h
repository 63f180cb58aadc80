//===- Frontend.h - From a C++ file to IR and derivative requests -*- C++
//-*-===//
// Runs Clang on the input, finds the ADGEN-marked functions, checks their
// annotations and lowers them (and the user functions they call) to IR.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_FRONTEND_H
#define ADGEN_FRONTEND_FRONTEND_H

#include "IR/Function.h"
#include "Transforms/Derivatives.h"

#include "clang/Tooling/Tooling.h"

#include <memory>
#include <vector>

namespace adgen {

struct FrontendResult {
  Module Primal;
  std::vector<DerivativeRequest> Requests;
  bool Ran = false;
  bool HadErrors = false;
};

std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFrontendActionFactory(FrontendResult &Result);

} // namespace adgen

#endif
