//===- LowerRecords.cpp - Parameters of class type ------------------------===//
// A parameter of class type (`const Camera &cam`) is lowered as one IR
// parameter per leaf member (cam.f, cam.r[3]); member accesses name them.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"

namespace adgen {

std::optional<LoweringContext::RecordParam>
LoweringContext::recordParamType(clang::QualType T) const {
  bool ByPointer = T->isPointerType();
  clang::QualType Obj =
      ByPointer ? T->getPointeeType() : T.getNonReferenceType();
  const clang::CXXRecordDecl *RD = Obj->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace() || RD->isLambda())
    return std::nullopt;
  bool ByValue = !ByPointer && !T->isReferenceType();
  return RecordParam{RD, Obj.getUnqualifiedType(), ByPointer,
                     ByValue || Obj.isConstQualified()};
}

std::optional<LoweringContext::ArrayType>
LoweringContext::memberArrayType(clang::QualType T) const {
  if (Ctx.getAsConstantArrayType(T))
    return arrayTypeOf(T);
  return arrayTypeOf(Ctx.getLValueReferenceType(T));
}

bool LoweringContext::recordLeaves(const clang::CXXRecordDecl *R,
                                   const std::string &Prefix,
                                   std::vector<RecordLeaf> &Out,
                                   std::string &Why, bool HeapArrays) const {
  std::string Name = R->getNameAsString();
  if (R->isUnion()) {
    Why = "'" + Name + "' is a union";
    return false;
  }
  if (R->getNumBases() || R->isPolymorphic()) {
    Why = "'" + Name + "' has base classes or virtual functions";
    return false;
  }
  for (const clang::FieldDecl *FD : R->fields()) {
    clang::QualType T = FD->getType();
    std::string Path = Prefix + "." + FD->getNameAsString();
    auto Bad = [&](const std::string &What) {
      Why = "member '" + Path.substr(1) + "' of '" + Name + "' " + What;
      return false;
    };
    if (FD->getName().empty() || FD->isBitField())
      return Bad("is unnamed or a bit-field");
    if (HeapArrays && T->isPointerType() && scalarType(T->getPointeeType()) &&
        !T->getPointeeType().isConstQualified()) {
      Out.push_back({Path, T});
      continue;
    }
    if (T->isReferenceType() || T->isPointerType())
      return Bad("is a " +
                 std::string(T->isPointerType() ? "pointer" : "reference") +
                 " ('" + T.getAsString() +
                 "'); adgen lowers members that hold their values (numbers, "
                 "T[N], std::array, std::vector, and classes of those), and "
                 "in local records `T *` members the constructor allocates "
                 "with new T[n]");
    if (scalarType(T) || memberArrayType(T)) {
      Out.push_back({Path, T});
      continue;
    }
    if (auto Nested = recordParamType(T)) {
      if (!recordLeaves(Nested->Decl, Path, Out, Why))
        return false;
      continue;
    }
    return Bad("has type '" + T.getAsString() +
               "', which adgen does not lower (numbers, T[N], std::array, "
               "std::vector, and classes of those)");
  }
  return true;
}

bool LoweringContext::recordSpelling(const RecordParam &R, std::string &Name,
                                     std::string &Forward,
                                     std::string &Why) const {
  Name = clang::TypeName::getFullyQualifiedName(R.Type, Ctx,
                                                Ctx.getPrintingPolicy());
  const clang::CXXRecordDecl *RD = R.Decl;
  // An instance of a class template is declared ahead as its template:
  // `template <typename T, int N> struct Vec;` (no default arguments, which
  // the definition may then give).
  std::string Head;
  if (const auto *Spec =
          llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD)) {
    const clang::TemplateParameterList *Params =
        Spec->getSpecializedTemplate()->getTemplateParameters();
    for (const clang::NamedDecl *P : *Params) {
      std::string Pack, Spelled;
      if (const auto *TP = llvm::dyn_cast<clang::TemplateTypeParmDecl>(P)) {
        Spelled = TP->wasDeclaredWithTypename() ? "typename" : "class";
        Pack = TP->isParameterPack() ? "..." : "";
      } else if (const auto *NP =
                     llvm::dyn_cast<clang::NonTypeTemplateParmDecl>(P)) {
        Spelled = NP->getType().getAsString(Ctx.getPrintingPolicy());
        Pack = NP->isParameterPack() ? "..." : "";
      } else {
        Why = "'" + Name +
              "' is an instance of a class template with a template template "
              "parameter, which is not supported yet";
        return false;
      }
      Head += (Head.empty() ? "template <" : ", ") + Spelled + Pack +
              (P->getName().empty() ? "" : " " + P->getNameAsString());
    }
    Head += "> ";
  }
  std::string Open, Close;
  for (const clang::DeclContext *DC = RD->getDeclContext();
       !DC->isTranslationUnit(); DC = DC->getParent()) {
    const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(DC);
    if (!NS) {
      Why = "'" + Name +
            "' is a class nested in a class or function, which is not "
            "supported yet";
      return false;
    }
    std::string Keyword = NS->isInline() ? "inline namespace " : "namespace ";
    Open = Keyword + (NS->isAnonymousNamespace() ? "" : NS->getName().str()) +
           " { " + Open;
    Close += " }";
  }
  Forward = Open + Head + RD->getKindName().str() + " " +
            RD->getNameAsString() + ";" + Close;
  return true;
}

