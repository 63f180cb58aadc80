//===- MarkedFunctions.cpp - The functions ADGEN(...) marks ---------------===//
// A visitor over the translation unit that collects, once per function, the
// adgen annotations found on any of its declarations.
//===----------------------------------------------------------------------===//
#include "Frontend/MarkedFunctions.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <set>

namespace adgen {

namespace {
class Finder : public clang::RecursiveASTVisitor<Finder> {
public:
  explicit Finder(clang::SourceManager &SM) : SM(SM) {}

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    const clang::FunctionDecl *Canonical = FD->getCanonicalDecl();
    if (Seen.count(Canonical))
      return true;
    // Every ADGEN(...) on any declaration counts; their modes are joined.
    MarkedFunction M{nullptr, {}};
    std::set<const clang::AnnotateAttr *> Done;
    for (const clang::FunctionDecl *Redecl : FD->redecls())
      for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>())
        if (A->getAnnotation().starts_with(AnnotationPrefix) &&
            Done.insert(A).second)
          M.Annotations.push_back(A);
    if (M.Annotations.empty())
      return true;
    Seen.insert(Canonical);
    const clang::FunctionDecl *Def = FD->getDefinition();
    M.Decl = Def ? Def : FD;
    Found.push_back(M);
    return true;
  }

  std::vector<MarkedFunction> Found;

private:
  clang::SourceManager &SM;
  std::set<const clang::FunctionDecl *> Seen;
};
} // namespace

std::vector<MarkedFunction> findMarkedFunctions(clang::ASTContext &Ctx) {
  Finder F(Ctx.getSourceManager());
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  return F.Found;
}

std::string annotationModes(const clang::AnnotateAttr *A) {
  return A->getAnnotation()
      .drop_front(std::string(AnnotationPrefix).size())
      .str();
}

bool parseModes(const MarkedFunction &M, std::vector<ModeSpec> &Modes,
                std::string &Error, const clang::AnnotateAttr *&BadAnnotation) {
  for (const clang::AnnotateAttr *A : M.Annotations)
    if (!parseAnnotation(annotationModes(A), Modes, Error)) {
      BadAnnotation = A;
      return false;
    }
  return true;
}

} // namespace adgen
