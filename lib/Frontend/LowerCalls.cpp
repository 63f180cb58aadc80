//===- LowerCalls.cpp - Lowering calls ------------------------------------===//
// <cmath> calls (recognised by name in system headers, see Primitives.def),
// std::max/min/clamp as selects, and calls to user functions in the same
// file: through their generated gradient, or lowered in place with arrays.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

Value *FunctionLowering::call(const clang::CallExpr *E) {
  const clang::FunctionDecl *Callee = E->getDirectCallee();
  if (!Callee)
    return fail(E, "indirect calls are not supported");
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  clang::SourceLocation DeclLoc = SM.getExpansionLoc(Callee->getLocation());
  bool FromLibrary = SM.isInSystemHeader(DeclLoc) || Callee->getBuiltinID();
  if (FromLibrary && Callee->getDeclName().isIdentifier()) {
    std::string Name = Callee->getName().str();
    if (Name == "abs")
      Name = "fabs";
    if (std::optional<Prim> P = mathFunctionNamed(Name))
      return mathCall(E, *P);
    // The C library's float and long double spellings: sqrtf, expl, ...
    char Suffix = Name.empty() ? 0 : Name.back();
    if (Suffix == 'f' || Suffix == 'l')
      if (std::optional<Prim> P =
              mathFunctionNamed(Name.substr(0, Name.size() - 1)))
        return mathCall(E, *P);
    if (Callee->isInStdNamespace() &&
        (Name == "max" || Name == "min" || Name == "clamp"))
      return minMaxCall(E, Name);
    if (Callee->isInStdNamespace() && isAlgorithm(Name))
      return algorithmCall(E, Name);
  }
  // A body the translation unit sees outside the system headers: this
  // file's, or an inline function or helper of a header it includes.
  const clang::FunctionDecl *Def = Callee->getDefinition();
  if (Def && !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return userCall(E, Def);
  // Constant-evaluable calls such as std::numeric_limits<double>::epsilon().
  clang::Expr::EvalResult R;
  if (E->EvaluateAsRValue(R, LC.Ctx) && !R.HasSideEffects)
    return constantOf(R.Val, E->getType(), E->getExprLoc());
  if (!Def && !FromLibrary) {
    bool Recognised = false;
    Value *V = generatedCall(E, Callee, Recognised);
    if (Recognised)
      return V;
  }
  std::string Name = Callee->getQualifiedNameAsString();
  if (FromLibrary)
    return fail(E, "call to library function '" + Name +
                       "' is not supported; adgen knows the <cmath> functions "
                       "listed in docs/supported.md");
  return fail(E, "call to '" + Name +
                     "', which has no body in this file; adgen differentiates "
                     "only through functions whose body the file sees (its "
                     "own, and those of the headers it includes)");
}

Value *FunctionLowering::minMaxCall(const clang::CallExpr *E,
                                    const std::string &Name) {
  unsigned Arity = Name == "clamp" ? 3 : 2;
  if (E->getNumArgs() != Arity)
    return fail(E, "'std::" + Name + "' with " +
                       std::to_string(E->getNumArgs()) +
                       " arguments is not supported");
  std::vector<Value *> Args;
  Type Ty = typeOf(E);
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(B->cast(V, Ty));
  }
  B->setLoc(LC.location(E->getExprLoc()));
  // As the standard defines them: the first argument on ties, so the
  // derivative is the selected argument's.
  auto Max = [&](Value *A, Value *Bv) {
    return B->select(B->cmp(CmpPred::LT, A, Bv), Bv, A);
  };
  auto Min = [&](Value *A, Value *Bv) {
    return B->select(B->cmp(CmpPred::LT, Bv, A), Bv, A);
  };
  if (Name == "max")
    return Max(Args[0], Args[1]);
  if (Name == "min")
    return Min(Args[0], Args[1]);
  // clamp(v, lo, hi): v < lo ? lo : hi < v ? hi : v
  return B->select(B->cmp(CmpPred::LT, Args[0], Args[1]), Args[1],
                   Min(Args[0], Args[2]));
}

Value *FunctionLowering::mathCall(const clang::CallExpr *E, Prim P) {
  std::string Name = E->getDirectCallee()->getNameAsString();
  if (static_cast<int>(E->getNumArgs()) != arity(P))
    return fail(E, "'" + Name + "' with " + std::to_string(E->getNumArgs()) +
                       " arguments is not supported");
  Type Ty = typeOf(E);
  std::vector<Value *> Args;
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(V);
  }
  B->setLoc(LC.location(E->getExprLoc()));
  if (!Ty.isFloat()) { // std::abs on integers
    if (P != Prim::Fabs)
      return fail(E, "'" + Name + "' on integers is not supported");
    return B->build(Prim::Fabs, Ty, {B->cast(Args[0], Ty)});
  }
  if (P == Prim::Pow && Args[1]->type().isInteger())
    return B->build(Prim::Powi, Ty, {B->cast(Args[0], Ty), Args[1]});
  for (Value *&A : Args)
    A = B->cast(A, Ty);
  return B->build(P, Ty, Args);
}

