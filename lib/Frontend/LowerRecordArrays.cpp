//===- LowerRecordArrays.cpp - Arrays of records --------------------------===//
// `const std::vector<Point> &ps`, `const Point *ps` with len(ps, n): one
// buffer per member holding that member of every record; ps[i] is a record
// whose leaves are those buffers at record i's offset.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace adgen {

std::optional<LoweringContext::RecordArrayParam>
LoweringContext::recordArrayType(clang::QualType T, bool PointerIsArray) const {
  clang::QualType Elem;
  ParamKind Kind;
  unsigned long Extent = 0;
  bool Const;
  if (const auto *CA = Ctx.getAsConstantArrayType(T)) {
    Elem = CA->getElementType();
    Kind = ParamKind::CArray;
    Extent = CA->getSize().getZExtValue();
    Const = Elem.isConstQualified();
  } else if (T->isPointerType()) {
    if (!PointerIsArray)
      return std::nullopt;
    Elem = T->getPointeeType();
    Kind = ParamKind::Pointer;
    Const = Elem.isConstQualified();
  } else {
    clang::QualType Obj = T.getNonReferenceType();
    const auto *Spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
            Obj->getAsCXXRecordDecl());
    if (!Spec || !Spec->isInStdNamespace())
      return std::nullopt;
    const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != clang::TemplateArgument::Type)
      return std::nullopt;
    Elem = Args[0].getAsType();
    // By value, the caller's container is an input.
    Const = Obj.isConstQualified() || !T->isReferenceType();
    if (Spec->getName() == "vector") {
      Kind = ParamKind::StdVector;
    } else if (auto Fixed = fixedArray(Ctx, Obj);
               Fixed && Spec->getName() == "array") {
      Kind = ParamKind::StdArray;
      Extent = Fixed->second;
    } else {
      return std::nullopt;
    }
  }
  auto R = recordParamType(Elem);
  if (!R)
    return std::nullopt;
  R->Const = Const;
  return RecordArrayParam{*R, Kind, Extent};
}

std::optional<LoweringContext::RecordArrayParam>
LoweringContext::recordArrayParam(const clang::ParmVarDecl *P) const {
  const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(P->getDeclContext());
  bool HasLength = false;
  if (FD) {
    auto It = Lengths.find(FD->getCanonicalDecl());
    HasLength = It != Lengths.end() && It->second.count(P->getNameAsString());
  }
  return recordArrayType(P->getOriginalType(), HasLength);
}

bool LoweringContext::recordArrayLeaves(const RecordArrayParam &A,
                                        std::vector<RecordLeaf> &Leaves,
                                        std::string &Spelled,
                                        std::string &Forward,
                                        std::string &Why) const {
  if (!recordLeaves(A.Element.Decl, "", Leaves, Why) ||
      !recordSpelling(A.Element, Spelled, Forward, Why))
    return false;
  if (Leaves.empty()) {
    Why = "its records have no members";
    return false;
  }
  for (const RecordLeaf &L : Leaves) {
    if (scalarType(L.Type))
      continue;
    auto M = memberArrayType(L.Type);
    if (M->Kind == ParamKind::StdVector || !M->InnerExtents.empty()) {
      Why = "member '" + L.Path.substr(1) + "' of its records is a " +
            (M->Kind == ParamKind::StdVector ? "std::vector"
                                             : "multi-dimensional array") +
            "; an array of records may hold numbers and one-dimensional "
            "T[N] or std::array members";
      return false;
    }
  }
  return true;
}

std::pair<Type, unsigned long>
LoweringContext::leafElements(const RecordLeaf &L) const {
  if (auto S = scalarType(L.Type))
    return {*S, 1};
  auto M = *memberArrayType(L.Type);
  return {M.Element, M.Extent};
}

bool LoweringContext::checkRecordArrayParam(const clang::ParmVarDecl *P) {
  std::vector<RecordLeaf> Leaves;
  std::string Why, Spelled, Forward;
  if (recordArrayLeaves(*recordArrayParam(P), Leaves, Spelled, Forward, Why))
    return true;
  error(P->getLocation(),
        "parameter '" + P->getNameAsString() + "' of type '" +
            P->getType().getAsString(Ctx.getPrintingPolicy()) + "': " + Why);
  return false;
}

