//===- LowerArrays.cpp - Lowering arrays to buffers -----------------------===//
// Array parameters (T *, T[N], std::vector, std::array, std::span) and local
// arrays become IR buffers; subscripts become loads and stores, .size() a
// length, range-for over an array a counted loop.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace adgen {

std::optional<LoweringContext::ArrayType>
LoweringContext::arrayParamType(const clang::ParmVarDecl *P) const {
  clang::QualType T = P->getOriginalType();
  if (const auto *CA = Ctx.getAsConstantArrayType(T)) {
    clang::QualType E = CA->getElementType();
    if (auto Elem = scalarType(E))
      return ArrayType{ParamKind::CArray, *Elem, E.isConstQualified(),
                       CA->getSize().getZExtValue()};
    return std::nullopt;
  }
  if (T->isPointerType()) {
    clang::QualType E = T->getPointeeType();
    if (auto Elem = scalarType(E))
      return ArrayType{ParamKind::Pointer, *Elem, E.isConstQualified(), 0};
    return std::nullopt;
  }
  bool IsRef = T->isReferenceType();
  clang::QualType Obj = T.getNonReferenceType();
  const auto *RD = Obj->getAsCXXRecordDecl();
  const auto *Spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(RD);
  if (!Spec || !Spec->isInStdNamespace())
    return std::nullopt;
  const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 1 || Args[0].getKind() != clang::TemplateArgument::Type)
    return std::nullopt;
  clang::QualType E = Args[0].getAsType();
  auto Elem = scalarType(E);
  if (!Elem)
    return std::nullopt;
  std::string Name = Spec->getName().str();
  bool ObjConst = Obj.isConstQualified();
  if (Name == "vector" && IsRef)
    return ArrayType{ParamKind::StdVector, *Elem, ObjConst, 0};
  if (Name == "array" && IsRef && Args.size() >= 2 &&
      Args[1].getKind() == clang::TemplateArgument::Integral)
    return ArrayType{ParamKind::StdArray, *Elem, ObjConst,
                     Args[1].getAsIntegral().getZExtValue()};
  if (Name == "span" && !IsRef)
    return ArrayType{ParamKind::Span, *Elem, E.isConstQualified(), 0};
  return std::nullopt;
}

Value *FunctionLowering::paramBuffer(const clang::ParmVarDecl *P,
                                     unsigned Index) {
  LoweringContext::ArrayType A = *LC.arrayParamType(P);
  ParamInfo Info;
  Info.Kind = A.Kind;
  Info.Const = A.Const;
  Info.Extent = A.Extent;
  std::string Name = P->getNameAsString();
  if (Name.empty())
    Name = "arg" + std::to_string(Index);
  switch (A.Kind) {
  case ParamKind::Pointer:
    Info.Length = LC.Lengths[FD->getCanonicalDecl()][Name];
    break;
  case ParamKind::CArray:
  case ParamKind::StdArray:
    Info.Length = std::to_string(A.Extent);
    break;
  default:
    Info.Length = Name + ".size()";
  }
  return F->addParam(Type::buffer(A.Element.kind()), Name, Info);
}

