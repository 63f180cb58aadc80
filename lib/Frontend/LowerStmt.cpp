//===- LowerStmt.cpp - Lowering statements to structured IR ---------------===//
// Locals are SSA bindings; an if without a return merges the variables its
// branches assign into if results; an if that may return takes the rest of
// the function into its branches, so every path ends in one return.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace adgen {

namespace {
/// True if S can leave the current tail: a return (function tail) or a
/// continue of the current loop (loop tail). Nested loops own their
/// continues.
bool isLoopStmt(const clang::Stmt *S) {
  return llvm::isa<clang::ForStmt>(S) || llvm::isa<clang::WhileStmt>(S) ||
         llvm::isa<clang::DoStmt>(S) || llvm::isa<clang::CXXForRangeStmt>(S);
}

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

/// True if S can leave the current tail: a return (of the function, or of a
/// loop that returns may leave), or a continue or break of the current loop
/// (nested loops own theirs).
bool containsExit(const clang::Stmt *S, bool LoopTail, bool AllowReturn) {
  if (!S)
    return false;
  if (llvm::isa<clang::ReturnStmt>(S))
    return !LoopTail || AllowReturn;
  if (llvm::isa<clang::ContinueStmt>(S) || llvm::isa<clang::BreakStmt>(S))
    return LoopTail;
  if (isLoopStmt(S) && LoopTail)
    return AllowReturn && containsReturn(S);
  for (const clang::Stmt *Child : S->children())
    if (containsExit(Child, LoopTail, AllowReturn))
      return true;
  return false;
}

std::string describe(const clang::Stmt *S) {
  switch (S->getStmtClass()) {
  case clang::Stmt::ForStmtClass:
    return "this 'for' loop is not in a supported form; adgen handles "
           "for (int i = a; i < b; ++i) and its variants (<, <=, >, >=, "
           "!=; ++, --, += c, -= c with a constant c)";
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
    return "'break' is not supported yet";
  case clang::Stmt::ContinueStmtClass:
    return "'continue' is not supported here";
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
  auto Fn = std::make_unique<Function>(LC.loweredName(FD), LC.namespaces(FD));
  F = Fn.get();
  F->Loc = LC.location(FD->getLocation());
  // A static member function has external linkage; its derivatives too.
  F->IsStatic = FD->getStorageClass() == clang::SC_Static &&
                !llvm::isa<clang::CXXMethodDecl>(FD);
  // A helper template's instantiation may be instantiated in every file
  // that includes it, and so may its generated derivatives. A function of a
  // header that ADGEN_DIFFERENTIATE requests has its derivatives defined
  // once, in the requesting file, so that other files can call them.
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  bool Requested = LC.MarkedModes.count(FD->getCanonicalDecl()) &&
                   !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()));
  F->IsInline = !Requested && (FD->isInlined() || FD->isConstexpr() ||
                               (FD->isTemplateInstantiation() &&
                                !LC.Marked.count(FD->getCanonicalDecl())));
  Builder Build(F->body());
  B = &Build;
  B->setLoc(F->Loc);
  // A marked member function's object, `this` in the body, is the record
  // parameter self, first.
  if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
    if (!M->isStatic() && !lowerRecordParam(LC.objectType(M), nullptr, "self",
                                            FD->getNumParams() + 1))
      return nullptr;
  unsigned Index = 0;
  for (const clang::ParmVarDecl *P : FD->parameters()) {
    std::string Name = P->getNameAsString();
    if (Name.empty()) { // an unnamed parameter still needs a name
      Name = "arg" + std::to_string(Index);
      for (unsigned K = 1; std::any_of(FD->param_begin(), FD->param_end(),
                                       [&](const clang::ParmVarDecl *Q) {
                                         return Q->getNameAsString() == Name;
                                       });
           ++K)
        Name = "arg" + std::to_string(Index) + "_" + std::to_string(K);
    }
    if (LC.recordArrayParam(P)) {
      if (!lowerRecordArrayParam(P, Name, Index))
        return nullptr;
    } else if (LC.recordParamType(P->getType())) {
      if (!lowerRecordParam(P->getType(), P, Name, Index))
        return nullptr;
    } else if (LC.isScalarReference(P)) {
      // Reads and writes of the reference go to the one element.
      Value *Buf = paramBuffer(P, Index);
      bind(P, Buf);
      ElementRefs[P] = Place{nullptr, Buf, B->zero(Type(TypeKind::Long)), {}};
    } else if (LC.scalarType(P->getType())) {
      ParamInfo Info;
      Info.Source = Index;
      bind(P, F->addParam(*LC.scalarType(P->getType()), Name, Info));
    } else {
      Value *Buf = paramBuffer(P, Index);
      Value *Bound = LC.arrayParamType(P)->ByValue ? copyOfArray(Buf, P) : Buf;
      if (RowsOf.count(Buf))
        RowsOf[Bound] = RowsOf[Buf];
      bind(P, Bound);
    }
    ++Index;
  }
  ReturnsVoid = FD->getReturnType()->isVoidType();
  if (auto A = LC.returnedArrayType(FD->getReturnType())) {
    // Written to an output when f returns, and returned by the emitter.
    ParamInfo Info;
    Info.Kind = ParamKind::StdArray;
    Info.Const = false;
    Info.Extent = A->Extent;
    Info.Length = std::to_string(A->Extent);
    Info.Returned = true;
    Info.Source = FD->getNumParams();
    ReturnedArray = F->addParam(Type::buffer(A->Element.kind()),
                                F->uniqueName("result"), Info);
    ReturnsVoid = true;
  } else if (!ReturnsVoid) {
    ReturnType = *LC.scalarType(FD->getReturnType());
    F->results().push_back({"return", ReturnType, ResultPassing::Return});
  }

