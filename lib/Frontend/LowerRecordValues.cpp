//===- LowerRecordValues.cpp - Records as locals and values ---------------===//
// A local record is one zeroed buffer per member (one element for a number),
// so writes through references, callees and loops are stores like any other.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

FunctionLowering::Leaves FunctionLowering::subLeaves(const Leaves &L,
                                                     const std::string &Path) {
  Leaves Out;
  for (const auto &[LeafPath, Leaf] : L)
    if (LeafPath.compare(0, Path.size(), Path) == 0 &&
        (LeafPath.size() == Path.size() || LeafPath[Path.size()] == '.'))
      Out[LeafPath.substr(Path.size())] = Leaf;
  return Out;
}

void FunctionLowering::storeFirst(const Leaf &L, Value *V) {
  B->create(Prim::Store,
            {B->cast(V, L.Buf->type().element()), L.Buf,
             leafIndex(L, B->zero(Type(TypeKind::Long)))},
            {});
}

bool FunctionLowering::allocRecord(const clang::CXXRecordDecl *RD,
                                   const std::string &Name,
                                   clang::SourceLocation At, Leaves &Out,
                                   bool HeapArrays) {
  std::vector<LoweringContext::RecordLeaf> Members;
  std::string Why;
  if (!LC.recordLeaves(RD, "", Members, Why, HeapArrays)) {
    LC.error(At, "a record of type '" + RD->getNameAsString() + "': " + Why);
    return false;
  }
  Type Long(TypeKind::Long);
  for (const LoweringContext::RecordLeaf &L : Members) {
    if (L.Type->isPointerType()) {
      Out[L.Path] = {}; // the constructor's new T[n]
      continue;
    }
    Type Elem(TypeKind::Double);
    unsigned long Length = 1;
    if (auto S = LC.scalarType(L.Type)) {
      Elem = *S;
    } else {
      auto A = LC.memberArrayType(L.Type);
      if (A->Kind == ParamKind::StdVector) {
        LC.error(At, "a local record of type '" + RD->getNameAsString() +
                         "' has the std::vector member '" + L.Path.substr(1) +
                         "', whose length adgen cannot know; records with "
                         "vectors are supported as parameters");
        return false;
      }
      Elem = A->Element;
      Length = A->Extent;
    }
    Value *N = B->constant(Long, static_cast<long long>(Length));
    Op *A = B->create(Prim::Alloc, {N}, {Type::buffer(Elem.kind())});
    A->result()->setName(Name.empty() ? "" : Name + L.Path);
    AllocLength[A->result()] = N;
    Out[L.Path] = {A->result()};
  }
  return true;
}

bool FunctionLowering::recordLeavesOf(const clang::Expr *E, Leaves &Out) {
  if (recordAt(E, Out))
    return true;
  auto R = LC.recordParamType(E->getType());
  if (!R || E->getType()->isPointerType())
    return fail(E, "this record expression is not supported; adgen reads "
                   "records that are variables, members, calls and braces"),
           false;
  return allocRecord(R->Decl, "", E->getExprLoc(), Out) &&
         initRecord(Out, R->Decl, E);
}

