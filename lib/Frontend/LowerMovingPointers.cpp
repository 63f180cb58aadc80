//===- LowerMovingPointers.cpp - Pointers re-seated to another array ------===//
// A local pointer whose assignments point it into more than one array (an
// LSTM's layer input: first the input, then the previous layer's state) is
// its offset plus an integer saying which array; reads and writes through
// it branch on that integer, so each executed access is the one C++ makes.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <algorithm>

namespace adgen {

namespace {
/// The right-hand sides of the assignments `VD = ...` in S.
void assignmentsTo(const clang::VarDecl *VD, const clang::Stmt *S,
                   std::vector<const clang::Expr *> &Out) {
  if (!S)
    return;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S))
    if (BO->getOpcode() == clang::BO_Assign)
      if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
              BO->getLHS()->IgnoreParenImpCasts()))
        if (DR->getDecl() == VD)
          Out.push_back(BO->getRHS());
  for (const clang::Stmt *Child : S->children())
    assignmentsTo(VD, Child, Out);
}

void addRoot(std::vector<Value *> &Roots, Value *Buf) {
  if (std::find(Roots.begin(), Roots.end(), Buf) == Roots.end())
    Roots.push_back(Buf);
}
} // namespace

bool FunctionLowering::pointerRoots(const clang::Expr *E,
                                    std::vector<Value *> &Roots,
                                    std::set<const clang::VarDecl *> &Seen) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    if (UO->isIncrementDecrementOp())
      return pointerRoots(UO->getSubExpr(), Roots, Seen);
    if (UO->getOpcode() == clang::UO_AddrOf) {
      const clang::Expr *Sub = UO->getSubExpr()->IgnoreParens();
      if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(Sub))
        return pointerRoots(AS->getBase(), Roots, Seen);
      if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(Sub))
        if (OC->getOperator() == clang::OO_Subscript)
          return pointerRoots(OC->getArg(0), Roots, Seen);
      return false;
    }
    return false;
  }
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
    return AS->getType()->isArrayType() &&
           pointerRoots(AS->getBase(), Roots, Seen); // a row A[i]
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    if (BO->getOpcode() != clang::BO_Add && BO->getOpcode() != clang::BO_Sub)
      return false;
    bool Left = BO->getLHS()->getType()->isPointerType();
    return pointerRoots(Left ? BO->getLHS() : BO->getRHS(), Roots, Seen);
  }
  if (const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(E))
    return pointerRoots(CO->getTrueExpr(), Roots, Seen) &&
           pointerRoots(CO->getFalseExpr(), Roots, Seen);
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    const clang::CXXMethodDecl *M = MC->getMethodDecl();
    return M && M->getNameAsString() == "data" &&
           pointerRoots(MC->getImplicitObjectArgument(), Roots, Seen);
  }
  if (llvm::isa<clang::MemberExpr>(E)) { // rec.v, p->v: a member array
    std::optional<Leaf> L = memberLeaf(E, /*Evaluate=*/false);
    if (!L)
      return false;
    addRoot(Roots, L->Buf);
    return true;
  }
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E);
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  if (!VD)
    return false;
  auto M = Moving.find(VD);
  if (M != Moving.end()) {
    for (Value *Buf : M->second.Buffers)
      addRoot(Roots, Buf);
    return true;
  }
  auto P = PointerBase.find(VD);
  if (P != PointerBase.end()) {
    addRoot(Roots, P->second);
    return true;
  }
  auto It = Env.find(VD);
  if (It != Env.end() && It->second->type().isBuffer()) {
    addRoot(Roots, It->second);
    return true;
  }
  // A local pointer declared later (`input = target`): where it points.
  if (Env.count(VD) || !VD->getType()->isPointerType() ||
      !VD->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(VD))
    return false;
  if (!Seen.insert(VD).second)
    return true; // p = q, q = p: nothing new
  return pointerVarRoots(VD, Roots, Seen);
}

