//===- MarkedFunctions.cpp - The functions ADGEN(...) marks ---------------===//
// A visitor over the translation unit that collects, once per function, the
// adgen annotations found on any of its declarations.
//===----------------------------------------------------------------------===//
#include "Frontend/MarkedFunctions.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <functional>
#include <map>
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
        if (onFloatingTypes(*Spec))
          add(*Spec, M.Annotations, /*Requested=*/false);
      return true;
    }
    if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
      if (const clang::ClassTemplateDecl *T =
              Method->getParent()->getDescribedClassTemplate()) {
        // A member of a marked class template: the member in each
        // specialization on floating-point types that instantiates it.
        for (const clang::ClassTemplateSpecializationDecl *Spec :
             T->getCanonicalDecl()->specializations())
          if (onFloatingTypes(Spec->getTemplateArgs()))
            for (const clang::CXXMethodDecl *Member : Spec->methods())
              if (const clang::FunctionDecl *From =
                      Member->getInstantiatedFromMemberFunction();
                  From && From->getCanonicalDecl() == Canonical)
                add(*Member, M.Annotations, /*Requested=*/false);
        return true;
      }
    add(*FD, M.Annotations, /*Requested=*/false);
    return true;
  }

  /// ADGEN_DIFFERENTIATE(name, modes...) is, while adgen parses, a variable
  /// `adgen_request_<n>` initialised with &name and annotated with the modes.
  bool VisitVarDecl(clang::VarDecl *VD) {
    if (!SM.isInMainFile(SM.getExpansionLoc(VD->getLocation())))
      return true;
    std::vector<const clang::AnnotateAttr *> Annotations;
    for (const auto *A : VD->specific_attrs<clang::AnnotateAttr>())
      if (A->getAnnotation().starts_with(AnnotationPrefix))
        Annotations.push_back(A);
    if (Annotations.empty())
      return true;
    clang::SourceLocation Loc =
        SM.getExpansionLoc(Annotations.front()->getLocation());
    if (!VD->getDeclContext()->getRedeclContext()->isFileContext()) {
      Bad.push_back({Loc, "ADGEN_DIFFERENTIATE must be at namespace scope, "
                          "outside functions and classes"});
      return true;
    }
    const clang::FunctionDecl *FD = nullptr;
    if (const clang::Expr *Init = VD->getInit())
      if (const auto *Address =
              llvm::dyn_cast<clang::UnaryOperator>(Init->IgnoreParenImpCasts()))
        if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(
                Address->getSubExpr()->IgnoreParens()))
          FD = llvm::dyn_cast<clang::FunctionDecl>(Ref->getDecl());
    if (!FD) { // a member function is checked as an ADGEN on it is
      Bad.push_back({Loc, "ADGEN_DIFFERENTIATE names something that is not a "
                          "function; give a function's qualified name "
                          "(ns::f, ns::Class::method) or a template "
                          "instantiation (ns::f<double>)"});
      return true;
    }
    add(*FD, Annotations, /*Requested=*/true);
    return true;
  }

  /// Every type argument of the specialization Spec is float, double or
  /// long double (values, such as sizes, may be anything): instantiations
  /// on other types (int, an operator-overloading AD type) are not adgen's.
  static bool onFloatingTypes(const clang::FunctionDecl &Spec) {
    const clang::TemplateArgumentList *Args =
        Spec.getTemplateSpecializationArgs();
    return Args && onFloatingTypes(*Args);
  }

  static bool onFloatingTypes(const clang::TemplateArgumentList &Args) {
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
    for (const clang::TemplateArgument &A : Args.asArray())
      if (!Floating(A))
        return false;
    return true;
  }

  std::vector<MarkedFunction> Found;
  std::vector<BadRequest> Bad;

private:
  /// FD's definition (or FD), with Annotations added to those it already
  /// has when it is marked twice (by ADGEN and by a request).
  void add(const clang::FunctionDecl &FD,
           const std::vector<const clang::AnnotateAttr *> &Annotations,
           bool Requested) {
    const clang::FunctionDecl *Def = FD.getDefinition();
    const clang::FunctionDecl *Decl = Def ? Def : &FD;
    auto [It, New] = Index.emplace(Decl->getCanonicalDecl(), Found.size());
    if (New) {
      Found.push_back({Decl, Annotations, Requested});
      return;
    }
    auto &Known = Found[It->second].Annotations;
    for (const clang::AnnotateAttr *A : Annotations)
      if (std::find(Known.begin(), Known.end(), A) == Known.end())
        Known.push_back(A);
  }

  clang::SourceManager &SM;
  std::set<const clang::FunctionDecl *> Seen;
  std::map<const clang::FunctionDecl *, size_t> Index;
};
} // namespace

std::vector<MarkedFunction> findMarkedFunctions(clang::ASTContext &Ctx,
                                                std::vector<BadRequest> *Bad) {
  Finder F(Ctx.getSourceManager());
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  if (Bad)
    *Bad = std::move(F.Bad);
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
