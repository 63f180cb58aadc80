//===- Driver.h - The adgen pipeline, from file to outputs ------*- C++ -*-===//
// Frontend, derivative generation, simplification and emission for one
// input file, with the exit status the command returns.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TOOL_DRIVER_H
#define ADGEN_TOOL_DRIVER_H

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace adgen {

enum class EmitKind { Source, Header, IR, Dot };

struct DriverOptions {
  std::string Input;
  EmitKind Emit = EmitKind::Source;
  std::string Output; // empty: standard output
  bool InPlace = false;
  /// With Output: a make-style depfile naming every file the input read
  /// (empty: none), as compilers write with -MD -MF.
  std::string Depfile;
  std::string RuntimeIncludeDir;
  std::string ResourceDir;
};

/// Runs adgen; returns the process exit status (0 or 1).
int runDriver(const DriverOptions &Opts,
              const clang::tooling::CompilationDatabase &Compilations);

} // namespace adgen

#endif
