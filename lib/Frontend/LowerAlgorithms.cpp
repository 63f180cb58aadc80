//===- LowerAlgorithms.cpp - <algorithm> and <numeric> on arrays ----------===//
// std::fill, fill_n, copy, copy_n, accumulate, inner_product and swap, as
// code written for operator-overloading AD tools uses them: each becomes the
// counted loop (or the three assignments) it stands for.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/ExprCXX.h"

namespace adgen {

namespace {
/// An iterator argument without the copies and conversions around it.
const clang::Expr *bareIterator(const clang::Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParens();
  while (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
    if (CE->getNumArgs() != 1)
      break;
    E = CE->getArg(0)->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}
} // namespace

bool FunctionLowering::isAlgorithm(const std::string &Name) {
  return Name == "fill" || Name == "fill_n" || Name == "copy" ||
         Name == "copy_n" || Name == "accumulate" || Name == "inner_product" ||
         Name == "swap";
}

Value *FunctionLowering::iteratorOf(const clang::Expr *E, Value *&Offset) {
  const clang::Expr *Inner = bareIterator(E);
  Type Long(TypeKind::Long);
  Offset = nullptr;
  // v.begin(), v.end(), std::begin(v), std::end(v).
  const clang::Expr *Container = nullptr;
  std::string Which;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Inner))
    if (const clang::CXXMethodDecl *M = MC->getMethodDecl()) {
      Which = M->getNameAsString();
      Container = MC->getImplicitObjectArgument();
    }
  if (const auto *C = llvm::dyn_cast<clang::CallExpr>(Inner);
      C && !Container && C->getNumArgs() == 1 && C->getDirectCallee() &&
      C->getDirectCallee()->isInStdNamespace() &&
      C->getDirectCallee()->getDeclName().isIdentifier()) {
    Which = C->getDirectCallee()->getName().str();
    Container = C->getArg(0);
  }
  if (Container && (Which == "begin" || Which == "cbegin" || Which == "end" ||
                    Which == "cend")) {
    Value *Buf = bufferOf(Container);
    LastOffset = nullptr;
    if (!Buf)
      return nullptr;
    Offset = Which == "end" || Which == "cend" ? B->cast(lengthOf(Buf), Long)
                                               : B->zero(Long);
    return Buf;
  }
  // it + k, it - k on a library iterator (std::vector's is a class).
  const clang::Expr *Base = nullptr, *Shift = nullptr;
  bool Minus = false;
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(Inner))
    if ((OC->getOperator() == clang::OO_Plus ||
         OC->getOperator() == clang::OO_Minus) &&
        OC->getNumArgs() == 2) {
      Base = OC->getArg(0);
      Shift = OC->getArg(1);
      Minus = OC->getOperator() == clang::OO_Minus;
    }
  // p + k on a pointer whose base is itself an iterator call (a.begin() of
  // a std::array is a pointer).
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Inner))
    if ((BO->getOpcode() == clang::BO_Add ||
         BO->getOpcode() == clang::BO_Sub) &&
        BO->getLHS()->getType()->isPointerType() &&
        llvm::isa<clang::CallExpr>(bareIterator(BO->getLHS()))) {
      Base = BO->getLHS();
      Shift = BO->getRHS();
      Minus = BO->getOpcode() == clang::BO_Sub;
    }
  if (Base) {
    Value *Buf = iteratorOf(Base, Offset);
    if (!Buf)
      return nullptr;
    Value *K = longOffset(Shift);
    if (!K)
      return nullptr;
    Offset = Minus ? B->sub(Offset, K) : B->add(Offset, K);
    return Buf;
  }
  if (!E->getType()->isPointerType())
    return fail(E, "this iterator is not supported; adgen takes pointers "
                   "into arrays (x, x + n, &x[k]) and v.begin(), v.end() "
                   "(plus or minus an integer)");
  return pointerTarget(E, Offset);
}

Value *FunctionLowering::rangeLoop(
    Value *From, Value *To, const std::vector<Value *> &Init,
    const std::function<
        std::vector<Value *>(Value *K, const std::vector<Value *> &)> &Body) {
  Type Long(TypeKind::Long);
  std::vector<Value *> Operands{B->cast(From, Long), B->cast(To, Long),
                                B->one(Long)};
  std::vector<Type> Types;
  for (Value *V : Init) {
    Operands.push_back(V);
    Types.push_back(V->type());
  }
  Op *Loop = B->create(Prim::For, Operands, Types, {}, 1);
  Region *R = Loop->region(0);
  Value *K = R->addArgument(Long, "k");
  std::vector<Value *> Carried;
  for (Value *V : Init)
    Carried.push_back(R->addArgument(V->type(), V->name()));
  B->enter(R);
  std::vector<Value *> Next = Body(K, Carried);
  B->yield(Next);
  B->exit();
  return Init.empty() ? nullptr : Loop->result(0);
}

