//===- OutputFile.h - Writing results safely --------------------*- C++ -*-===//
// Outputs are written to a temporary file and renamed into place, so a failed
// run never leaves a partial file; --in-place edits only adgen's own section.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TOOL_OUTPUTFILE_H
#define ADGEN_TOOL_OUTPUTFILE_H

#include <string>

namespace adgen {

extern const char *const SectionBegin;
extern const char *const SectionEnd;

/// A source file split around the section an earlier --in-place wrote.
struct SourceText {
  /// False when the markers do not pair up (a lone BEGIN or END, or
  /// several sections); nothing may then be rewritten.
  bool Valid = true;
  /// The text without the section (and the blank line before it).
  std::string User;
  /// The text with the section's lines blanked: what Clang parses, so that
  /// code after the section keeps its line numbers.
  std::string Parsed;
};

SourceText splitGeneratedSection(const std::string &Text);

/// S as the contents of a C++ string literal (for #line).
std::string escapeForStringLiteral(const std::string &S);

/// Writes Contents to Path atomically ("-" or empty means standard output).
/// On failure returns false and sets Error.
bool writeOutput(const std::string &Path, const std::string &Contents,
                 std::string &Error);

} // namespace adgen

#endif
