//===- MarkedFunctions.cpp - The functions ADGEN(...) marks ---------------===//
// A visitor over the translation unit that collects, once per function, the
// adgen annotations found on any of its declarations.
//===----------------------------------------------------------------------===//
#include "Frontend/MarkedFunctions.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <functional>
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
    if (const clang::FunctionTemplateDecl *T =
            FD->getDescribedFunctionTemplate()) {
      // A marked template: its instantiations on floating-point types.
      for (const clang::FunctionDecl *Spec :
           T->getCanonicalDecl()->specializations())
        if (onFloatingTypes(*Spec)) {
          const clang::FunctionDecl *Def = Spec->getDefinition();
          Found.push_back({Def ? Def : Spec, M.Annotations});
        }
      return true;
    }
    const clang::FunctionDecl *Def = FD->getDefinition();
    M.Decl = Def ? Def : FD;
    Found.push_back(M);
    return true;
  }

  /// Every type argument of the specialization Spec is float, double or
  /// long double (values, such as sizes, may be anything): instantiations
  /// on other types (int, an operator-overloading AD type) are not adgen's.
  static bool onFloatingTypes(const clang::FunctionDecl &Spec) {
    const clang::TemplateArgumentList *Args =
        Spec.getTemplateSpecializationArgs();
    if (!Args)
      return false;
    std::function<bool(const clang::TemplateArgument &)> Floating =
        [&](const clang::TemplateArgument &A) {
          if (A.getKind() == clang::TemplateArgument::Type)
            return A.getAsType()->isRealFloatingType();
          if (A.getKind() == clang::TemplateArgument::Pack) {
            for (const clang::TemplateArgument &P : A.pack_elements())
              if (!Floating(P))
                return false;
          }
          return true;
        };
    for (const clang::TemplateArgument &A : Args->asArray())
      if (!Floating(A))
        return false;
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
