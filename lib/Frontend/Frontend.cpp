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

#include <set>

namespace adgen {

namespace {
struct MarkedFunction {
  const clang::FunctionDecl *Decl;       // the definition, if any
  const clang::AnnotateAttr *Annotation; // the first adgen annotation
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
    for (const clang::FunctionDecl *Redecl : FD->redecls())
      for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>())
        if (A->getAnnotation().starts_with(AnnotationPrefix)) {
          Seen.insert(Canonical);
          const clang::FunctionDecl *Def = FD->getDefinition();
          Found.push_back({Def ? Def : FD, A});
          return true;
        }
    return true;
  }

  std::vector<MarkedFunction> Found;

private:
  clang::SourceManager &SM;
  std::set<const clang::FunctionDecl *> Seen;
};

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
      LC.error(FD->getLocation(), "'" + Name + "' is marked with ADGEN but "
                                  "has no body in this file");
      return;
    }
    std::string Text = M.Annotation->getAnnotation()
                           .drop_front(std::string(AnnotationPrefix).size())
                           .str();
    std::vector<ModeSpec> Modes;
    std::string Error;
    if (!parseAnnotation(Text, Modes, Error)) {
      LC.error(AttrLoc, "malformed ADGEN annotation: " + Error);
      return;
    }
    if (Modes.empty())
      Modes.push_back({"grad", {}, false});
    if (!LC.checkSignature(FD))
      return;
    std::optional<Type> RT = LC.scalarType(FD->getReturnType());
    if (!RT->isFloat()) {
      LC.error(FD->getLocation(),
               "'" + Name + "' returns '" + FD->getReturnType().getAsString() +
                   "'; only functions with a floating-point result can be "
                   "differentiated");
      return;
    }
    std::vector<DerivativeRequest> Requests;
    for (const ModeSpec &Mode : Modes) {
      DerivativeRequest R;
      if (Mode.Name == "grad")
        R.Mode = DerivativeMode::Grad;
      else if (Mode.Name == "jvp")
        R.Mode = DerivativeMode::Jvp;
      else {
        LC.error(AttrLoc, "unknown adgen mode '" + Mode.Name +
                              "'; the modes are grad and jvp");
        return;
      }
      R.Loc = LC.location(AttrLoc);
      R.Active.assign(FD->getNumParams(), false);
      if (!Mode.HasArgs) {
        for (unsigned I = 0; I < FD->getNumParams(); ++I)
          R.Active[I] =
              LC.scalarType(FD->getParamDecl(I)->getType())->isFloat();
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
        if (!LC.scalarType(P->getType())->isFloat()) {
          LC.error(AttrLoc, "parameter '" + Arg + "' of '" + Name +
                                "' has type '" + P->getType().getAsString() +
                                "' and cannot be differentiated");
          return;
        }
        R.Active[Index] = true;
      }
      bool Any = false;
      for (bool A : R.Active)
        Any |= A;
      if (!Any) {
        LC.error(AttrLoc, "'" + Name + "' has no floating-point parameter to "
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
