//===- LowerExpr.cpp - Lowering expressions to IR values ------------------===//
// Arithmetic, comparisons, casts, <cmath> calls (recognised by name in system
// headers, see Primitives.def) and calls to user functions in the same file.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"

#include <cstdlib>

namespace adgen {

namespace {
long double toLongDouble(const llvm::APFloat &F) {
  llvm::SmallString<64> S;
  F.toString(S, /*FormatPrecision=*/0, /*FormatMaxPadding=*/0,
             /*TruncateZero=*/false);
  return std::strtold(S.c_str(), nullptr);
}

/// True if E assigns or increments something; such expressions cannot be
/// evaluated eagerly in both arms of ?: or on both sides of && and ||.
bool hasAssignment(const clang::Stmt *S) {
  if (!S)
    return false;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S))
    if (BO->isAssignmentOp())
      return true;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S))
    if (UO->isIncrementDecrementOp())
      return true;
  for (const clang::Stmt *Child : S->children())
    if (hasAssignment(Child))
      return true;
  return false;
}

/// A leaf (variable or literal, possibly converted): cheap and safe to
/// evaluate whatever the condition, so ?: on leaves may become a select.
bool isLeaf(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  return llvm::isa<clang::DeclRefExpr>(E) ||
         llvm::isa<clang::IntegerLiteral>(E) ||
         llvm::isa<clang::FloatingLiteral>(E) ||
         llvm::isa<clang::CXXBoolLiteralExpr>(E);
}
} // namespace

Type FunctionLowering::typeOf(const clang::Expr *E) {
  std::optional<Type> T = LC.scalarType(E->getType());
  return T ? *T : Type(TypeKind::Double);
}

Value *FunctionLowering::condition(const clang::Expr *E) {
  Value *V = expr(E);
  if (!V)
    return nullptr;
  if (V->type().isBool())
    return V;
  return B->cmp(CmpPred::NE, V, B->zero(V->type()));
}

Value *FunctionLowering::expr(const clang::Expr *E) {
  B->setLoc(LC.location(E->getExprLoc()));
  if (llvm::isa<clang::ArraySubscriptExpr>(E))
    return subscript(E);
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E))
    if (OC->getOperator() == clang::OO_Subscript)
      return subscript(E);
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
    return memberCall(MC);
  if (!E->getType()->isVoidType() && !LC.scalarType(E->getType()))
    return fail(E, "expression of type '" + E->getType().getAsString() +
                       "' is not supported; adgen supports arithmetic types "
                       "only");
  switch (E->getStmtClass()) {
  case clang::Stmt::ParenExprClass:
    return expr(llvm::cast<clang::ParenExpr>(E)->getSubExpr());
  case clang::Stmt::ConstantExprClass:
    return expr(llvm::cast<clang::ConstantExpr>(E)->getSubExpr());
  case clang::Stmt::ExprWithCleanupsClass:
    return expr(llvm::cast<clang::ExprWithCleanups>(E)->getSubExpr());
  case clang::Stmt::MaterializeTemporaryExprClass:
    return expr(llvm::cast<clang::MaterializeTemporaryExpr>(E)->getSubExpr());
  case clang::Stmt::CXXDefaultArgExprClass:
    return expr(llvm::cast<clang::CXXDefaultArgExpr>(E)->getExpr());
  case clang::Stmt::SubstNonTypeTemplateParmExprClass:
    return expr(
        llvm::cast<clang::SubstNonTypeTemplateParmExpr>(E)->getReplacement());
  case clang::Stmt::IntegerLiteralClass:
    return B->constant(
        typeOf(E),
        static_cast<long double>(
            llvm::cast<clang::IntegerLiteral>(E)->getValue().getZExtValue()));
  case clang::Stmt::CharacterLiteralClass:
    return B->constant(typeOf(E),
                       llvm::cast<clang::CharacterLiteral>(E)->getValue());
  case clang::Stmt::FloatingLiteralClass:
    return B->constant(
        typeOf(E),
        toLongDouble(llvm::cast<clang::FloatingLiteral>(E)->getValue()));
  case clang::Stmt::CXXBoolLiteralExprClass:
    return B->boolean(llvm::cast<clang::CXXBoolLiteralExpr>(E)->getValue());
  case clang::Stmt::DeclRefExprClass:
    return declRef(llvm::cast<clang::DeclRefExpr>(E));
  case clang::Stmt::ImplicitCastExprClass:
  case clang::Stmt::CStyleCastExprClass:
  case clang::Stmt::CXXStaticCastExprClass:
  case clang::Stmt::CXXFunctionalCastExprClass:
    return castExpr(llvm::cast<clang::CastExpr>(E));
  case clang::Stmt::UnaryOperatorClass:
    return unary(llvm::cast<clang::UnaryOperator>(E));
  case clang::Stmt::BinaryOperatorClass:
    return binary(llvm::cast<clang::BinaryOperator>(E));
  case clang::Stmt::CompoundAssignOperatorClass:
    return compoundAssign(llvm::cast<clang::CompoundAssignOperator>(E));
  case clang::Stmt::ConditionalOperatorClass:
    return conditional(llvm::cast<clang::ConditionalOperator>(E));
  case clang::Stmt::CallExprClass:
    return call(llvm::cast<clang::CallExpr>(E));
  case clang::Stmt::CXXOperatorCallExprClass:
    return fail(E, "overloaded operators are not supported");
  case clang::Stmt::LambdaExprClass:
    return fail(E, "lambdas are not supported");
  default:
    break;
  }
  // Other constant expressions (sizeof, std::numeric_limits<...>::max(), ...).
  clang::Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsRValue(R, LC.Ctx) &&
      !R.HasSideEffects)
    return constantOf(R.Val, E->getType(), E->getExprLoc());
  return fail(E, std::string("expression '") + E->getStmtClassName() +
                     "' is not supported");
}