bool FunctionLowering::pointerVarRoots(const clang::VarDecl *VD,
                                       std::vector<Value *> &Roots,
                                       std::set<const clang::VarDecl *> &Seen) {
  std::vector<const clang::Expr *> Sources;
  if (VD->getInit())
    Sources.push_back(VD->getInit());
  if (const auto *Fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(
          VD->getParentFunctionOrMethod()))
    assignmentsTo(VD, Fn->getBody(), Sources);
  for (const clang::Expr *S : Sources)
    if (!pointerRoots(S, Roots, Seen))
      return false;
  return true;
}

const clang::VarDecl *FunctionLowering::selectorFor(const clang::VarDecl *VD) {
  auto &Ctx = LC.Ctx;
  auto *DC = const_cast<clang::DeclContext *>(VD->getDeclContext());
  clang::VarDecl *Which = clang::VarDecl::Create(
      Ctx, DC, VD->getLocation(), VD->getLocation(),
      &Ctx.Idents.get(VD->getNameAsString() + "_array"), Ctx.IntTy,
      Ctx.getTrivialTypeSourceInfo(Ctx.IntTy), clang::SC_None);
  Which->setImplicit(false);
  return Which;
}

std::string FunctionLowering::movingNames(const MovingPointer &M) {
  std::string Names;
  for (unsigned K = 0; K < M.Buffers.size(); ++K)
    Names += std::string(K == 0                      ? "'"
                         : K + 1 == M.Buffers.size() ? "' or '"
                                                     : "', '") +
             M.Buffers[K]->name();
  return Names + "'";
}

bool FunctionLowering::takeDispatch(const clang::VarDecl *VD,
                                    const clang::Expr *At) {
  const MovingPointer &M = Moving.at(VD);
  if (!AcceptMoving) {
    fail(At, "pointer '" + VD->getNameAsString() + "' points into " +
                 movingNames(M) +
                 " depending on the path taken; adgen reads and writes "
                 "through such a pointer (p[i], *p, *(p + i)), assigns it and "
                 "passes it to functions it lowers in place, but not this");
    return false;
  }
  LastDispatch = Dispatch{M.Buffers, Env.at(M.Which)};
  return true;
}

bool FunctionLowering::lowerMovingPointerDecl(const clang::VarDecl *VD,
                                              Type Elem, bool &Handled) {
  std::vector<Value *> Roots;
  std::set<const clang::VarDecl *> Seen{VD};
  Handled = false;
  if (!pointerVarRoots(VD, Roots, Seen) || Roots.empty() ||
      (Roots.size() == 1 && VD->getInit()))
    return true; // one array, or arrays adgen cannot name: the usual way
  Handled = true;
  for (Value *Buf : Roots)
    if (Buf->type().element() != Elem) {
      fail(VD, "local pointer '" + VD->getNameAsString() +
                   "' points to elements of another type than its array's");
      return false;
    }
  PointerBase[VD] = Roots[0];
  if (Roots.size() > 1) {
    const clang::VarDecl *Which = selectorFor(VD);
    Moving[VD] = MovingPointer{Roots, Which};
    MovingOwner[Which] = VD;
    if (!VD->getInit()) // not read before its first assignment
      bind(Which, B->zero(Type(TypeKind::Int)));
  }
  if (VD->getInit())
    return seatPointer(VD, VD->getInit()) != nullptr;
  assign(VD, B->zero(Type(TypeKind::Long)));
  return true;
}

void FunctionLowering::bindMoving(FunctionLowering &Sub,
                                  const clang::VarDecl *P, const Dispatch &D) {
  const clang::VarDecl *Which = Sub.selectorFor(P);
  Sub.Moving[P] = MovingPointer{D.Buffers, Which};
  Sub.bind(Which, D.Which);
}

