//===- SingleValues.cpp - Pointer parameters that hold one value ----------===//
// Counts the uses of a parameter in a body, and those that are `*p` or
// `p[0]`: when every use is one, the parameter needs no len(...).
//===----------------------------------------------------------------------===//
#include "Frontend/SingleValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace adgen {

namespace {
class Uses : public clang::RecursiveASTVisitor<Uses> {
public:
  Uses(const clang::ParmVarDecl *P, const clang::ASTContext &Ctx)
      : P(P), Ctx(Ctx) {}

  bool VisitDeclRefExpr(clang::DeclRefExpr *E) {
    All += E->getDecl() == P;
    return true;
  }
  bool VisitUnaryOperator(clang::UnaryOperator *E) {
    if (E->getOpcode() == clang::UO_Deref)
      Single += refersToP(E->getSubExpr());
    return true;
  }
  bool VisitArraySubscriptExpr(clang::ArraySubscriptExpr *E) {
    std::optional<llvm::APSInt> I = E->getIdx()->getIntegerConstantExpr(Ctx);
    if (I && *I == 0)
      Single += refersToP(E->getBase());
    return true;
  }

  unsigned All = 0, Single = 0;

private:
  bool refersToP(const clang::Expr *E) const {
    const auto *D =
        llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts());
    return D && D->getDecl() == P;
  }
  const clang::ParmVarDecl *P;
  const clang::ASTContext &Ctx;
};
} // namespace

bool usedAsSingleValue(const clang::FunctionDecl *FD,
                       const clang::ParmVarDecl *P) {
  if (!FD->getBody())
    return false;
  Uses U(P, FD->getASTContext());
  U.TraverseStmt(FD->getBody());
  return U.All > 0 && U.All == U.Single;
}

} // namespace adgen
