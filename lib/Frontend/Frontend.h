//===- Frontend.h - From a C++ file to IR and derivative requests -*- C++
//-*-===//
// Runs Clang on the input, finds the ADGEN-marked functions, checks their
// annotations and lowers them (and the user functions they call) to IR.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_FRONTEND_H
#define ADGEN_FRONTEND_FRONTEND_H

#include "Frontend/LengthProbes.h"
#include "IR/Function.h"
#include "Transforms/Derivatives.h"

#include "clang/Tooling/Tooling.h"

#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace adgen {

struct FrontendResult {
  Module Primal;
  std::vector<DerivativeRequest> Requests;
  bool Ran = false;
  bool HadErrors = false;
  /// The macros defined at the end of the file: identifiers the generated
  /// code (appended after it) must not use, e.g. N or H from a user header.
  std::set<std::string> Macros;
  /// Every file the parse read (the input and the headers it includes,
  /// system headers too), by real path, in the order they were entered:
  /// what the output depends on (adgen --depfile).
  std::vector<std::string> Files;
  /// Set by a run without probes that found len(...): nothing was lowered;
  /// run again on Probes->Source, passing Probes.
  std::optional<LengthProbes> Probes;
};

/// The frontend. Without Probes, a file with len(...) only gets its probes
/// written (FrontendResult::Probes); with them, the probes are checked and
/// everything is lowered.
std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFrontendActionFactory(FrontendResult &Result,
                          const LengthProbes *Probes = nullptr);

} // namespace adgen

#endif
