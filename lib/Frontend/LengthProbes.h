//===- LengthProbes.h - Letting Clang parse len(...) ------------*- C++ -*-===//
// A first run of Clang writes a probe for each len(x, expr); a second run
// parses them, and checkLengths (LengthCheck.h) reads the result.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_LENGTHPROBES_H
#define ADGEN_FRONTEND_LENGTHPROBES_H

#include "Frontend/MarkedFunctions.h"

#include <optional>
#include <string>
#include <vector>

namespace adgen {

class LoweringContext;

/// One len(x, expr) of a marked function. Its expression is C++ in the
/// scope of the function, so Clang parses it: the probe, appended to the
/// input, is a lambda in the function's namespaces that takes the function's
/// parameters (integer ones with their type, others as double) and returns
/// (expr), with #line directives and padding that put expr at its own
/// file:line:col, so that Clang's diagnostics point into the annotation.
struct LengthProbe {
  unsigned Function = 0; // index among the marked functions
  unsigned Ordinal = 0;  // which len(...) of that function, from 0
  std::string Array;     // x
  /// Offsets in the probed source: x, when it is written in the main file;
  /// the first character of the copy of expr; the parentheses the probe
  /// puts around it.
  std::optional<unsigned> ArrayOffset;
  unsigned ExprOffset = 0;
  unsigned LParen = 0;
  unsigned RParen = 0;
};

struct LengthProbes {
  std::vector<LengthProbe> Probes;
  /// The main file followed by the probes.
  std::string Source;
};

/// The variable holding probe I is LengthProbePrefix followed by I.
inline constexpr const char *LengthProbePrefix = "__adgen_len_";

/// The probes of every len(x, expr) of the marked functions that can be
/// lowered (free non-template functions with a body); none when there is no
/// len(...). A malformed annotation gets no probes: the second run reports
/// it.
LengthProbes makeLengthProbes(const LoweringContext &LC,
                              const std::vector<MarkedFunction> &Marked);

} // namespace adgen

#endif
