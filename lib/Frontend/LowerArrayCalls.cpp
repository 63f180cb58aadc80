//===- LowerArrayCalls.cpp - Calls with array arguments kept as calls -----===//
// A large user function that reads arrays and returns a number stays a call:
// its derivatives call the callee's own generated jvp and vjp (docs/calls.md).
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"

#include <algorithm>

namespace adgen {

namespace {
/// Callees at least this large (in Clang AST nodes of their body) stay
/// calls. Smaller ones are lowered in place, where fusion and promotion can
/// work across the call; a 10-line loop kernel is about 120 nodes, 15 dense
/// lines about 200.
constexpr unsigned MinNodesOfCalledCallee = 150;

unsigned astSize(const clang::Stmt *S) {
  if (!S)
    return 0;
  unsigned N = 1;
  for (const clang::Stmt *C : S->children())
    N += astSize(C);
  return N;
}
/// S assigns, increments, or calls a function that may write through a
/// parameter (a const member function such as v.data(), or one taking
/// values and pointers to const, writes nothing of the caller's).
bool mayWrite(const clang::Stmt *S, const clang::ASTContext &Ctx) {
  if (!S)
    return false;
  if (const auto *E = llvm::dyn_cast<clang::Expr>(S))
    if (E->HasSideEffects(Ctx, /*IncludePossibleEffects=*/false))
      return true;
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(S)) {
    const clang::FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return true;
    const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
    if (Method && !Method->isConst() && !Method->isStatic())
      return true;
    for (const clang::ParmVarDecl *P : FD->parameters()) {
      clang::QualType T = P->getType();
      if ((T->isPointerType() || T->isReferenceType()) &&
          !T->getPointeeType().isConstQualified())
        return true;
    }
  }
  for (const clang::Stmt *C : S->children())
    if (mayWrite(C, Ctx))
      return true;
  return false;
}
} // namespace

Value *FunctionLowering::arrayCall(const clang::CallExpr *E,
                                   const clang::FunctionDecl *Callee,
                                   bool &Declined) {
  Declined = true;
  // Only what the callee's generated jvp and vjp can take: read-only
  // pointers, a floating-point result, and a body worth a function.
  auto Result = LC.scalarType(Callee->getReturnType());
  if (!Result || !Result->isFloat() ||
      llvm::isa<clang::CXXMethodDecl>(Callee) || Callee->isTemplated() ||
      Callee->isVariadic() || E->getNumArgs() != Callee->getNumParams() ||
      Callee->getNumParams() > 64 || // the parameter mask's bits
      astSize(Callee->getBody()) < MinNodesOfCalledCallee)
    return nullptr;
  // Arguments are lowered before the last check; declining then lowers them
  // again in place, which is harmless only when they have no effects.
  for (const clang::Expr *Arg : E->arguments())
    if (mayWrite(Arg, LC.Ctx))
      return nullptr;
  const clang::FunctionDecl *Canonical = Callee->getCanonicalDecl();
  if (LC.Inlining.count(Canonical))
    return nullptr; // recursion: inlineCall reports it
  std::vector<const clang::ParmVarDecl *> Params(Callee->param_begin(),
                                                 Callee->param_end());
  for (const clang::ParmVarDecl *P : Params)
    if (!LC.scalarType(P->getType())) {
      auto A = LC.arrayParamType(P);
      if (!A || A->Kind != ParamKind::Pointer || !A->Const)
        return nullptr;
    }
  // The arrays passed must be read-only parameters of the marked function:
  // the backward sweep calls the callee's vjp on them, so they must hold at
  // that point what they held at the call.
  std::vector<Value *> Args;
  for (unsigned I = 0; I < Params.size(); ++I) {
    const clang::Expr *Arg = E->getArg(I);
    if (auto T = LC.scalarType(Params[I]->getType())) {
      Value *V = expr(Arg);
      if (!V)
        return Declined = false, nullptr;
      Args.push_back(B->cast(V, *T));
      continue;
    }
    Value *Offset = nullptr;
    Value *Buf = bufferOf(Arg, &Offset);
    if (!Buf)
      return Declined = false, nullptr;
    if (RowsOf.count(Buf)) // a row of a std::vector of std::vectors
      return nullptr;
    for (unsigned J = 0; J < F->numParams(); ++J)
      if (F->param(J) == Buf && !F->paramInfo(J).RecordCount.empty())
        return nullptr; // a member of an array of records: strided
    bool ReadOnlyParam = false;
    for (unsigned J = 0; J < F->numParams(); ++J)
      if (F->param(J) == Buf)
        ReadOnlyParam = F->paramInfo(J).Const;
    Type Elem = LC.arrayParamType(Params[I])->Element;
    if (!ReadOnlyParam || Buf->type().element().kind() != Elem.kind())
      return nullptr;
    // The callee's vjp takes distinct adjoint arrays and was optimised so
    // (docs/contract.md, "Aliasing"): one array passed twice is lowered in
    // place instead.
    if (std::find(Args.begin(), Args.end(), Buf) != Args.end())
      return nullptr;
    Args.push_back(Buf);
    Args.push_back(Offset ? Offset : B->constant(Type(TypeKind::Long), 0));
  }
  Declined = false;
  LC.CalledWithArrays.insert(Canonical);
  std::string Name = LC.lowerFunction(Callee, E->getExprLoc());
  if (Name.empty())
    return nullptr;
  B->setLoc(LC.location(E->getExprLoc()));
  Attributes Attrs;
  Attrs.Callee = Name;
  return B->build(Prim::Call, *Result, Args, Attrs);
}

} // namespace adgen
