//===- LengthExpr.cpp - The rule for a len(...) expression ----------------===//
// Three walks over the expression Clang parsed: two report what a length
// cannot contain, the third checks types and prints canonical C++.
//===----------------------------------------------------------------------===//
#include "Frontend/LengthExpr.h"
#include "Frontend/Lowering.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <cctype>
#include <functional>
#include <set>

namespace adgen {

namespace {
/// Finds the first side effect (assignment, ++, --, comma) or reference to
/// a parameter of Probe that IsBad rejects, even inside a constant or an
/// unevaluated operand.
class Scan : public clang::RecursiveASTVisitor<Scan> {
public:
  Scan(const clang::FunctionDecl *Probe, std::function<bool(unsigned)> IsBad,
       std::function<bool(const clang::Expr *)> IsSize,
       std::function<bool(const clang::Expr *)> IsMember)
      : Probe(Probe), IsBad(std::move(IsBad)), IsSize(std::move(IsSize)),
        IsMember(std::move(IsMember)) {}
  // m.n of a record parameter reads m only for that member (whose type the
  // other walks check).
  bool VisitMemberExpr(clang::MemberExpr *E) {
    if (IsMember(E)) {
      const clang::Expr *Root = E;
      while (const auto *M =
                 llvm::dyn_cast<clang::MemberExpr>(Root->IgnoreParenImpCasts()))
        Root = M->getBase();
      SizeOf.insert(Root->IgnoreParenImpCasts());
    }
    return true;
  }
  // v.size() of a container parameter reads v only for its size.
  bool VisitCXXMemberCallExpr(clang::CXXMemberCallExpr *E) {
    if (IsSize(E))
      SizeOf.insert(E->getImplicitObjectArgument()->IgnoreParenImpCasts());
    return true;
  }
  bool VisitDeclRefExpr(clang::DeclRefExpr *E) {
    const auto *P = llvm::dyn_cast<clang::ParmVarDecl>(E->getDecl());
    if (P && P->getDeclContext() == Probe &&
        IsBad(P->getFunctionScopeIndex()) && !SizeOf.count(E))
      Param = E;
    return !Param;
  }
  bool VisitBinaryOperator(clang::BinaryOperator *E) {
    if (E->isAssignmentOp() || E->isCommaOp())
      Effect = E;
    return !Effect;
  }
  bool VisitUnaryOperator(clang::UnaryOperator *E) {
    if (E->isIncrementDecrementOp())
      Effect = E;
    return !Effect;
  }
  const clang::DeclRefExpr *Param = nullptr;
  const clang::Expr *Effect = nullptr;

private:
  const clang::FunctionDecl *Probe;
  std::function<bool(unsigned)> IsBad;
  std::function<bool(const clang::Expr *)> IsSize, IsMember;
  std::set<const clang::Expr *> SizeOf;
};
} // namespace

void LengthExpr::error(clang::SourceLocation Loc, const std::string &Message) {
  LC.error(Loc, "len(" + Array + ", ...): " + Message);
}

std::string LengthExpr::text(const clang::Expr *E) const {
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  std::string S =
      clang::Lexer::getSourceText(SM.getExpansionRange(E->getSourceRange()), SM,
                                  LC.Ctx.getLangOpts())
          .str();
  std::string Out;
  for (char C : S) // one line, single spaces
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
    else if (!Out.empty() && Out.back() != ' ')
      Out += ' ';
  return Out.size() > 40 ? Out.substr(0, 37) + "..." : Out;
}

bool LengthExpr::isIntegerParameter(unsigned I) const {
  if (I >= FD->getNumParams())
    return false;
  std::optional<Type> T = LC.scalarType(FD->getParamDecl(I)->getType());
  return T && T->isInteger();
}

int LengthExpr::parameter(const clang::Expr *E) const {
  const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E);
  const auto *P =
      D ? llvm::dyn_cast<clang::ParmVarDecl>(D->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != Probe)
    return -1;
  return P->getFunctionScopeIndex();
}

/// v of E = v.size(), or null.
static const clang::Expr *sizeOf(const clang::Expr *E) {
  const auto *C =
      llvm::dyn_cast<clang::CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!C || C->getNumArgs() != 0 || !C->getMethodDecl() ||
      C->getMethodDecl()->getNameAsString() != "size")
    return nullptr;
  return C->getImplicitObjectArgument();
}