Value *FunctionLowering::bufferOf(const clang::Expr *E, Value **Offset) {
  const clang::Expr *Inner = E->IgnoreParenImpCasts();
  // An array plus an offset (A + i * n, &A[k]), where the caller allows it.
  if (Offset) {
    const clang::Expr *Base = nullptr, *Shift = nullptr;
    if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Inner))
      if (BO->getOpcode() == clang::BO_Add) {
        Base = BO->getLHS();
        Shift = BO->getRHS();
      }
    if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Inner))
      if (UO->getOpcode() == clang::UO_AddrOf) {
        const clang::Expr *Sub = UO->getSubExpr()->IgnoreParens();
        if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(Sub)) {
          Base = AS->getBase();
          Shift = AS->getIdx();
        } else if (const auto *OC =
                       llvm::dyn_cast<clang::CXXOperatorCallExpr>(Sub)) {
          if (OC->getOperator() == clang::OO_Subscript) { // &v[k]
            Base = OC->getArg(0);
            Shift = OC->getArg(1);
          }
        }
      }
    if (Base) {
      Value *Buf = bufferOf(Base, Offset);
      if (!Buf)
        return nullptr;
      Value *S = expr(Shift);
      if (!S)
        return nullptr;
      if (!S->type().isInteger())
        return fail(Shift, "array offset is not an integer");
      Type Ty(TypeKind::Long);
      S = B->cast(S, Ty);
      *Offset = *Offset ? B->add(B->cast(*Offset, Ty), S) : S;
      return Buf;
    }
  }
  // v.data() names the array v.
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Inner))
    if (MC->getMethodDecl() && MC->getMethodDecl()->getNameAsString() == "data")
      Inner = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(Inner))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      auto It = Env.find(VD);
      if (It != Env.end() && It->second->type().isBuffer()) {
        auto Off = Offsets.find(VD);
        if (Off != Offsets.end()) {
          if (!Offset) {
            LastOffset = Off->second;
          } else {
            *Offset = *Offset ? B->add(*Offset, Off->second) : Off->second;
          }
        }
        return It->second;
      }
    }
  fail(E, "this array expression is not supported; adgen indexes array "
          "parameters and local arrays by name, and passes an array plus an "
          "offset only to user functions");
  return nullptr;
}

Value *FunctionLowering::elementIndex(Value *Index) {
  // An inlined parameter bound to a shifted array reads at index + offset.
  Value *Off = LastOffset;
  LastOffset = nullptr;
  if (!Off)
    return Index;
  Type Ty(TypeKind::Long);
  return B->add(B->cast(Index, Ty), Off);
}

Value *FunctionLowering::lengthOf(Value *Buffer) {
  auto It = AllocLength.find(Buffer);
  if (It != AllocLength.end())
    return It->second;
  const Region *R = Buffer->argumentOf();
  const ParamInfo &Info = F->paramInfo(Buffer->index());
  (void)R;
  Attributes A;
  A.Callee = Info.Length;
  Type Ty(Info.Kind == ParamKind::Pointer ? TypeKind::Long : TypeKind::ULong);
  return B->build(Prim::Length, Ty, {Buffer}, A);
}

Value *FunctionLowering::subscript(const clang::Expr *E) {
  const clang::Expr *Base, *Index;
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E)) {
    Base = AS->getBase();
    Index = AS->getIdx();
  } else {
    const auto *OC = llvm::cast<clang::CXXOperatorCallExpr>(E);
    Base = OC->getArg(0);
    Index = OC->getArg(1);
  }
  Value *Buf = bufferOf(Base);
  if (!Buf)
    return nullptr;
  Value *Off = LastOffset;
  LastOffset = nullptr;
  Value *I = expr(Index);
  if (!I)
    return nullptr;
  if (!I->type().isInteger())
    return fail(Index, "array index is not an integer");
  B->setLoc(LC.location(E->getExprLoc()));
  LastOffset = Off;
  I = elementIndex(I);
  return B->create(Prim::Load, {Buf, I}, {Buf->type().element()})->result();
}

Value *FunctionLowering::memberCall(const clang::CXXMemberCallExpr *E) {
  const clang::CXXMethodDecl *M = E->getMethodDecl();
  if (M && M->getNameAsString() == "size" && E->getNumArgs() == 0) {
    Value *Buf = bufferOf(E->getImplicitObjectArgument());
    LastOffset = nullptr;
    if (!Buf)
      return nullptr;
    return B->cast(lengthOf(Buf), *LC.scalarType(E->getType()));
  }
  return fail(E, "member function calls are not supported (except .size() "
                 "of an array)");
}