Value *FunctionLowering::algorithmCall(const clang::CallExpr *E,
                                       const std::string &Name) {
  auto Arg = [&](unsigned I) { return E->getArg(I); };
  auto Arity = [&](unsigned N) {
    if (E->getNumArgs() == N)
      return true;
    fail(E, "'std::" + Name + "' with " + std::to_string(E->getNumArgs()) +
                " arguments is not supported (adgen takes the form with " +
                std::to_string(N) + ")");
    return false;
  };
  Type Long(TypeKind::Long);
  B->setLoc(LC.location(E->getExprLoc()));
  if (Name == "swap") {
    if (!Arity(2))
      return nullptr;
    Place P, Q;
    if (!placeOf(Arg(0), P) || !placeOf(Arg(1), Q))
      return nullptr;
    Value *A = read(P, Arg(0)), *C = A ? read(Q, Arg(1)) : nullptr;
    if (!C)
      return nullptr;
    write(P, C);
    write(Q, A);
    return B->boolean(false);
  }
  // The first range: [First, Last) of Buf, or First and a count.
  bool Counted = Name == "fill_n" || Name == "copy_n";
  unsigned NumArgs = Name == "inner_product" ? 4 : 3;
  if (!Arity(NumArgs))
    return nullptr;
  Value *First = nullptr, *Last = nullptr;
  Value *Buf = iteratorOf(Arg(0), First);
  if (!Buf)
    return nullptr;
  if (Counted) {
    Value *N = expr(Arg(1));
    if (!N)
      return nullptr;
    if (!N->type().isInteger())
      return fail(Arg(1), "the count of 'std::" + Name + "' is not an integer");
    Last = B->add(First, B->cast(N, Long));
  } else {
    Value *End = iteratorOf(Arg(1), Last);
    if (!End)
      return nullptr;
    if (End != Buf)
      return fail(Arg(1), "the two ends of this range name different arrays");
  }
  Type Elem = Buf->type().element();
  if (Name == "fill" || Name == "fill_n") {
    Value *V = expr(Arg(2));
    if (!V)
      return nullptr;
    V = B->cast(V, Elem);
    rangeLoop(First, Last, {}, [&](Value *K, const std::vector<Value *> &) {
      B->create(Prim::Store, {V, Buf, K}, {});
      return std::vector<Value *>{};
    });
    return B->boolean(false);
  }
  if (Name == "copy" || Name == "copy_n") {
    Value *Out = nullptr;
    Value *To = iteratorOf(Arg(2), Out);
    if (!To)
      return nullptr;
    if (To == Buf)
      return fail(Arg(2),
                  "'std::" + Name + "' within one array is not supported");
    Type ToElem = To->type().element();
    Value *Shift = B->sub(Out, First);
    rangeLoop(First, Last, {}, [&](Value *K, const std::vector<Value *> &) {
      Value *V = B->create(Prim::Load, {Buf, K}, {Elem})->result();
      B->create(Prim::Store, {B->cast(V, ToElem), To, B->add(K, Shift)}, {});
      return std::vector<Value *>{};
    });
    return B->boolean(false);
  }
  // accumulate and inner_product sum in the type of their initial value,
  // as the standard says: std::accumulate(x, x + n, 0) sums ints.
  Value *Other = nullptr, *OtherFirst = nullptr;
  if (Name == "inner_product" && !(Other = iteratorOf(Arg(2), OtherFirst)))
    return nullptr;
  Value *Init = expr(Arg(NumArgs - 1));
  if (!Init)
    return nullptr;
  Type Acc = Init->type();
  Value *Shift = Other ? B->sub(OtherFirst, First) : nullptr;
  Value *Sum = rangeLoop(
      First, Last, {Init}, [&](Value *K, const std::vector<Value *> &Carried) {
        Value *V = B->create(Prim::Load, {Buf, K}, {Elem})->result();
        if (Other) {
          Value *W = B->create(Prim::Load, {Other, B->add(K, Shift)},
                               {Other->type().element()})
                         ->result();
          Type Wide = Elem.isFloat() ? Elem : W->type();
          V = B->mul(B->cast(V, Wide), B->cast(W, Wide));
        }
        // init + x[k] in the usual arithmetic type, then back to init's.
        Type Sum = Acc.isFloat() || !V->type().isFloat() ? Acc : V->type();
        return std::vector<Value *>{
            B->cast(B->add(B->cast(Carried[0], Sum), B->cast(V, Sum)), Acc)};
      });
  return Sum;
}

} // namespace adgen
