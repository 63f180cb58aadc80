//===- LowerStmt.cpp - Lowering statements to structured IR ---------------===//
// Locals are SSA bindings; an if without a return merges the variables its
// branches assign into if results; an if that may return takes the rest of
// the function into its branches, so every path ends in one return.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"

namespace adgen {

namespace {
bool containsReturn(const clang::Stmt *S) {
  if (!S)
    return false;
  if (llvm::isa<clang::ReturnStmt>(S))
    return true;
  for (const clang::Stmt *Child : S->children())
    if (containsReturn(Child))
      return true;
  return false;
}

std::string describe(const clang::Stmt *S) {
  switch (S->getStmtClass()) {
  case clang::Stmt::ForStmtClass:
    return "'for' loops are not supported yet";
  case clang::Stmt::CXXForRangeStmtClass:
    return "range-based 'for' loops are not supported yet";
  case clang::Stmt::WhileStmtClass:
    return "'while' loops are not supported yet";
  case clang::Stmt::DoStmtClass:
    return "'do'-'while' loops are not supported yet";
  case clang::Stmt::GotoStmtClass:
  case clang::Stmt::IndirectGotoStmtClass:
    return "'goto' is not supported";
  case clang::Stmt::LabelStmtClass:
    return "labels are not supported";
  case clang::Stmt::SwitchStmtClass:
    return "'switch' statements are not supported; use if/else";
  case clang::Stmt::BreakStmtClass:
    return "'break' outside a loop is not supported";
  case clang::Stmt::ContinueStmtClass:
    return "'continue' is not supported";
  case clang::Stmt::CXXTryStmtClass:
    return "'try' blocks are not supported";
  case clang::Stmt::GCCAsmStmtClass:
  case clang::Stmt::MSAsmStmtClass:
    return "inline assembly is not supported";
  default:
    return std::string("statement '") + S->getStmtClassName() +
           "' is not supported";
  }
}
} // namespace

std::unique_ptr<Function> FunctionLowering::run() {
  auto Fn = std::make_unique<Function>(FD->getNameAsString(),
                                       LC.namespaces(FD));
  F = Fn.get();
  F->Loc = LC.location(FD->getLocation());
  F->IsStatic = FD->getStorageClass() == clang::SC_Static;
  F->IsInline = FD->isInlineSpecified() || FD->isConstexpr();
  Builder Build(F->body());
  B = &Build;
  B->setLoc(F->Loc);
  unsigned Index = 0;
  for (const clang::ParmVarDecl *P : FD->parameters()) {
    std::string Name = P->getNameAsString();
    if (Name.empty())
      Name = "arg" + std::to_string(Index);
    ++Index;
    bind(P, F->addParam(*LC.scalarType(P->getType()), Name));
  }
  ReturnType = *LC.scalarType(FD->getReturnType());
  F->results().push_back({"return", ReturnType, ResultPassing::Return});

  Value *Returned = nullptr;
  unsigned ErrorsBefore = LC.Ctx.getDiagnostics().getNumErrors();
  const auto *Body = llvm::cast<clang::CompoundStmt>(FD->getBody());
  StmtList Stmts(Body->body_begin(), Body->body_end());
  if (!lowerRest(Stmts, 0, Returned)) {
    if (LC.Ctx.getDiagnostics().getNumErrors() == ErrorsBefore)
      LC.error(Body->getRBracLoc(),
               "not every path through '" + FD->getNameAsString() +
                   "' returns a value");
    return nullptr;
  }
  B->setLoc(LC.location(Body->getRBracLoc()));
  B->ret({Returned});
  return Fn;
}

void FunctionLowering::bind(const clang::VarDecl *VD, Value *V) {
  if (!Env.count(VD))
    DeclOrder.push_back(VD);
  Env[VD] = V;
}

Value *FunctionLowering::fail(const clang::Stmt *S, const std::string &Msg) {
  LC.error(S->getBeginLoc(), Msg);
  return nullptr;
}

bool FunctionLowering::lowerRest(const StmtList &Stmts, size_t From,
                                 Value *&Returned) {
  for (size_t I = From; I < Stmts.size(); ++I) {
    const clang::Stmt *S = Stmts[I];
    if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S)) {
      if (!containsReturn(CS)) {
        if (!lowerStmt(CS))
          return false;
        continue;
      }
      StmtList Rest(CS->body_begin(), CS->body_end());
      Rest.insert(Rest.end(), Stmts.begin() + I + 1, Stmts.end());
      return lowerRest(Rest, 0, Returned);
    }
    if (const auto *RS = llvm::dyn_cast<clang::ReturnStmt>(S)) {
      if (!RS->getRetValue())
        return fail(RS, "'return' without a value"), false;
      Value *V = expr(RS->getRetValue());
      if (!V)
        return false;
      Returned = B->cast(V, ReturnType);
      return true; // statements after a return are unreachable
    }
    const auto *If = llvm::dyn_cast<clang::IfStmt>(S);
    if (!If || !containsReturn(If)) {
      if (!lowerStmt(S))
        return false;
      continue;
    }
    // The branches take the rest of the function with them.
    Value *Cond = nullptr;
    if (!lowerIfPrologue(If, Cond))
      return false;
    B->setLoc(LC.location(If->getBeginLoc()));
    Op *New = B->create(Prim::If, {Cond}, {ReturnType}, {}, 2);
    auto SavedEnv = Env;
    for (unsigned R = 0; R < 2; ++R) {
      const clang::Stmt *Branch = R == 0 ? If->getThen() : If->getElse();
      StmtList Rest;
      if (Branch)
        Rest.push_back(Branch);
      Rest.insert(Rest.end(), Stmts.begin() + I + 1, Stmts.end());
      B->enter(New->region(R));
      Env = SavedEnv;
      Value *V = nullptr;
      bool Ok = lowerRest(Rest, 0, V);
      if (Ok)
        B->yield({V});
      B->exit();
      if (!Ok)
        return false;
    }
    Env = SavedEnv;
    Returned = New->result();
    return true;
  }
  return false;
}

