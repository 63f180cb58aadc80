//===- Frontend.cpp - From a C++ file to IR and derivative requests -------===//
// The AST consumer: marked functions are taken in source order; each mode of
// each annotation becomes a DerivativeRequest. With len(...), a first run
// writes the probes that a second run checks (LengthProbes.h).
//===----------------------------------------------------------------------===//
#include "Frontend/Frontend.h"
#include "Frontend/Annotation.h"
#include "Frontend/LengthCheck.h"
#include "Frontend/Lowering.h"
#include "Frontend/MarkedFunctions.h"
#include "Frontend/MisplacedMarks.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"

#include <map>

namespace adgen {

namespace {
class Consumer : public clang::ASTConsumer {
public:
  Consumer(FrontendResult &Result, const LengthProbes *Probes,
           clang::Preprocessor &PP)
      : Result(Result), Probes(Probes), PP(PP) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    Result.Ran = true;
    for (const auto &Macro : PP.macros())
      if (PP.isMacroDefined(Macro.first))
        Result.Macros.insert(Macro.first->getName().str());
    Result.Files = filesRead(Ctx.getSourceManager());
    clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    if (Diags.hasErrorOccurred()) {
      Result.HadErrors = true;
      return;
    }
    std::vector<BadRequest> BadRequests;
    std::vector<MarkedFunction> Marked = findMarkedFunctions(Ctx, &BadRequests);
    LoweringContext LC(Ctx, Result.Primal);
    if (!Probes) {
      // len(...) expressions are parsed by a second run, on the probes.
      LengthProbes New = makeLengthProbes(LC, Marked);
      if (!New.Probes.empty()) {
        Result.Probes = std::move(New);
        return;
      }
    }
    for (const BadRequest &B : BadRequests)
      LC.error(B.Loc, B.Problem);
    for (const MarkedFunction &M : Marked) {
      std::vector<ModeSpec> Modes;
      std::string Error;
      const clang::AnnotateAttr *Bad = nullptr;
      if (parseModes(M, Modes, Error, Bad)) // else handle() reports it
        LC.MarkedModes[M.Decl->getCanonicalDecl()] = Modes;
    }
    for (unsigned I = 0; I < Marked.size(); ++I)
      handle(LC, Marked[I], I);
    Result.HadErrors = Diags.hasErrorOccurred();
  }

private:
  static std::vector<std::string> filesRead(const clang::SourceManager &SM) {
    std::vector<std::string> Files;
    std::set<std::string> Seen;
    for (unsigned I = 0; I < SM.local_sloc_entry_size(); ++I) {
      const clang::SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
      if (!E.isFile())
        continue;
      clang::OptionalFileEntryRef File =
          E.getFile().getContentCache().OrigEntry;
      if (!File)
        continue; // <built-in>, <command line>
      llvm::StringRef Real = File->getFileEntry().tryGetRealPathName();
      std::string Path = Real.empty() ? File->getName().str() : Real.str();
      if (Seen.insert(Path).second)
        Files.push_back(Path);
    }
    return Files;
  }

  /// Instantiations of one template become overloads of one name: two with
  /// the same parameter types (fixed<double, 3> and fixed<double, 4>) would
  /// define the same derivative twice.
  bool distinctOverload(LoweringContext &LC, const clang::FunctionDecl *FD,
                        clang::SourceLocation AttrLoc) {
    auto [It, New] =
        Overloads.emplace(LC.qualifiedName(FD) + LC.parameterTypes(FD), FD);
    if (New)
      return true;
    LC.error(AttrLoc, "'" + FD->getNameAsString() +
                          LC.templateArguments(It->second) + "' and '" +
                          FD->getNameAsString() + LC.templateArguments(FD) +
                          "' take the same parameter types, so their "
                          "generated derivatives (plain overloads, not "
                          "templates) would be the same functions");
    return false;
  }
  std::map<std::string, const clang::FunctionDecl *> Overloads;