int LengthExpr::sizeOfParameter(const clang::Expr *E) const {
  const clang::Expr *Object = sizeOf(E);
  if (!Object)
    return -1;
  int I = parameter(Object->IgnoreParenImpCasts());
  if (I < 0 || static_cast<unsigned>(I) >= FD->getNumParams())
    return -1;
  const clang::ParmVarDecl *P = FD->getParamDecl(I);
  auto A = LC.arrayParamType(P);
  auto R = LC.recordArrayType(P->getType(), false); // a std::vector<Point>
  return (A && isContainer(A->Kind)) || (R && R->Kind != ParamKind::CArray)
             ? I
             : -1;
}

std::string LengthExpr::memberOfParameter(const clang::Expr *E) const {
  std::string Path;
  E = E->IgnoreParenImpCasts();
  while (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E)) {
    if (!llvm::isa<clang::FieldDecl>(M->getMemberDecl()))
      return "";
    Path = (M->isArrow() ? "->" : ".") + M->getMemberDecl()->getNameAsString() +
           Path;
    E = M->getBase()->IgnoreParenImpCasts();
  }
  int I = parameter(E);
  if (Path.empty() || I < 0 || static_cast<unsigned>(I) >= FD->getNumParams() ||
      !LC.recordParamType(FD->getParamDecl(I)->getType()))
    return "";
  return FD->getParamDecl(I)->getNameAsString() + Path;
}

std::string LengthExpr::sizeOfMember(const clang::Expr *E) const {
  const clang::Expr *Object = sizeOf(E);
  if (!Object)
    return "";
  std::string Member = memberOfParameter(Object);
  auto A =
      Member.empty() ? std::nullopt : LC.memberArrayType(Object->getType());
  return A && isContainer(A->Kind) ? Member + ".size()" : "";
}

std::optional<llvm::APSInt> LengthExpr::constant(const clang::Expr *E) const {
  if (E->isValueDependent() ||
      !E->getType()->isIntegralOrUnscopedEnumerationType())
    return std::nullopt;
  return E->getIntegerConstantExpr(LC.Ctx);
}

bool LengthExpr::scan(const clang::Expr *E) {
  Scan S(
      Probe, [&](unsigned I) { return !isIntegerParameter(I); },
      [&](const clang::Expr *E) { return sizeOfParameter(E) >= 0; },
      [&](const clang::Expr *E) { return !memberOfParameter(E).empty(); });
  S.TraverseStmt(const_cast<clang::Expr *>(E));
  if (S.Param) {
    error(S.Param->getLocation(), "'" + S.Param->getDecl()->getNameAsString() +
                                      "' is not an integer parameter of '" +
                                      FD->getNameAsString() + "'");
    return true;
  }
  if (const auto *B = llvm::dyn_cast_or_null<clang::BinaryOperator>(S.Effect)) {
    std::string Op = B->getOpcodeStr().str();
    error(B->getOperatorLoc(),
          B->isCommaOp()
              ? "the comma operator cannot be part of a length; a length is "
                "one integer expression"
              : "'" + Op + "' assigns; a length has no side effects");
    return true;
  }
  if (const auto *U = llvm::dyn_cast_or_null<clang::UnaryOperator>(S.Effect)) {
    error(U->getOperatorLoc(),
          "'" + clang::UnaryOperator::getOpcodeStr(U->getOpcode()).str() +
              "' modifies its operand; a length has no side effects");
    return true;
  }
  return false;
}

