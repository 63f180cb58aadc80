//===- Derivatives.cpp - The derivative functions users ask for -----------===//
// grad = simplify(vjp(jvp(f))) with a unit seed; jvp = simplify(jvp(f)).
//===----------------------------------------------------------------------===//
#include "Transforms/Derivatives.h"
#include "IR/Cloning.h"
#include "IR/Operation.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"
#include "Transforms/CarryIncrements.h"
#include "Transforms/ContractArrays.h"
#include "Transforms/CountedLoops.h"
#include "Transforms/FirstTouch.h"
#include "Transforms/GeneratedCalls.h"
#include "Transforms/Hessian.h"
#include "Transforms/InductionVariables.h"
#include "Transforms/Jacobian.h"
#include "Transforms/Jvp.h"
#include "Transforms/LoopFusion.h"
#include "Transforms/MergeCarried.h"
#include "Transforms/MergeIfs.h"
#include "Transforms/PromoteElements.h"
#include "Transforms/ResultOutputs.h"
#include "Transforms/Simplify.h"
#include "Transforms/Vjp.h"
#include "Transforms/ZeroedElements.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

namespace adgen {

const char *modeName(DerivativeMode M) {
  switch (M) {
  case DerivativeMode::Grad:
    return "grad";
  case DerivativeMode::Jvp:
    return "jvp";
  case DerivativeMode::Vjp:
    return "vjp";
  case DerivativeMode::VjpAdd:
    return "vjp_add";
  case DerivativeMode::Hvp:
    return "hvp";
  case DerivativeMode::Hessian:
    return "hessian";
  case DerivativeMode::Jacobian:
    return "jacobian";
  case DerivativeMode::Derivative:
    return "d";
  }
  return "?";
}

/// f_grad, f_jvp, f_vjp: the contract's name of F's derivative.
static std::string derivativeFunctionName(const Function &F,
                                          DerivativeMode Mode) {
  return F.name() + "_" + modeName(Mode);
}

static bool verified(const Function &F, const char *Stage, Diagnostics &Diags) {
  std::vector<std::string> Problems = verify(F);
  if (!Problems.empty() && std::getenv("ADGEN_DEBUG_IR")) // for developers
    printFunction(F, std::cerr);
  for (const std::string &P : Problems)
    Diags.push_back({F.Loc, std::string("internal error: invalid IR after ") +
                                Stage + ": " + P});
  return Problems.empty();
}

/// F returning only the results Keep lists, in that order; the C++
/// signature loses the others.
static std::unique_ptr<Function>
keepResults(const Function &F, const std::vector<unsigned> &Keep) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  G->results().clear();
  std::map<unsigned, unsigned> NewIndex;
  for (unsigned I : Keep) {
    NewIndex[I] = G->results().size();
    G->results().push_back(F.results()[I]);
  }
  G->Signature.clear();
  for (const Function::SignatureEntry &E : F.Signature)
    if (!E.IsResult)
      G->Signature.push_back(E);
    else if (NewIndex.count(E.Index))
      G->Signature.push_back({true, NewIndex[E.Index]});
  Builder B(G->body());
  for (const auto &O : F.body()->ops()) {
    if (O->prim() != Prim::Return) {
      cloneOp(B, *O, Map);
      continue;
    }
    std::vector<Value *> Results;
    for (unsigned I : Keep)
      Results.push_back(lookup(Map, O->operand(I)));
    B.setLoc(O->loc());
    B.ret(Results);
  }
  return G;
}

/// F with parameter Index replaced by the constant V (the parameter is
/// gone from the signature).
static std::unique_ptr<Function> bindParameter(const Function &F,
                                               unsigned Index, double V) {
  auto G = std::make_unique<Function>(F.name(), F.namespaces());
  G->IsStatic = F.IsStatic;
  G->IsInline = F.IsInline;
  G->Loc = F.Loc;
  G->results() = F.results();
  ValueMap Map;
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (I != Index)
      Map[F.param(I)] =
          G->addParam(F.param(I)->type(), F.param(I)->name(), F.paramInfo(I));
  Builder B(G->body());
  Map[F.param(Index)] = B.constant(F.param(Index)->type(), V);
  for (const auto &O : F.body()->ops())
    cloneOp(B, *O, Map);
  return G;
}