Value *FunctionLowering::constantOf(const clang::APValue &V, clang::QualType T,
                                    clang::SourceLocation Loc) {
  std::optional<Type> Ty = LC.scalarType(T);
  if (Ty && V.isInt())
    return B->constant(*Ty,
                       static_cast<long double>(V.getInt().getSExtValue()));
  if (Ty && V.isFloat())
    return B->constant(*Ty, toLongDouble(V.getFloat()));
  LC.error(Loc, "constant of type '" + T.getAsString() + "' is not supported");
  return nullptr;
}

Value *FunctionLowering::declRef(const clang::DeclRefExpr *E) {
  const clang::ValueDecl *D = E->getDecl();
  if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D)) {
    auto Ref = ElementRefs.find(VD);
    if (Ref != ElementRefs.end())
      return read(Ref->second, E);
    auto It = Env.find(VD);
    if (It != Env.end())
      return It->second;
    if (VD->getType().isConstQualified() || VD->isConstexpr())
      if (const clang::APValue *V = VD->evaluateValue())
        return constantOf(*V, VD->getType(), E->getLocation());
    if (VD->hasGlobalStorage())
      return fail(E, "'" + VD->getNameAsString() +
                         "' is a non-constant global variable; derivatives "
                         "may read only parameters, locals and constants");
    return fail(E, "'" + VD->getNameAsString() +
                       "' is not a variable of this function");
  }
  if (const auto *EC = llvm::dyn_cast<clang::EnumConstantDecl>(D))
    return B->constant(
        typeOf(E), static_cast<long double>(EC->getInitVal().getSExtValue()));
  return fail(E, "reference to '" + D->getNameAsString() +
                     "' is not supported here");
}

