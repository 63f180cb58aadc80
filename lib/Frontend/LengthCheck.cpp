//===- LengthCheck.cpp - Reading the len(...) probes ----------------------===//
// Finds each probe's lambda in the function's namespace, makes sure Clang
// parsed the expression exactly between the parentheses the probe put around
// it, checks x of len(x, ...) and hands the expression to LengthExpr.
//===----------------------------------------------------------------------===//
#include "Frontend/LengthCheck.h"
#include "Frontend/LengthExpr.h"
#include "Frontend/Lowering.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

namespace {
/// The lambda of a probe and the parenthesised expression it returns, when
/// the parentheses are exactly those the probe wrote.
const clang::ParenExpr *probeExpr(const clang::SourceManager &SM,
                                  const clang::VarDecl *VD,
                                  const LengthProbe &P,
                                  const clang::LambdaExpr *&Lambda) {
  if (!VD || !VD->getInit())
    return nullptr;
  Lambda = llvm::dyn_cast<clang::LambdaExpr>(
      VD->getInit()->IgnoreUnlessSpelledInSource());
  const auto *Body =
      Lambda ? llvm::dyn_cast<clang::CompoundStmt>(Lambda->getBody()) : nullptr;
  // Declarations of an instantiation's template parameters, then the return.
  if (!Body || Body->size() < 1)
    return nullptr;
  for (const clang::Stmt *S : Body->body())
    if (S != Body->body_back() && !llvm::isa<clang::DeclStmt>(S))
      return nullptr;
  const auto *Return = llvm::dyn_cast<clang::ReturnStmt>(Body->body_back());
  if (!Return || !Return->getRetValue())
    return nullptr;
  const auto *Paren =
      llvm::dyn_cast<clang::ParenExpr>(Return->getRetValue()->IgnoreImpCasts());
  auto At = [&](clang::SourceLocation Loc, unsigned Offset) {
    return Loc.isFileID() && SM.getFileID(Loc) == SM.getMainFileID() &&
           SM.getFileOffset(Loc) == Offset;
  };
  if (!Paren || !At(Paren->getLParen(), P.LParen) ||
      !At(Paren->getRParen(), P.RParen))
    return nullptr;
  return Paren;
}
} // namespace

std::map<unsigned, std::string>
checkLengths(LoweringContext &LC, const clang::FunctionDecl *FD,
             unsigned Function, const std::vector<LengthProbe> &Probes) {
  const clang::SourceManager &SM = LC.Ctx.getSourceManager();
  clang::SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
  // The probes are declared in FD's namespace.
  const clang::DeclContext *Scope =
      FD->getDeclContext()->getEnclosingNamespaceContext();
  std::string Name = FD->getNameAsString();
  size_t Size = SM.getBufferData(SM.getMainFileID()).size();
  std::map<unsigned, std::string> Lengths;
  for (unsigned I = 0; I < Probes.size(); ++I) {
    const LengthProbe &P = Probes[I];
    if (P.Function != Function)
      continue;
    if (P.RParen >= Size) { // the input was read from elsewhere
      LC.error(FD->getLocation(), "internal error: len(" + P.Array +
                                      ", ...) of '" + Name +
                                      "' was not parsed");
      continue;
    }
    // x must be a pointer parameter.
    const clang::ParmVarDecl *Param = nullptr;
    for (const clang::ParmVarDecl *Q : FD->parameters())
      if (Q->getNameAsString() == P.Array)
        Param = Q;
    auto A = Param ? LC.arrayParamType(Param) : std::nullopt;
    bool RecordPointer = Param && Param->getType()->isPointerType() &&
                         LC.recordParamType(Param->getType());
    if ((!A || A->Kind != ParamKind::Pointer) && !RecordPointer) {
      LC.error(
          Start.getLocWithOffset(P.ArrayOffset ? *P.ArrayOffset : P.ExprOffset),
          "len(" + P.Array + ", ...): '" + P.Array +
              "' is not a pointer parameter of '" + Name + "'");
      continue;
    }
    auto Found = Scope->lookup(
        &LC.Ctx.Idents.get(std::string(LengthProbePrefix) + std::to_string(I)));
    const auto *VD = Found.isSingleResult()
                         ? llvm::dyn_cast<clang::VarDecl>(Found.front())
                         : nullptr;
    const clang::LambdaExpr *Lambda = nullptr;
    const clang::ParenExpr *Paren = probeExpr(SM, VD, P, Lambda);
    if (!Paren) {
      LC.error(Start.getLocWithOffset(P.ExprOffset),
               "len(" + P.Array +
                   ", ...): malformed length; it must be one "
                   "integer expression");
      continue;
    }
    LengthExpr Check(LC, FD, Lambda->getCallOperator(), P.Array);
    if (std::optional<std::string> Text = Check.check(Paren->getSubExpr()))
      Lengths[P.Ordinal] = *Text;
  }
  return Lengths;
}

} // namespace adgen