bool FunctionLowering::lowerRecordArrayParam(const clang::ParmVarDecl *P,
                                             const std::string &Name,
                                             unsigned Index) {
  // LoweringContext::checkRecordArrayParam accepted P.
  LoweringContext::RecordArrayParam A = *LC.recordArrayParam(P);
  std::vector<LoweringContext::RecordLeaf> Leaves;
  std::string Why, Spelled, Forward;
  LC.recordArrayLeaves(A, Leaves, Spelled, Forward, Why);
  std::string Count, Container = Spelled;
  switch (A.Kind) {
  case ParamKind::Pointer:
    Count = LC.Lengths[FD->getCanonicalDecl()][Name];
    break;
  case ParamKind::StdVector:
    Count = Name + ".size()";
    Container = "std::vector<" + Spelled + ">";
    break;
  case ParamKind::StdArray:
    Container = "std::array<" + Spelled + ", " + std::to_string(A.Extent) + ">";
    [[fallthrough]];
  default:
    Count = std::to_string(A.Extent);
  }
  bool Simple = Count.find_first_of(" +-*/%") == std::string::npos;
  RecordArray &Out = RecordArrays[P];
  for (const LoweringContext::RecordLeaf &L : Leaves) {
    ParamInfo Info;
    Info.Kind = A.Kind;
    Info.Const = A.Element.Const;
    Info.RecordType = Container;
    Info.RecordForward = Forward;
    Info.RecordByPointer =
        A.Kind == ParamKind::Pointer || A.Kind == ParamKind::CArray;
    Info.RecordCount = Count;
    Info.Source = Index;
    auto [Elem, E] = LC.leafElements(L);
    Info.MemberExtent = E;
    Info.Extent = A.Extent * E;
    Info.Length = E == 1 ? Count
                         : (Simple ? Count : "(" + Count + ")") + " * " +
                               std::to_string(E);
    Value *Buf =
        F->addParam(Type::buffer(Elem.kind()), Name + "[]" + L.Path, Info);
    Out.Members[L.Path] = {Buf};
    Out.Extent[L.Path] = E;
    if (!Out.Count) {
      Attributes Attrs;
      Attrs.Callee = Count;
      Out.Count = B->build(
          Prim::Length,
          Type(A.Kind == ParamKind::Pointer ? TypeKind::Long : TypeKind::ULong),
          {Buf}, Attrs);
    }
  }
  return true;
}

bool FunctionLowering::recordArrayOf(const clang::Expr *E, RecordArray &Out,
                                     bool Evaluate) {
  E = E->IgnoreParenImpCasts();
  Type Long(TypeKind::Long);
  auto Shift = [&](const clang::Expr *By) {
    if (!Evaluate)
      return true;
    Value *K = longOffset(By);
    if (!K)
      return false;
    Out.Offset = Out.Offset ? B->add(Out.Offset, K) : K;
    return true;
  };
  if (const auto *VD = varOf(E)) {
    auto It = RecordArrays.find(VD);
    if (It == RecordArrays.end())
      return false;
    Out = It->second;
    return true;
  }
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    const clang::CXXMethodDecl *M = MC->getMethodDecl();
    return M && M->getNameAsString() == "data" && MC->getNumArgs() == 0 &&
           recordArrayOf(MC->getImplicitObjectArgument(), Out, Evaluate);
  }
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E);
      BO && BO->getOpcode() == clang::BO_Add) {
    bool Left = BO->getLHS()->getType()->isPointerType();
    return recordArrayOf(Left ? BO->getLHS() : BO->getRHS(), Out, Evaluate) &&
           Shift(Left ? BO->getRHS() : BO->getLHS());
  }
  const clang::Expr *Base = nullptr, *Index = nullptr;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E);
      UO && UO->getOpcode() == clang::UO_AddrOf &&
      subscriptParts(UO->getSubExpr()->IgnoreParens(), Base, Index))
    return recordArrayOf(Base, Out, Evaluate) && Shift(Index); // &ps[k]
  return false;
}