bool FunctionLowering::acceptMoving(const std::function<bool()> &Lower,
                                    Dispatch &Out) {
  ++AcceptMoving;
  LastDispatch = Dispatch();
  bool Ok = Lower();
  --AcceptMoving;
  Out = LastDispatch;
  LastDispatch = Dispatch();
  return Ok;
}

Value *FunctionLowering::bufferThrough(const clang::Expr *E, Value **Offset,
                                       Dispatch &Through) {
  Value *Buf = nullptr;
  acceptMoving([&] { return (Buf = bufferOf(E, Offset)) != nullptr; }, Through);
  return Buf;
}

Value *FunctionLowering::targetThrough(const clang::Expr *E, Value *&Offset,
                                       Dispatch &Through) {
  Value *Base = nullptr;
  acceptMoving([&] { return (Base = pointerTarget(E, Offset)) != nullptr; },
               Through);
  return Base;
}

std::vector<Value *> FunctionLowering::arraysOf(Value *Base,
                                                const Dispatch &D) {
  return D.Buffers.empty() ? std::vector<Value *>{Base} : D.Buffers;
}

Value *FunctionLowering::seatPointer(const clang::VarDecl *VD,
                                     const clang::Expr *Target) {
  Value *Offset = nullptr;
  Dispatch D;
  Value *Base = targetThrough(Target, Offset, D);
  if (!Base)
    return nullptr;
  auto M = Moving.find(VD);
  if (M == Moving.end()) {
    if (!D.Buffers.empty())
      return fail(Target, "pointer '" + VD->getNameAsString() +
                              "' is set from a pointer into " +
                              movingNames(MovingPointer{D.Buffers, nullptr}) +
                              ", which adgen cannot follow here");
    auto Known = PointerBase.find(VD);
    if (Known == PointerBase.end())
      PointerBase[VD] = Base;
    else if (Known->second != Base)
      return fail(Target,
                  "pointer '" + VD->getNameAsString() +
                      "' moves to another array, which adgen could not tell "
                      "from its assignments; assign it arrays by name (p = x, "
                      "p = x + k, p = &x[k], p = q) declared before it");
    return assign(VD, Offset);
  }
  assign(M->second.Which, whichIn(Base, D, M->second.Buffers));
  return assign(VD, Offset);
}

Value *FunctionLowering::whichIn(Value *Base, const Dispatch &D,
                                 const std::vector<Value *> &Into) {
  auto IndexOf = [&](Value *Buf) {
    return B->constant(Type(TypeKind::Int),
                       std::find(Into.begin(), Into.end(), Buf) - Into.begin());
  };
  if (D.Buffers.empty())
    return IndexOf(Base);
  Value *Which = IndexOf(D.Buffers.back());
  for (unsigned K = D.Buffers.size() - 1; K-- > 0;)
    Which = B->select(isArray(D, K), IndexOf(D.Buffers[K]), Which);
  return Which;
}

Value *FunctionLowering::isArray(const Dispatch &D, unsigned K) {
  return B->cmp(CmpPred::EQ, D.Which,
                B->constant(D.Which->type(), static_cast<long>(K)));
}

