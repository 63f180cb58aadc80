//===- LowerRecursion.cpp - Recursive calls that pass arrays --------------===//
// A function calling itself with arrays (a determinant by cofactor
// expansion) calls its own gradient, and its value is differentiated as
// the linear model sum(partials * arguments) (docs/calls.md, "Recursion").
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace adgen {

namespace {
/// The name an argument is known by in the generated code, for the
/// partials array it gets: "m" for m.data() or &m[0], "" otherwise.
std::string argumentName(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *M = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
    E = M->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (U->getOpcode() == clang::UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *S = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
    E = S->getBase()->IgnoreParenImpCasts();
  if (const auto *O = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E))
    if (O->getOperator() == clang::OO_Subscript)
      E = O->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Sum = llvm::dyn_cast<clang::BinaryOperator>(E))
    if (Sum->isAdditiveOp() && Sum->getLHS()->getType()->isPointerType())
      E = Sum->getLHS()->IgnoreParenImpCasts();
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return D->getDecl()->getNameAsString();
  return "";
}
} // namespace

bool FunctionLowering::isRecursiveCall(
    const clang::FunctionDecl *Callee) const {
  const clang::FunctionDecl *Canonical = Callee->getCanonicalDecl();
  return LC.InProgress.count(Canonical) || LC.Inlining.count(Canonical);
}

