//===- LowerArrays.cpp - Lowering arrays to buffers -----------------------===//
// Array parameters (T *, T[N], std::vector, std::array, std::span) become IR
// buffers; subscripts become loads, .size() a length, an array plus an
// offset (passed to a user function) a buffer and an index shift.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

std::optional<std::pair<clang::QualType, unsigned long>>
fixedArray(clang::ASTContext &Ctx, clang::QualType T) {
  if (const auto *CA = Ctx.getAsConstantArrayType(T))
    return std::make_pair(CA->getElementType(),
                          (unsigned long)CA->getSize().getZExtValue());
  const auto *Spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || Spec->getName() != "array")
    return std::nullopt;
  const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 2 || Args[0].getKind() != clang::TemplateArgument::Type ||
      Args[1].getKind() != clang::TemplateArgument::Integral)
    return std::nullopt;
  return std::make_pair(Args[0].getAsType(),
                        (unsigned long)Args[1].getAsIntegral().getZExtValue());
}

std::optional<std::pair<clang::QualType, unsigned long>>
LoweringContext::flatArray(clang::QualType T) const {
  unsigned long Count = 1;
  while (auto Fixed = fixedArray(Ctx, T)) {
    Count *= Fixed->second;
    T = Fixed->first;
  }
  if (!scalarType(T))
    return std::nullopt;
  return std::make_pair(T, Count);
}

std::optional<unsigned long>
LoweringContext::fixedExtent(clang::QualType T) const {
  if (auto Fixed = fixedArray(Ctx, T.getNonReferenceType()))
    return Fixed->second;
  return std::nullopt;
}

/// The extents of the nested arrays inside T ({M} for T = double[M] or
/// std::array<double, M>).
static std::vector<unsigned long> extentsOf(clang::ASTContext &Ctx,
                                            clang::QualType T) {
  std::vector<unsigned long> Extents;
  while (auto Fixed = fixedArray(Ctx, T)) {
    Extents.push_back(Fixed->second);
    T = Fixed->first;
  }
  return Extents;
}

bool LoweringContext::isScalarReference(const clang::ParmVarDecl *P) const {
  clang::QualType T = P->getType();
  return T->isLValueReferenceType() &&
         !T.getNonReferenceType().isConstQualified() && scalarType(T);
}

std::optional<LoweringContext::ArrayType>
LoweringContext::arrayParamType(const clang::ParmVarDecl *P) const {
  if (isScalarReference(P))
    return ArrayType{
        ParamKind::Reference, *scalarType(P->getType()), false, 1, {}};
  return arrayTypeOf(P->getOriginalType());
}

std::optional<LoweringContext::ArrayType>
LoweringContext::arrayTypeOf(clang::QualType T) const {
  if (const auto *CA = Ctx.getAsConstantArrayType(T)) {
    // T x[N], and T A[N][M]... as one row-major buffer.
    auto Flat = flatArray(T);
    if (auto Elem = Flat ? scalarType(Flat->first) : std::nullopt)
      return ArrayType{ParamKind::CArray, *Elem, Flat->first.isConstQualified(),
                       Flat->second, extentsOf(Ctx, CA->getElementType())};
    return std::nullopt;
  }
  if (T->isPointerType()) {
    // T *x, and T (*A)[M] (also written T A[][M]).
    clang::QualType E = T->getPointeeType();
    auto Flat = flatArray(E);
    if (auto Elem = Flat ? scalarType(Flat->first) : std::nullopt)
      return ArrayType{ParamKind::Pointer, *Elem,
                       Flat->first.isConstQualified(), 0, extentsOf(Ctx, E)};
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
  std::string Name = Spec->getName().str();
  // By value, the caller's container is an input and the body's a copy.
  bool ObjConst = Obj.isConstQualified() || !IsRef;
  if (Name == "array" && !scalarType(E)) {
    // std::array<std::array<T, M>, N> &: N * M elements, row-major.
    auto Flat = flatArray(Obj);
    if (auto Elem = Flat ? scalarType(Flat->first) : std::nullopt)
      return ArrayType{ParamKind::StdArray, *Elem, ObjConst, Flat->second,
                       extentsOf(Ctx, E),   !IsRef};
    return std::nullopt;
  }
  auto Elem = scalarType(E);
  if (!Elem && Name == "vector") {
    // std::vector<std::vector<T>>: a matrix whose rows have one length.
    const auto *Row =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
            E->getAsCXXRecordDecl());
    if (!Row || !Row->isInStdNamespace() || Row->getName() != "vector" ||
        Row->getTemplateArgs().size() < 1 ||
        Row->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type)
      return std::nullopt;
    auto RowElem = scalarType(Row->getTemplateArgs()[0].getAsType());
    if (!RowElem)
      return std::nullopt;
    ArrayType A{ParamKind::StdVector, *RowElem, ObjConst, 0, {}, !IsRef};
    A.Rows = true;
    return A;
  }
  if (!Elem)
    return std::nullopt;
  if (Name == "vector")
    return ArrayType{ParamKind::StdVector, *Elem, ObjConst, 0, {}, !IsRef};
  if (Name == "array" && Args.size() >= 2 &&
      Args[1].getKind() == clang::TemplateArgument::Integral)
    return ArrayType{ParamKind::StdArray,
                     *Elem,
                     ObjConst,
                     Args[1].getAsIntegral().getZExtValue(),
                     {},
                     !IsRef};
  if (Name == "span" && !IsRef)
    return ArrayType{ParamKind::Span, *Elem, E.isConstQualified(), 0, {}};
  return std::nullopt;
}