Value *FunctionLowering::userCall(const clang::CallExpr *E,
                                  const clang::FunctionDecl *Callee) {
  for (const clang::ParmVarDecl *P : Callee->parameters())
    if (LC.isScalarReference(P))
      return fail(E, "call to '" + Callee->getNameAsString() +
                         "', which writes through the reference parameter '" +
                         P->getNameAsString() +
                         "'; adgen does not differentiate such calls yet "
                         "(return the value instead)");
  if (LC.InlineCalls)
    return inlineCall(E, Callee);
  for (const clang::ParmVarDecl *P : Callee->parameters())
    if (!LC.scalarType(P->getType())) {
      if (isRecursiveCall(Callee))
        return recursiveCall(E, Callee);
      bool Declined = false;
      Value *V = arrayCall(E, Callee, Declined);
      return Declined ? inlineCall(E, Callee) : V;
    }
  std::string Name = LC.lowerFunction(Callee, E->getExprLoc());
  if (Name.empty())
    return nullptr;
  std::vector<Value *> Args;
  unsigned I = 0;
  for (const clang::Expr *A : E->arguments()) {
    Value *V = expr(A);
    if (!V)
      return nullptr;
    Args.push_back(
        B->cast(V, *LC.scalarType(Callee->getParamDecl(I++)->getType())));
  }
  B->setLoc(LC.location(E->getExprLoc()));
  Attributes Attrs;
  Attrs.Callee = Name;
  return B->build(Prim::Call, typeOf(E), Args, Attrs);
}

Value *FunctionLowering::inlineCall(const clang::CallExpr *E,
                                    const clang::FunctionDecl *Callee,
                                    const Leaves *Dest) {
  // The callee is lowered in place (one that takes arrays and cannot stay a
  // call, or any callee of a function asked for second derivatives): its
  // loads and stores act on the caller's arrays, and it is differentiated
  // with the caller.
  const clang::FunctionDecl *Canonical = Callee->getCanonicalDecl();
  if (LC.InProgress.count(Canonical) || LC.Inlining.count(Canonical))
    return fail(E, LC.recursionMessage(Callee));
  std::string Name = Callee->getNameAsString();
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Callee);
  if ((Method && Method->isVirtual()) || Callee->isTemplated() ||
      Callee->isVariadic())
    return fail(E, "call to '" + Name +
                       "': virtual and variadic functions are not "
                       "supported; call a non-virtual member function or a "
                       "free function");
  clang::QualType R = Callee->getReturnType();
  // A member returning a reference to a record (`Vec &operator+=`,
  // `return *this;`) is called for what it does to its object; one
  // returning a reference to a number (`double &at(int i)`) gives the
  // number.
  bool Discarded = Method && R->isReferenceType() && !LC.scalarType(R) && !Dest;
  if (!LC.scalarType(R) && !R->isVoidType() && !Dest && !Discarded)
    return fail(E, "call to '" + Name + "', which returns '" + R.getAsString() +
                       "'; adgen supports arithmetic results, and records "
                       "where a record is expected");
  FunctionLowering Sub(LC, Callee);
  shareState(Sub);
  Sub.ReturnedRecord = Dest;
  Sub.ReturnsVoid = R->isVoidType() || Dest || Discarded;
  if (!Sub.ReturnsVoid)
    Sub.ReturnType = *LC.scalarType(R);
  // A member function's object: `this` in its body (Records[nullptr]); an
  // operator that is a member takes it as its first operand.
  unsigned FirstArg = 0;
  if (Method && !Method->isStatic()) {
    const clang::Expr *Object = nullptr;
    if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
      Object = MC->getImplicitObjectArgument();
    else if (llvm::isa<clang::CXXOperatorCallExpr>(E))
      Object = E->getArg(FirstArg++);
    Leaves This;
    if (!Object || !recordLeavesOf(Object, This))
      return Object ? nullptr
                    : fail(E, "call to '" + Name + "' without an object");
    if (!Method->isConst())
      for (const auto &[Path, L] : This)
        if (isInputLeaf(L))
          return fail(E, "call to '" + Name +
                             "', a non-const member function, on a record "
                             "parameter adgen reads as an input; copy it to a "
                             "local record first");
    Sub.Records[nullptr] = This;
  }
  std::vector<const clang::Expr *> Args;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I)
    Args.push_back(E->getArg(FirstArg + I));
  if (!bindArguments(Sub, Callee, Args))
    return nullptr;
  return inlinedBody(Sub, Callee, E->getExprLoc());
}