FunctionLowering::Leaves FunctionLowering::recordElement(const RecordArray &A,
                                                         Value *K) {
  Type Long(TypeKind::Long);
  Value *First = nullptr;
  if (K)
    First = A.Offset ? B->add(A.Offset, B->cast(K, Long)) : B->cast(K, Long);
  Leaves Out;
  for (const auto &[Path, L] : A.Members) {
    unsigned long E = A.Extent.at(Path);
    Value *Offset = nullptr;
    if (First)
      Offset =
          E == 1 ? First
                 : B->mul(First, B->constant(Long, static_cast<long long>(E)));
    Out[Path] = {L.Buf, Offset, E};
  }
  return Out;
}

bool FunctionLowering::bindRecordArray(FunctionLowering &Sub,
                                       const clang::ParmVarDecl *P,
                                       const clang::Expr *Arg, bool &Bound) {
  RecordArray A;
  Bound = false;
  if (!recordArrayOf(Arg, A))
    return true;
  Bound = true;
  auto R = LC.recordArrayType(P->getType(), /*PointerIsArray=*/true);
  if (!R)
    return fail(Arg, "this array of records is passed to parameter '" +
                         P->getNameAsString() + "' of type '" +
                         P->getType().getAsString() +
                         "'; pass it as a pointer, a std::vector or a "
                         "std::array of the records"),
           false;
  if (R->Kind != ParamKind::Pointer && !P->getType()->isReferenceType() &&
      writesRecord(Sub.FD->getBody(), P))
    return fail(Arg, "'" + P->getNameAsString() +
                         "' is a copy of an array of records that the "
                         "callee changes, which is not supported yet; take "
                         "it by reference"),
           false;
  if (!R->Element.Const)
    for (const auto &[Path, L] : A.Members)
      if (isInputLeaf(L))
        return fail(Arg, "'" + P->getNameAsString() +
                             "' is a non-const array of records, and the "
                             "argument is a parameter adgen reads as an "
                             "input; copy it first"),
               false;
  Sub.RecordArrays[P] = A;
  return true;
}

/// Whether a default-initialised RD gets values from default member
/// initialisers or a user-provided default constructor (of it or of the
/// records it holds).
static bool initialisesItself(const clang::CXXRecordDecl *RD) {
  if (RD->hasUserProvidedDefaultConstructor())
    return true;
  for (const clang::FieldDecl *FD : RD->fields()) {
    if (FD->hasInClassInitializer())
      return true;
    if (const auto *Inner = FD->getType()->getAsCXXRecordDecl();
        Inner && !Inner->isInStdNamespace() && initialisesItself(Inner))
      return true;
  }
  return false;
}

