//===- MisplacedMarks.h - Explaining where ADGEN goes -----------*- C++ -*-===//
// A diagnostic consumer that passes Clang's diagnostics on and, after an
// attribute Clang rejects that is an ADGEN(...), says where ADGEN goes.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_MISPLACEDMARKS_H
#define ADGEN_FRONTEND_MISPLACEDMARKS_H

#include "clang/Basic/Diagnostic.h"

#include <memory>

namespace adgen {

/// Wraps the compiler's diagnostic consumer (Inner, owned or not).
class MisplacedMarks : public clang::DiagnosticConsumer {
public:
  MisplacedMarks(clang::DiagnosticConsumer *Inner,
                 std::unique_ptr<clang::DiagnosticConsumer> Owned,
                 const clang::LangOptions &LO)
      : Inner(Inner), Owned(std::move(Owned)), LangOpts(&LO) {}
  void BeginSourceFile(const clang::LangOptions &LO,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void finish() override;
  void clear() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

private:
  clang::DiagnosticConsumer *Inner;
  std::unique_ptr<clang::DiagnosticConsumer> Owned;
  const clang::LangOptions *LangOpts;
};

} // namespace adgen

#endif