bool FunctionLowering::initRecord(const Leaves &Dest,
                                  const clang::CXXRecordDecl *RD,
                                  const clang::Expr *Init) {
  for (const clang::Expr *Before = nullptr; Init && Init != Before;) {
    Before = Init;
    Init = Init->IgnoreImplicit()->IgnoreParens();
  }
  if (Init) {
    if (const auto *FC = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(Init))
      Init = FC->getSubExpr()->IgnoreImplicit(); // Point{1, 2}
    if (const auto *DI = llvm::dyn_cast<clang::CXXDefaultInitExpr>(Init))
      Init = DI->getExpr()->IgnoreImplicit();
  }
  if (const auto *IL = llvm::dyn_cast_or_null<clang::InitListExpr>(Init)) {
    // Clang's semantic form: one initialiser per member, braces restored.
    unsigned K = 0;
    for (const clang::FieldDecl *FD : RD->fields()) {
      std::string Path = "." + FD->getNameAsString();
      const clang::Expr *E = K < IL->getNumInits() ? IL->getInit(K) : nullptr;
      ++K;
      if (E && llvm::isa<clang::ImplicitValueInitExpr>(E->IgnoreImplicit()))
        E = nullptr;
      if (auto Nested = LC.recordParamType(FD->getType())) {
        Leaves Sub = subLeaves(Dest, Path);
        if (!initRecord(Sub, Nested->Decl, E))
          return false;
        continue;
      }
      const Leaf &To = Dest.at(Path);
      if (!E)
        continue; // Dest is fresh: zero
      if (LC.scalarType(FD->getType())) {
        Value *V = expr(E);
        if (!V)
          return false;
        storeFirst(To, V);
        continue;
      }
      std::vector<const clang::Expr *> Values;
      const auto *Elements =
          llvm::dyn_cast<clang::InitListExpr>(E->IgnoreImplicit());
      if (!Elements)
        return fail(E, "member '" + FD->getNameAsString() +
                           "' is initialised with an expression adgen does "
                           "not follow; give its values in braces"),
               false;
      flattenInitList(Elements, Values);
      Type Long(TypeKind::Long);
      for (size_t I = 0; I < Values.size(); ++I) {
        if (llvm::isa<clang::ImplicitValueInitExpr>(Values[I]))
          continue;
        Value *V = expr(Values[I]);
        if (!V)
          return false;
        B->create(Prim::Store,
                  {B->cast(V, To.Buf->type().element()), To.Buf,
                   leafIndex(To, B->constant(Long, static_cast<long long>(I)))},
                  {});
      }
    }
    return true;
  }
  if (const auto *CE = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(Init)) {
    const clang::CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor->isDefaultConstructor() && Ctor->isImplicit())
      Init = nullptr; // members from their default initialisers, else zero
    else if ((Ctor->isCopyConstructor() || Ctor->isMoveConstructor()) &&
             Ctor->isTrivial() && CE->getNumArgs() == 1)
      Init = CE->getArg(0);
    else
      return constructRecord(Dest, CE);
  }
  if (!Init) {
    for (const clang::FieldDecl *FD : RD->fields()) {
      std::string Path = "." + FD->getNameAsString();
      if (auto Nested = LC.recordParamType(FD->getType())) {
        if (!initRecord(subLeaves(Dest, Path), Nested->Decl,
                        FD->getInClassInitializer()))
          return false;
        continue;
      }
      const Leaf &To = Dest.at(Path);
      if (const clang::Expr *E = FD->getInClassInitializer();
          E && LC.scalarType(FD->getType())) {
        Value *V = expr(E);
        if (!V)
          return false;
        storeFirst(To, V);
      } else if (E) {
        return fail(E, "default initialisers of array members are not "
                       "supported yet"),
               false;
      }
    }
    return true;
  }
  // ps[i] of an array of records (a call to operator[] of a std::vector).
  if (Leaves From; llvm::isa<clang::CallExpr>(Init) && recordAt(Init, From)) {
    copyLeaves(Dest, From);
    return true;
  }
  // A call returning the record (also an overloaded operator): its return
  // statements write Dest.
  if (const auto *C = llvm::dyn_cast<clang::CallExpr>(Init)) {
    const clang::FunctionDecl *Callee = C->getDirectCallee();
    const clang::FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def)
      return fail(Init, "this call returns a record; adgen follows calls "
                        "to functions whose body the file sees"),
             false;
    return inlineCall(C, Def, &Dest) != nullptr;
  }
  // A copy of another record.
  Leaves From;
  if (!recordAt(Init, From))
    return fail(Init, "this record expression is not supported; adgen reads "
                      "records that are variables, members, calls and "
                      "braces"),
           false;
  copyLeaves(Dest, From);
  return true;
}

void FunctionLowering::copyLeaves(const Leaves &Dest, const Leaves &From) {
  for (const auto &[Path, To] : Dest)
    if (const Leaf &Src = From.at(Path);
        Src.Buf != To.Buf || Src.Offset != To.Offset)
      copyElements(To.Buf, Src.Buf, leafLength(To), To.Offset, Src.Offset);
}

