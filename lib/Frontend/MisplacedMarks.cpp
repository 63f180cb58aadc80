//===- MisplacedMarks.cpp - Explaining where ADGEN goes -------------------===//
// `ADGEN(grad) template <typename T> T f(...)` is a parse error that names
// an attribute list; this adds a note that names ADGEN and its place.
//===----------------------------------------------------------------------===//
#include "Frontend/MisplacedMarks.h"

#include "clang/Basic/DiagnosticParse.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

namespace adgen {

void MisplacedMarks::BeginSourceFile(const clang::LangOptions &LO,
                                     const clang::Preprocessor *PP) {
  Inner->BeginSourceFile(LO, PP);
}

void MisplacedMarks::EndSourceFile() { Inner->EndSourceFile(); }

void MisplacedMarks::finish() { Inner->finish(); }

void MisplacedMarks::clear() {
  Inner->clear();
  DiagnosticConsumer::clear();
}

void MisplacedMarks::HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                                      const clang::Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info); // counts errors
  Inner->HandleDiagnostic(Level, Info);
  if (Info.getID() != clang::diag::err_attributes_not_allowed ||
      !Info.hasSourceManager())
    return;
  const clang::SourceManager &SM = Info.getSourceManager();
  clang::SourceLocation Loc = Info.getLocation();
  if (!Loc.isMacroID() ||
      clang::Lexer::getImmediateMacroName(Loc, SM, *LangOpts) != "ADGEN")
    return;
  // The engine is still reporting: the note is printed the way Clang
  // prints one.
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return;
  llvm::errs() << P.getFilename() << ":" << P.getLine() << ":" << P.getColumn()
               << ": note: ADGEN(...) goes right before the function's "
                  "declaration: after 'template <...>', as in "
                  "'template <typename T> ADGEN(grad) T f(const T *x, int "
                  "n)'\n";
}

} // namespace adgen