/// f_d<k>: the k-th derivative in the scalar x is the JVP along t_x = 1
/// applied k times, each time keeping only the tangent: f's parameters stay
/// the parameters, the others held fixed.
static std::unique_ptr<Function>
buildNthDerivative(const Function &F, const std::vector<bool> &Active,
                   unsigned Order, Diagnostics &Diags) {
  std::unique_ptr<Function> Current;
  for (unsigned K = 0; K < Order; ++K) {
    const Function &Of = Current ? *Current : F;
    std::unique_ptr<Function> J =
        buildDerivative(Of, DerivativeMode::Jvp, Active, Diags);
    if (!J)
      return nullptr;
    if (J->numParams() != F.numParams() + 1 || J->results().size() != 2) {
      Diags.push_back({F.Loc, "internal error: unexpected JVP signature"});
      return nullptr;
    }
    Current = keepResults(*bindParameter(*J, F.numParams(), 1.0), {1});
    Current->results()[0].Passing = ResultPassing::Return;
    Current->results()[0].Name = F.results()[0].Name;
    Current = simplify(*Current);
    // Tangents of tangents along the same direction repeat themselves.
    if (std::unique_ptr<Function> M = mergeCarried(*Current))
      Current = simplify(*M);
    if (!verified(*Current, "derivative", Diags))
      return nullptr;
  }
  Current->setName(F.name() + "_d" + std::to_string(Order));
  Current->Loc = F.Loc;
  return Current;
}

/// f_hvp: H v is the gradient with respect to x of the directional
/// derivative <grad f(x), v>, which is f's JVP along v. So the HVP is
/// reverse mode applied to the JVP's IR: both are the existing transforms,
/// and everything the gradient handles (loops, arrays, branches) carries
/// over. The cost is a small multiple of the gradient's.
static std::unique_ptr<Function> buildHvp(const Function &FIn,
                                          const std::vector<bool> &ActiveIn,
                                          Diagnostics &Diags) {
  unsigned Out = 0;
  std::unique_ptr<Function> Returning = returningOutput(FIn, Out);
  const Function &F = Returning ? *Returning : FIn;
  std::vector<bool> Active = ActiveIn;
  if (Returning && Out < Active.size())
    Active[Out] = false;
  std::unique_ptr<Function> J =
      buildDerivative(F, DerivativeMode::Jvp, Active, Diags);
  if (!J)
    return nullptr;
  // J's parameters: f's, then a tangent per differentiated parameter, which
  // is the direction v_x; its results: f's value, then the JVP.
  std::vector<unsigned> Differentiated;
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (F.param(I)->type().isDifferentiable() && I < Active.size() && Active[I])
      Differentiated.push_back(I);
  if (J->numParams() != F.numParams() + Differentiated.size() ||
      J->results().size() != 2) {
    Diags.push_back({F.Loc, "internal error: unexpected JVP signature"});
    return nullptr;
  }
  for (unsigned K = 0; K < Differentiated.size(); ++K)
    J->param(F.numParams() + K)
        ->setName(J->uniqueName("v_" + F.param(Differentiated[K])->name()));
  std::unique_ptr<Function> Directional = keepResults(*J, {1});
  Directional->results()[0].Passing = ResultPassing::Return;
  std::vector<bool> ActiveX(Directional->numParams(), false);
  for (unsigned I : Differentiated)
    ActiveX[I] = true;
  std::unique_ptr<Function> H =
      buildDerivative(*Directional, DerivativeMode::Grad, ActiveX, Diags);
  if (!H)
    return nullptr;
  // The gradients of the directional derivative are Hv_x, in declaration
  // order; the directional derivative itself is not returned.
  unsigned K = 0;
  for (const Function::SignatureEntry &E : H->Signature) {
    if (!E.IsResult && E.Index < Directional->numParams())
      continue;
    if (K >= Differentiated.size())
      break;
    std::string Name = "Hv_" + F.param(Differentiated[K++])->name();
    if (E.IsResult)
      H->results()[E.Index].Name = H->uniqueName(Name);
    else
      H->param(E.Index)->setName(H->uniqueName(Name));
  }
  std::vector<unsigned> Keep;
  for (unsigned I = 1; I < H->results().size(); ++I)
    Keep.push_back(I);
  std::unique_ptr<Function> D = simplify(*keepResults(*H, Keep));
  if (!verified(*D, "hvp", Diags))
    return nullptr;
  D->setName(derivativeFunctionName(FIn, DerivativeMode::Hvp));
  D->Loc = F.Loc;
  return D;
}