bool FunctionLowering::placeOf(const clang::Expr *LHS, Place &P) {
  LHS = LHS->IgnoreParens();
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
    P.Buffer = bufferOf(Base);
    if (!P.Buffer)
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
  bool IsElement = llvm::isa<clang::ArraySubscriptExpr>(E);
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E))
    IsElement = OC->getOperator() == clang::OO_Subscript;
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
    if (const auto *Other = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      IsElement = ElementRefs.count(Other); // a reference to a reference
      // A const reference to a local reads the local's current value.
      auto It = Env.find(Other);
      if (!IsElement && It != Env.end() && It->second->type().isScalar() &&
          VD->getType().getNonReferenceType().isConstQualified()) {
        ElementRefs[VD] = Place{Other, nullptr, nullptr};
        return true;
      }
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
  return B->create(Prim::Load, {P.Buffer, P.Index}, {placeType(P)})->result();
}

Value *FunctionLowering::write(const Place &P, Value *V) {
  if (P.Var)
    return assign(P.Var, V);
  B->create(Prim::Store, {V, P.Buffer, P.Index}, {});
  return V;
}

/// The end of a range given to a vector's constructor: `x + n`, `&x[n]`,
/// `v.end()` or `v.begin()`; its buffer and offset (null for 0).
Value *FunctionLowering::rangeEnd(const clang::Expr *E, Value *&Offset) {
  const clang::Expr *Inner = E->IgnoreParenImpCasts();
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Inner))
    if (const clang::CXXMethodDecl *M = MC->getMethodDecl()) {
      std::string Name = M->getNameAsString();
      if (Name == "begin" || Name == "cbegin" || Name == "end" ||
          Name == "cend") {
        Value *Buf = bufferOf(MC->getImplicitObjectArgument());
        LastOffset = nullptr;
        if (Buf && (Name == "end" || Name == "cend"))
          Offset = lengthOf(Buf);
        return Buf;
      }
    }
  if (!E->getType()->isPointerType())
    return fail(E, "this iterator is not supported; adgen copies ranges given "
                   "as pointers (x, x + n) or as v.begin(), v.end()");
  return bufferOf(E, &Offset);
}

bool FunctionLowering::lowerContainerInit(
    bool IsVector, const clang::Expr *&Init, Value *&Length,
    const clang::Expr *&Fill, Value *&CopyFrom, Value *&CopyOffset) {
  if (!Init)
    return true;
  const clang::Expr *E = Init;
  if (const auto *EC = llvm::dyn_cast<clang::ExprWithCleanups>(E))
    E = EC->getSubExpr();
  const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E);
  if (!CE)
    return true; // an initialiser list, handled by the caller
  unsigned N = CE->getNumArgs();
  while (N && llvm::isa<clang::CXXDefaultArgExpr>(CE->getArg(N - 1)))
    --N;
  if (N == 0)
    return true;
  Init = nullptr;
  const clang::Expr *First = CE->getArg(0);
  if (const auto *List = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(
          First->IgnoreImplicit())) { // v{a, b, c}: the caller stores them
    Init = List->getSubExpr()->IgnoreImplicit();
    if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(Init))
      Length = B->constant(Type(TypeKind::ULong), IL->getNumInits());
    return true;
  }
  if (IsVector && First->getType()->isIntegerType()) { // v(n), v(n, value)
    Length = expr(First);
    if (N >= 2)
      Fill = CE->getArg(1);
    return Length != nullptr;
  }
  if (N == 1) { // a copy of another array
    CopyFrom = bufferOf(First);
    LastOffset = nullptr;
    if (CopyFrom && IsVector)
      Length = lengthOf(CopyFrom);
    return CopyFrom != nullptr;
  }
  if (IsVector && N == 2) { // v(first, last)
    Value *EndOffset = nullptr;
    CopyFrom = rangeEnd(First, CopyOffset);
    Value *EndBuf = CopyFrom ? rangeEnd(CE->getArg(1), EndOffset) : nullptr;
    if (!EndBuf)
      return false;
    if (EndBuf != CopyFrom) {
      fail(CE->getArg(1), "the two ends of this range name different arrays");
      return false;
    }
    Type Ty(TypeKind::Long);
    Value *End = EndOffset ? B->cast(EndOffset, Ty) : B->zero(Ty);
    Value *Begin = CopyOffset ? B->cast(CopyOffset, Ty) : B->zero(Ty);
    Length = B->cast(B->sub(End, Begin), Type(TypeKind::ULong));
    return true;
  }
  fail(CE, "this initialiser is not supported; adgen builds local arrays "
           "from an initialiser list, a length (and value), a copy of another "
           "array or a range (first, last)");
  return false;
}

