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

/// Text with the generated section (and the blank line before it) removed.
std::string stripGeneratedSection(const std::string &Text);

/// Writes Contents to Path atomically ("-" or empty means standard output).
/// On failure returns false and sets Error.
bool writeOutput(const std::string &Path, const std::string &Contents,
                 std::string &Error);

} // namespace adgen

#endif