std::unique_ptr<Function> buildDerivative(const Function &F,
                                          DerivativeMode Mode,
                                          const std::vector<bool> &Active,
                                          Diagnostics &Diags, unsigned Order) {
  if (Mode == DerivativeMode::Derivative)
    return buildNthDerivative(F, Active, Order, Diags);
  if (Mode == DerivativeMode::Hvp)
    return buildHvp(F, Active, Diags);
  if (Mode == DerivativeMode::Hessian || Mode == DerivativeMode::Jacobian) {
    std::unique_ptr<Function> H;
    if (Mode == DerivativeMode::Hessian) {
      std::unique_ptr<Function> Hv = buildHvp(F, Active, Diags);
      if (!Hv)
        return nullptr;
      unsigned Out = 0;
      std::unique_ptr<Function> Returning = returningOutput(F, Out);
      std::vector<bool> ActiveHv = Active;
      if (Returning && Out < ActiveHv.size())
        ActiveHv[Out] = false;
      H = buildHessian(Returning ? *Returning : F, *Hv, ActiveHv, Diags);
      // f_hessian of a void f writes its value where f does.
      if (H && Returning)
        H = storeResultInto(*H, Out);
    } else {
      std::unique_ptr<Function> Jv =
          buildDerivative(F, DerivativeMode::Jvp, Active, Diags);
      std::unique_ptr<Function> Vj =
          buildDerivative(F, DerivativeMode::Vjp, Active, Diags);
      if (!Jv || !Vj)
        return nullptr;
      H = buildJacobian(F, *Jv, *Vj, Active, Diags);
    }
    if (!H || !verified(*H, modeName(Mode), Diags))
      return nullptr;
    // The value's loops (cloned from f) in counted form, as everywhere.
    H = simplify(*closeInductionVariables(*raiseCountedLoops(*simplify(*H))));
    if (!verified(*H, "simplify", Diags))
      return nullptr;
    H->setName(derivativeFunctionName(F, Mode));
    H->Loc = F.Loc;
    return H;
  }
  // Every spelling of a counted loop becomes a for op first.
  std::unique_ptr<Function> P =
      simplify(*closeInductionVariables(*raiseCountedLoops(*simplify(F))));
  if (!verified(*P, "counted-loop recognition", Diags))
    return nullptr;
  // Elements updated in place by a loop become carried values.
  P = simplify(*promoteElements(*P));
  if (!verified(*P, "element promotion", Diags))
    return nullptr;
  // Reads of a local array filled with a cheap map compute the map again.
  if (std::unique_ptr<Function> C = contractArrays(*P)) {
    P = simplify(*C);
    if (!verified(*P, "array contraction", Diags))
      return nullptr;
  }
  std::unique_ptr<Function> J = jvp(*P, Active, Diags);
  if (!J || !verified(*J, "jvp", Diags))
    return nullptr;
  J = simplify(*J);
  if (!verified(*J, "simplify", Diags))
    return nullptr;
  std::unique_ptr<Function> D;
  bool HasResult = !F.results().empty();
  if (Mode != DerivativeMode::Jvp) {
    // An in-place kernel (nothing active but its arrays' initial
    // contents) is differentiated from initial to final contents.
    bool InPlace =
        Mode == DerivativeMode::Vjp &&
        std::none_of(Active.begin(), Active.end(), [](bool A) { return A; });
    D = vjp(*J, F.numParams(), F.results().size(),
            /*UnitSeed=*/Mode == DerivativeMode::Grad, Diags,
            /*Accumulate=*/Mode == DerivativeMode::VjpAdd, InPlace);
    if (!D || !verified(*D, "vjp", Diags))
      return nullptr;
    D = simplify(*D);
    bool Fused = true;
    while (Fused) {
      std::unique_ptr<Function> E = fuseLoops(*D, Fused);
      if (Fused) {
        if (!verified(*E, "loop fusion", Diags))
          return nullptr;
        D = simplify(*E);
        continue;
      }
      // A guarded loop's forward and backward sweeps (fused outer loops
      // bring them together): one if, whose two loops fuse.
      if (std::unique_ptr<Function> M = mergeIfs(*D)) {
        if (!verified(*M, "if merging", Diags))
          return nullptr;
        D = simplify(*M);
        Fused = true;
      }
    }
    // A fused loop runs a counter its forward and backward halves both ran.
    if (std::unique_ptr<Function> M = mergeCarried(*D))
      D = simplify(*M);
    // Adjoint elements a backward loop accumulates at one index stay in a
    // register across the loop.
    D = simplify(*promoteElements(*D));
    if (!verified(*D, "element promotion", Diags))
      return nullptr;
    // Fold the zeroing of gradient arrays into their first loop.
    for (unsigned Round = 0; Round < 8; ++Round) {
      std::unique_ptr<Function> E = foldFirstTouch(*D);
      if (!E)
        break;
      if (!verified(*E, "first-touch folding", Diags))
        return nullptr;
      D = simplify(*E);
    }
    // Increments of neighbouring adjoint elements (a transposed stencil)
    // add to registers and reach memory once per element.
    if (std::unique_ptr<Function> E = carryIncrements(*D)) {
      if (!verified(*E, "carried increments", Diags))
        return nullptr;
      D = simplify(*E);
    }
    // Accumulations into elements known to be zero assign.
    if (std::unique_ptr<Function> E = assignZeroedElements(*D)) {
      if (!verified(*E, "zeroed elements", Diags))
        return nullptr;
      D = simplify(*E);
    }
    if (HasResult)
      D->results()[0].Passing = ResultPassing::Return;
  } else {
    D = std::move(J);
    if (HasResult) {
      D->results()[0].Passing = ResultPassing::OptionalOutPointer;
      D->results()[0].Name = "";
      D->results()[0].Name = D->uniqueName("value");
      D->results()[1].Passing = ResultPassing::Return;
    }
  }
  if (!verified(*D, "simplify", Diags))
    return nullptr;
  D->setName(derivativeFunctionName(F, Mode));
  D->Loc = F.Loc;
  return D;
}

