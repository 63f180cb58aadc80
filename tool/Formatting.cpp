//===- Formatting.cpp - clang-format for generated code -------------------===//
// Uses libFormat in-process (no clang-format binary needed).
//===----------------------------------------------------------------------===//
#include "Formatting.h"

#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"

namespace adgen {

std::string formatCpp(const std::string &Code) {
  clang::format::FormatStyle Style = clang::format::getLLVMStyle();
  std::vector<clang::tooling::Range> Ranges{
      clang::tooling::Range(0, Code.size())};
  clang::tooling::Replacements Changes =
      clang::format::reformat(Style, Code, Ranges, "<adgen>");
  llvm::Expected<std::string> Result =
      clang::tooling::applyAllReplacements(Code, Changes);
  if (!Result) {
    llvm::consumeError(Result.takeError());
    return Code;
  }
  return *Result;
}

} // namespace adgen
