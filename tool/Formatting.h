//===- Formatting.h - clang-format for generated code -----------*- C++ -*-===//
// Generated C++ goes through clang-format's LLVM style, so it reads like
// code a person formatted.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TOOL_FORMATTING_H
#define ADGEN_TOOL_FORMATTING_H

#include <string>

namespace adgen {

std::string formatCpp(const std::string &Code);

} // namespace adgen

#endif
