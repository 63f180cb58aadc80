//===- Frontend.cpp - From a C++ file to IR and derivative requests -------===//
// The AST consumer: marked functions are taken in source order; each mode of
// each annotation becomes a DerivativeRequest.
//===----------------------------------------------------------------------===//
#include "Frontend/Frontend.h"
#include "Frontend/Annotation.h"
#include "Frontend/Lowering.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"

#include <cctype>
#include <set>

namespace adgen {

namespace {
struct MarkedFunction {
  const clang::FunctionDecl *Decl;       // the definition, if any
  const clang::AnnotateAttr *Annotation; // the first adgen annotation
  std::string Text;                      // all its annotations' modes
};

class MarkedFunctionFinder
    : public clang::RecursiveASTVisitor<MarkedFunctionFinder> {
public:
  explicit MarkedFunctionFinder(clang::SourceManager &SM) : SM(SM) {}

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    const clang::FunctionDecl *Canonical = FD->getCanonicalDecl();
    if (Seen.count(Canonical))
      return true;
    // Every ADGEN(...) on any declaration counts; their modes are joined.
    MarkedFunction M{nullptr, nullptr, ""};
    std::set<const clang::AnnotateAttr *> Done;
    for (const clang::FunctionDecl *Redecl : FD->redecls())
      for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>()) {
        llvm::StringRef Text = A->getAnnotation();
        if (!Text.starts_with(AnnotationPrefix) || !Done.insert(A).second)
          continue;
        if (!M.Annotation)
          M.Annotation = A;
        std::string Modes =
            Text.drop_front(std::string(AnnotationPrefix).size()).str();
        if (!Modes.empty())
          M.Text += (M.Text.empty() ? "" : ", ") + Modes;
      }
    if (!M.Annotation)
      return true;
    Seen.insert(Canonical);
    const clang::FunctionDecl *Def = FD->getDefinition();
    M.Decl = Def ? Def : FD;
    Found.push_back(M);
    return true;
  }

  std::vector<MarkedFunction> Found;

private:
  clang::SourceManager &SM;
  std::set<const clang::FunctionDecl *> Seen;
};

/// len(x, expr): x must be a pointer parameter and expr may name only the
/// function's integer parameters.
bool checkLength(LoweringContext &LC, const clang::FunctionDecl *FD,
                 const std::string &Param, const std::string &Expr,
                 clang::SourceLocation Loc) {
  const clang::ParmVarDecl *P = nullptr;
  for (const clang::ParmVarDecl *Q : FD->parameters())
    if (Q->getNameAsString() == Param)
      P = Q;
  auto A = P ? LC.arrayParamType(P) : std::nullopt;
  if (!A || A->Kind != ParamKind::Pointer) {
    LC.error(Loc, "len(" + Param + ", ...): '" + Param +
                      "' is not a pointer parameter of '" +
                      FD->getNameAsString() + "'");
    return false;
  }
  for (size_t I = 0; I < Expr.size();) {
    char C = Expr[I];
    if (std::isalpha(static_cast<unsigned char>(C)) || C == '_') {
      size_t J = I;
      while (
          J < Expr.size() &&
          (std::isalnum(static_cast<unsigned char>(Expr[J])) || Expr[J] == '_'))
        ++J;
      std::string Id = Expr.substr(I, J - I);
      bool IsInt = false;
      for (const clang::ParmVarDecl *Q : FD->parameters())
        if (Q->getNameAsString() == Id)
          IsInt = LC.scalarType(Q->getType()) &&
                  LC.scalarType(Q->getType())->isInteger();
      if (!IsInt) {
        LC.error(Loc, "len(" + Param + ", " + Expr + "): '" + Id +
                          "' is not an integer parameter of '" +
                          FD->getNameAsString() + "'");
        return false;
      }
      I = J;
    } else if (std::isdigit(static_cast<unsigned char>(C)) ||
               std::string(" +-*/%()").find(C) != std::string::npos) {
      ++I;
    } else {
      LC.error(Loc, "len(" + Param + ", " + Expr + "): unexpected '" +
                        std::string(1, C) + "'");
      return false;
    }
  }
  return true;
}

class Consumer : public clang::ASTConsumer {
public:
  explicit Consumer(FrontendResult &Result) : Result(Result) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    Result.Ran = true;
    clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    if (Diags.hasErrorOccurred()) {
      Result.HadErrors = true;
      return;
    }
    MarkedFunctionFinder Finder(Ctx.getSourceManager());
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    LoweringContext LC(Ctx, Result.Primal);
    for (const MarkedFunction &M : Finder.Found)
      handle(LC, M);
    Result.HadErrors = Diags.hasErrorOccurred();
  }

