//===- LowerPointers.cpp - Local pointers that walk an array --------------===//
// A local pointer (`const double *p = x + k`) is its array plus an integer
// offset: the offset is an ordinary integer variable, so `++p`, `p += n`,
// `p = q + 1`, loops carrying p and the counted-loop analysis (p != end is
// an induction variable) need nothing of their own. `*p`, `p[k]`, `*p++`,
// comparisons and differences of pointers into one array read the offset.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/Expr.h"

namespace adgen {

Value *FunctionLowering::pointerTarget(const clang::Expr *E, Value *&Offset) {
  const clang::Expr *Inner = E->IgnoreParenImpCasts();
  Type Long(TypeKind::Long);
  Offset = nullptr;
  // p++, ++p, p--, --p: the side effect, then the old or new position.
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Inner))
    if (UO->isIncrementDecrementOp())
      if (const clang::VarDecl *VD = varOf(UO->getSubExpr()))
        if (PointerBase.count(VD)) {
          Offset = expr(UO);
          return Offset ? PointerBase[VD] : nullptr;
        }
  // p + k, k + p, p - k.
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Inner))
    if ((BO->getOpcode() == clang::BO_Add ||
         BO->getOpcode() == clang::BO_Sub) &&
        BO->getType()->isPointerType()) {
      bool PointerLeft = BO->getLHS()->getType()->isPointerType();
      const clang::Expr *Ptr = PointerLeft ? BO->getLHS() : BO->getRHS();
      const clang::Expr *Shift = PointerLeft ? BO->getRHS() : BO->getLHS();
      Value *Base = pointerTarget(Ptr, Offset);
      if (!Base)
        return nullptr;
      Value *K = expr(Shift);
      if (!K)
        return nullptr;
      B->setLoc(LC.location(BO->getOperatorLoc()));
      K = B->cast(K, Long);
      Offset = BO->getOpcode() == clang::BO_Add ? B->add(Offset, K)
                                                : B->sub(Offset, K);
      return Base;
    }
  if (const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(Inner))
    return chosenPointer(CO, Offset);
  Value *Base = bufferOf(Inner, &Offset);
  if (!Base)
    return nullptr;
  Offset = Offset ? B->cast(Offset, Long) : B->zero(Long);
  return Base;
}

Value *FunctionLowering::pointerUpdate(const clang::Expr *E) {
  E = E->IgnoreParens();
  const clang::Expr *Target = nullptr;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    if (UO->isIncrementDecrementOp())
      Target = UO->getSubExpr();
  } else if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    if (BO->getOpcode() == clang::BO_Assign ||
        BO->getOpcode() == clang::BO_AddAssign ||
        BO->getOpcode() == clang::BO_SubAssign)
      Target = BO->getLHS();
  }
  const clang::VarDecl *VD = Target ? varOf(Target) : nullptr;
  if (!VD || !PointerBase.count(VD))
    return nullptr;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    return unary(UO);
  if (const auto *CA = llvm::dyn_cast<clang::CompoundAssignOperator>(E)) {
    Value *K = expr(CA->getRHS());
    if (!K)
      return nullptr;
    B->setLoc(LC.location(CA->getOperatorLoc()));
    K = B->cast(K, Env[VD]->type());
    return assign(VD, CA->getOpcode() == clang::BO_AddAssign
                          ? B->add(Env[VD], K)
                          : B->sub(Env[VD], K));
  }
  return pointerBinary(llvm::cast<clang::BinaryOperator>(E));
}

bool FunctionLowering::lowerPointerDecl(const clang::VarDecl *VD) {
  clang::QualType Pointee = VD->getType()->getPointeeType();
  std::optional<Type> Elem = LC.scalarType(Pointee);
  if (!Elem && LC.recordParamType(Pointee))
    return lowerRecordPointerDecl(VD);
  if (!Elem) {
    fail(VD, "local pointer '" + VD->getNameAsString() +
                 "' does not point to arithmetic values");
    return false;
  }
  // The rest of a body after a branch that returns is lowered once per
  // arm: a declaration met again starts afresh.
  PointerBase.erase(VD);
  Moving.erase(VD);
  bool Handled = false;
  if (!lowerMovingPointerDecl(VD, *Elem, Handled))
    return false;
  if (Handled)
    return true;
  if (!VD->getInit()) {
    fail(VD, "local pointer '" + VD->getNameAsString() +
                 "' has no initial value and adgen cannot tell from its "
                 "assignments which array it points into; initialise it "
                 "with the array it walks (p = x, p = x + k, p = &x[k])");
    return false;
  }
  if (!seatPointer(VD, VD->getInit()))
    return false;
  if (PointerBase[VD]->type().element() != *Elem) {
    fail(VD, "local pointer '" + VD->getNameAsString() +
                 "' points to elements of another type than its array's");
    return false;
  }
  return true;
}

Value *FunctionLowering::deref(const clang::UnaryOperator *E) {
  Place P;
  if (!placeOf(E, P))
    return nullptr;
  return read(P, E);
}

bool FunctionLowering::derefPlace(const clang::UnaryOperator *E, Place &P) {
  Value *Offset = nullptr;
  if (!(P.Buffer = targetThrough(E->getSubExpr(), Offset, P.Through)))
    return false;
  P.Index = Offset;
  return true;
}

Value *FunctionLowering::pointerBinary(const clang::BinaryOperator *E) {
  using BO = clang::BinaryOperatorKind;
  BO Kind = E->getOpcode();
  if (Kind == clang::BO_Assign) {
    const clang::VarDecl *VD = varOf(E->getLHS());
    if (!VD || !PointerBase.count(VD))
      return fail(E, "assignment to this pointer is not supported; adgen "
                     "follows local pointers into arrays");
    return seatPointer(VD, E->getRHS());
  }
  bool Comparison = E->isComparisonOp();
  if (!Comparison && Kind != clang::BO_Sub)
    return fail(E, "this pointer arithmetic is not supported; adgen follows "
                   "p + k, p - k, p - q, comparisons and p = q + k");
  Value *LOff = nullptr, *ROff = nullptr;
  Dispatch DL, DR;
  Value *L = targetThrough(E->getLHS(), LOff, DL);
  Value *R = L ? targetThrough(E->getRHS(), ROff, DR) : nullptr;
  if (!R)
    return nullptr;
  if (!DL.Buffers.empty() || !DR.Buffers.empty()) {
    if (Kind != clang::BO_EQ && Kind != clang::BO_NE)
      return fail(E, "pointers that move between arrays are compared only "
                     "with == and !=");
    B->setLoc(LC.location(E->getOperatorLoc()));
    Value *Same = sameElement(L, DL, LOff, R, DR, ROff);
    return Kind == clang::BO_EQ ? Same : B->logicalNot(Same);
  }
  if (L != R)
    return fail(E, "pointers into different arrays are compared or "
                   "subtracted");
  B->setLoc(LC.location(E->getOperatorLoc()));
  if (!Comparison) // p - q: a ptrdiff_t
    return B->cast(B->sub(LOff, ROff), typeOf(E));
  static const std::pair<BO, CmpPred> Preds[] = {
      {clang::BO_LT, CmpPred::LT}, {clang::BO_LE, CmpPred::LE},
      {clang::BO_GT, CmpPred::GT}, {clang::BO_GE, CmpPred::GE},
      {clang::BO_EQ, CmpPred::EQ}, {clang::BO_NE, CmpPred::NE}};
  for (const auto &[K, P] : Preds)
    if (K == Kind)
      return B->cmp(P, LOff, ROff);
  return fail(E, "this pointer comparison is not supported");
}

} // namespace adgen