  std::vector<Value *> Returned;
  unsigned ErrorsBefore = LC.Ctx.getDiagnostics().getNumErrors();
  unsigned RepeatedBefore = LC.Repeated;
  const auto *Body = llvm::cast<clang::CompoundStmt>(FD->getBody());
  StmtList Stmts(Body->body_begin(), Body->body_end());
  Tail = {};
  if (!lowerRest(Stmts, 0, Returned)) {
    if (LC.Ctx.getDiagnostics().getNumErrors() == ErrorsBefore &&
        LC.Repeated == RepeatedBefore)
      LC.error(Body->getRBracLoc(), "not every path through '" +
                                        FD->getNameAsString() +
                                        "' returns a value");
    return nullptr;
  }
  B->setLoc(LC.location(Body->getRBracLoc()));
  B->ret(Returned);
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

Value *FunctionLowering::fail(const clang::Decl *D, const std::string &Msg) {
  LC.error(D->getLocation(), Msg);
  return nullptr;
}

std::vector<Value *> FunctionLowering::tailValues(Exit How, Value *Returned) {
  if (Tail.Increment && How == Exit::Normal)
    Tail.Increment(); // assigns the loop variable
  std::vector<Value *> Values;
  for (const clang::VarDecl *VD : Tail.Carried)
    Values.push_back(Env.at(VD));
  if (Tail.AllowBreak)
    Values.push_back(B->boolean(How == Exit::Break));
  if (Tail.AllowReturn) {
    Values.push_back(How == Exit::Return ? B->boolean(true) : Tail.ReturnedArg);
    if (Tail.RetvalArg)
      Values.push_back(How == Exit::Return ? Returned : Tail.RetvalArg);
  }
  return Values;
}

std::vector<Type> FunctionLowering::tailTypes() {
  if (!Tail.IsLoop)
    return ReturnsVoid ? std::vector<Type>{} : std::vector<Type>{ReturnType};
  std::vector<Type> Types;
  for (const clang::VarDecl *VD : Tail.Carried)
    Types.push_back(Env.at(VD)->type());
  if (Tail.AllowBreak)
    Types.push_back(Type(TypeKind::Bool));
  if (Tail.AllowReturn) {
    Types.push_back(Type(TypeKind::Bool));
    if (Tail.RetvalArg)
      Types.push_back(ReturnType);
  }
  return Types;
}

bool FunctionLowering::lowerRest(const StmtList &Stmts, size_t From,
                                 std::vector<Value *> &Out) {
  for (size_t I = From; I < Stmts.size(); ++I) {
    const clang::Stmt *S = Stmts[I];
    if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S)) {
      if (!containsExit(CS, Tail.IsLoop, Tail.AllowReturn)) {
        if (!lowerStmt(CS))
          return false;
        continue;
      }
      StmtList Rest(CS->body_begin(), CS->body_end());
      Rest.insert(Rest.end(), Stmts.begin() + I + 1, Stmts.end());
      return lowerRest(Rest, 0, Out);
    }
    if (const auto *RS = llvm::dyn_cast<clang::ReturnStmt>(S)) {
      if (Tail.IsLoop && !Tail.AllowReturn)
        return fail(RS, "internal error: 'return' in a loop lowered without "
                        "a return flag"),
               false;
      if (ReturnedArray && !storeReturnedArray(RS->getRetValue()))
        return false;
      if (ReturnedRecord &&
          !initRecord(*ReturnedRecord,
                      LC.recordParamType(FD->getReturnType())->Decl,
                      RS->getRetValue()))
        return false;
      if (Tail.IsLoop) {
        Value *V = nullptr;
        if (!ReturnsVoid) {
          if (!RS->getRetValue())
            return fail(RS, "'return' without a value"), false;
          V = expr(RS->getRetValue());
          if (!V)
            return false;
          V = B->cast(V, ReturnType);
        }
        Out = tailValues(Exit::Return, V);
        return true;
      }
      if (ReturnsVoid) {
        Out.clear();
        return true;
      }
      if (!RS->getRetValue())
        return fail(RS, "'return' without a value"), false;
      Value *V = expr(RS->getRetValue());
      if (!V)
        return false;
      Out = {B->cast(V, ReturnType)};
      return true; // statements after a return are unreachable
    }
    if (llvm::isa<clang::ContinueStmt>(S) && Tail.IsLoop) {
      Out = tailValues();
      return true;
    }
    if (llvm::isa<clang::BreakStmt>(S) && Tail.IsLoop) {
      if (!Tail.AllowBreak)
        return fail(S, "internal error: 'break' in a loop lowered without "
                       "a break flag"),
               false;
      Out = tailValues(Exit::Break);
      return true;
    }
    if (isLoopStmt(S) && containsReturn(S) &&
        (!Tail.IsLoop || Tail.AllowReturn))
      return lowerLoopWithReturn(S, Stmts, I + 1, Out);
    const auto *If = llvm::dyn_cast<clang::IfStmt>(S);
    if (!If || !containsExit(If, Tail.IsLoop, Tail.AllowReturn)) {
      if (!lowerStmt(S))
        return false;
      continue;
    }
    // The branches take the rest of the tail with them.
    Value *Cond = nullptr;
    if (!lowerIfPrologue(If, Cond))
      return false;
    B->setLoc(LC.location(If->getBeginLoc()));
    return branchTail(
        Cond,
        [&](unsigned R, std::vector<Value *> &Values) {
          const clang::Stmt *Branch = R == 0 ? If->getThen() : If->getElse();
          StmtList Rest(Stmts.begin() + I + 1, Stmts.end());
          if (Branch)
            Rest.insert(Rest.begin(), Branch);
          return lowerRest(Rest, 0, Values);
        },
        Out);
  }
  if (Tail.IsLoop) {
    Out = tailValues();
    return true;
  }
  if (ReturnsVoid) {
    Out.clear();
    return true;
  }
  return false;
}