bool LoweringContext::checkRecordParam(const clang::ParmVarDecl *P) {
  RecordParam R = *recordParamType(P->getType());
  std::vector<RecordLeaf> Leaves;
  std::string Why, Spelled, Forward;
  std::string Name = P->getNameAsString();
  std::string Type = P->getType().getAsString(Ctx.getPrintingPolicy());
  if (!recordLeaves(R.Decl, "", Leaves, Why) ||
      !recordSpelling(R, Spelled, Forward, Why)) {
    error(P->getLocation(),
          "parameter '" + Name + "' of type '" + Type + "': " + Why);
    return false;
  }
  return true;
}

bool FunctionLowering::lowerRecordParam(clang::QualType T,
                                        const clang::VarDecl *Key,
                                        const std::string &Name,
                                        unsigned Index) {
  // LoweringContext::checkRecordParam accepted T.
  LoweringContext::RecordParam R = *LC.recordParamType(T);
  std::vector<LoweringContext::RecordLeaf> Leaves;
  std::string Why, Spelled, Forward;
  LC.recordLeaves(R.Decl, "", Leaves, Why);
  LC.recordSpelling(R, Spelled, Forward, Why);
  auto &Bound = Records[Key];
  for (const LoweringContext::RecordLeaf &L : Leaves) {
    // cam.intr.f, or pt->x for a pointer: the name is the access path.
    std::string Path = Name + (R.ByPointer ? "->" + L.Path.substr(1) : L.Path);
    ParamInfo Info;
    Info.Const = R.Const; // a non-const R & or R *: an output, or in-out
    Info.RecordType = Spelled;
    Info.RecordForward = Forward;
    Info.RecordByPointer = R.ByPointer;
    Info.Source = Index;
    Type Elem(TypeKind::Double);
    if (auto S = LC.scalarType(L.Type)) {
      Info.Kind = ParamKind::Reference; // one value, read by its path
      Info.Extent = 1;
      Info.Length = "1";
      Elem = *S;
    } else {
      auto A = *LC.memberArrayType(L.Type);
      Info.Kind = A.Kind;
      Info.Extent = A.Extent;
      Info.InnerExtents = A.InnerExtents;
      Info.Length = A.Kind == ParamKind::StdVector ? Path + ".size()"
                                                   : std::to_string(A.Extent);
      Elem = A.Element;
    }
    Bound[L.Path] = {F->addParam(Type::buffer(Elem.kind()), Path, Info)};
  }
  return true;
}

bool FunctionLowering::recordAt(const clang::Expr *E, Leaves &Out,
                                bool Evaluate) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E)) {
    const auto *Field = llvm::dyn_cast<clang::FieldDecl>(ME->getMemberDecl());
    Leaves Whole;
    if (!Field || !recordAt(ME->getBase(), Whole, Evaluate))
      return false;
    Out = subLeaves(Whole, "." + Field->getNameAsString());
    return !Out.empty();
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (UO->getOpcode() == clang::UO_Deref ||
        UO->getOpcode() == clang::UO_AddrOf)
      return recordAt(UO->getSubExpr(), Out, Evaluate); // (*p).a, &cam
  if (const auto *VD = varOf(E); VD && Records.count(VD)) {
    Out = Records[VD];
    return true;
  }
  // In a member function: its object, kept as the record of no variable.
  if (llvm::isa<clang::CXXThisExpr>(E) && Records.count(nullptr)) {
    Out = Records[nullptr];
    return true;
  }
  // p->x, *p of a pointer into an array of records: its first record.
  RecordArray A;
  if (E->getType()->isPointerType() && recordArrayOf(E, A, Evaluate)) {
    Out = recordElement(A, Evaluate ? B->zero(Type(TypeKind::Long)) : nullptr);
    return true;
  }
  // ps[i] of an array of records.
  const clang::Expr *Base = nullptr, *Index = nullptr;
  if (!subscriptParts(E, Base, Index) || !recordArrayOf(Base, A, Evaluate))
    return false;
  Value *K = nullptr;
  if (Evaluate && !(K = longOffset(Index)))
    return false;
  Out = recordElement(A, K);
  return true;
}

std::optional<FunctionLowering::Leaf>
FunctionLowering::memberLeaf(const clang::Expr *E, bool Evaluate) {
  Leaves L;
  if (!llvm::isa<clang::MemberExpr>(E->IgnoreParenImpCasts()) ||
      !recordAt(E, L, Evaluate) || L.size() != 1 || !L.count("") ||
      !L.at("").Buf) // a pointer member before its constructor allocates it
    return std::nullopt;
  return L.at("");
}