bool FunctionLowering::lowerRecordArrayDecl(const clang::VarDecl *VD) {
  if (VD->getType()->isReferenceType()) {
    // Another name for an array of records: reads and writes go to it.
    RecordArray Named;
    if (VD->getInit() && recordArrayOf(VD->getInit(), Named)) {
      RecordArrays[VD] = Named;
      return true;
    }
    return fail(VD, "reference '" + VD->getNameAsString() +
                        "' binds to an array of records adgen cannot follow; "
                        "use the array's own name"),
           false;
  }
  LoweringContext::RecordArrayParam A =
      *LC.recordArrayType(VD->getType(), /*PointerIsArray=*/false);
  if (initialisesItself(A.Element.Decl))
    return fail(VD, "local array of records '" + VD->getNameAsString() +
                        "': its records have default member initialisers "
                        "or a default constructor, which adgen does not run "
                        "for arrays yet; assign the members in a loop"),
           false;
  std::vector<LoweringContext::RecordLeaf> Leaves;
  std::string Why, Spelled, Forward, Name = VD->getNameAsString();
  if (!LC.recordArrayLeaves(A, Leaves, Spelled, Forward, Why))
    return fail(VD, "local array of records '" + Name + "': " + Why), false;
  B->setLoc(LC.location(VD->getLocation()));
  Type Count(TypeKind::ULong);
  const clang::Expr *Init = VD->getInit();
  for (const clang::Expr *Before = nullptr; Init && Init != Before;) {
    Before = Init;
    Init = Init->IgnoreImplicit()->IgnoreParens();
  }
  RecordArray Made, From;
  bool Copy = false;
  if (const auto *CE = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(Init)) {
    unsigned Args = 0; // the allocator's default argument left out
    while (Args < CE->getNumArgs() &&
           !llvm::isa<clang::CXXDefaultArgExpr>(CE->getArg(Args)))
      ++Args;
    if (Args == 1 && recordArrayOf(CE->getArg(0), From))
      Copy = true; // std::vector<Point> q = ps
    else if (A.Kind == ParamKind::StdVector && Args == 1 &&
             CE->getArg(0)->getType()->isIntegerType()) {
      Value *N = expr(CE->getArg(0)); // std::vector<Point> q(n): zeros
      if (!N)
        return false;
      Made.Count = B->cast(N, Count);
    } else if (Args != 0) {
      return fail(Init, "this initialiser of the array of records '" + Name +
                            "' is not supported; adgen makes them "
                            "zero-initialised, from braces, of n zeroed "
                            "records (std::vector<R> v(n)) or as a copy"),
             false;
    }
  } else if (Init && !llvm::isa<clang::InitListExpr>(Init) &&
             !llvm::isa<clang::ImplicitValueInitExpr>(Init)) {
    if (!recordArrayOf(Init, From))
      return fail(Init, "this initialiser of the array of records '" + Name +
                            "' is not supported"),
             false;
    Copy = true;
  }
  if (Copy)
    Made.Count = B->cast(From.Count, Count);
  else if (A.Kind != ParamKind::StdVector)
    Made.Count = B->constant(Count, static_cast<long long>(A.Extent));
  if (!Made.Count)
    return fail(VD, "the std::vector of records '" + Name +
                        "' needs its size (std::vector<R> v(n)); adgen does "
                        "not follow push_back"),
           false;
  Type Long(TypeKind::Long);
  for (const LoweringContext::RecordLeaf &L : Leaves) {
    auto [Elem, E] = LC.leafElements(L);
    Value *N = B->cast(Made.Count, Long);
    if (E != 1)
      N = B->mul(N, B->constant(Long, static_cast<long long>(E)));
    Value *Buf =
        B->create(Prim::Alloc, {N}, {Type::buffer(Elem.kind())})->result();
    Buf->setName(Name + L.Path);
    AllocLength[Buf] = N;
    Made.Members[L.Path] = {Buf};
    Made.Extent[L.Path] = E;
  }
  RecordArrays[VD] = Made;
  if (Copy) {
    // From's first record on, every member at once.
    FunctionLowering::Leaves Src = recordElement(From, B->zero(Long));
    for (const auto &[Path, To] : Made.Members)
      copyElements(To.Buf, Src.at(Path).Buf, lengthOf(To.Buf), nullptr,
                   Src.at(Path).Offset);
    return true;
  }
  // Braces: one record per initialiser, the rest zero.
  const auto *IL = llvm::dyn_cast_or_null<clang::InitListExpr>(Init);
  if (IL && IL->getNumInits() == 1 && A.Kind == ParamKind::StdArray)
    if (const auto *Inner = llvm::dyn_cast<clang::InitListExpr>(
            IL->getInit(0)->IgnoreImplicit()))
      IL = Inner; // std::array<Point, 3> q{{...}}
  for (unsigned K = 0; IL && K < IL->getNumInits(); ++K) {
    const clang::Expr *E = IL->getInit(K);
    if (llvm::isa<clang::ImplicitValueInitExpr>(E->IgnoreImplicit()))
      continue;
    if (!initRecord(recordElement(Made, B->constant(Long, K)), A.Element.Decl,
                    E))
      return false;
  }
  return true;
}

bool FunctionLowering::lowerRecordPointerDecl(const clang::VarDecl *VD) {
  std::set<const clang::VarDecl *> Assigned;
  collectAssignedVars(FD->getBody(), Assigned);
  const clang::Expr *Init = VD->getInit();
  if (Init && !Assigned.count(VD)) {
    RecordArray A;
    if (recordArrayOf(Init, A)) {
      RecordArrays[VD] = A;
      return true;
    }
    Leaves One;
    if (recordAt(Init, One)) {
      Records[VD] = One;
      return true;
    }
  }
  return fail(VD, "local pointer '" + VD->getNameAsString() +
                      "' to records: adgen follows pointers to records "
                      "that are initialised with a record's address or an "
                      "element of an array of records (`const Point *p = "
                      "&ps[i]`) and never reassigned; use a reference "
                      "(`const Point &p = ps[i]`) or an index"),
         false;
}

} // namespace adgen