void FunctionLowering::shareState(FunctionLowering &Sub) const {
  Sub.F = F;
  Sub.B = B;
  Sub.AllocLength = AllocLength;
  Sub.RowsOf = RowsOf;
}

bool FunctionLowering::bindArguments(
    FunctionLowering &Sub, const clang::FunctionDecl *Callee,
    const std::vector<const clang::Expr *> &Args) {
  std::string Name = Callee->getNameAsString();
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = Callee->getParamDecl(I);
    const clang::Expr *Arg = Args[I];
    if (auto T = LC.scalarType(P->getType())) {
      Value *V = expr(Arg);
      if (!V)
        return false;
      Sub.bind(P, B->cast(V, *T));
      continue;
    }
    if (LC.recordParamType(P->getType()) ||
        LC.recordArrayType(P->getType(), /*PointerIsArray=*/true)) {
      bool Bound = false;
      if (!bindRecordArray(Sub, P, Arg, Bound))
        return false;
      if (Bound)
        continue;
    }
    if (LC.recordParamType(P->getType())) {
      if (!bindRecordArgument(Sub, P, Arg))
        return false;
      continue;
    }
    auto A = LC.arrayParamType(P);
    if (!A)
      return fail(Arg, "call to '" + Name + "': parameter '" +
                           P->getNameAsString() + "' has type '" +
                           P->getType().getAsString() +
                           "', which adgen does not support"),
             false;
    if (const auto *Copy =
            llvm::dyn_cast<clang::CXXConstructExpr>(Arg->IgnoreImplicit());
        A->ByValue && Copy && Copy->getNumArgs() == 1)
      Arg = Copy->getArg(0); // the container copied into the parameter
    Value *Offset = nullptr;
    Dispatch Through;
    Value *Buf = bufferThrough(Arg, &Offset, Through);
    if (!Buf)
      return false;
    if (!Through.Buffers.empty()) {
      if (A->ByValue)
        return fail(Arg,
                    "a pointer into " +
                        movingNames(MovingPointer{Through.Buffers, nullptr}) +
                        " depending on the path taken is copied into a "
                        "container here; copy the elements in a loop"),
               false;
      bindMoving(Sub, P, Through);
    }
    if (A->ByValue) { // the callee's own copy
      if (Offset || (RowsOf.count(Buf) && !A->Rows))
        return fail(Arg, "part of an array (a row, a record's member "
                         "array, an array plus an offset) is copied into "
                         "the container parameter '" +
                             P->getNameAsString() +
                             "' here, which is not supported yet; take it "
                             "by const reference"),
               false;
      Value *Copy = copyOfArray(Buf, P);
      if (RowsOf.count(Buf))
        Sub.RowsOf[Copy] = RowsOf[Buf];
      Sub.bind(P, Copy);
      continue;
    }
    // Arguments may overlap (an LSTM's hidden and cell state in one
    // array): the body lowered in place addresses the caller's buffer at
    // the argument's offset, so every access is exact.
    if (Offset)
      Sub.Offsets[P] = Offset;
    Sub.bind(P, Buf);
  }
  return true;
}

Value *FunctionLowering::inlinedBody(FunctionLowering &Sub,
                                     const clang::FunctionDecl *Callee,
                                     clang::SourceLocation At) {
  const clang::FunctionDecl *Canonical = Callee->getCanonicalDecl();
  LC.Inlining.insert(Canonical);
  std::vector<Value *> Out;
  const auto *Body = llvm::cast<clang::CompoundStmt>(Callee->getBody());
  StmtList Stmts(Body->body_begin(), Body->body_end());
  unsigned ErrorsBefore = LC.Ctx.getDiagnostics().getNumErrors();
  unsigned RepeatedBefore = LC.Repeated;
  bool Ok = Sub.lowerRest(Stmts, 0, Out);
  LC.Inlining.erase(Canonical);
  if (!Ok) {
    // A problem reported already (from an earlier call to Callee) gets a
    // note for this call too.
    if (LC.Ctx.getDiagnostics().getNumErrors() == ErrorsBefore &&
        LC.Repeated == RepeatedBefore)
      LC.error(Body->getRBracLoc(), "not every path through '" +
                                        Callee->getNameAsString() +
                                        "' returns a value");
    // Which call reached the problem: a note at each call on the way.
    LC.note(At, "in the call to '" + Callee->getNameAsString() +
                    "', lowered in place here");
    return nullptr;
  }
  B->setLoc(LC.location(At));
  if (Out.empty()) // a void call: a placeholder nobody reads
    return B->boolean(false);
  return Out[0];
}

} // namespace adgen
