//===- LowerLoops.cpp - Lowering loops to structured for ops --------------===//
// A counted loop `for (int i = a; i < b; ++i)` (and its variants) becomes a
// for op; the variables declared before the loop and assigned in it become
// its carried values. `continue` ends the iteration like a return ends the
// function (LowerStmt.cpp's lowerRest).
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"

#include <functional>

namespace adgen {

/// The variables that S reads.
static void collectReferencedVars(const clang::Stmt *S,
                                  std::set<const clang::VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(S))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
      Out.insert(VD);
  for (const clang::Stmt *Child : S->children())
    collectReferencedVars(Child, Out);
}

/// What S assigns, when it is =, op=, ++ or --.
static const clang::Expr *assignedBy(const clang::Stmt *S) {
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S))
    return BO->isAssignmentOp() ? BO->getLHS() : nullptr;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S))
    return UO->isIncrementDecrementOp() ? UO->getSubExpr() : nullptr;
  return nullptr;
}

/// The variables that S assigns (=, op=, ++, --).
void collectAssignedVars(const clang::Stmt *S,
                         std::set<const clang::VarDecl *> &Out) {
  if (!S)
    return;
  if (const clang::Expr *Target = assignedBy(S))
    if (const auto *DR =
            llvm::dyn_cast<clang::DeclRefExpr>(Target->IgnoreParenImpCasts()))
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
        Out.insert(VD);
  for (const clang::Stmt *Child : S->children())
    collectAssignedVars(Child, Out);
}

const clang::VarDecl *varOf(const clang::Expr *E) {
  if (const auto *DR =
          llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts()))
    return llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
  return nullptr;
}

namespace {

/// The constant step of the increment of IV, or 0 if it is not one.
long long stepOf(const clang::Expr *Inc, const clang::VarDecl *IV,
                 const clang::ASTContext &Ctx) {
  if (!Inc)
    return 0;
  Inc = Inc->IgnoreParens();
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Inc)) {
    if (varOf(UO->getSubExpr()) != IV)
      return 0;
    return UO->isIncrementOp() ? 1 : UO->isDecrementOp() ? -1 : 0;
  }
  const auto *CA = llvm::dyn_cast<clang::CompoundAssignOperator>(Inc);
  if (!CA || varOf(CA->getLHS()) != IV)
    return 0;
  clang::Expr::EvalResult R;
  if (!CA->getRHS()->EvaluateAsInt(R, Ctx))
    return 0;
  long long C = R.Val.getInt().getSExtValue();
  if (CA->getOpcode() == clang::BO_AddAssign)
    return C;
  if (CA->getOpcode() == clang::BO_SubAssign)
    return -C;
  return 0;
}
} // namespace

/// True if S contains a break of the loop whose body S is.
static bool containsBreak(const clang::Stmt *S) {
  if (!S)
    return false;
  if (llvm::isa<clang::BreakStmt>(S))
    return true;
  if (llvm::isa<clang::ForStmt>(S) || llvm::isa<clang::WhileStmt>(S) ||
      llvm::isa<clang::DoStmt>(S) || llvm::isa<clang::CXXForRangeStmt>(S) ||
      llvm::isa<clang::SwitchStmt>(S))
    return false;
  for (const clang::Stmt *Child : S->children())
    if (containsBreak(Child))
      return true;
  return false;
}

bool containsBreakOf(const clang::Stmt *S) { return containsBreak(S); }

std::vector<const clang::VarDecl *> FunctionLowering::carriedVars(
    const std::set<const clang::VarDecl *> &Assigned) {
  std::vector<const clang::VarDecl *> Carried;
  for (const clang::VarDecl *VD : DeclOrder) { // declaration order
    // Where a moving pointer points changes with the pointer.
    auto Owner = MovingOwner.find(VD);
    if (Env.count(VD) &&
        (Assigned.count(VD) ||
         (Owner != MovingOwner.end() && Assigned.count(Owner->second))))
      Carried.push_back(VD);
  }
  return Carried;
}