namespace {
struct Generator {
  Generator(const Module &Primal, Diagnostics &Diags,
            const std::vector<DerivativeRequest> &Requests)
      : Primal(Primal), Diags(Diags), Requests(&Requests) {}
  const Module &Primal;
  Diagnostics &Diags;
  std::vector<std::unique_ptr<Function>> Out;
  std::map<std::string, std::vector<bool>> GradActive; // per function
  std::set<std::string> Emitted, InProgress;
  std::map<std::string, Function *> ByKey;

  void generate(const DerivativeRequest &R) {
    std::string Key = R.Function + "/" + modeName(R.Mode) +
                      std::to_string(R.Order) + "/" + R.Name;
    if (Emitted.count(Key)) {
      auto It = ByKey.find(Key);
      if (!R.Internal && It != ByKey.end()) // asked for after a caller did
        It->second->Internal = false;
      return;
    }
    const Function *F = Primal.lookup(R.Function);
    if (!F) {
      Diags.push_back({R.Loc, "internal error: no IR for " + R.Function});
      return;
    }
    Emitted.insert(Key);
    // Calls to generated derivatives become their IR first.
    std::unique_ptr<Function> Expanded;
    if (hasGeneratedCalls(*F)) {
      Expanded = expandGeneratedCalls(
          *F,
          [&](const Op &Call, CalledIR What) {
            return calledDerivative(Call, What);
          },
          Diags);
      if (!Expanded || !verified(*Expanded, "expanding generated calls", Diags))
        return;
      if (std::getenv("ADGEN_DEBUG_EXPANDED")) // for developers
        printFunction(*Expanded, std::cerr);
      F = Expanded.get();
    }
    std::unique_ptr<Function> D =
        buildDerivative(*F, R.Mode, R.Active, Diags, R.Order);
    if (!D)
      return;
    if (!R.Name.empty())
      D->setName(R.Name);
    D->Internal = R.Internal;
    ByKey[Key] = D.get();
    // Callees first: their gradients are called by this derivative.
    std::vector<std::pair<std::string, Location>> Callees;
    collectGradCallees(*D->body(), Callees);
    for (const auto &[Callee, Loc] : Callees)
      requireGradient(Callee, Loc);
    requireCallDerivatives(*D->body());
    Out.push_back(std::move(D));
  }