bool FunctionLowering::neverEnds(const clang::Stmt *Loop) {
  const clang::Expr *Cond = nullptr;
  const clang::Stmt *Body = nullptr;
  if (const auto *For = llvm::dyn_cast<clang::ForStmt>(Loop)) {
    Cond = For->getCond();
    Body = For->getBody();
  } else if (const auto *W = llvm::dyn_cast<clang::WhileStmt>(Loop)) {
    Cond = W->getCond();
    Body = W->getBody();
  } else if (const auto *D = llvm::dyn_cast<clang::DoStmt>(Loop)) {
    Cond = D->getCond();
    Body = D->getBody();
  } else {
    return false;
  }
  bool True = true;
  if (Cond && !(Cond->EvaluateAsBooleanCondition(True, LC.Ctx) && True))
    return false;
  return !containsBreakOf(Body);
}

bool FunctionLowering::lowerLoopWithReturn(const clang::Stmt *Loop,
                                           const StmtList &Stmts, size_t Next,
                                           std::vector<Value *> &Out) {
  Value *Returned = nullptr, *Retval = nullptr;
  std::set<const clang::VarDecl *> Assigned;
  LoopControl Control;
  const clang::Stmt *Body = nullptr;
  bool IsDo = false;
  if (const auto *For = llvm::dyn_cast<clang::ForStmt>(Loop)) {
    if (const clang::Stmt *Init = For->getInit())
      if (!lowerStmt(Init))
        return false;
    Body = For->getBody();
    if (!sourceControl(For->getCond(), For->getInc(), Assigned, Control))
      return false;
  } else if (const auto *W = llvm::dyn_cast<clang::WhileStmt>(Loop)) {
    if (W->getConditionVariable())
      return fail(W, "a declaration in a while condition is not supported"),
             false;
    Body = W->getBody();
    if (!sourceControl(W->getCond(), nullptr, Assigned, Control))
      return false;
  } else if (const auto *D = llvm::dyn_cast<clang::DoStmt>(Loop)) {
    Body = D->getBody();
    IsDo = true;
    if (!sourceControl(D->getCond(), nullptr, Assigned, Control, IsDo))
      return false;
  } else {
    const auto *R = llvm::cast<clang::CXXForRangeStmt>(Loop);
    Body = R->getBody();
    if (!rangeForControl(R, Assigned, Control))
      return false;
  }
  collectAssignedVars(Body, Assigned);
  if (!lowerWhileLoop(Control, Body, IsDo, Assigned, Loop->getBeginLoc(),
                      &Returned, &Retval))
    return false;
  // if (returned) leave with its value, else go on with the rest.
  B->setLoc(LC.location(Loop->getEndLoc()));
  return branchTail(
      Returned,
      [&](unsigned R, std::vector<Value *> &Values) {
        if (R == 0) {
          if (Tail.IsLoop)
            Values = tailValues(Exit::Return, Retval);
          else if (!ReturnsVoid)
            Values = {Retval};
          return true;
        }
        StmtList Rest(Stmts.begin() + Next, Stmts.end());
        unsigned ErrorsBefore = LC.Ctx.getDiagnostics().getNumErrors();
        if (lowerRest(Rest, 0, Values))
          return true;
        if (Tail.IsLoop || !neverEnds(Loop) ||
            LC.Ctx.getDiagnostics().getNumErrors() != ErrorsBefore)
          return false;
        // while (true) { ... return ...; } with nothing after it: the loop
        // only ends by returning, so this branch is never taken.
        Values.clear();
        if (!ReturnsVoid)
          Values.push_back(B->zero(ReturnType));
        return true;
      },
      Out);
}