std::optional<LoweringContext::ArrayType>
LoweringContext::returnedArrayType(clang::QualType R) const {
  const auto *Spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
          R->getAsCXXRecordDecl());
  if (R->isReferenceType() || !Spec || !Spec->isInStdNamespace() ||
      Spec->getName() != "array")
    return std::nullopt;
  const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 2 || Args[0].getKind() != clang::TemplateArgument::Type ||
      Args[1].getKind() != clang::TemplateArgument::Integral)
    return std::nullopt;
  auto Elem = scalarType(Args[0].getAsType());
  if (!Elem || !Elem->isFloat())
    return std::nullopt;
  return ArrayType{ParamKind::StdArray,
                   *Elem,
                   false,
                   Args[1].getAsIntegral().getZExtValue(),
                   {}};
}

bool FunctionLowering::storeReturnedArray(const clang::Expr *E) {
  if (!E)
    return fail(FD, "'return' without a value"), false;
  E = E->IgnoreImplicit();
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    if (CE->getNumArgs() == 1) // a copy or move of a local array
      E = CE->getArg(0)->IgnoreImplicit();
  if (const auto *FC = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(E))
    E = FC->getSubExpr()->IgnoreImplicit();
  Type Elem = ReturnedArray->type().element();
  Type Index(TypeKind::Long);
  const ParamInfo &Info = F->paramInfo(F->numParams() - 1);
  long long N = static_cast<long long>(Info.Extent);
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E)) {
    // return {a, b, c}; (std::array's own braces elided or not)
    if (IL->getNumInits() == 1)
      if (const auto *Inner = llvm::dyn_cast<clang::InitListExpr>(
              IL->getInit(0)->IgnoreImplicit()))
        IL = Inner;
    if (IL->getNumInits() > static_cast<unsigned>(N))
      return fail(IL, "too many values for the returned array"), false;
    std::vector<Value *> Values;
    for (unsigned K = 0; K < IL->getNumInits(); ++K) {
      if (llvm::isa<clang::ImplicitValueInitExpr>(IL->getInit(K)))
        break; // return {}; and the zeros after the listed values
      Value *V = expr(IL->getInit(K));
      if (!V)
        return false;
      Values.push_back(B->cast(V, Elem));
    }
    for (long long K = 0; K < N; ++K)
      B->create(Prim::Store,
                {K < static_cast<long long>(Values.size()) ? Values[K]
                                                           : B->zero(Elem),
                 ReturnedArray, B->constant(Index, K)},
                {});
    return true;
  }
  Value *From = bufferOf(E);
  if (!From)
    return false;
  copyElements(ReturnedArray, From, B->constant(Index, N));
  return true;
}

void FunctionLowering::copyElements(Value *To, Value *From, Value *N,
                                    Value *ToOffset, Value *FromOffset) {
  Type Long(TypeKind::Long);
  auto Copy = [&](Value *K) {
    Value *V = B->create(Prim::Load, {From, leafIndex({From, FromOffset}, K)},
                         {From->type().element()})
                   ->result();
    B->create(
        Prim::Store,
        {B->cast(V, To->type().element()), To, leafIndex({To, ToOffset}, K)},
        {});
  };
  const Op *Def = N->definingOp();
  if (Def && Def->prim() == Prim::Const && Def->attrs().IntValue == 1) {
    Copy(B->zero(Long)); // one number: no loop
    return;
  }
  Op *L = B->create(Prim::For, {B->zero(Long), B->cast(N, Long), B->one(Long)},
                    {}, {}, 1);
  B->enter(L->region(0));
  Copy(L->region(0)->addArgument(Long, "k"));
  B->yield({});
  B->exit();
}

Value *FunctionLowering::copyOfArray(Value *From, const clang::VarDecl *VD) {
  B->setLoc(LC.location(VD->getLocation()));
  Value *N = lengthOf(From);
  Value *Copy =
      B->create(Prim::Alloc, {N}, {Type::buffer(From->type().element().kind())})
          ->result();
  Copy->setName(VD->getNameAsString());
  AllocLength[Copy] = N;
  copyElements(Copy, From, N);
  return Copy;
}

