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

static unsigned countOccurrences(const std::string &Text, const char *Marker) {
  unsigned N = 0;
  for (size_t Pos = Text.find(Marker); Pos != std::string::npos;
       Pos = Text.find(Marker, Pos + 1))
    ++N;
  return N;
}

SourceText splitGeneratedSection(const std::string &Text) {
  SourceText Out;
  Out.User = Out.Parsed = Text;
  unsigned Begins = countOccurrences(Text, SectionBegin);
  unsigned Ends = countOccurrences(Text, SectionEnd);
  if (Begins == 0 && Ends == 0)
    return Out;
  size_t Begin = Text.find(SectionBegin);
  size_t End = Text.find(SectionEnd);
  if (Begins != 1 || Ends != 1 || End < Begin) {
    Out.Valid = false;
    return Out;
  }
  End += std::string(SectionEnd).size();
  if (End < Text.size() && Text[End] == '\n')
    ++End;
  // Drop the blank line adgen puts before the section.
  size_t Start = Begin;
  if (Start >= 2 && Text[Start - 1] == '\n' && Text[Start - 2] == '\n')
    --Start;
  Out.User = Text.substr(0, Start) + Text.substr(End);
  std::string Blank = Text.substr(Start, End - Start);
  for (char &C : Blank)
    if (C != '\n')
      C = ' ';
  Out.Parsed = Text.substr(0, Start) + Blank + Text.substr(End);
  return Out;
}

std::string escapeForStringLiteral(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '\\' || C == '"')
      Out += '\\';
    Out += C;
  }
  return Out;
}

bool writeOutput(const std::string &Path, const std::string &Contents,
                 std::string &Error) {
  if (Path.empty() || Path == "-") {
    llvm::outs() << Contents;
    llvm::outs().flush();
    return true;
  }
  // A device or pipe (-o /dev/null) is written to, never replaced.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) && llvm::sys::fs::exists(Status) &&
      !llvm::sys::fs::is_regular_file(Status) &&
      !llvm::sys::fs::is_directory(Status)) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    if (!EC) {
      OS << Contents;
      OS.close();
      if (!OS.has_error())
        return true;
      EC = OS.error();
      OS.clear_error();
    }
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
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