void FunctionLowering::bindResults(
    Op *Loop, const std::vector<const clang::VarDecl *> &Vars) {
  for (unsigned I = 0; I < Vars.size(); ++I) {
    Loop->result(I)->setName(varName(Vars[I]));
    Env[Vars[I]] = Loop->result(I);
  }
}

std::string FunctionLowering::varName(const clang::VarDecl *VD) {
  return VD->isImplicit() ? "k" : VD->getNameAsString();
}

/// The first part of S that may write memory: an assignment to anything
/// but a local variable, or a call that takes a non-const pointer or
/// reference.
static const clang::Stmt *memoryWrite(const clang::Stmt *S) {
  if (!S)
    return nullptr;
  const clang::Expr *Target = assignedBy(S);
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(S)) {
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return S;
    for (const clang::ParmVarDecl *P : Callee->parameters()) {
      clang::QualType T = P->getType();
      if ((T->isPointerType() || T->isReferenceType()) &&
          !T->getPointeeType().isConstQualified())
        return S;
    }
  }
  if (Target) {
    const clang::VarDecl *VD = varOf(Target);
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
      return S;
  }
  for (const clang::Stmt *Child : S->children())
    if (const clang::Stmt *W = memoryWrite(Child))
      return W;
  return nullptr;
}

bool FunctionLowering::sourceControl(const clang::Expr *Cond,
                                     const clang::Expr *Inc,
                                     std::set<const clang::VarDecl *> &Assigned,
                                     LoopControl &Out, bool IsDo) {
  if (Cond) {
    std::set<const clang::VarDecl *> InCond;
    collectAssignedVars(Cond, InCond);
    if (!InCond.empty()) {
      std::string Name = (*InCond.begin())->getNameAsString();
      if (IsDo)
        return fail(Cond, "assignments in a do-while condition ('" + Name +
                              "') are not supported; move them into the "
                              "loop body"),
               false;
      if (const clang::Stmt *W = memoryWrite(Cond))
        return fail(W, "a loop condition may only assign local variables; "
                       "move this into the loop body"),
               false;
      // The test sees the values before the condition's effects; the
      // iteration, and the code after the loop, see them after.
      Assigned.insert(InCond.begin(), InCond.end());
      Out.Prologue = [this, Cond] { return expr(Cond) != nullptr; };
      Out.Exit = Out.Prologue;
    }
    Out.Test = [this, Cond] { return condition(Cond); };
  }
  if (Inc) {
    collectAssignedVars(Inc, Assigned);
    Out.Advance = [this, Inc] { return expr(Inc) != nullptr; };
  }
  return true;
}