Value *FunctionLowering::castExpr(const clang::CastExpr *E) {
  switch (E->getCastKind()) {
  case clang::CK_ToVoid:
    // (void)x: nothing to compute (x may be an array).
    if (!LC.scalarType(E->getSubExpr()->getType()))
      return B->boolean(false);
    return expr(E->getSubExpr());
  case clang::CK_LValueToRValue:
  case clang::CK_NoOp:
    return expr(E->getSubExpr());
  case clang::CK_IntegralCast:
  case clang::CK_FloatingCast:
  case clang::CK_IntegralToFloating:
  case clang::CK_FloatingToIntegral:
  case clang::CK_IntegralToBoolean:
  case clang::CK_FloatingToBoolean:
  case clang::CK_BooleanToSignedIntegral: {
    Value *V = expr(E->getSubExpr());
    if (!V)
      return nullptr;
    B->setLoc(LC.location(E->getExprLoc()));
    if (E->getCastKind() == clang::CK_IntegralToBoolean ||
        E->getCastKind() == clang::CK_FloatingToBoolean)
      return B->cmp(CmpPred::NE, V, B->zero(V->type()));
    return B->cast(V, typeOf(E));
  }
  default:
    return fail(E, std::string("conversion '") + E->getCastKindName() +
                       "' is not supported");
  }
}

Value *FunctionLowering::assign(const clang::VarDecl *VD, Value *V) {
  bool IsConst = V->definingOp() && V->definingOp()->prim() == Prim::Const;
  if (V->name().empty() && !IsConst && !V->argumentOf())
    V->setName(VD->getNameAsString());
  bind(VD, V);
  return V;
}

Value *FunctionLowering::unary(const clang::UnaryOperator *E) {
  using UO = clang::UnaryOperatorKind;
  UO Kind = E->getOpcode();
  if (E->isIncrementDecrementOp()) {
    Place P;
    if (!placeOf(E->getSubExpr(), P))
      return nullptr;
    Value *Old = read(P, E);
    B->setLoc(LC.location(E->getExprLoc()));
    Value *One = B->one(Old->type());
    Value *New = E->isIncrementOp() ? B->add(Old, One) : B->sub(Old, One);
    write(P, New);
    return E->isPrefix() ? New : Old;
  }
  Value *X = expr(E->getSubExpr());
  if (!X)
    return nullptr;
  B->setLoc(LC.location(E->getExprLoc()));
  switch (Kind) {
  case clang::UO_Plus:
    return X;
  case clang::UO_Minus:
    return B->neg(X);
  case clang::UO_LNot:
    return B->logicalNot(X);
  default:
    return fail(E, std::string("operator '") +
                       clang::UnaryOperator::getOpcodeStr(Kind).str() +
                       "' is not supported");
  }
}

Value *FunctionLowering::binary(const clang::BinaryOperator *E) {
  using BO = clang::BinaryOperatorKind;
  BO Kind = E->getOpcode();
  if (Kind == clang::BO_Assign) {
    Place P;
    if (!placeOf(E->getLHS(), P))
      return nullptr;
    Value *V = expr(E->getRHS());
    if (!V)
      return nullptr;
    return write(P, B->cast(V, placeType(P)));
  }
  if (Kind == clang::BO_Comma) {
    if (!expr(E->getLHS()))
      return nullptr;
    return expr(E->getRHS());
  }
  if ((Kind == clang::BO_LAnd || Kind == clang::BO_LOr) &&
      hasAssignment(E->getRHS()))
    return fail(E->getRHS(), "assignments on the right of && or || are not "
                             "supported");
  Value *L = expr(E->getLHS());
  if (!L)
    return nullptr;
  Value *R = expr(E->getRHS());
  if (!R)
    return nullptr;
  B->setLoc(LC.location(E->getOperatorLoc()));
  auto Compare = [&](CmpPred P) {
    if (L->type() != R->type())
      R = B->cast(R, L->type());
    return B->cmp(P, L, R);
  };
  switch (Kind) {
  case clang::BO_Add:
    return B->add(L, B->cast(R, L->type()));
  case clang::BO_Sub:
    return B->sub(L, B->cast(R, L->type()));
  case clang::BO_Mul:
    return B->mul(L, B->cast(R, L->type()));
  case clang::BO_Div:
    return B->div(L, B->cast(R, L->type()));
  case clang::BO_Rem:
    return B->binary(Prim::Rem, L, B->cast(R, L->type()));
  case clang::BO_LT:
    return Compare(CmpPred::LT);
  case clang::BO_LE:
    return Compare(CmpPred::LE);
  case clang::BO_GT:
    return Compare(CmpPred::GT);
  case clang::BO_GE:
    return Compare(CmpPred::GE);
  case clang::BO_EQ:
    return Compare(CmpPred::EQ);
  case clang::BO_NE:
    return Compare(CmpPred::NE);
  case clang::BO_LAnd:
    return B->logicalAnd(L, R);
  case clang::BO_LOr:
    return B->logicalOr(L, R);
  default:
    return fail(E, std::string("operator '") +
                       clang::BinaryOperator::getOpcodeStr(Kind).str() +
                       "' is not supported");
  }
}