Value *FunctionLowering::recursiveCall(const clang::CallExpr *E,
                                       const clang::FunctionDecl *Callee) {
  const clang::FunctionDecl *Def = Callee->getDefinition();
  std::string Name = Def->getNameAsString();
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Def);
  auto Result = LC.scalarType(Def->getReturnType());
  if (LC.InlineCalls || !Result || !Result->isFloat() ||
      (Method && !Method->isStatic()) || Def->isVariadic() ||
      E->getNumArgs() != Def->getNumParams() ||
      Def->getNumParams() > 64) // the std::vector parameters' mask
    return fail(E, LC.recursionMessage(Callee));
  B->setLoc(LC.location(E->getExprLoc()));
  Type Long(TypeKind::Long);
  // The call's operands (a scalar, or a buffer and its offset, per
  // parameter) and, per floating-point array, its extent from the offset.
  std::vector<Value *> Args;
  std::vector<Value *> Extents;
  std::vector<std::string> ArrayNames;
  std::vector<bool> ArrayContainers;
  long long ContainerParams = 0; // a bit per std::vector parameter
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = Def->getParamDecl(I);
    const clang::Expr *Arg = E->getArg(I);
    std::string PName = P->getNameAsString();
    if (auto T = LC.scalarType(P->getType()); T && !LC.isScalarReference(P)) {
      Value *V = expr(Arg);
      if (!V)
        return nullptr;
      Args.push_back(B->cast(V, *T));
      continue;
    }
    auto A = LC.arrayParamType(P);
    bool Container = A && A->Kind == ParamKind::StdVector;
    if (!A || !(A->Kind == ParamKind::Pointer || Container) ||
        !(A->Const || A->ByValue) || !A->InnerExtents.empty() || A->Rows) {
      bool Writes = A && !A->Const && !A->ByValue;
      return fail(Arg, "recursive call to '" + Name + "': parameter '" + PName +
                           "' has type '" + P->getType().getAsString() +
                           "'; adgen differentiates recursion through numbers "
                           "and read-only arrays (const T *, const "
                           "std::vector<T> &): " +
                           (Writes ? "return the values instead of writing "
                                     "them, or write the recursion as a loop"
                                   : "pass this one as numbers or as a "
                                     "pointer to const, or write the "
                                     "recursion as a loop"));
    }
    // The callee's gradient sets every element of the partials: it needs
    // the length of a pointer (an unmarked callee has none).
    if (A->Element.isFloat() && !Container &&
        !LC.Lengths[Def->getCanonicalDecl()].count(PName))
      return fail(E, "recursive call to '" + Name +
                         "', whose gradient needs "
                         "the length of '" +
                         PName + "': mark '" + Name + "' ADGEN(grad, len(" +
                         PName + ", <expression>))");
    Value *Offset = nullptr;
    Value *Buf = bufferOf(Arg, &Offset);
    if (!Buf)
      return nullptr;
    bool Strided = RowsOf.count(Buf) != 0;
    for (unsigned J = 0; J < F->numParams(); ++J)
      if (F->param(J) == Buf)
        Strided |= !F->paramInfo(J).RecordCount.empty() ||
                   F->paramInfo(J).Length.empty();
    if (Strided || Buf->type().element().kind() != A->Element.kind())
      return fail(Arg, "recursive call to '" + Name +
                           "': the array passed "
                           "to '" +
                           PName +
                           "' is a row of a matrix, a member of an array of "
                           "records, of another element type or of unknown "
                           "length; pass a local array (std::vector<T>, "
                           "T[N]) or a parameter with len(...)");
    if (Container) {
      // The container itself is passed, and a std::vector receives its
      // partials; a local one is printed as a std::vector too.
      ContainerParams |= static_cast<long long>(1ULL << I);
      if (Op *Alloc = Buf->definingOp())
        Alloc->attrs().IntValue |= StdVectorAlloc;
    }
    Value *Start = Offset ? B->cast(Offset, Long) : B->zero(Long);
    Args.push_back(Buf);
    Args.push_back(Start);
    if (A->Element.isFloat()) {
      Extents.push_back(B->sub(B->cast(lengthOf(Buf), Long), Start));
      ArrayNames.push_back(argumentName(Arg));
      ArrayContainers.push_back(Container);
    }
  }
  std::string Key;
  const clang::FunctionDecl *Canonical = Def->getCanonicalDecl();
  if (LC.InProgress.count(Canonical)) {
    Key = LC.keyOf(Def);
  } else { // reached while lowering Def in place: Def gets its own IR
    LC.CalledWithArrays.insert(Canonical);
    Key = LC.lowerFunction(Def, E->getExprLoc());
    if (Key.empty())
      return nullptr;
  }
  B->setLoc(LC.location(E->getExprLoc()));
  std::vector<Value *> Operands = Args;
  std::vector<Type> ResultTypes{*Result};
  Attributes Attrs;
  Attrs.Callee = Key;
  Attrs.Args = Args.size();
  Attrs.IntValue = ContainerParams;
  // One zero-initialised array per floating-point array argument receives
  // its partials: the callee's gradient sets them.
  unsigned NextArray = 0;
  for (unsigned I = 0; I < Args.size(); ++I) {
    Value *V = Args[I];
    if (V->type().isBuffer()) {
      if (V->type().element().isFloat()) {
        Attributes AllocAttrs;
        AllocAttrs.IntValue = ArrayContainers[NextArray] ? StdVectorAlloc : 0;
        Value *G =
            B->create(Prim::Alloc, {Extents[NextArray]},
                      {Type::buffer(V->type().element().kind())}, AllocAttrs)
                ->result();
        std::string Of = ArrayNames[NextArray++];
        G->setName(Of.empty() ? "partials" : "grad_" + Of);
        Operands.push_back(G);
      }
      ++I; // its offset
    } else if (V->type().isFloat()) {
      ResultTypes.push_back(V->type());
    }
  }
  Op *Call = B->create(Prim::CallPartials, Operands, ResultTypes, Attrs);
  Call->result(0)->setName(Name);
  // The model: sum over the arguments of partial * argument, whose
  // derivative is the call's.
  Value *Model = nullptr;
  unsigned NextPartials = Attrs.Args, NextResult = 1;
  auto Add = [&](Value *Term) {
    Term = B->cast(Term, *Result);
    Model = Model ? B->add(Model, Term) : Term;
  };
  NextArray = 0;
  for (unsigned I = 0; I < Args.size(); ++I) {
    Value *V = Args[I];
    if (!V->type().isBuffer()) {
      if (V->type().isFloat())
        Add(B->mul(Call->result(NextResult++), V));
      continue;
    }
    Value *Start = Args[++I];
    if (!V->type().element().isFloat())
      continue;
    Value *G = Operands[NextPartials++];
    Type Elem = V->type().element();
    Add(rangeLoop(
        B->zero(Long), Extents[NextArray++], {B->zero(Elem)},
        [&](Value *K, const std::vector<Value *> &Sum) {
          Value *Partial = B->create(Prim::Load, {G, K}, {Elem})->result();
          Value *Element =
              B->create(Prim::Load, {V, B->add(K, Start)}, {Elem})->result();
          return std::vector<Value *>{B->add(Sum[0], B->mul(Partial, Element))};
        }));
  }
  if (!Model)
    return Call->result(0); // nothing floating-point is passed
  return B->build(Prim::WithDerivative, *Result, {Call->result(0), Model});
}

} // namespace adgen