bool FunctionLowering::lowerWhileLoop(const LoopControl &Control,
                                      const clang::Stmt *Body, bool IsDo,
                                      std::set<const clang::VarDecl *> Assigned,
                                      clang::SourceLocation Loc,
                                      Value **ReturnedOut, Value **RetvalOut) {
  bool CanReturn = ReturnedOut != nullptr;
  std::vector<const clang::VarDecl *> Carried = carriedVars(Assigned);
  bool HasBreak = containsBreak(Body);
  // After a break or return the condition is not evaluated again.
  if (Control.Exit && (HasBreak || CanReturn)) {
    LC.error(Loc, "a loop whose condition assigns may not break or return; "
                  "move the assignment into the loop body");
    return false;
  }
  // Extra carried flags: "the loop was left by break", and for do-while
  // "this is the first test" (the body runs before the first test).
  std::vector<Value *> Operands;
  for (const clang::VarDecl *VD : Carried)
    Operands.push_back(Env[VD]);
  B->setLoc(LC.location(Loc));
  if (HasBreak)
    Operands.push_back(B->boolean(false));
  if (CanReturn) {
    Operands.push_back(B->boolean(false));
    if (!ReturnsVoid)
      Operands.push_back(B->zero(ReturnType));
  }
  if (IsDo)
    Operands.push_back(B->boolean(true));
  std::vector<Type> Types;
  for (Value *V : Operands)
    Types.push_back(V->type());
  Op *Loop = B->create(Prim::While, Operands, Types, {}, 2);
  auto SavedEnv = Env;
  TailContext SavedTail = Tail;
  bool Ok = true;
  for (unsigned R = 0; R < 2 && Ok; ++R) {
    Region *Reg = Loop->region(R);
    Env = SavedEnv;
    for (const clang::VarDecl *VD : Carried)
      bind(VD, Reg->addArgument(Env[VD]->type(), varName(VD)));
    Value *Broken =
        HasBreak ? Reg->addArgument(Type(TypeKind::Bool), "broken") : nullptr;
    Value *Returned = CanReturn
                          ? Reg->addArgument(Type(TypeKind::Bool), "returned")
                          : nullptr;
    Value *Retval = CanReturn && !ReturnsVoid
                        ? Reg->addArgument(ReturnType, "result")
                        : nullptr;
    Value *First =
        IsDo ? Reg->addArgument(Type(TypeKind::Bool), "first") : nullptr;
    B->enter(Reg);
    if (R == 0) {
      Value *C = Control.Test ? Control.Test() : B->boolean(true);
      Ok = C != nullptr;
      if (Ok) {
        if (First)
          C = B->logicalOr(First, C);
        if (Broken)
          C = B->logicalAnd(B->logicalNot(Broken), C);
        if (Returned)
          C = B->logicalAnd(B->logicalNot(Returned), C);
        B->yield({C});
      }
    } else {
      Tail = {true,      Carried,  HasBreak, Control.Advance,
              CanReturn, Returned, Retval};
      std::vector<Value *> Next;
      StmtList Stmts{Body};
      Ok = (!Control.Prologue || Control.Prologue()) &&
           lowerRest(Stmts, 0, Next);
      if (Ok) {
        if (IsDo)
          Next.push_back(B->boolean(false));
        B->yield(Next);
      }
      Tail = SavedTail;
    }
    B->exit();
  }
  Env = SavedEnv;
  if (!Ok)
    return false;
  bindResults(Loop, Carried);
  B->setLoc(LC.location(Loc));
  if (Control.Exit && !Control.Exit())
    return false;
  if (CanReturn) {
    unsigned K = Carried.size() + (HasBreak ? 1 : 0);
    *ReturnedOut = Loop->result(K);
    if (!ReturnsVoid)
      *RetvalOut = Loop->result(K + 1);
  }
  return true;
}