Value *FunctionLowering::chosenPointer(const clang::ConditionalOperator *E,
                                       Value *&Offset) {
  if (hasAssignment(E->getTrueExpr()) || hasAssignment(E->getFalseExpr()))
    return fail(E, "assignments inside '?:' are not supported; use if/else");
  Value *C = condition(E->getCond());
  if (!C)
    return nullptr;
  Value *Base[2] = {nullptr, nullptr}, *Off[2] = {nullptr, nullptr};
  Dispatch D[2];
  for (unsigned R = 0; R < 2; ++R) {
    const clang::Expr *Arm = R == 0 ? E->getTrueExpr() : E->getFalseExpr();
    if (!(Base[R] = targetThrough(Arm, Off[R], D[R])))
      return nullptr;
  }
  B->setLoc(LC.location(E->getExprLoc()));
  Offset = B->select(C, Off[0], Off[1]);
  if (Base[0] == Base[1] && D[0].Buffers.empty() && D[1].Buffers.empty())
    return Base[0];
  std::vector<Value *> Into;
  for (unsigned R = 0; R < 2; ++R)
    for (Value *Buf : arraysOf(Base[R], D[R]))
      if (std::find(Into.begin(), Into.end(), Buf) == Into.end())
        Into.push_back(Buf);
  if (!AcceptMoving)
    return fail(E, "a pointer into " +
                       movingNames(MovingPointer{Into, nullptr}) +
                       " chosen by '?:' is not supported here; adgen reads "
                       "and writes through it and assigns it to a pointer");
  for (Value *Buf : Into)
    if (Buf->type().element() != Into[0]->type().element())
      return fail(E, "the arms of this '?:' point to elements of different "
                     "types");
  LastDispatch = Dispatch{Into, B->select(C, whichIn(Base[0], D[0], Into),
                                          whichIn(Base[1], D[1], Into))};
  return Into[0];
}

Value *FunctionLowering::sameElement(Value *L, const Dispatch &DL, Value *LOff,
                                     Value *R, const Dispatch &DR,
                                     Value *ROff) {
  // One array in common: both point into it (either may choose at run
  // time), at the same offset.
  std::vector<Value *> LA = arraysOf(L, DL), RA = arraysOf(R, DR);
  Value *Same = B->boolean(false);
  for (unsigned I = 0; I < LA.size(); ++I) {
    auto J = std::find(RA.begin(), RA.end(), LA[I]);
    if (J == RA.end())
      continue;
    Value *Here = DL.Buffers.empty() ? B->boolean(true) : isArray(DL, I);
    if (!DR.Buffers.empty())
      Here = B->logicalAnd(Here, isArray(DR, J - RA.begin()));
    Same = B->logicalOr(Same, Here);
  }
  return B->logicalAnd(Same, B->cmp(CmpPred::EQ, LOff, ROff));
}

Value *FunctionLowering::loadThrough(const Dispatch &D, Value *Buf,
                                     Value *Index) {
  if (!D.Buffers.empty())
    return dispatchedLoad(D, Index);
  return B->create(Prim::Load, {Buf, Index}, {Buf->type().element()})->result();
}

void FunctionLowering::storeThrough(const Dispatch &D, Value *V, Value *Buf,
                                    Value *Index) {
  if (!D.Buffers.empty())
    dispatchedStore(D, V, Index);
  else
    B->create(Prim::Store, {V, Buf, Index}, {});
}

Value *FunctionLowering::dispatchedLoad(const Dispatch &D, Value *Index,
                                        unsigned From) {
  Value *Buf = D.Buffers[From];
  Type Elem = Buf->type().element();
  if (From + 1 == D.Buffers.size())
    return B->create(Prim::Load, {Buf, Index}, {Elem})->result();
  Op *If = B->create(Prim::If, {isArray(D, From)}, {Elem}, {}, 2);
  B->enter(If->region(0));
  B->yield({B->create(Prim::Load, {Buf, Index}, {Elem})->result()});
  B->exit();
  B->enter(If->region(1));
  B->yield({dispatchedLoad(D, Index, From + 1)});
  B->exit();
  return If->result(0);
}

void FunctionLowering::dispatchedStore(const Dispatch &D, Value *V,
                                       Value *Index, unsigned From) {
  Value *Buf = D.Buffers[From];
  if (From + 1 == D.Buffers.size()) {
    B->create(Prim::Store, {V, Buf, Index}, {});
    return;
  }
  Op *If = B->create(Prim::If, {isArray(D, From)}, {}, {}, 2);
  B->enter(If->region(0));
  B->create(Prim::Store, {V, Buf, Index}, {});
  B->yield({});
  B->exit();
  B->enter(If->region(1));
  dispatchedStore(D, V, Index, From + 1);
  B->yield({});
  B->exit();
}

} // namespace adgen