bool LengthExpr::forbidden(const clang::Expr *E) {
  if (constant(E))
    return false;
  const std::string Rule = "a length is an integer expression over the "
                           "integer parameters of '" +
                           FD->getNameAsString() + "' and constants";
  if (const auto *P = llvm::dyn_cast<clang::ParenExpr>(E))
    return forbidden(P->getSubExpr());
  if (const auto *C = llvm::dyn_cast<clang::CastExpr>(E))
    return forbidden(C->getSubExpr()); // the kind of cast: see print()
  if (parameter(E) >= 0 || sizeOfParameter(E) >= 0 || !sizeOfMember(E).empty())
    return false;
  if (std::string M = memberOfParameter(E); !M.empty()) {
    if (E->getType()->isIntegralOrUnscopedEnumerationType())
      return false;
    error(E->getExprLoc(), "'" + M + "' is not an integer; " + Rule);
    return true;
  }
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
    if (llvm::isa<clang::VarDecl>(D->getDecl())) {
      error(D->getLocation(), "'" + D->getDecl()->getNameAsString() +
                                  "' is not an integer constant; " + Rule);
      return true;
    }
    if (llvm::isa<clang::EnumConstantDecl>(D->getDecl())) {
      error(D->getBeginLoc(),
            "'" + text(E) + "' has type '" +
                E->getType().getAsString(LC.Ctx.getPrintingPolicy()) +
                "', a scoped enumeration; convert it with static_cast<int>");
      return true;
    }
  }
  if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    std::string Op = clang::UnaryOperator::getOpcodeStr(U->getOpcode()).str();
    switch (U->getOpcode()) {
    case clang::UO_Plus:
    case clang::UO_Minus:
    case clang::UO_Not:
    case clang::UO_LNot:
      return forbidden(U->getSubExpr());
    default:
      error(U->getOperatorLoc(),
            "unary '" + Op + "' cannot be part of a length; " + Rule);
      return true;
    }
  }
  if (const auto *B = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    std::string Op = B->getOpcodeStr().str();
    if (B->isPtrMemOp()) {
      error(B->getOperatorLoc(),
            "'" + Op + "' cannot be part of a length; " + Rule);
      return true;
    }
    return forbidden(B->getLHS()) || forbidden(B->getRHS());
  }
  if (const auto *C = llvm::dyn_cast<clang::ConditionalOperator>(E))
    return forbidden(C->getCond()) || forbidden(C->getTrueExpr()) ||
           forbidden(C->getFalseExpr());
  if (const auto *C = llvm::dyn_cast<clang::CallExpr>(E)) {
    const clang::FunctionDecl *Callee = C->getDirectCallee();
    error(C->getExprLoc(),
          (Callee ? "the call to '" + Callee->getNameAsString() + "'"
                  : std::string("this call")) +
              " is not a constant expression; a length calls only constexpr "
              "functions, with constant arguments");
    return true;
  }
  if (llvm::isa<clang::FloatingLiteral>(E)) {
    error(E->getExprLoc(), "'" + text(E) + "' is not an integer");
    return true;
  }
  error(E->getExprLoc(),
        "'" + text(E) + "' cannot be part of a length; " + Rule);
  return true;
}

std::optional<std::string> LengthExpr::literal(llvm::APSInt V,
                                               clang::QualType T) {
  // The literal has the type the constant has in arithmetic.
  T = T.getCanonicalType();
  if (const auto *ET = T->getAs<clang::EnumType>())
    T = ET->getDecl()->getPromotionType().getCanonicalType();
  if (LC.Ctx.isPromotableIntegerType(T))
    T = LC.Ctx.getPromotedIntegerType(T).getCanonicalType();
  const auto *BT = T->getAs<clang::BuiltinType>();
  std::string Suffix;
  switch (BT ? BT->getKind() : clang::BuiltinType::Void) {
  case clang::BuiltinType::Int:
    break;
  case clang::BuiltinType::UInt:
    Suffix = "U";
    break;
  case clang::BuiltinType::Long:
    Suffix = "L";
    break;
  case clang::BuiltinType::ULong:
    Suffix = "UL";
    break;
  case clang::BuiltinType::LongLong:
    Suffix = "LL";
    break;
  case clang::BuiltinType::ULongLong:
    Suffix = "ULL";
    break;
  default:
    return std::nullopt;
  }
  V = V.extOrTrunc(LC.Ctx.getIntWidth(T));
  V.setIsSigned(T->isSignedIntegerType());
  if (!V.isNegative())
    return llvm::toString(V, 10) + Suffix;
  if (V.isMinSignedValue()) // -2147483648 is not a literal
    return "(" + llvm::toString(++V, 10) + Suffix + " - 1)";
  return "(" + llvm::toString(V, 10) + Suffix + ")";
}

bool LengthExpr::integerTyped(const clang::Expr *E) {
  if (E->getType()->isIntegralOrUnscopedEnumerationType())
    return true;
  error(E->getExprLoc(),
        "'" + text(E) + "' has type '" +
            E->getType().getAsString(LC.Ctx.getPrintingPolicy()) +
            "'; a length is an integer expression");
  return false;
}

std::optional<LengthExpr::Printed>
LengthExpr::cast(const clang::ExplicitCastExpr *E) {
  clang::QualType To = E->getTypeAsWritten();
  std::optional<Type> T = LC.scalarType(To);
  bool Integer = T && (T->isInteger() || T->isBool()) &&
                 !To.getCanonicalType()->isEnumeralType();
  switch (E->getCastKind()) {
  case clang::CK_IntegralCast:
  case clang::CK_IntegralToBoolean:
  case clang::CK_NoOp:
    break;
  default:
    Integer = false;
  }
  if (!Integer || To->isReferenceType()) {
    error(E->getExprLoc(), "cast to '" +
                               To.getAsString(LC.Ctx.getPrintingPolicy()) +
                               "'; a length is an integer expression");
    return std::nullopt;
  }
  std::optional<Printed> Sub = print(E->getSubExpr());
  if (!Sub)
    return std::nullopt;
  return Printed{"static_cast<" + std::string(T->cppName()) + ">(" + Sub->Text +
                     ")",
                 false};
}

