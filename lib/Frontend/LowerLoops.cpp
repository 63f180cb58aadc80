//===- LowerLoops.cpp - Lowering loops to structured for ops --------------===//
// A counted loop `for (int i = a; i < b; ++i)` (and its variants) becomes a
// for op; the variables declared before the loop and assigned in it become
// its carried values. `continue` ends the iteration like a return ends the
// function (LowerStmt.cpp's lowerRest).
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/Expr.h"

#include <functional>

namespace adgen {

/// The variables that S assigns (=, op=, ++, --).
void collectAssignedVars(const clang::Stmt *S,
                     std::set<const clang::VarDecl *> &Out) {
  if (!S)
    return;
  const clang::Expr *Target = nullptr;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      Target = BO->getLHS();
  } else if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      Target = UO->getSubExpr();
  }
  if (Target)
    if (const auto *DR =
            llvm::dyn_cast<clang::DeclRefExpr>(Target->IgnoreParenImpCasts()))
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
        Out.insert(VD);
  for (const clang::Stmt *Child : S->children())
    collectAssignedVars(Child, Out);
}

namespace {
const clang::VarDecl *varOf(const clang::Expr *E) {
  if (const auto *DR =
          llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts()))
    return llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
  return nullptr;
}

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

bool FunctionLowering::lowerFor(const clang::ForStmt *For) {
  auto Unsupported = [&] {
    fail(For, "this 'for' loop is not in a supported form; adgen handles "
              "for (int i = a; i < b; ++i) and its variants (<, <=, >, >=, "
              "!=; ++, --, += c, -= c with a constant c)");
    return false;
  };
  // for (T i = a; ...)
  const auto *Init = llvm::dyn_cast_or_null<clang::DeclStmt>(For->getInit());
  if (!Init || !Init->isSingleDecl())
    return Unsupported();
  const auto *IV = llvm::dyn_cast<clang::VarDecl>(Init->getSingleDecl());
  if (!IV || !IV->getInit())
    return Unsupported();
  std::optional<Type> IVType = LC.scalarType(IV->getType());
  if (!IVType || !IVType->isInteger()) {
    fail(For, "the loop variable must be an integer; loops over floating-"
              "point counters are not supported");
    return false;
  }
  // ...; i < b; ...
  const auto *Cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(
      For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !Cond->isComparisonOp() || varOf(Cond->getLHS()) != IV)
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
  if (Assigned.count(IV)) {
    fail(For, "the loop variable '" + IV->getNameAsString() +
                  "' is assigned in the loop body; adgen needs a counted loop");
    return false;
  }

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
  std::vector<const clang::VarDecl *> Carried;
  for (const clang::VarDecl *VD : DeclOrder)
    if (Env.count(VD) && Assigned.count(VD))
      Carried.push_back(VD);
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
    bind(VD, Region->addArgument(Env[VD]->type(), VD->getNameAsString()));
  Tail = {true, Carried};
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
  for (unsigned I = 0; I < Carried.size(); ++I) {
    Loop->result(I)->setName(Carried[I]->getNameAsString());
    Env[Carried[I]] = Loop->result(I);
  }
  return true;
}

} // namespace adgen