  /// The IR of the derivative a call_generated op calls: the one the user's
  /// request for it produces.
  std::map<std::string, std::unique_ptr<Function>> Called;
  const Function *calledDerivative(const Op &Call, CalledIR What) {
    const std::string &Callee = Call.attrs().Callee;
    if (What == CalledIR::Primal)
      return Primal.lookup(Callee);
    bool Jvp = What == CalledIR::Jvp;
    auto Mode = static_cast<DerivativeMode>(Call.attrs().IntValue);
    std::string Key = Callee + "/" + modeName(Mode) + (Jvp ? "/jvp" : "");
    auto It = Called.find(Key);
    if (It != Called.end())
      return It->second.get();
    const Function *G = Primal.lookup(Callee);
    const DerivativeRequest *Asked = nullptr;
    for (const DerivativeRequest &R : *Requests)
      if (R.Function == Callee && R.Mode == Mode && !R.Internal)
        Asked = &R;
    if (!G || !Asked) {
      Diags.push_back({Call.loc(), "internal error: no request for the " +
                                       std::string(modeName(Mode)) + " of " +
                                       Callee});
      return nullptr;
    }
    std::unique_ptr<Function> D =
        buildDerivative(*G, Jvp ? DerivativeMode::Jvp : Mode, Asked->Active,
                        Diags, Asked->Order);
    return (Called[Key] = std::move(D)).get();
  }
  const std::vector<DerivativeRequest> *Requests = nullptr;

  /// <callee>_<mode>[_<parameters>]: the public g_jvp when it is the jvp
  /// with respect to every parameter (the user's, if they marked g so), else
  /// a name of its own, numbered if two parameter sets spell the same.
  std::string callDerivativeName(const Function &G, const DerivativeRequest &R,
                                 const std::string &Listed) {
    std::string Base = G.name() + "_" + modeName(R.Mode), Suffix = Listed;
    if (R.Mode == DerivativeMode::Jvp && Listed.empty()) {
      auto User = UserJvpActive.find(R.Function);
      if (User == UserJvpActive.end() || User->second == R.Active)
        return "";
      Suffix = "_all"; // the user's g_jvp has fewer parameters
    }
    std::string Name = Base + Suffix;
    std::string Key = R.Function + "/" + modeName(R.Mode) + "/";
    for (bool B : R.Active)
      Key += B ? '1' : '0';
    for (unsigned N = 2;; ++N) {
      auto [It, New] = NameOwner.emplace(Name, Key);
      if (New || It->second == Key)
        return Name;
      Name = Base + Suffix + "_" + std::to_string(N);
    }
  }
  std::map<std::string, std::vector<bool>> UserJvpActive;
  std::map<std::string, std::string> NameOwner;