Value *
FunctionLowering::compoundAssign(const clang::CompoundAssignOperator *E) {
  Place Target;
  if (!placeOf(E->getLHS(), Target))
    return nullptr;
  Value *R = expr(E->getRHS());
  if (!R)
    return nullptr;
  B->setLoc(LC.location(E->getOperatorLoc()));
  std::optional<Type> LhsTy = LC.scalarType(E->getComputationLHSType());
  std::optional<Type> ResTy = LC.scalarType(E->getComputationResultType());
  if (!LhsTy || !ResTy)
    return fail(E, "compound assignment of this type is not supported");
  Value *L = B->cast(read(Target, E), *LhsTy);
  R = B->cast(R, *ResTy);
  Prim P;
  switch (E->getOpcode()) {
  case clang::BO_AddAssign:
    P = Prim::Add;
    break;
  case clang::BO_SubAssign:
    P = Prim::Sub;
    break;
  case clang::BO_MulAssign:
    P = Prim::Mul;
    break;
  case clang::BO_DivAssign:
    P = Prim::Div;
    break;
  case clang::BO_RemAssign:
    P = Prim::Rem;
    break;
  default:
    return fail(E,
                std::string("operator '") +
                    clang::BinaryOperator::getOpcodeStr(E->getOpcode()).str() +
                    "' is not supported");
  }
  Value *V = B->binary(P, B->cast(L, *ResTy), R);
  return write(Target, B->cast(V, placeType(Target)));
}

Value *FunctionLowering::conditional(const clang::ConditionalOperator *E) {
  if (hasAssignment(E->getTrueExpr()) || hasAssignment(E->getFalseExpr()))
    return fail(E, "assignments inside '?:' are not supported; use if/else");
  Value *C = condition(E->getCond());
  if (!C)
    return nullptr;
  Type Ty = typeOf(E);
  if (isLeaf(E->getTrueExpr()) && isLeaf(E->getFalseExpr())) {
    Value *A = expr(E->getTrueExpr());
    Value *Bv = A ? expr(E->getFalseExpr()) : nullptr;
    if (!Bv)
      return nullptr;
    B->setLoc(LC.location(E->getExprLoc()));
    return B->select(C, B->cast(A, Ty), B->cast(Bv, Ty));
  }
  // A real branch: the arm not taken is not evaluated, so its derivative
  // cannot leak a NaN (as 0 * inf) into the result.
  B->setLoc(LC.location(E->getExprLoc()));
  Op *New = B->create(Prim::If, {C}, {Ty}, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    B->enter(New->region(R));
    Value *V = expr(R == 0 ? E->getTrueExpr() : E->getFalseExpr());
    if (V)
      B->yield({B->cast(V, Ty)});
    B->exit();
    if (!V)
      return nullptr;
  }
  return New->result();
}