bool FunctionLowering::lowerIfPrologue(const clang::IfStmt *If,
                                       Value *&Cond) {
  if (If->isConsteval())
    return fail(If, "'if consteval' is not supported"), false;
  if (const clang::Stmt *Init = If->getInit())
    if (!lowerStmt(Init))
      return false;
  if (const clang::VarDecl *CV = If->getConditionVariable())
    if (!lowerDecl(CV))
      return false;
  Cond = condition(If->getCond());
  return Cond != nullptr;
}

bool FunctionLowering::lowerPlainIf(const clang::IfStmt *If) {
  Value *Cond = nullptr;
  if (!lowerIfPrologue(If, Cond))
    return false;
  B->setLoc(LC.location(If->getBeginLoc()));
  Op *New = B->create(Prim::If, {Cond}, {}, {}, 2);
  auto Before = Env;
  std::map<const clang::VarDecl *, Value *> After[2];
  for (unsigned R = 0; R < 2; ++R) {
    const clang::Stmt *Branch = R == 0 ? If->getThen() : If->getElse();
    B->enter(New->region(R));
    Env = Before;
    bool Ok = !Branch || lowerStmt(Branch);
    After[R] = Env;
    B->exit();
    if (!Ok)
      return false;
  }
  // Variables declared before the if and assigned in a branch.
  std::vector<const clang::VarDecl *> Merged;
  for (const clang::VarDecl *VD : DeclOrder) {
    auto It = Before.find(VD);
    if (It == Before.end())
      continue;
    if (After[0][VD] != It->second || After[1][VD] != It->second)
      Merged.push_back(VD);
  }
  for (unsigned R = 0; R < 2; ++R) {
    B->enter(New->region(R));
    std::vector<Value *> Yields;
    for (const clang::VarDecl *VD : Merged)
      Yields.push_back(After[R][VD]);
    B->yield(Yields);
    B->exit();
  }
  Env = Before;
  for (const clang::VarDecl *VD : Merged) {
    Value *V = New->addResult(Env[VD]->type());
    V->setName(VD->getNameAsString());
    Env[VD] = V;
  }
  return true;
}

bool FunctionLowering::lowerDecl(const clang::VarDecl *VD) {
  auto fail = [&](const clang::VarDecl *D, const std::string &Msg) {
    LC.error(D->getLocation(), Msg);
    return nullptr;
  };
  if (VD->isStaticLocal() || VD->getTLSKind() != clang::VarDecl::TLS_None) {
    if (VD->getType().isConstQualified() && VD->evaluateValue())
      return true; // a static constant is read like a global constant
    return fail(VD, "static local variable '" + VD->getNameAsString() +
                        "' is not supported (derivatives must not keep "
                        "state between calls)"),
           false;
  }
  clang::QualType T = VD->getType();
  if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
    return fail(VD, "non-const reference variable '" + VD->getNameAsString() +
                        "' is not supported"),
           false;
  std::optional<Type> Ty = LC.scalarType(T);
  if (!Ty) {
    if (T->isArrayType() || T->isPointerType())
      return fail(VD, "local array or pointer '" + VD->getNameAsString() +
                          "' is not supported yet"),
             false;
    return fail(VD, "local variable '" + VD->getNameAsString() +
                        "' has type '" + T.getAsString() +
                        "'; adgen supports arithmetic types only"),
           false;
  }
  Value *V = nullptr;
  if (const clang::Expr *Init = VD->getInit()) {
    V = expr(Init);
    if (!V)
      return false;
    V = B->cast(V, *Ty);
  } else {
    V = B->zero(*Ty); // reading it before assignment is undefined anyway
  }
  assign(VD, V);
  return true;
}

bool FunctionLowering::lowerStmt(const clang::Stmt *S) {
  if (const auto *E = llvm::dyn_cast<clang::Expr>(S))
    return expr(E) != nullptr;
  switch (S->getStmtClass()) {
  case clang::Stmt::NullStmtClass:
    return true;
  case clang::Stmt::CompoundStmtClass:
    for (const clang::Stmt *Child : S->children())
      if (!lowerStmt(Child))
        return false;
    return true;
  case clang::Stmt::DeclStmtClass:
    for (const clang::Decl *D : llvm::cast<clang::DeclStmt>(S)->decls()) {
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D)) {
        if (!lowerDecl(VD))
          return false;
      } else if (!llvm::isa<clang::TypedefNameDecl>(D) &&
                 !llvm::isa<clang::UsingDecl>(D) &&
                 !llvm::isa<clang::UsingDirectiveDecl>(D) &&
                 !llvm::isa<clang::StaticAssertDecl>(D)) {
        fail(S, "this declaration is not supported inside a differentiated "
                "function");
        return false;
      }
    }
    return true;
  case clang::Stmt::IfStmtClass:
    return lowerPlainIf(llvm::cast<clang::IfStmt>(S));
  case clang::Stmt::ReturnStmtClass:
    fail(S, "'return' here is not supported");
    return false;
  default:
    fail(S, describe(S));
    return false;
  }
}

} // namespace adgen
