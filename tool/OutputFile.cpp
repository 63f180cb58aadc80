//===- OutputFile.cpp - Writing results safely ----------------------------===//
// Temporary file plus rename; the marker comments of --in-place.
//===----------------------------------------------------------------------===//
#include "OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <system_error>

namespace adgen {

const char *const SectionBegin =
    "// ---- BEGIN adgen generated code: do not edit; adgen rewrites this "
    "section ----";
const char *const SectionEnd = "// ---- END adgen generated code ----";

std::string stripGeneratedSection(const std::string &Text) {
  size_t Begin = Text.find(SectionBegin);
  if (Begin == std::string::npos)
    return Text;
  size_t End = Text.find(SectionEnd, Begin);
  if (End == std::string::npos)
    return Text;
  End += std::string(SectionEnd).size();
  if (End < Text.size() && Text[End] == '\n')
    ++End;
  // Drop the blank line adgen puts before the section.
  size_t Start = Begin;
  if (Start >= 2 && Text[Start - 1] == '\n' && Text[Start - 2] == '\n')
    --Start;
  return Text.substr(0, Start) + Text.substr(End);
}

bool writeOutput(const std::string &Path, const std::string &Contents,
                 std::string &Error) {
  if (Path.empty() || Path == "-") {
    llvm::outs() << Contents;
    llvm::outs().flush();
    return true;
  }
  llvm::SmallString<256> Temp;
  int FD = -1;
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  llvm::SmallString<256> Model(Dir.empty() ? "." : Dir);
  llvm::sys::path::append(Model,
                          llvm::sys::path::filename(Path) + ".adgen-%%%%%%");
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write '" + Path + "': " + OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  return true;
}

} // namespace adgen