Value *FunctionLowering::call(const clang::CallExpr *E) {
  const clang::FunctionDecl *Callee = E->getDirectCallee();
  if (!Callee)
    return fail(E, "indirect calls are not supported");
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  clang::SourceLocation DeclLoc = SM.getExpansionLoc(Callee->getLocation());
  bool FromLibrary = SM.isInSystemHeader(DeclLoc) || Callee->getBuiltinID();
  if (FromLibrary && Callee->getDeclName().isIdentifier()) {
    std::string Name = Callee->getName().str();
    if (Name == "abs")
      Name = "fabs";
    if (std::optional<Prim> P = mathFunctionNamed(Name))
      return mathCall(E, *P);
    if (Callee->isInStdNamespace() &&
        (Name == "max" || Name == "min" || Name == "clamp"))
      return minMaxCall(E, Name);
  }
  const clang::FunctionDecl *Def = Callee->getDefinition();
  if (Def && SM.isInMainFile(SM.getExpansionLoc(Def->getLocation())))
    return userCall(E, Def);
  // Constant-evaluable calls such as std::numeric_limits<double>::epsilon().
  clang::Expr::EvalResult R;
  if (E->EvaluateAsRValue(R, LC.Ctx) && !R.HasSideEffects)
    return constantOf(R.Val, E->getType(), E->getExprLoc());
  std::string Name = Callee->getQualifiedNameAsString();
  if (FromLibrary)
    return fail(E, "call to library function '" + Name +
                       "' is not supported; adgen knows the <cmath> functions "
                       "listed in docs/supported.md");
  return fail(E, "call to '" + Name +
                     "', which has no body in this file; adgen differentiates "
                     "only through functions defined in the file it "
                     "processes");
}

Value *FunctionLowering::minMaxCall(const clang::CallExpr *E,
                                    const std::string &Name) {
  unsigned Arity = Name == "clamp" ? 3 : 2;
  if (E->getNumArgs() != Arity)
    return fail(E, "'std::" + Name + "' with " +
                       std::to_string(E->getNumArgs()) +
                       " arguments is not supported");
  std::vector<Value *> Args;
  Type Ty = typeOf(E);
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(B->cast(V, Ty));
  }
  B->setLoc(LC.location(E->getExprLoc()));
  // As the standard defines them: the first argument on ties, so the
  // derivative is the selected argument's.
  auto Max = [&](Value *A, Value *Bv) {
    return B->select(B->cmp(CmpPred::LT, A, Bv), Bv, A);
  };
  auto Min = [&](Value *A, Value *Bv) {
    return B->select(B->cmp(CmpPred::LT, Bv, A), Bv, A);
  };
  if (Name == "max")
    return Max(Args[0], Args[1]);
  if (Name == "min")
    return Min(Args[0], Args[1]);
  // clamp(v, lo, hi): v < lo ? lo : hi < v ? hi : v
  return B->select(B->cmp(CmpPred::LT, Args[0], Args[1]), Args[1],
                   Min(Args[0], Args[2]));
}

Value *FunctionLowering::mathCall(const clang::CallExpr *E, Prim P) {
  std::string Name = E->getDirectCallee()->getNameAsString();
  if (static_cast<int>(E->getNumArgs()) != arity(P))
    return fail(E, "'" + Name + "' with " + std::to_string(E->getNumArgs()) +
                       " arguments is not supported");
  Type Ty = typeOf(E);
  std::vector<Value *> Args;
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(V);
  }
  B->setLoc(LC.location(E->getExprLoc()));
  if (!Ty.isFloat()) { // std::abs on integers
    if (P != Prim::Fabs)
      return fail(E, "'" + Name + "' on integers is not supported");
    return B->build(Prim::Fabs, Ty, {B->cast(Args[0], Ty)});
  }
  if (P == Prim::Pow && Args[1]->type().isInteger())
    return B->build(Prim::Powi, Ty, {B->cast(Args[0], Ty), Args[1]});
  for (Value *&A : Args)
    A = B->cast(A, Ty);
  return B->build(P, Ty, Args);
}

Value *FunctionLowering::userCall(const clang::CallExpr *E,
                                  const clang::FunctionDecl *Callee) {
  for (const clang::ParmVarDecl *P : Callee->parameters())
    if (!LC.scalarType(P->getType()))
      return inlineCall(E, Callee);
  std::string Name = LC.lowerFunction(Callee, E->getExprLoc());
  if (Name.empty())
    return nullptr;
  std::vector<Value *> Args;
  unsigned I = 0;
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(
        B->cast(V, *LC.scalarType(Callee->getParamDecl(I++)->getType())));
  }
  B->setLoc(LC.location(E->getExprLoc()));
  Attributes Attrs;
  Attrs.Callee = Name;
  return B->build(Prim::Call, typeOf(E), Args, Attrs);
}

