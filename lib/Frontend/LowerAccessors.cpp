//===- LowerAccessors.cpp - Member functions that return an element -------===//
// `double &operator()(int i, int j) { return data[i * cols + j]; }`: a call
// to such an accessor names the element its one return statement names, so
// it can be assigned, incremented and bound to a reference.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

const clang::CXXMethodDecl *
FunctionLowering::accessorOf(const clang::Expr *E) const {
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(E->IgnoreParens());
  if (!Call || !(llvm::isa<clang::CXXMemberCallExpr>(Call) ||
                 llvm::isa<clang::CXXOperatorCallExpr>(Call)))
    return nullptr;
  const auto *M =
      llvm::dyn_cast_or_null<clang::CXXMethodDecl>(Call->getDirectCallee());
  if (!M || M->isStatic() || !M->getReturnType()->isLValueReferenceType() ||
      !LC.scalarType(M->getReturnType()))
    return nullptr;
  const clang::FunctionDecl *Def = M->getDefinition();
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  if (!Def || SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return nullptr;
  return llvm::cast<clang::CXXMethodDecl>(Def);
}

bool FunctionLowering::accessorPlace(const clang::Expr *E, Place &P,
                                     bool ForWrite) {
  const clang::CXXMethodDecl *M = accessorOf(E);
  const auto *Call = llvm::cast<clang::CallExpr>(E->IgnoreParens());
  std::string Name = M->getNameAsString();
  const auto *Body = llvm::dyn_cast_or_null<clang::CompoundStmt>(M->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? llvm::dyn_cast<clang::ReturnStmt>(Body->body_front())
                        : nullptr;
  if (!Ret || !Ret->getRetValue())
    return fail(E, "'" + Name +
                       "' returns a reference; adgen follows such a member "
                       "function when its body is one return of an element "
                       "(`return data[i * n + j];`)"),
           false;
  if (LC.Inlining.count(M->getCanonicalDecl()))
    return fail(E, LC.recursionMessage(M)), false;
  const clang::Expr *Object = nullptr;
  unsigned FirstArg = 0;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Call))
    Object = MC->getImplicitObjectArgument();
  else
    Object = Call->getArg(FirstArg++);
  Leaves This;
  if (!recordLeavesOf(Object, This))
    return false;
  FunctionLowering Sub(LC, M);
  shareState(Sub);
  Sub.Records[nullptr] = This;
  std::vector<const clang::Expr *> Args;
  for (unsigned I = 0; I < M->getNumParams(); ++I)
    Args.push_back(Call->getArg(FirstArg + I));
  if (!bindArguments(Sub, M, Args))
    return false;
  LC.Inlining.insert(M->getCanonicalDecl());
  bool Found = Sub.placeOf(Ret->getRetValue(), P);
  LC.Inlining.erase(M->getCanonicalDecl());
  if (!Found) {
    LC.note(E->getExprLoc(), "in the call to '" + Name + "' here");
    return false;
  }
  if (P.Var) // a local or parameter of the accessor: gone after the call
    return fail(E, "'" + Name +
                       "' returns a reference to one of its own variables"),
           false;
  if (ForWrite && P.Buffer && isInputLeaf(Leaf{P.Buffer, nullptr, 0}))
    return fail(E, "'" + Name +
                       "' names an element of a parameter adgen reads as an "
                       "input, which is written or bound to a reference "
                       "here; copy it to a local record first"),
           false;
  return true;
}

} // namespace adgen