bool FunctionLowering::constructRecord(const Leaves &Dest,
                                       const clang::CXXConstructExpr *CE) {
  const clang::CXXConstructorDecl *Ctor = CE->getConstructor();
  const clang::FunctionDecl *Def = Ctor->getDefinition();
  if (!Def || Ctor->isVariadic() ||
      LC.Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return fail(CE, "this constructor has no body adgen can follow"), false;
  const auto *Body = llvm::cast<clang::CXXConstructorDecl>(Def);
  if (LC.Inlining.count(Def->getCanonicalDecl()))
    return fail(CE, "recursive constructor call"), false;
  FunctionLowering Sub(LC, Def);
  shareState(Sub);
  Sub.ReturnsVoid = true;
  Sub.Records[nullptr] = Dest; // `this`
  std::vector<const clang::Expr *> Args(CE->arg_begin(), CE->arg_end());
  if (!bindArguments(Sub, Def, Args))
    return false;
  // The member initialisers, in the class's order, then the body.
  for (const clang::CXXCtorInitializer *I : Body->inits()) {
    const clang::FieldDecl *Field = I->getMember();
    if (!Field)
      return fail(CE, "constructors that initialise base classes are not "
                      "supported"),
             false;
    std::string Path = "." + Field->getNameAsString();
    const clang::Expr *Init = I->getInit()->IgnoreImplicit();
    if (const auto *DI = llvm::dyn_cast<clang::CXXDefaultInitExpr>(Init))
      Init = DI->getExpr();
    if (const auto *PL = llvm::dyn_cast<clang::ParenListExpr>(Init);
        PL && PL->getNumExprs() == 1)
      Init = PL->getExpr(0);
    if (auto Nested = LC.recordParamType(Field->getType())) {
      if (!Sub.initRecord(subLeaves(Dest, Path), Nested->Decl, Init))
        return false;
      continue;
    }
    if (Field->getType()->isPointerType()) {
      if (!heapArray(Sub, Path, Init))
        return false;
      continue;
    }
    if (!LC.scalarType(Field->getType())) {
      if (llvm::isa<clang::ImplicitValueInitExpr>(Init) ||
          (llvm::isa<clang::CXXConstructExpr>(Init) &&
           llvm::cast<clang::CXXConstructExpr>(Init)->getNumArgs() == 0))
        continue; // zero, as the record is fresh
      return fail(Init, "initialising the array member '" +
                            Field->getNameAsString() +
                            "' in a constructor is not supported yet; "
                            "assign its elements in the body"),
             false;
    }
    if (llvm::isa<clang::ImplicitValueInitExpr>(Init))
      continue;
    Value *V = Sub.expr(Init);
    if (!V)
      return false;
    Sub.storeFirst(Dest.at(Path), V);
  }
  return Sub.inlinedBody(Sub, Def, CE->getExprLoc()) != nullptr;
}

bool FunctionLowering::lowerRecordDecl(const clang::VarDecl *VD) {
  clang::QualType T = VD->getType();
  const clang::Expr *Init = VD->getInit();
  if (T->isReferenceType()) {
    // A name for a record (or member record) that exists: its leaves.
    if (Leaves Named; Init && recordAt(Init, Named)) {
      Records[VD] = Named;
      return true;
    }
    if (!T.getNonReferenceType().isConstQualified())
      return fail(VD, "reference '" + VD->getNameAsString() +
                          "' binds to a record adgen cannot follow; bind it "
                          "to a record variable or member"),
             false;
  }
  auto R = LC.recordParamType(T);
  Leaves Made;
  if (!allocRecord(R->Decl, VD->getNameAsString(), VD->getLocation(), Made,
                   /*HeapArrays=*/true))
    return false;
  bool Heap = false;
  for (const auto &[Path, L] : Made)
    Heap |= !L.Buf;
  if (!Heap) {
    Records[VD] = Made;
    return initRecord(Made, R->Decl, Init);
  }
  // Pointer members: the constructor allocates them (new T[n] in its
  // initialiser list); a copy would share them, as C++'s implicit one does.
  const auto *CE = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(
      Init ? Init->IgnoreImplicit() : nullptr);
  if (!CE || !CE->getConstructor()->isUserProvided())
    return fail(VD, "the record '" + VD->getNameAsString() +
                        "' has pointer members; adgen follows them when a "
                        "constructor the file defines allocates them with "
                        "new T[n] in its initialiser list"),
           false;
  std::map<std::string, Value *> Allocated;
  auto *Saved = HeapArrays;
  HeapArrays = &Allocated;
  bool Ok = initRecord(Made, R->Decl, Init);
  HeapArrays = Saved;
  if (!Ok)
    return false;
  for (auto &[Path, L] : Made) {
    if (L.Buf)
      continue;
    auto It = Allocated.find(Path);
    if (It == Allocated.end())
      return fail(VD, "the constructor of '" + VD->getNameAsString() +
                          "' does not allocate its pointer member '" +
                          Path.substr(1) +
                          "' with new T[n] in its initialiser list"),
             false;
    L.Buf = It->second;
    L.Buf->setName(VD->getNameAsString() + Path);
  }
  Records[VD] = Made;
  return true;
}

bool FunctionLowering::heapArray(FunctionLowering &Ctor,
                                 const std::string &Path,
                                 const clang::Expr *Init) {
  const auto *New = llvm::dyn_cast<clang::CXXNewExpr>(Init->IgnoreImplicit());
  // new T[n], new T[n]() and new T[n]{}: zeros (T[n]'s indeterminate
  // values must be set before they are read); listed values are not
  // followed yet.
  const auto *List = llvm::dyn_cast_or_null<clang::InitListExpr>(
      New ? New->getInitializer() : nullptr);
  bool Zeros =
      New && (!New->getInitializer() ||
              llvm::isa<clang::CXXScalarValueInitExpr>(New->getInitializer()) ||
              llvm::isa<clang::ImplicitValueInitExpr>(New->getInitializer()) ||
              (List && List->getNumInits() == 0));
  if (New && !Zeros)
    return fail(Init, "new T[n] with listed values is not supported yet; "
                      "allocate with new T[n]() and assign the elements in "
                      "the constructor's body"),
           false;
  if (!HeapArrays || !New || !New->isArray() || !New->getArraySize() ||
      New->getNumPlacementArgs())
    return fail(Init, "the pointer member '" + Path.substr(1) +
                          "' is set here to something other than new T[n] "
                          "in a local record's constructor; adgen follows "
                          "pointer members that own an array"),
           false;
  Value *N = Ctor.expr(*New->getArraySize());
  if (!N)
    return false;
  Type Long(TypeKind::Long);
  N = B->cast(N, Long);
  auto Elem = LC.scalarType(New->getAllocatedType());
  Op *A = B->create(Prim::Alloc, {N}, {Type::buffer(Elem->kind())});
  AllocLength[A->result()] = N;
  Ctor.AllocLength[A->result()] = N;
  Ctor.Records[nullptr][Path] = {A->result()};
  (*HeapArrays)[Path] = A->result();
  return true;
}

Value *FunctionLowering::recordAssign(const clang::CXXOperatorCallExpr *E) {
  // C++'s implicit assignment copies pointer members: both records then
  // share the arrays, which one buffer per record cannot say.
  if (auto R = LC.recordParamType(E->getArg(0)->getType())) {
    std::vector<LoweringContext::RecordLeaf> Members;
    std::string Why;
    if (!LC.recordLeaves(R->Decl, "", Members, Why))
      return fail(E, "assignment of a record of type '" +
                         R->Decl->getNameAsString() + "': " + Why +
                         "; its implicit assignment would share the arrays: "
                         "copy the elements, or define operator=");
  }
  Leaves Dest;
  if (!recordAt(E->getArg(0), Dest))
    return fail(E, "assignment to this record is not supported; adgen "
                   "assigns to record variables and their members");
  for (const auto &[LeafPath, To] : Dest)
    if (isInputLeaf(To))
      return fail(E, "assignment to a record parameter adgen reads as an "
                     "input; copy it to a local record first");
  // A call's result goes to a temporary first: the callee may read Dest.
  Leaves From;
  if (!recordLeavesOf(E->getArg(1), From))
    return nullptr;
  copyLeaves(Dest, From);
  return B->boolean(false); // a statement's value nobody reads
}

} // namespace adgen