bool FunctionLowering::lowerFor(const clang::ForStmt *For) {
  // Loops that are not counted, or that break, become while loops.
  auto AsWhile = [&] {
    if (For->getConditionVariable())
      return fail(For, "a declaration in a for condition is not supported"),
             false;
    if (const clang::Stmt *Init = For->getInit())
      if (!lowerStmt(Init))
        return false;
    std::set<const clang::VarDecl *> Assigned;
    LoopControl Control;
    if (!sourceControl(For->getCond(), For->getInc(), Assigned, Control))
      return false;
    collectAssignedVars(For->getBody(), Assigned);
    return lowerWhileLoop(Control, For->getBody(), false, Assigned,
                          For->getBeginLoc());
  };
  auto Unsupported = AsWhile;
  if (containsBreak(For->getBody()))
    return AsWhile();
  // for (T i = a; ...)
  const auto *Init = llvm::dyn_cast_or_null<clang::DeclStmt>(For->getInit());
  if (!Init || !Init->isSingleDecl())
    return Unsupported();
  const auto *IV = llvm::dyn_cast<clang::VarDecl>(Init->getSingleDecl());
  if (!IV || !IV->getInit())
    return Unsupported();
  std::optional<Type> IVType = LC.scalarType(IV->getType());
  if (!IVType || !IVType->isInteger())
    return Unsupported();
  // ...; i < b; ...
  const auto *Cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(
      For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !Cond->isComparisonOp() || varOf(Cond->getLHS()) != IV)
    return Unsupported();
  // A signed counter compared as unsigned (int i < v.size()) is counted
  // only from a start that is not negative: the counted-loop analysis
  // (Transforms/CountedLoops.cpp) decides.
  if (auto CmpTy = LC.scalarType(Cond->getLHS()->getType()))
    if (CmpTy->isInteger() && IVType->isSigned() && !CmpTy->isSigned())
      return Unsupported();
  long long Step = stepOf(For->getInc(), IV, LC.Ctx);
  clang::BinaryOperatorKind Kind = Cond->getOpcode();
  bool Up = Kind == clang::BO_LT || Kind == clang::BO_LE ||
            (Kind == clang::BO_NE && Step > 0);
  bool Down = Kind == clang::BO_GT || Kind == clang::BO_GE ||
              (Kind == clang::BO_NE && Step < 0);
  if (Step == 0 || (Step > 0 && !Up) || (Step < 0 && !Down))
    return Unsupported();
  std::set<const clang::VarDecl *> Assigned;
  collectAssignedVars(For->getBody(), Assigned);
  collectAssignedVars(Cond->getRHS(), Assigned);
  if (Assigned.count(IV))
    return Unsupported();
  // A bound the body changes, or an unsigned counter counting down (which
  // the for op's signed comparison cannot express): a while loop.
  std::set<const clang::VarDecl *> InBound;
  collectReferencedVars(Cond->getRHS(), InBound);
  for (const clang::VarDecl *VD : InBound)
    if (Assigned.count(VD))
      return Unsupported();
  if (Step < 0 && !IVType->isSigned())
    return Unsupported();

  Value *LB = expr(IV->getInit());
  if (!LB)
    return false;
  LB = B->cast(LB, *IVType);
  Value *UB = expr(Cond->getRHS());
  if (!UB)
    return false;
  B->setLoc(LC.location(For->getBeginLoc()));
  UB = B->cast(UB, *IVType);
  if (Kind == clang::BO_LE)
    UB = B->add(UB, B->one(*IVType));
  if (Kind == clang::BO_GE)
    UB = B->sub(UB, B->one(*IVType));

  return lowerCountedLoop(LB, UB, Step, Assigned, For->getBody(),
                          [&](Value *I) {
                            bind(IV, I);
                            I->setName(IV->getNameAsString());
                            return true;
                          });
}

bool FunctionLowering::lowerCountedLoop(
    Value *LB, Value *UB, long long Step,
    const std::set<const clang::VarDecl *> &Assigned, const clang::Stmt *Body,
    const std::function<bool(Value *)> &Prologue) {
  // Carried values: variables from before the loop that it assigns.
  std::vector<const clang::VarDecl *> Carried = carriedVars(Assigned);
  Type IVType = LB->type();
  std::vector<Value *> Operands{LB, UB, B->constant(IVType, Step)};
  std::vector<Type> Types;
  for (const clang::VarDecl *VD : Carried) {
    Operands.push_back(Env[VD]);
    Types.push_back(Env[VD]->type());
  }
  Op *Loop = B->create(Prim::For, Operands, Types, {}, 1);
  Region *Region = Loop->region(0);
  auto SavedEnv = Env;
  TailContext SavedTail = Tail;
  Value *IV = Region->addArgument(IVType, "k");
  for (const clang::VarDecl *VD : Carried)
    bind(VD, Region->addArgument(Env[VD]->type(), varName(VD)));
  Tail = TailContext();
  Tail.IsLoop = true;
  Tail.Carried = Carried;
  B->enter(Region);
  std::vector<Value *> Next;
  StmtList Stmts{Body};
  bool Ok = Prologue(IV) && lowerRest(Stmts, 0, Next);
  if (Ok)
    B->yield(Next);
  B->exit();
  Tail = SavedTail;
  Env = SavedEnv;
  if (!Ok)
    return false;
  bindResults(Loop, Carried);
  return true;
}

} // namespace adgen