bool FunctionLowering::lowerArrayDecl(const clang::VarDecl *VD) {
  clang::QualType T = VD->getType();
  std::optional<Type> Elem;
  Value *Length = nullptr;
  const clang::Expr *Init = VD->getInit();
  std::vector<const clang::Expr *> Elements;
  const clang::Expr *Fill = nullptr;
  Value *CopyFrom = nullptr, *CopyOffset = nullptr;
  if (const auto *CA = LC.Ctx.getAsConstantArrayType(T)) {
    Elem = LC.scalarType(CA->getElementType());
    Length = B->constant(Type(TypeKind::ULong), CA->getSize().getZExtValue());
  } else if (const auto *Spec =
                 llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
                     T->getAsCXXRecordDecl());
             Spec && Spec->isInStdNamespace()) {
    const auto &Args = Spec->getTemplateArgs();
    if (Args.size() >= 1 && Args[0].getKind() == clang::TemplateArgument::Type)
      Elem = LC.scalarType(Args[0].getAsType());
    std::string Name = Spec->getName().str();
    if (Name == "array" && Args.size() >= 2)
      Length = B->constant(Type(TypeKind::ULong),
                           Args[1].getAsIntegral().getZExtValue());
    if (Name == "vector" || Name == "array")
      if (!lowerContainerInit(Name == "vector", Init, Length, Fill, CopyFrom,
                              CopyOffset))
        return false;
  }
  if (!Elem || !Length) {
    fail(VD, "local variable '" + VD->getNameAsString() + "' has type '" +
                 T.getAsString() +
                 "'; adgen supports arithmetic locals and arrays (T[N], "
                 "std::array<T, N>, std::vector<T> v(n) or v(n, value))");
    return false;
  }
  if (Init) {
    const clang::Expr *E = Init->IgnoreImplicit();
    if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E)) {
      if (IL->getNumInits() == 1)
        if (const auto *Inner = llvm::dyn_cast<clang::InitListExpr>(
                IL->getInit(0)->IgnoreImplicit()))
          IL = Inner; // std::array<T, N> a{{...}}
      for (const clang::Expr *X : IL->inits())
        Elements.push_back(X);
    } else if (!llvm::isa<clang::CXXConstructExpr>(E) &&
               !llvm::isa<clang::ImplicitValueInitExpr>(E)) {
      fail(VD, "this initialiser of the array '" + VD->getNameAsString() +
                   "' is not supported");
      return false;
    }
  }
  B->setLoc(LC.location(VD->getLocation()));
  Value *Buf =
      B->create(Prim::Alloc, {Length}, {Type::buffer(Elem->kind())})->result();
  Buf->setName(VD->getNameAsString());
  AllocLength[Buf] = Length;
  bind(VD, Buf);
  for (unsigned I = 0; I < Elements.size(); ++I) {
    if (llvm::isa<clang::ImplicitValueInitExpr>(Elements[I]))
      continue;
    Value *V = expr(Elements[I]);
    if (!V)
      return false;
    B->create(Prim::Store,
              {B->cast(V, *Elem), Buf, B->constant(Type(TypeKind::ULong), I)},
              {});
  }
  if (Fill || CopyFrom) {
    Value *FillValue = nullptr;
    if (Fill && !(FillValue = expr(Fill)))
      return false;
    Type LenTy = Length->type();
    Op *Loop = B->create(Prim::For, {B->zero(LenTy), Length, B->one(LenTy)}, {},
                         {}, 1);
    Value *K = Loop->region(0)->addArgument(LenTy, "k");
    B->enter(Loop->region(0));
    Value *From = K;
    if (CopyOffset) {
      Type Ty(TypeKind::Long);
      From = B->add(B->cast(K, Ty), B->cast(CopyOffset, Ty));
    }
    Value *V = CopyFrom ? B->create(Prim::Load, {CopyFrom, From},
                                    {CopyFrom->type().element()})
                              ->result()
                        : FillValue;
    B->create(Prim::Store, {B->cast(V, *Elem), Buf, K}, {});
    B->yield({});
    B->exit();
  }
  return true;
}