Value *FunctionLowering::leafIndex(const Leaf &L, Value *K) {
  if (!L.Offset)
    return K;
  Type Long(TypeKind::Long);
  return B->add(L.Offset, B->cast(K, Long));
}

Value *FunctionLowering::leafLength(const Leaf &L) {
  if (!L.Extent)
    return lengthOf(L.Buf);
  return B->constant(Type(TypeKind::Long), static_cast<long long>(L.Extent));
}

Value *FunctionLowering::memberRead(const clang::MemberExpr *E) {
  std::optional<Leaf> L = memberLeaf(E);
  const clang::Expr *Base = nullptr, *Index = nullptr;
  if (!L && subscriptParts(E->getBase()->IgnoreParenImpCasts(), Base, Index))
    if (const auto *VD = varOf(Base); VD && Records.count(VD) &&
                                      VD->getType()->isPointerType() &&
                                      llvm::isa<clang::ParmVarDecl>(VD))
      return fail(E, "'" + VD->getNameAsString() +
                         "' is read as one record; to index it as an array "
                         "of records, add len(" +
                         VD->getNameAsString() +
                         ", <number of records>) to ADGEN(...)");
  if (!L)
    return fail(E, "this member access is not supported; adgen reads the "
                   "members of record parameters (cam.f, cam.r[i], p->x)");
  if (!LC.scalarType(E->getType()))
    return fail(E, "member '" + E->getMemberDecl()->getNameAsString() +
                       "' is an array; index it, or pass it to a function "
                       "that takes an array");
  B->setLoc(LC.location(E->getExprLoc()));
  return B
      ->create(Prim::Load,
               {L->Buf, leafIndex(*L, B->zero(Type(TypeKind::Long)))},
               {L->Buf->type().element()})
      ->result();
}

bool FunctionLowering::bindRecordArgument(FunctionLowering &Sub,
                                          const clang::ParmVarDecl *P,
                                          const clang::Expr *Arg) {
  Leaves Bound;
  if (!recordLeavesOf(Arg, Bound))
    return false;
  auto R = LC.recordParamType(P->getType());
  if (!R->Const)
    for (const auto &[Path, L] : Bound)
      if (isInputLeaf(L))
        return fail(Arg, "'" + P->getNameAsString() +
                             "' is a non-const record parameter, and the "
                             "argument is a record parameter adgen reads as "
                             "an input; pass a local copy"),
               false;
  if (!R->ByPointer && !P->getType()->isReferenceType() &&
      writesRecord(Sub.FD->getBody(), P)) {
    // A callee's own copy, which it changes.
    Leaves Copy;
    if (!allocRecord(R->Decl, P->getNameAsString(), Arg->getExprLoc(), Copy))
      return false;
    copyLeaves(Copy, Bound);
    Bound = Copy;
  }
  Sub.Records[P] = Bound;
  return true;
}

/// The variable at the root of E: v of v.a[i].b, *p, &v.
static const clang::VarDecl *rootOf(const clang::Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E))
      E = M->getBase();
    else if (const auto *A = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
      E = A->getBase();
    else if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(E);
             U && (U->getOpcode() == clang::UO_Deref ||
                   U->getOpcode() == clang::UO_AddrOf))
      E = U->getSubExpr();
    else
      return varOf(E);
  }
}

bool FunctionLowering::writesRecord(const clang::Stmt *S,
                                    const clang::VarDecl *V) {
  if (!S)
    return false;
  const clang::Expr *Target = nullptr;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S);
           UO && (UO->isIncrementDecrementOp() ||
                  UO->getOpcode() == clang::UO_AddrOf))
    Target = UO->getSubExpr();
  else if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(S);
           OC && OC->isAssignmentOp())
    Target = OC->getArg(0);
  if (Target && rootOf(Target) == V)
    return true;
  // A non-const member function called on it (v.data() handing out a
  // pointer that writes), or passed to a call or bound to a reference: it
  // may be written there.
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(S))
    if (const clang::CXXMethodDecl *M = MC->getMethodDecl();
        M && !M->isConst() && rootOf(MC->getImplicitObjectArgument()) == V)
      return true;
  if (const auto *C = llvm::dyn_cast<clang::CallExpr>(S))
    for (const clang::Expr *A : C->arguments())
      if (rootOf(A) == V && !A->getType().isConstQualified() &&
          (A->isGLValue() || A->getType()->isPointerType()))
        return true;
  if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S))
    for (const clang::Decl *D : DS->decls())
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
          VD && VD->getType()->isReferenceType() && VD->getInit() &&
          !VD->getType().getNonReferenceType().isConstQualified() &&
          rootOf(VD->getInit()) == V)
        return true;
  for (const clang::Stmt *Child : S->children())
    if (writesRecord(Child, V))
      return true;
  return false;
}

} // namespace adgen
