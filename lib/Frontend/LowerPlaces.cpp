//===- LowerPlaces.cpp - What assignments and references name -------------===//
// An assignable place is a local variable or an array element; references
// to elements (and const references to locals) are places too, so reads
// through them see later writes and writes through them store.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace adgen {

bool FunctionLowering::placeOf(const clang::Expr *LHS, Place &P) {
  LHS = LHS->IgnoreParens();
  if (accessorOf(LHS))
    return accessorPlace(LHS, P);
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(LHS))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      auto Ref = ElementRefs.find(VD);
      if (Ref != ElementRefs.end()) {
        P = Ref->second;
        return true;
      }
      if (Env.count(VD) && Env[VD]->type().isScalar()) {
        if (VD->getType()->isReferenceType()) {
          fail(LHS, "assignment through the reference '" +
                        VD->getNameAsString() + "' is not supported");
          return false;
        }
        P.Var = VD;
        return true;
      }
    }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(LHS))
    if (UO->getOpcode() == clang::UO_Deref)
      return derefPlace(UO, P);
  if (llvm::isa<clang::MemberExpr>(LHS->IgnoreImpCasts()) &&
      LC.scalarType(LHS->getType())) {
    // p.x of a local record: its one-element buffer.
    std::optional<Leaf> L = memberLeaf(LHS);
    if (!L)
      return fail(LHS, "assignment to this member is not supported; adgen "
                       "assigns to members of local records"),
             false;
    if (isInputLeaf(*L))
      return fail(LHS, "assignment to a member of a record parameter, which "
                       "adgen reads as an input; copy the record to a local "
                       "first"),
             false;
    P.Buffer = L->Buf;
    P.Index = leafIndex(*L, B->zero(Type(TypeKind::Long)));
    return true;
  }
  const clang::Expr *Base = nullptr, *Index = nullptr;
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(LHS)) {
    Base = AS->getBase();
    Index = AS->getIdx();
  } else if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(LHS)) {
    if (OC->getOperator() == clang::OO_Subscript) {
      Base = OC->getArg(0);
      Index = OC->getArg(1);
    }
  }
  if (Base) {
    if (!(P.Buffer = bufferThrough(Base, nullptr, P.Through)))
      return false;
    Value *Off = LastOffset;
    LastOffset = nullptr;
    P.Index = expr(Index);
    if (!P.Index)
      return false;
    LastOffset = Off;
    P.Index = elementIndex(P.Index);
    return true;
  }
  fail(LHS, "assignment to this expression is not supported; adgen "
            "supports assignments to local variables, parameters and array "
            "elements");
  return false;
}

const clang::Expr *boundLValue(const clang::Expr *Init) {
  const clang::Expr *E = Init;
  if (const auto *EC = llvm::dyn_cast<clang::ExprWithCleanups>(E))
    E = EC->getSubExpr();
  while (true) {
    E = E->IgnoreParens();
    const auto *IC = llvm::dyn_cast<clang::ImplicitCastExpr>(E);
    if (!IC || IC->getCastKind() != clang::CK_NoOp) // const added
      break;
    E = IC->getSubExpr();
  }
  if (llvm::isa<clang::MaterializeTemporaryExpr>(E) || !E->isGLValue())
    return nullptr;
  return E;
}

bool FunctionLowering::bindElementRef(const clang::VarDecl *VD,
                                      const clang::Expr *E) {
  bool IsElement = llvm::isa<clang::ArraySubscriptExpr>(E) || accessorOf(E);
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E))
    IsElement |= OC->getOperator() == clang::OO_Subscript;
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
    if (const auto *Other = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      IsElement = ElementRefs.count(Other); // a reference to a reference
      // A const reference to a local reads the local's current value.
      auto It = Env.find(Other);
      if (!IsElement && It != Env.end() && It->second->type().isScalar() &&
          VD->getType().getNonReferenceType().isConstQualified()) {
        ElementRefs[VD] = Place{Other, nullptr, nullptr, {}};
        return true;
      }
    }
  if (llvm::isa<clang::MemberExpr>(E) && LC.scalarType(E->getType())) {
    // double &f = cam.f, const double &x = ps[i].x: the member's element.
    std::optional<Leaf> L = memberLeaf(E);
    if (!L || (isInputLeaf(*L) &&
               !VD->getType().getNonReferenceType().isConstQualified()))
      return false;
    ElementRefs[VD] = Place{
        nullptr, L->Buf, leafIndex(*L, B->zero(Type(TypeKind::Long))), {}};
    return true;
  }
  Place P;
  if (!IsElement || !placeOf(E, P))
    return false;
  ElementRefs[VD] = P;
  return true;
}

Type FunctionLowering::placeType(const Place &P) {
  return P.Var ? Env[P.Var]->type() : P.Buffer->type().element();
}

Value *FunctionLowering::read(const Place &P, const clang::Expr *At) {
  if (P.Var)
    return Env[P.Var];
  B->setLoc(LC.location(At->getExprLoc()));
  return loadThrough(P.Through, P.Buffer, P.Index);
}

Value *FunctionLowering::write(const Place &P, Value *V) {
  if (P.Var)
    return assign(P.Var, V);
  storeThrough(P.Through, V, P.Buffer, P.Index);
  return V;
}

} // namespace adgen