// Parameter names, constants folded to literals, every operator
// parenthesised, explicit casts as static_cast; implicit conversions are left
// to the C++ compiler, which makes them again from the same types.
std::optional<LengthExpr::Printed> LengthExpr::print(const clang::Expr *E) {
  auto Operand = [](const Printed &P) {
    return P.Compound ? "(" + P.Text + ")" : P.Text;
  };
  if (const auto *C = llvm::dyn_cast<clang::ImplicitCastExpr>(E)) {
    switch (C->getCastKind()) {
    case clang::CK_LValueToRValue:
    case clang::CK_NoOp:
    case clang::CK_IntegralCast:
    case clang::CK_IntegralToBoolean:
      return print(C->getSubExpr()); // C++ converts the same way again
    default:
      error(E->getExprLoc(),
            "'" + text(E) + "' is converted to '" +
                E->getType().getAsString(LC.Ctx.getPrintingPolicy()) +
                "'; a length is an integer expression");
      return std::nullopt;
    }
  }
  if (std::optional<llvm::APSInt> V = constant(E)) {
    if (std::optional<std::string> L = literal(*V, E->getType()))
      return Printed{*L, false};
    error(E->getExprLoc(),
          "'" + text(E) + "' has type '" +
              E->getType().getAsString(LC.Ctx.getPrintingPolicy()) +
              "', which adgen does not support in a length");
    return std::nullopt;
  }
  if (const auto *P = llvm::dyn_cast<clang::ParenExpr>(E))
    return print(P->getSubExpr());
  if (int I = parameter(E); I >= 0)
    return Printed{FD->getParamDecl(I)->getNameAsString(), false};
  if (int I = sizeOfParameter(E); I >= 0)
    return Printed{FD->getParamDecl(I)->getNameAsString() + ".size()", false};
  if (std::string S = sizeOfMember(E); !S.empty())
    return Printed{S, false};
  if (std::string M = memberOfParameter(E); !M.empty())
    return Printed{M, false};
  if (const auto *C = llvm::dyn_cast<clang::ExplicitCastExpr>(E))
    return cast(C);
  if (!integerTyped(E))
    return std::nullopt;
  if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    std::optional<Printed> Sub = print(U->getSubExpr());
    if (!Sub)
      return std::nullopt;
    return Printed{clang::UnaryOperator::getOpcodeStr(U->getOpcode()).str() +
                       Operand(*Sub),
                   true};
  }
  if (const auto *B = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    std::optional<Printed> L = print(B->getLHS());
    std::optional<Printed> R = L ? print(B->getRHS()) : std::nullopt;
    if (!R)
      return std::nullopt;
    return Printed{
        Operand(*L) + " " + B->getOpcodeStr().str() + " " + Operand(*R), true};
  }
  if (const auto *C = llvm::dyn_cast<clang::ConditionalOperator>(E)) {
    std::optional<Printed> Cond = print(C->getCond());
    std::optional<Printed> T = Cond ? print(C->getTrueExpr()) : std::nullopt;
    std::optional<Printed> F = T ? print(C->getFalseExpr()) : std::nullopt;
    if (!F)
      return std::nullopt;
    return Printed{Operand(*Cond) + " ? " + Operand(*T) + " : " + Operand(*F),
                   true};
  }
  error(E->getExprLoc(), "'" + text(E) + "' cannot be part of a length");
  return std::nullopt;
}

std::optional<std::string> LengthExpr::check(const clang::Expr *E) {
  if (scan(E) || forbidden(E))
    return std::nullopt;
  std::optional<Printed> P = print(E);
  if (!P)
    return std::nullopt;
  clang::QualType T = E->getType();
  if (!T->isIntegralOrUnscopedEnumerationType() || T->isBooleanType()) {
    error(E->getBeginLoc(), "the length has type '" +
                                T.getAsString(LC.Ctx.getPrintingPolicy()) +
                                "'; it must be an integer");
    return std::nullopt;
  }
  if (std::optional<llvm::APSInt> V = constant(E); V && V->isNegative()) {
    error(E->getBeginLoc(),
          "the length is negative (" + llvm::toString(*V, 10) + ")");
    return std::nullopt;
  }
  return P->Text;
}

} // namespace adgen