private:
  void handle(LoweringContext &LC, const MarkedFunction &M) {
    const clang::FunctionDecl *FD = M.Decl;
    clang::SourceLocation AttrLoc = M.Annotation->getLocation();
    std::string Name = FD->getNameAsString();
    if (!FD->doesThisDeclarationHaveABody()) {
      LC.error(FD->getLocation(), "'" + Name +
                                      "' is marked with ADGEN but "
                                      "has no body in this file");
      return;
    }
    const std::string &Text = M.Text;
    std::vector<ModeSpec> Modes;
    std::string Error;
    if (!parseAnnotation(Text, Modes, Error)) {
      LC.error(AttrLoc, "malformed ADGEN annotation: " + Error);
      return;
    }
    // len(x, expr) gives array lengths; the rest are derivative modes.
    std::vector<ModeSpec> Derivatives;
    auto &Lengths = LC.Lengths[FD->getCanonicalDecl()];
    for (const ModeSpec &Mode : Modes) {
      if (Mode.Name != "len") {
        Derivatives.push_back(Mode);
        continue;
      }
      if (Mode.Args.size() != 2) {
        LC.error(AttrLoc, "len(...) takes an array parameter and its length, "
                          "as in len(x, n)");
        return;
      }
      if (!checkLength(LC, FD, Mode.Args[0], Mode.Args[1], AttrLoc))
        return;
      Lengths[Mode.Args[0]] = Mode.Args[1];
    }
    if (Derivatives.empty())
      Derivatives.push_back({"grad", {}, false});
    LC.Marked.insert(FD->getCanonicalDecl());
    if (!LC.checkSignature(FD, /*AllowArrays=*/true))
      return;
    bool ReturnsFloat = LC.scalarType(FD->getReturnType()) &&
                        LC.scalarType(FD->getReturnType())->isFloat();
    std::vector<std::string> Outputs;
    for (const clang::ParmVarDecl *P : FD->parameters())
      if (auto A = LC.arrayParamType(P); A && !A->Const)
        Outputs.push_back(P->getNameAsString());
    if (!ReturnsFloat &&
        (Outputs.empty() || !FD->getReturnType()->isVoidType())) {
      LC.error(FD->getLocation(),
               "'" + Name + "' returns '" + FD->getReturnType().getAsString() +
                   "'; only functions with a floating-point result (or "
                   "results in output arrays) can be differentiated");
      return;
    }
    std::vector<DerivativeRequest> Requests;
    for (const ModeSpec &Mode : Derivatives) {
      DerivativeRequest R;
      if (Mode.Name == "grad")
        R.Mode = DerivativeMode::Grad;
      else if (Mode.Name == "jvp")
        R.Mode = DerivativeMode::Jvp;
      else if (Mode.Name == "vjp")
        R.Mode = DerivativeMode::Vjp;
      else {
        LC.error(AttrLoc, "unknown adgen mode '" + Mode.Name +
                              "'; the modes are grad, jvp and vjp (and len "
                              "gives array lengths)");
        return;
      }
      if (R.Mode == DerivativeMode::Grad && !Outputs.empty()) {
        LC.error(AttrLoc, "'" + Name + "' writes its results into '" +
                              Outputs.front() +
                              "'; grad is for scalar functions, use vjp "
                              "(weights on the outputs) or jvp");
        return;
      }
      R.Loc = LC.location(AttrLoc);
      R.Active.assign(FD->getNumParams(), false);
      auto Differentiable = [&](const clang::ParmVarDecl *P) {
        if (auto T = LC.scalarType(P->getType()))
          return T->isFloat();
        auto A = LC.arrayParamType(P);
        return A && A->Const && A->Element.isFloat();
      };
      if (!Mode.HasArgs) {
        for (unsigned I = 0; I < FD->getNumParams(); ++I)
          R.Active[I] = Differentiable(FD->getParamDecl(I));
      }
      if (Mode.HasArgs && Mode.Args.empty()) {
        LC.error(AttrLoc, Mode.Name + "() lists no parameter; write " +
                              Mode.Name + " to differentiate them all");
        return;
      }
      for (const std::string &Arg : Mode.Args) {
        int Index = -1;
        for (unsigned I = 0; I < FD->getNumParams(); ++I)
          if (FD->getParamDecl(I)->getNameAsString() == Arg)
            Index = I;
        if (Index < 0) {
          LC.error(AttrLoc, "'" + Arg + "' in " + Mode.Name +
                                "(...) is not a parameter of '" + Name + "'");
          return;
        }
        const clang::ParmVarDecl *P = FD->getParamDecl(Index);
        if (!Differentiable(P)) {
          LC.error(AttrLoc, "parameter '" + Arg + "' of '" + Name +
                                "' has type '" + P->getType().getAsString() +
                                "' and cannot be differentiated");
          return;
        }
        if (R.Active[Index]) {
          LC.error(AttrLoc,
                   "'" + Arg + "' is listed twice in " + Mode.Name + "(...)");
          return;
        }
        R.Active[Index] = true;
      }
      bool Any = false;
      for (bool A : R.Active)
        Any |= A;
      if (!Any) {
        LC.error(AttrLoc, "'" + Name +
                              "' has no floating-point parameter to "
                              "differentiate with respect to");
        return;
      }
      bool Duplicate = false;
      for (const DerivativeRequest &Other : Requests)
        Duplicate |= Other.Mode == R.Mode;
      if (Duplicate) {
        LC.error(AttrLoc, "mode '" + Mode.Name + "' is given twice");
        return;
      }
      Requests.push_back(R);
    }
    std::string Qualified = LC.lowerFunction(FD);
    if (Qualified.empty())
      return;
    for (DerivativeRequest &R : Requests) {
      R.Function = Qualified;
      Result.Requests.push_back(R);
    }
  }

  FrontendResult &Result;
};

class Action : public clang::ASTFrontendAction {
public:
  explicit Action(FrontendResult &Result) : Result(Result) {}
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<Consumer>(Result);
  }

private:
  FrontendResult &Result;
};

class Factory : public clang::tooling::FrontendActionFactory {
public:
  explicit Factory(FrontendResult &Result) : Result(Result) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(Result);
  }

private:
  FrontendResult &Result;
};
} // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFrontendActionFactory(FrontendResult &Result) {
  return std::make_unique<Factory>(Result);
}

} // namespace adgen