  /// call_jvp and call_vjp call a derivative of the callee with respect to
  /// the parameters in their mask: generated here, and named in the op.
  void requireCallDerivatives(Region &R) {
    for (const auto &O : R.ops()) {
      for (unsigned I = 0; I < O->numRegions(); ++I)
        requireCallDerivatives(*O->region(I));
      if (O->prim() != Prim::CallJvp && O->prim() != Prim::CallVjp)
        continue;
      Attributes &Attrs = O->attrs();
      const Function *G = Primal.lookup(Attrs.Callee);
      if (!G) {
        Diags.push_back(
            {O->loc(), "internal error: no IR for callee " + Attrs.Callee});
        return;
      }
      DerivativeRequest Req;
      Req.Mode = O->prim() == Prim::CallJvp ? DerivativeMode::Jvp
                                            : DerivativeMode::VjpAdd;
      Req.Function = Attrs.Callee;
      Req.Loc = O->loc();
      Req.Internal = true;
      bool All = true;
      std::string Listed;
      for (unsigned P = 0; P < G->numParams(); ++P) {
        bool In = P < 64 && ((Attrs.IntValue >> P) & 1);
        Req.Active.push_back(In);
        if (G->param(P)->type().isDifferentiable())
          All &= In;
        if (In)
          Listed += "_" + G->param(P)->name();
      }
      Req.Name = callDerivativeName(*G, Req, All ? "" : Listed);
      generate(Req);
      // The op now names the derivative: "ns::g_jvp_x(double *, int)".
      size_t Paren = Attrs.Callee.find('(');
      size_t Base = Attrs.Callee.rfind("::", Paren);
      Base = Base == std::string::npos ? 0 : Base + 2;
      std::string Name =
          Req.Name.empty() ? derivativeFunctionName(*G, Req.Mode) : Req.Name;
      Attrs.Callee =
          Attrs.Callee.substr(0, Base) + Name + Attrs.Callee.substr(Paren);
    }
  }

  void collectGradCallees(const Region &R,
                          std::vector<std::pair<std::string, Location>> &C) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::CallGrad || O->prim() == Prim::CallPartials)
        C.push_back({O->attrs().Callee, O->loc()});
      for (unsigned I = 0; I < O->numRegions(); ++I)
        collectGradCallees(*O->region(I), C);
    }
  }

  void requireGradient(const std::string &Callee, const Location &Loc) {
    const Function *G = Primal.lookup(Callee);
    if (!G) {
      Diags.push_back({Loc, "internal error: no IR for callee " + Callee});
      return;
    }
    // Every floating-point number and read-only array (a recursion through
    // arrays fills the partials of each: lib/Frontend/LowerRecursion.cpp).
    std::vector<bool> All;
    for (unsigned I = 0; I < G->numParams(); ++I)
      All.push_back(
          G->param(I)->type().isFloat() ||
          (G->param(I)->type().isDifferentiable() && G->paramInfo(I).Const));
    auto It = GradActive.find(Callee);
    if (It != GradActive.end() && It->second != All) {
      Diags.push_back(
          {Loc,
           "'" + Callee +
               "' is marked for a gradient with respect to "
               "some of its parameters, but a derivative calls it and needs "
               "its gradient with respect to all of them; mark it "
               "ADGEN(grad) instead"});
      return;
    }
    GradActive[Callee] = All;
    generate({Callee, DerivativeMode::Grad, All, Loc, "", /*Internal=*/true});
  }
};
} // namespace

std::vector<std::unique_ptr<Function>>
generateDerivatives(const Module &Primal,
                    const std::vector<DerivativeRequest> &Requests,
                    Diagnostics &Diags) {
  Generator G(Primal, Diags, Requests);
  for (const DerivativeRequest &R : Requests) {
    if (R.Mode == DerivativeMode::Grad)
      G.GradActive[R.Function] = R.Active;
    if (R.Mode == DerivativeMode::Jvp)
      G.UserJvpActive[R.Function] = R.Active;
  }
  for (const DerivativeRequest &R : Requests)
    G.generate(R);
  return std::move(G.Out);
}

} // namespace adgen