  void handle(LoweringContext &LC, const MarkedFunction &M, unsigned Index) {
    const clang::FunctionDecl *FD = M.Decl;
    const clang::SourceManager &SM = LC.Ctx.getSourceManager();
    clang::SourceLocation AttrLoc =
        SM.getExpansionLoc(M.Annotations.front()->getLocation());
    bool Requested = M.Requested;
    clang::SourceLocation FunctionLoc = Requested ? AttrLoc : FD->getLocation();
    std::string Name = FD->getNameAsString();
    std::string Arguments = LC.templateArguments(FD);
    if (!FD->doesThisDeclarationHaveABody()) {
      LC.error(FunctionLoc,
               FD->getTemplateSpecializationKind() !=
                       clang::TSK_ExplicitInstantiationDeclaration
                   ? "'" + Name +
                         (Requested ? "' has no body in this translation "
                                      "unit: ADGEN_DIFFERENTIATE needs the "
                                      "definition (include the header that "
                                      "defines it)"
                                    : "' is marked with ADGEN but has no "
                                      "body in this file")
                   : "'" + Name + Arguments +
                         "' is declared extern (an explicit instantiation "
                         "declaration), so this file has no body to "
                         "differentiate; instantiate it here instead");
      return;
    }
    if (!Arguments.empty() && !distinctOverload(LC, FD, AttrLoc))
      return;
    const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
    if ((Method && !LC.markableMethod(Method)) || FD->isTemplated()) {
      LC.checkSignature(FD, /*AllowArrays=*/true); // reports it
      return;
    }
    // A member function's object is a record parameter named self.
    const bool HasObject = Method && !Method->isStatic();
    std::vector<ModeSpec> Modes;
    std::string Error;
    const clang::AnnotateAttr *Bad = nullptr;
    if (!parseModes(M, Modes, Error, Bad)) {
      LC.error(SM.getExpansionLoc(Bad->getLocation()),
               "malformed ADGEN annotation: " + Error);
      return;
    }
    // len(x, expr) gives array lengths, checked by checkLengths; the rest
    // are derivative modes.
    std::map<unsigned, std::string> Checked;
    if (Probes)
      Checked = checkLengths(LC, FD, Index, Probes->Probes);
    std::vector<ModeSpec> Derivatives;
    auto &Lengths = LC.Lengths[FD->getCanonicalDecl()];
    unsigned Ordinal = 0;
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
      auto It = Checked.find(Ordinal++);
      if (It == Checked.end()) {
        if (!LC.Ctx.getDiagnostics().hasErrorOccurred())
          LC.error(AttrLoc,
                   "len(" + Mode.Args[0] + ", ...) could not be checked");
        return; // reported by checkLengths
      }
      Lengths[Mode.Args[0]] = It->second;
    }
    if (Derivatives.empty())
      Derivatives.push_back({"grad", {}, false});
    LC.Marked.insert(FD->getCanonicalDecl());
    if (!LC.checkSignature(FD, /*AllowArrays=*/true))
      return;
    bool ReturnsFloat = LC.scalarType(FD->getReturnType()) &&
                        LC.scalarType(FD->getReturnType())->isFloat();
    std::vector<std::string> Outputs;
    for (const clang::ParmVarDecl *P : FD->parameters()) {
      auto A = LC.arrayParamType(P);
      auto R = LC.recordParamType(P->getType());
      if (auto RA = LC.recordArrayParam(P))
        R = RA->Element;
      if ((A && !A->Const) || (R && !R->Const))
        Outputs.push_back(P->getNameAsString());
    }
    if (HasObject && !Method->isConst())
      Outputs.push_back("self");
    bool ReturnsArray = LC.returnedArrayType(FD->getReturnType()).has_value();
    if (ReturnsArray)
      for (const ModeSpec &Mode : Derivatives)
        if (Mode.Name != "jacobian") {
          LC.error(AttrLoc, "'" + Name + "' returns '" +
                                FD->getReturnType().getAsString() +
                                "'; of the modes only jacobian takes a "
                                "returned std::array (for " +
                                Mode.Name +
                                ", write the results to an output parameter)");
          return;
        }
    if (ReturnsArray)
      Outputs.push_back("the returned array");
    if (!ReturnsFloat && !ReturnsArray &&
        (Outputs.empty() || !FD->getReturnType()->isVoidType())) {
      LC.error(FunctionLoc,
               "'" + Name + "' returns '" + FD->getReturnType().getAsString() +
                   "'; only functions with a floating-point result (or "
                   "results in output arrays) can be differentiated");
      return;
    }
    std::vector<DerivativeRequest> Requests;
    for (const ModeSpec &Mode : Derivatives) {
      DerivativeRequest R;
      if (Mode.Name == "derivative") {
        if (!nthDerivative(LC, FD, Mode, !Outputs.empty(), AttrLoc, R))
          return;
        for (const DerivativeRequest &Other : Requests)
          if (Other.Mode == R.Mode && Other.Order == R.Order) {
            LC.error(AttrLoc, "derivative(" + Mode.Args[0] + ", " +
                                  std::to_string(R.Order) + ") is given twice");
            return;
          }
        Requests.push_back(R);
        continue;
      }
      if (Mode.Name == "grad")
        R.Mode = DerivativeMode::Grad;
      else if (Mode.Name == "jvp")
        R.Mode = DerivativeMode::Jvp;
      else if (Mode.Name == "vjp")
        R.Mode = DerivativeMode::Vjp;
      else if (Mode.Name == "hvp")
        R.Mode = DerivativeMode::Hvp;
      else if (Mode.Name == "hessian")
        R.Mode = DerivativeMode::Hessian;
      else if (Mode.Name == "jacobian")
        R.Mode = DerivativeMode::Jacobian;
      else {
        LC.error(AttrLoc,
                 "unknown adgen mode '" + Mode.Name +
                     "'; the modes are grad, jvp, vjp, hvp, hessian, "
                     "jacobian and derivative(x, k) (and len gives array "
                     "lengths)");
        return;
      }
      // A void function whose one result is a single value written through
      // a pointer or reference (*err = ...) is a scalar function: grad, hvp
      // and hessian differentiate that value.
      auto OneValue = [&](const std::string &Output) {
        for (const clang::ParmVarDecl *P : FD->parameters())
          if (P->getNameAsString() == Output && LC.isScalarReference(P))
            return true;
        return Lengths.count(Output) && Lengths.at(Output) == "1";
      };
      bool SingleResult = FD->getReturnType()->isVoidType() &&
                          Outputs.size() == 1 && OneValue(Outputs.front());
      if ((R.Mode == DerivativeMode::Grad || R.Mode == DerivativeMode::Hvp ||
           R.Mode == DerivativeMode::Hessian) &&
          !Outputs.empty() && !SingleResult) {
        LC.error(AttrLoc, "'" + Name + "' writes its results into '" +
                              Outputs.front() + "'; " + Mode.Name +
                              " is for scalar functions, use vjp (weights on "
                              "the outputs) or jvp");
        return;
      }
      R.Loc = LC.location(AttrLoc);
      // The object's members come after the parameters and a returned
      // array (ParamInfo::Source).
      const unsigned Self = FD->getNumParams() + 1;
      R.Active.assign(HasObject ? Self + 1 : FD->getNumParams(), false);
      if (!Mode.HasArgs) {
        for (unsigned I = 0; I < FD->getNumParams(); ++I)
          R.Active[I] = LC.isDifferentiable(FD->getParamDecl(I));
        if (HasObject)
          R.Active[Self] = LC.isDifferentiableObject(Method);
      }
      if (Mode.HasArgs && Mode.Args.empty()) {
        LC.error(AttrLoc, Mode.Name + "() lists no parameter; write " +
                              Mode.Name + " to differentiate them all");
        return;
      }
      for (const std::string &Arg : Mode.Args) {
        if (HasObject && Arg == "self") { // grad(self): the object
          if (!LC.isDifferentiableObject(Method)) {
            LC.error(AttrLoc, "the object of '" + Name +
                                  "' cannot be differentiated: it has no "
                                  "floating-point member, or the member "
                                  "function is not const");
            return;
          }
          R.Active[Self] = true;
          continue;
        }
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
        if (!LC.isDifferentiable(P)) {
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
      // An in-place kernel (its only floating-point values are the initial
      // contents of its outputs) has a JVP, a VJP and a Jacobian: from
      // initial to final contents.
      bool InPlace =
          (R.Mode == DerivativeMode::Jvp || R.Mode == DerivativeMode::Vjp ||
           R.Mode == DerivativeMode::Jacobian) &&
          !Outputs.empty() && !Mode.HasArgs;
      if (!Any && !InPlace) {
        LC.error(AttrLoc,
                 Outputs.empty()
                     ? "'" + Name +
                           "' has no floating-point parameter to "
                           "differentiate with respect to"
                     : "'" + Name +
                           "' has no floating-point input: only the initial "
                           "contents of '" +
                           Outputs.front() + "', which " + Mode.Name +
                           " treats as constants; jvp and vjp differentiate "
                           "an in-place kernel from initial to final "
                           "contents");
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
    // Second derivatives go through calls lowered in place.
    for (const DerivativeRequest &R : Requests)
      LC.InlineCalls |= R.Mode == DerivativeMode::Hvp ||
                        R.Mode == DerivativeMode::Hessian ||
                        R.Mode == DerivativeMode::Derivative;
    std::string Qualified = LC.lowerFunction(FD);
    LC.InlineCalls = false;
    if (Qualified.empty())
      return;
    // Active lists the C++ parameters; the IR has one parameter per member
    // of a record parameter (ParamInfo::Source).
    const Function *Lowered = LC.M.lookup(Qualified);
    for (DerivativeRequest &R : Requests) {
      std::vector<bool> PerParam(Lowered->numParams(), false);
      for (unsigned I = 0; I < Lowered->numParams(); ++I) {
        unsigned Source = Lowered->paramInfo(I).Source;
        PerParam[I] = Source < R.Active.size() && R.Active[Source];
      }
      R.Active = PerParam;
      R.Function = Qualified;
      Result.Requests.push_back(R);
    }
  }

  /// derivative(x, k): the k-th derivative (1 <= k <= 8) of a scalar
  /// function in its floating-point scalar parameter x; f_d<k>.
  bool nthDerivative(LoweringContext &LC, const clang::FunctionDecl *FD,
                     const ModeSpec &Mode, bool HasOutputs,
                     clang::SourceLocation AttrLoc, DerivativeRequest &R) {
    std::string Name = FD->getNameAsString();
    if (Mode.Args.size() != 2) {
      LC.error(AttrLoc, "derivative(...) takes a scalar parameter and an "
                        "order, as in derivative(x, 4)");
      return false;
    }
    const std::string &K = Mode.Args[1];
    if (K.empty() || K.size() > 1 || K[0] < '1' || K[0] > '8') {
      LC.error(AttrLoc, "the order in derivative(" + Mode.Args[0] + ", " + K +
                            ") must be an integer from 1 to 8");
      return false;
    }
    if (HasOutputs) {
      LC.error(AttrLoc, "derivative(...) is for scalar functions; '" + Name +
                            "' writes output arrays");
      return false;
    }
    R.Mode = DerivativeMode::Derivative;
    R.Order = static_cast<unsigned>(K[0] - '0');
    R.Name = Name + "_d" + K;
    R.Loc = LC.location(AttrLoc);
    R.Active.assign(FD->getNumParams(), false);
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      const clang::ParmVarDecl *P = FD->getParamDecl(I);
      if (P->getNameAsString() != Mode.Args[0])
        continue;
      auto T = LC.scalarType(P->getType());
      if (!T || !T->isFloat()) {
        LC.error(AttrLoc, "derivative(" + Mode.Args[0] + ", " + K +
                              ") needs a floating-point scalar parameter; '" +
                              Mode.Args[0] + "' has type '" +
                              P->getType().getAsString() + "'");
        return false;
      }
      R.Active[I] = true;
      return true;
    }
    LC.error(AttrLoc, "'" + Mode.Args[0] +
                          "' in derivative(...) is not a parameter of '" +
                          Name + "'");
    return false;
  }

  FrontendResult &Result;
  const LengthProbes *Probes;
  clang::Preprocessor &PP;
};

class Action : public clang::ASTFrontendAction {
public:
  Action(FrontendResult &Result, const LengthProbes *Probes)
      : Result(Result), Probes(Probes) {}
  bool BeginSourceFileAction(clang::CompilerInstance &CI) override {
    // Clang's diagnostics go on through MisplacedMarks, which explains a
    // misplaced ADGEN(...).
    clang::DiagnosticsEngine &D = CI.getDiagnostics();
    bool Owns = D.ownsClient();
    clang::DiagnosticConsumer *Inner = D.getClient();
    std::unique_ptr<clang::DiagnosticConsumer> Owned =
        Owns ? D.takeClient() : nullptr;
    D.setClient(new MisplacedMarks(Inner, std::move(Owned), CI.getLangOpts()),
                true);
    return true;
  }
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<Consumer>(Result, Probes, CI.getPreprocessor());
  }

private:
  FrontendResult &Result;
  const LengthProbes *Probes;
};

class Factory : public clang::tooling::FrontendActionFactory {
public:
  Factory(FrontendResult &Result, const LengthProbes *Probes)
      : Result(Result), Probes(Probes) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(Result, Probes);
  }

private:
  FrontendResult &Result;
  const LengthProbes *Probes;
};
} // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFrontendActionFactory(FrontendResult &Result, const LengthProbes *Probes) {
  return std::make_unique<Factory>(Result, Probes);
}

} // namespace adgen
