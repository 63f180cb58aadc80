//===- LowerLocalArrays.cpp - Local arrays as zero-initialised buffers ----===//
// T a[N], std::array<T, N> and std::vector<T> locals become alloc ops; their
// initialisers (lists, a length and value, a copy, a range) become stores.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace adgen {

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

/// The values of a nested initialiser list of a T[N][M]..., row-major. Sema
/// gives each row all its elements (missing ones as ImplicitValueInitExpr,
/// or an array filler for a row left out entirely).
void FunctionLowering::flattenInitList(const clang::InitListExpr *IL,
                                       std::vector<const clang::Expr *> &Out) {
  const auto *CA = LC.Ctx.getAsConstantArrayType(IL->getType());
  if (!CA) { // a std::array: its one member array, or zeros
    if (IL->getNumInits() >= 1)
      if (const auto *Member = llvm::dyn_cast<clang::InitListExpr>(
              IL->getInit(0)->IgnoreImplicit()))
        flattenInitList(Member, Out);
    return;
  }
  unsigned long Size = CA->getSize().getZExtValue();
  unsigned long Row = 1;
  if (auto Flat = LC.flatArray(CA->getElementType()))
    Row = Flat->second;
  for (unsigned long I = 0; I < Size; ++I) {
    const clang::Expr *X =
        I < IL->getNumInits() ? IL->getInit(I) : IL->getArrayFiller();
    if (const auto *Sub =
            X ? llvm::dyn_cast<clang::InitListExpr>(X->IgnoreImplicit())
              : nullptr) {
      flattenInitList(Sub, Out);
      continue;
    }
    // A scalar, or a whole row left to its filler: Row zeros.
    for (unsigned long K = 0; K < Row; ++K)
      Out.push_back(Row == 1 ? X : nullptr);
  }
}

bool FunctionLowering::lowerArrayDecl(const clang::VarDecl *VD) {
  clang::QualType T = VD->getType();
  std::optional<Type> Elem;
  Value *Length = nullptr;
  const clang::Expr *Init = VD->getInit();
  std::vector<const clang::Expr *> Elements;
  const clang::Expr *Fill = nullptr;
  Value *CopyFrom = nullptr, *CopyOffset = nullptr;
  bool Nested = false;
  if (LC.Ctx.getAsConstantArrayType(T)) {
    // T a[N], and T C[N][M]... as one row-major buffer of N * M.
    if (auto Flat = LC.flatArray(T)) {
      Elem = LC.scalarType(Flat->first);
      Length = B->constant(Type(TypeKind::ULong), Flat->second);
      Nested =
          LC.Ctx.getAsConstantArrayType(
              LC.Ctx.getAsConstantArrayType(T)->getElementType()) != nullptr;
    }
  } else if (const auto *Spec =
                 llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
                     T->getAsCXXRecordDecl());
             Spec && Spec->isInStdNamespace()) {
    const auto &Args = Spec->getTemplateArgs();
    if (Args.size() >= 1 && Args[0].getKind() == clang::TemplateArgument::Type)
      Elem = LC.scalarType(Args[0].getAsType());
    std::string Name = Spec->getName().str();
    if (Name == "array" && !Elem) // std::array of std::arrays: one buffer
      if (auto Flat = LC.flatArray(T)) {
        Elem = LC.scalarType(Flat->first);
        Length = B->constant(Type(TypeKind::ULong), Flat->second);
        Nested = true;
        if (Init && llvm::isa<clang::CXXConstructExpr>(Init->IgnoreImplicit()))
          return fail(VD, "a std::array of std::arrays is initialised with "
                          "braces only ({} or nested values)"),
                 false;
      }
    if (Name == "array" && Args.size() >= 2 && !Nested)
      Length = B->constant(Type(TypeKind::ULong),
                           Args[1].getAsIntegral().getZExtValue());
    if ((Name == "vector" || Name == "array") && !Nested)
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
      if (Nested) {
        // {{a, b}, {c, d}}: Sema has filled every row to its full size.
        flattenInitList(IL, Elements);
      } else {
        if (IL->getNumInits() == 1)
          if (const auto *Inner = llvm::dyn_cast<clang::InitListExpr>(
                  IL->getInit(0)->IgnoreImplicit()))
            IL = Inner; // std::array<T, N> a{{...}}
        for (const clang::Expr *X : IL->inits())
          Elements.push_back(X);
      }
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
    if (!Elements[I] || llvm::isa<clang::ImplicitValueInitExpr>(Elements[I]))
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

} // namespace adgen
