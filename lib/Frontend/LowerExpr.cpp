//===- LowerExpr.cpp - Lowering expressions to IR values ------------------===//
// Arithmetic, comparisons, casts, ?:, variables and constants; calls are in
// LowerCalls.cpp.
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
  if (const auto *OC =
          llvm::dyn_cast<clang::CXXOperatorCallExpr>(E->IgnoreImplicit()))
    if (OC->getNumArgs() >= 1 && LC.recordParamType(OC->getArg(0)->getType())) {
      const auto *M =
          llvm::dyn_cast_or_null<clang::CXXMethodDecl>(OC->getDirectCallee());
      if (OC->getOperator() == clang::OO_Equal && M && M->isTrivial())
        return recordAssign(OC); // a = b on records
      if (M && M->getDefinition() && !LC.scalarType(OC->getType()))
        return inlineCall(OC, M->getDefinition()); // a += b, a member
    }
  if (E->getType()->isPointerType()) {
    size_t Errors = LC.Reported.size() + LC.Repeated;
    if (Value *Moved = pointerUpdate(E))
      return Moved;
    if (LC.Reported.size() + LC.Repeated != Errors)
      return nullptr; // an update it rejected, and said why
    // `++i, ++p`: the comma's value is the pointer.
    if (const auto *Comma =
            llvm::dyn_cast<clang::BinaryOperator>(E->IgnoreParens());
        Comma && Comma->isCommaOp())
      return expr(Comma->getLHS()) ? expr(Comma->getRHS()) : nullptr;
  }
  // std::copy and std::fill_n return an iterator that statements drop.
  if (const auto *C = llvm::dyn_cast<clang::CallExpr>(E->IgnoreImplicit()))
    if (const clang::FunctionDecl *Callee = C->getDirectCallee())
      if (Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
          isAlgorithm(Callee->getName().str()))
        return call(C);
  if (const auto *Assign =
          llvm::dyn_cast<clang::BinaryOperator>(E->IgnoreParenImpCasts());
      Assign && Assign->getOpcode() == clang::BO_Assign &&
      llvm::isa<clang::CXXNewExpr>(Assign->getRHS()->IgnoreParenImpCasts()))
    return fail(E, "a pointer set to new T[n] here; adgen follows arrays "
                   "that a constructor allocates in its initialiser list "
                   "(`v(new double[n])`), owned by a local record");
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
  case clang::Stmt::MemberExprClass:
    // A data member; a static one is a constant, evaluated below.
    if (llvm::isa<clang::FieldDecl>(
            llvm::cast<clang::MemberExpr>(E)->getMemberDecl()))
      return memberRead(llvm::cast<clang::MemberExpr>(E));
    break;
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
    // An operator defined as a free function (`a * b` of two records) is a
    // call to it.
    if (const auto *Callee = llvm::cast<clang::CallExpr>(E)->getDirectCallee();
        Callee && !llvm::isa<clang::CXXMethodDecl>(Callee))
      return call(llvm::cast<clang::CallExpr>(E));
    else if (Callee && Callee->getDefinition())
      return inlineCall(llvm::cast<clang::CallExpr>(E),
                        Callee->getDefinition()); // a member operator
    return fail(E, "this overloaded operator is not supported");
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
    if (PointerBase.count(VD))
      return fail(E, "pointer '" + VD->getNameAsString() +
                         "' is used as a value; adgen follows *p, p[k], "
                         "p + k, comparisons and p - q");
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
  if (Kind == clang::UO_Deref)
    return deref(E);
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
  if (Kind == clang::BO_Assign && E->getLHS()->getType()->isPointerType())
    return pointerBinary(E);
  if (Kind == clang::BO_Assign) {
    Place P;
    if (!placeOf(E->getLHS(), P))
      return nullptr;
    Value *V = expr(E->getRHS());
    if (!V)
      return nullptr;
    return write(P, B->cast(V, placeType(P)));
  }
  if (E->getLHS()->getType()->isPointerType() ||
      E->getRHS()->getType()->isPointerType())
    return pointerBinary(E);
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

} // namespace adgen