bool FunctionLowering::rangeOf(const clang::CXXForRangeStmt *For, Value *&Buf,
                               Value *&Length) {
  Buf = bufferOf(For->getRangeInit());
  LastOffset = nullptr;
  if (!Buf)
    return false;
  Length = lengthOf(Buf);
  if (!LC.scalarType(For->getLoopVariable()->getType())) {
    fail(For->getLoopVariable(), "the loop variable must have an arithmetic "
                                 "type");
    return false;
  }
  B->setLoc(LC.location(For->getBeginLoc()));
  return true;
}

void FunctionLowering::bindRangeElement(const clang::CXXForRangeStmt *For,
                                        Value *Buf, Value *K) {
  const clang::VarDecl *Var = For->getLoopVariable();
  std::optional<Type> VarTy = LC.scalarType(Var->getType());
  if (Var->getType()->isReferenceType() && VarTy == Buf->type().element()) {
    // The loop variable names the element: writes through it store.
    ElementRefs[Var] = Place{nullptr, Buf, K};
    return;
  }
  Value *Elem =
      B->create(Prim::Load, {Buf, K}, {Buf->type().element()})->result();
  assign(Var, B->cast(Elem, *VarTy)); // a copy, or a converted temporary
}

bool FunctionLowering::lowerRangeFor(const clang::CXXForRangeStmt *For) {
  std::set<const clang::VarDecl *> Assigned;
  if (containsBreakOf(For->getBody())) {
    LoopControl Control;
    if (!rangeForControl(For, Assigned, Control))
      return false;
    collectAssignedVars(For->getBody(), Assigned);
    return lowerWhileLoop(Control, For->getBody(), false, Assigned,
                          For->getBeginLoc());
  }
  Value *Buf, *Length;
  if (!rangeOf(For, Buf, Length))
    return false;
  collectAssignedVars(For->getBody(), Assigned);
  Type LenTy = Length->type();
  return lowerCountedLoop(B->zero(LenTy), Length, 1, Assigned, For->getBody(),
                          [&](Value *K) {
                            bindRangeElement(For, Buf, K);
                            return true;
                          });
}

bool FunctionLowering::rangeForControl(
    const clang::CXXForRangeStmt *For,
    std::set<const clang::VarDecl *> &Assigned, LoopControl &Out) {
  Value *Buf, *Length;
  if (!rangeOf(For, Buf, Length))
    return false;
  // The hidden iterator variable of the range-for carries the index.
  const auto *Index = llvm::cast<clang::VarDecl>(
      llvm::cast<clang::DeclStmt>(For->getBeginStmt())->getSingleDecl());
  Type LenTy = Length->type();
  bind(Index, B->zero(LenTy));
  Assigned.insert(Index);
  Out.Test = [=] { return B->cmp(CmpPred::LT, Env.at(Index), Length); };
  Out.Prologue = [=] {
    bindRangeElement(For, Buf, Env.at(Index));
    return true;
  };
  Out.Advance = [=] {
    bind(Index, B->add(Env.at(Index), B->one(LenTy)));
    return true;
  };
  return true;
}

} // namespace adgen