Value *FunctionLowering::paramBuffer(const clang::ParmVarDecl *P,
                                     unsigned Index) {
  LoweringContext::ArrayType A = *LC.arrayParamType(P);
  ParamInfo Info;
  Info.Kind = A.Kind;
  Info.Const = A.Const;
  Info.Extent = A.Extent;
  Info.InnerExtents = A.InnerExtents;
  Info.Source = Index;
  std::string Name = P->getNameAsString();
  if (Name.empty())
    Name = "arg" + std::to_string(Index);
  switch (A.Kind) {
  case ParamKind::Pointer: {
    // len(A, rows) of T (*A)[M] counts rows: the buffer has rows * M.
    Info.Length = LC.Lengths[FD->getCanonicalDecl()][Name];
    unsigned long Row = 1;
    for (unsigned long E : A.InnerExtents)
      Row *= E;
    if (Row != 1 && !Info.Length.empty())
      Info.Length = "(" + Info.Length + ") * " + std::to_string(Row);
    break;
  }
  case ParamKind::CArray:
  case ParamKind::StdArray:
  case ParamKind::Reference:
    Info.Length = std::to_string(A.Extent);
    break;
  default:
    Info.Length = Name + ".size()";
  }
  if (A.Rows) {
    // Rows of one length: element k is A[k / M][k % M].
    Info.RowLength = "(" + Name + ".empty() ? 0 : " + Name + "[0].size())";
    Info.RowCount = Name + ".size()";
    Info.Length = Info.RowCount + " * " + Info.RowLength;
  }
  Value *Buf = F->addParam(Type::buffer(A.Element.kind()), Name, Info);
  if (A.Rows) {
    Attributes Row, Count;
    Row.Callee = Info.RowLength;
    Count.Callee = Name + ".size()";
    Type ULong(TypeKind::ULong);
    RowsOf[Buf] = {B->build(Prim::Length, ULong, {Buf}, Count),
                   B->build(Prim::Length, ULong, {Buf}, Row)};
  }
  return Buf;
}

bool subscriptParts(const clang::Expr *E, const clang::Expr *&Base,
                    const clang::Expr *&Index) {
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E)) {
    Base = AS->getBase();
    Index = AS->getIdx();
    return true;
  }
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
      OC && OC->getOperator() == clang::OO_Subscript) {
    Base = OC->getArg(0);
    Index = OC->getArg(1);
    return true;
  }
  return false;
}

Value *FunctionLowering::longOffset(const clang::Expr *E) {
  Value *V = expr(E);
  if (!V)
    return nullptr;
  if (!V->type().isInteger())
    return fail(E, "array index is not an integer");
  return B->cast(V, Type(TypeKind::Long));
}

Value *FunctionLowering::bufferOf(const clang::Expr *E, Value **Offset) {
  const clang::Expr *Inner = E->IgnoreParenImpCasts();
  Type Long(TypeKind::Long);
  auto Shifted = [&](Value *&Off, Value *S) {
    Off = Off ? B->add(B->cast(Off, Long), S) : S;
  };
  // An array plus an offset (A + i * n, &A[k]), where the caller allows it.
  if (Offset) {
    const clang::Expr *Base = nullptr, *Shift = nullptr;
    if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Inner))
      if (BO->getOpcode() == clang::BO_Add) {
        Base = BO->getLHS();
        Shift = BO->getRHS();
      }
    if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Inner))
      if (UO->getOpcode() == clang::UO_AddrOf) // &A[k], &v[k]
        subscriptParts(UO->getSubExpr()->IgnoreParens(), Base, Shift);
    if (Base) {
      Value *Buf = bufferOf(Base, Offset);
      Value *S = Buf ? longOffset(Shift) : nullptr;
      if (!S)
        return nullptr;
      Shifted(*Offset, S);
      return Buf;
    }
  }
  // A row of a multi-dimensional array, A[i] of T A[N][M] or of a
  // std::array of std::arrays: A's buffer from i * M on.
  const clang::Expr *RowOf = nullptr, *RowIndex = nullptr;
  if (subscriptParts(Inner, RowOf, RowIndex) &&
      LC.fixedExtent(Inner->getType())) {
    auto Row = LC.flatArray(Inner->getType().getNonReferenceType());
    Value *RowOffset = nullptr;
    Value *Buf = Row ? bufferOf(RowOf, &RowOffset) : nullptr;
    Value *I = Buf ? longOffset(RowIndex) : nullptr;
    if (!I)
      return Row ? nullptr : fail(E, "this array's elements are not numbers");
    Shifted(RowOffset,
            B->mul(I, B->constant(Long, static_cast<long long>(Row->second))));
    if (Offset)
      Shifted(*Offset, RowOffset);
    else
      LastOffset = RowOffset;
    return Buf;
  }
  // v.data() names the array v.
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Inner))
    if (MC->getMethodDecl() && MC->getMethodDecl()->getNameAsString() == "data")
      Inner = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
  // A row of a std::vector of std::vectors: the matrix from i * M on.
  if (Value *RowOffset = nullptr, *Buf = rowOfMatrix(Inner, RowOffset); Buf) {
    if (Offset)
      Shifted(*Offset, RowOffset);
    else
      LastOffset = RowOffset;
    return Buf;
  }
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(Inner))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      if (Moving.count(VD) && !takeDispatch(VD, E))
        return nullptr;
      auto Ptr = PointerBase.find(VD);
      if (Ptr != PointerBase.end()) { // a local pointer: its offset
        Value *Off = Env[VD];
        if (!Offset)
          LastOffset = Off;
        else
          *Offset = *Offset ? B->add(B->cast(*Offset, Off->type()), Off) : Off;
        return Ptr->second;
      }
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
  if (std::optional<Leaf> L = memberLeaf(Inner)) {
    // cam.r, a member array of a record (at an offset: ps[i].pos)
    if (L->Offset && Offset)
      *Offset = *Offset ? B->add(*Offset, L->Offset) : L->Offset;
    else if (L->Offset)
      LastOffset = L->Offset;
    return L->Buf;
  }
  fail(E, "this array expression is not supported; adgen indexes array "
          "parameters and local arrays by name, and passes an array plus an "
          "offset only to user functions");
  return nullptr;
}