bool FunctionLowering::branchTail(
    Value *Cond,
    const std::function<bool(unsigned, std::vector<Value *> &)> &LowerBranch,
    std::vector<Value *> &Out) {
  Op *New = B->create(Prim::If, {Cond}, tailTypes(), {}, 2);
  auto SavedEnv = Env;
  for (unsigned R = 0; R < 2; ++R) {
    B->enter(New->region(R));
    Env = SavedEnv;
    std::vector<Value *> Values;
    bool Ok = LowerBranch(R, Values);
    if (Ok)
      B->yield(Values);
    B->exit();
    if (!Ok)
      return false;
  }
  Env = SavedEnv;
  Out.clear();
  for (unsigned K = 0; K < New->numResults(); ++K)
    Out.push_back(New->result(K));
  if (Tail.IsLoop)
    bindResults(New, Tail.Carried);
  return true;
}

bool FunctionLowering::lowerIfPrologue(const clang::IfStmt *If, Value *&Cond) {
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
  if (LC.recordArrayType(T, /*PointerIsArray=*/false))
    return lowerRecordArrayDecl(VD);
  if (!T->isPointerType() && LC.recordParamType(T))
    return lowerRecordDecl(VD);
  if (T->isReferenceType()) {
    // A reference to a temporary (`const double &c = x * 2`, or one made by
    // a conversion) holds that value: it is lowered as a copy.
    const clang::Expr *Bound =
        VD->getInit() ? boundLValue(VD->getInit()) : nullptr;
    if (Bound && bindElementRef(VD, Bound))
      return true;
    if (Bound && !T.getNonReferenceType().isConstQualified())
      return fail(VD, "non-const reference variable '" + VD->getNameAsString() +
                          "' is not supported; adgen supports references to "
                          "array elements"),
             false;
    if (Bound && !LC.scalarType(T))
      return fail(VD, "reference '" + VD->getNameAsString() +
                          "' names a whole array; use the array's own name"),
             false;
    if (Bound)
      return fail(VD, "reference '" + VD->getNameAsString() +
                          "' binds to an expression adgen cannot follow; "
                          "bind it to an array element or a local variable, "
                          "or copy the value"),
             false;
  }
  std::optional<Type> Ty = LC.scalarType(T);
  if (!Ty && !T->isPointerType() && !T->isReferenceType())
    return lowerArrayDecl(VD);
  if (!Ty) {
    if (T->isPointerType())
      return lowerPointerDecl(VD);
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
  case clang::Stmt::ForStmtClass:
    return lowerFor(llvm::cast<clang::ForStmt>(S));
  case clang::Stmt::CXXForRangeStmtClass:
    return lowerRangeFor(llvm::cast<clang::CXXForRangeStmt>(S));
  case clang::Stmt::WhileStmtClass: {
    const auto *W = llvm::cast<clang::WhileStmt>(S);
    if (W->getConditionVariable())
      return fail(S, "a declaration in a while condition is not supported"),
             false;
    std::set<const clang::VarDecl *> Assigned;
    LoopControl Control;
    if (!sourceControl(W->getCond(), nullptr, Assigned, Control))
      return false;
    collectAssignedVars(W->getBody(), Assigned);
    return lowerWhileLoop(Control, W->getBody(), false, Assigned,
                          W->getBeginLoc());
  }
  case clang::Stmt::DoStmtClass: {
    const auto *D = llvm::cast<clang::DoStmt>(S);
    std::set<const clang::VarDecl *> Assigned;
    LoopControl Control;
    if (!sourceControl(D->getCond(), nullptr, Assigned, Control,
                       /*IsDo=*/true))
      return false;
    collectAssignedVars(D->getBody(), Assigned);
    return lowerWhileLoop(Control, D->getBody(), true, Assigned,
                          D->getBeginLoc());
  }
  case clang::Stmt::ReturnStmtClass:
    fail(S, Tail.IsLoop ? "'return' inside a loop is not supported yet"
                        : "'return' here is not supported");
    return false;
  default:
    fail(S, describe(S));
    return false;
  }
}

} // namespace adgen