Value *FunctionLowering::inlineCall(const clang::CallExpr *E,
                                    const clang::FunctionDecl *Callee) {
  // A callee that takes arrays is lowered in place: its loads and stores
  // act on the caller's arrays, and it is differentiated with the caller.
  const clang::FunctionDecl *Canonical = Callee->getCanonicalDecl();
  if (LC.InProgress.count(Canonical) || LC.Inlining.count(Canonical))
    return fail(E, "recursive call to '" + Callee->getNameAsString() +
                       "'; adgen does not differentiate recursion");
  std::string Name = Callee->getNameAsString();
  if (llvm::isa<clang::CXXMethodDecl>(Callee) || Callee->isTemplated() ||
      Callee->isTemplateInstantiation() || Callee->isVariadic())
    return fail(E, "call to '" + Name +
                       "': member functions, templates and "
                       "variadic functions are not supported");
  clang::QualType R = Callee->getReturnType();
  if (!LC.scalarType(R) && !R->isVoidType())
    return fail(E, "call to '" + Name + "', which returns '" + R.getAsString() +
                       "'; adgen supports arithmetic results");
  FunctionLowering Sub(LC, Callee);
  Sub.F = F;
  Sub.B = B;
  Sub.AllocLength = AllocLength;
  Sub.ReturnsVoid = R->isVoidType();
  if (!Sub.ReturnsVoid)
    Sub.ReturnType = *LC.scalarType(R);
  std::vector<Value *> Buffers;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = Callee->getParamDecl(I);
    const clang::Expr *Arg = E->getArg(I);
    if (auto T = LC.scalarType(P->getType())) {
      Value *V = expr(Arg);
      if (!V)
        return nullptr;
      Sub.bind(P, B->cast(V, *T));
      continue;
    }
    auto A = LC.arrayParamType(P);
    if (!A)
      return fail(Arg, "call to '" + Name + "': parameter '" +
                           P->getNameAsString() + "' has type '" +
                           P->getType().getAsString() +
                           "', which adgen does not support");
    Value *Offset = nullptr;
    Value *Buf = bufferOf(Arg, &Offset);
    if (!Buf)
      return nullptr;
    if (Offset)
      Sub.Offsets[P] = Offset;
    if (!A->Const)
      for (unsigned J = 0; J < Buffers.size(); ++J)
        if (Buffers[J] == Buf)
          return fail(Arg, "the same array is passed to '" +
                               Callee->getParamDecl(J)->getNameAsString() +
                               "' and to '" + P->getNameAsString() +
                               "', which '" + Name +
                               "' writes; adgen assumes arrays do not overlap");
    for (unsigned J = 0; J < Buffers.size(); ++J)
      if (Buffers[J] == Buf) {
        auto Other = LC.arrayParamType(Callee->getParamDecl(J));
        if (Other && !Other->Const)
          return fail(Arg, "the same array is passed to '" +
                               Callee->getParamDecl(J)->getNameAsString() +
                               "' and to '" + P->getNameAsString() +
                               "', which '" + Name +
                               "' writes; adgen assumes arrays do not overlap");
      }
    Buffers.push_back(Buf);
    Sub.bind(P, Buf);
  }
  LC.Inlining.insert(Canonical);
  std::vector<Value *> Out;
  const auto *Body = llvm::cast<clang::CompoundStmt>(Callee->getBody());
  StmtList Stmts(Body->body_begin(), Body->body_end());
  unsigned ErrorsBefore = LC.Ctx.getDiagnostics().getNumErrors();
  bool Ok = Sub.lowerRest(Stmts, 0, Out);
  LC.Inlining.erase(Canonical);
  if (!Ok) {
    if (LC.Ctx.getDiagnostics().getNumErrors() == ErrorsBefore)
      LC.error(Body->getRBracLoc(),
               "not every path through '" + Name + "' returns a value");
    return nullptr;
  }
  B->setLoc(LC.location(E->getExprLoc()));
  if (Out.empty()) // a void call: a placeholder nobody reads
    return B->boolean(false);
  return Out[0];
}

} // namespace adgen