Value *FunctionLowering::rowOfMatrix(const clang::Expr *E, Value *&Offset) {
  const clang::Expr *Base = nullptr, *Index = nullptr;
  if (!subscriptParts(E->IgnoreParenImpCasts(), Base, Index))
    return nullptr;
  const clang::VarDecl *VD = varOf(Base);
  auto It = VD ? Env.find(VD) : Env.end();
  if (It == Env.end() || !RowsOf.count(It->second))
    return nullptr;
  Value *I = longOffset(Index);
  if (!I)
    return nullptr;
  Type Long(TypeKind::Long);
  Offset = B->mul(I, B->cast(RowsOf.at(It->second).second, Long));
  return It->second;
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
  if (accessorOf(E)) { // a record's double &operator[]
    Place P;
    return accessorPlace(E, P, /*ForWrite=*/false) ? read(P, E) : nullptr;
  }
  const clang::Expr *Base = nullptr, *Index = nullptr;
  subscriptParts(E, Base, Index);
  Dispatch Through;
  Value *Buf = bufferThrough(Base, nullptr, Through);
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
  return loadThrough(Through, Buf, I);
}

Value *FunctionLowering::memberCall(const clang::CXXMemberCallExpr *E) {
  const clang::CXXMethodDecl *M = E->getMethodDecl();
  if (M && M->getNameAsString() == "size" && E->getNumArgs() == 0) {
    // A std::array's size is its type's: N of a std::array of rows too.
    if (auto N = LC.fixedExtent(E->getImplicitObjectArgument()->getType()))
      return B->constant(*LC.scalarType(E->getType()), *N);
    if (RecordArray A; recordArrayOf(E->getImplicitObjectArgument(), A))
      return B->cast(A.Count, *LC.scalarType(E->getType()));
    // A[i].size() and A.size() of a std::vector of std::vectors.
    Value *RowOffset = nullptr;
    if (Value *Buf = rowOfMatrix(E->getImplicitObjectArgument(), RowOffset))
      return B->cast(RowsOf.at(Buf).second, *LC.scalarType(E->getType()));
    if (const auto *VD = varOf(E->getImplicitObjectArgument()))
      if (auto It = Env.find(VD); It != Env.end() && RowsOf.count(It->second)) {
        // The matrix itself counts rows; a helper's vector bound to one of
        // its rows has the rows' length.
        auto A = LC.arrayTypeOf(VD->getType());
        const auto &Rows = RowsOf.at(It->second);
        return B->cast(A && A->Rows ? Rows.first : Rows.second,
                       *LC.scalarType(E->getType()));
      }
    Value *Buf = bufferOf(E->getImplicitObjectArgument());
    LastOffset = nullptr;
    if (!Buf)
      return nullptr;
    return B->cast(lengthOf(Buf), *LC.scalarType(E->getType()));
  }
  // A member function the translation unit defines: lowered in place,
  // with the object as its record.
  if (M && M->hasBody() &&
      !LC.Ctx.getSourceManager().isInSystemHeader(
          M->getDefinition()->getLocation()))
    return inlineCall(E, llvm::cast<clang::FunctionDecl>(M->getDefinition()));
  return fail(E, "member function calls are not supported (except .size() "
                 "of an array, and member functions of records defined in "
                 "the file or its headers)");
}

} // namespace adgen
