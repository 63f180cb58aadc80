//===- LowerGeneratedCalls.cpp - Calls to derivatives adgen generates -----===//
// Marked code may call g_grad, g_jvp, g_vjp, g_hvp or g_hessian of a marked
// g, declared by a prototype: checked against the contract, lowered to a
// call_generated op that Transforms/GeneratedCalls.cpp expands.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"
#include "Transforms/Derivatives.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace adgen {

namespace {
/// What one parameter of the generated function is.
enum class Role {
  Same,        // g's own parameter
  ScalarIn,    // a direction or weight for a scalar: T v_a
  ScalarOut,   // a derivative of a scalar: T *d_a
  OptionalOut, // f_jvp's T *value = nullptr
  ArrayIn,     // a direction for an array: const T *v_x
  ArrayOut,    // a derivative of an array: T *d_x
  MatrixOut    // f_hessian's T *H
};

struct Expected {
  Role R;
  const clang::ParmVarDecl *Of; // g's parameter (null for H and value)
  std::string Name;
};

struct ModeInfo {
  const char *Suffix;
  DerivativeMode Mode;
};
const ModeInfo Modes[] = {{"grad", DerivativeMode::Grad},
                          {"jvp", DerivativeMode::Jvp},
                          {"vjp", DerivativeMode::Vjp},
                          {"hvp", DerivativeMode::Hvp},
                          {"hessian", DerivativeMode::Hessian}};
} // namespace

/// The C++ spelling of what the contract declares for E.
static std::string spelling(LoweringContext &LC, const Expected &E,
                            const std::string &Scalar) {
  if (E.R == Role::Same) { // as adgen declares g's parameters
    if (auto T = LC.scalarType(E.Of->getType()))
      return std::string(T->cppName()) + " " + E.Name;
    auto A = LC.arrayParamType(E.Of);
    return spelling(
        LC, {A->Const ? Role::ArrayIn : Role::ArrayOut, E.Of, E.Name}, Scalar);
  }
  if (E.R == Role::ScalarIn)
    return Scalar + " " + E.Name;
  if (E.R == Role::ScalarOut || E.R == Role::MatrixOut)
    return Scalar + " *" + E.Name;
  if (E.R == Role::OptionalOut)
    return Scalar + " *" + E.Name + " = nullptr";
  auto A = LC.arrayParamType(E.Of);
  std::string Elem = A->Element.cppName();
  bool In = E.R == Role::ArrayIn;
  switch (A->Kind) {
  case ParamKind::StdVector:
    return std::string(In ? "const " : "") + "std::vector<" + Elem + "> &" +
           E.Name;
  case ParamKind::StdArray:
    return std::string(In ? "const " : "") + "std::array<" + Elem + ", " +
           std::to_string(A->Extent) + "> &" + E.Name;
  case ParamKind::Span:
    return "std::span<" + std::string(In ? "const " : "") + Elem + "> " +
           E.Name;
  default:
    return std::string(In ? "const " : "") + Elem + " *" + E.Name;
  }
}

/// Whether the prototype's parameter P is what E expects.
static bool matches(LoweringContext &LC, const clang::ParmVarDecl *P,
                    const Expected &E, Type Scalar) {
  clang::QualType T = P->getType().getCanonicalType();
  auto PointerToScalar = [&] {
    const auto *PT = T->getAs<clang::PointerType>();
    return PT && !PT->getPointeeType().isConstQualified() &&
           LC.scalarType(PT->getPointeeType()) == Scalar;
  };
  switch (E.R) {
  case Role::Same: // scalars by value, arrays as adgen declares them
    if (auto S = LC.scalarType(E.Of->getType()))
      return !T->isPointerType() && !T->isReferenceType() &&
             LC.scalarType(T) == *S;
    return matches(
        LC, P,
        {LC.arrayParamType(E.Of)->Const ? Role::ArrayIn : Role::ArrayOut, E.Of,
         E.Name},
        Scalar);
  case Role::ScalarIn:
    return !T->isPointerType() && !T->isReferenceType() &&
           LC.scalarType(T) == Scalar;
  case Role::ScalarOut:
  case Role::OptionalOut:
  case Role::MatrixOut:
    return PointerToScalar();
  case Role::ArrayIn:
  case Role::ArrayOut: {
    auto Want = LC.arrayParamType(E.Of);
    auto Got = LC.arrayParamType(P);
    auto Flat = [](ParamKind K) {
      return K == ParamKind::CArray ? ParamKind::Pointer : K;
    };
    return Want && Got && Flat(Want->Kind) == Flat(Got->Kind) &&
           Want->Element == Got->Element && Want->Extent == Got->Extent &&
           Got->Const == (E.R == Role::ArrayIn);
  }
  }
  return false;
}

/// The prototype Callee starts with G's parameters as the contract declares
/// them (scalars by value, arrays as adgen declares them).
static bool startsWithParameters(LoweringContext &LC,
                                 const clang::FunctionDecl *Callee,
                                 const clang::FunctionDecl *G) {
  if (Callee->getNumParams() < G->getNumParams())
    return false;
  for (unsigned I = 0; I < G->getNumParams(); ++I)
    if (!matches(LC, Callee->getParamDecl(I),
                 {Role::Same, G->getParamDecl(I), ""}, Type(TypeKind::Double)))
      return false;
  return true;
}

Value *FunctionLowering::generatedCall(const clang::CallExpr *E,
                                       const clang::FunctionDecl *Callee,
                                       bool &Recognised) {
  Recognised = false;
  std::string Name = Callee->getNameAsString();
  const ModeInfo *Mode = nullptr;
  const clang::FunctionDecl *G = nullptr;
  for (const ModeInfo &M : Modes) {
    std::string Suffix = std::string("_") + M.Suffix;
    if (Name.size() <= Suffix.size() ||
        Name.compare(Name.size() - Suffix.size(), Suffix.size(), Suffix))
      continue;
    std::string Base = Name.substr(0, Name.size() - Suffix.size());
    for (const clang::NamedDecl *D :
         Callee->getDeclContext()->lookup(&LC.Ctx.Idents.get(Base))) {
      if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
        if (LC.MarkedModes.count(FD->getCanonicalDecl()))
          G = FD->getCanonicalDecl(), Mode = &M;
      // A marked template: the instantiation whose parameters the
      // prototype starts with (f_grad(double a, ..., double *d_a)).
      if (const auto *T = llvm::dyn_cast<clang::FunctionTemplateDecl>(D))
        for (const clang::FunctionDecl *Spec : T->specializations())
          if (LC.MarkedModes.count(Spec->getCanonicalDecl()) &&
              startsWithParameters(LC, Callee, Spec))
            G = Spec->getCanonicalDecl(), Mode = &M;
    }
  }
  if (!G)
    return nullptr;
  Recognised = true;
  const std::vector<ModeSpec> &Specs = LC.MarkedModes[G];
  const ModeSpec *Spec = nullptr;
  for (const ModeSpec &S : Specs)
    if (S.Name == Mode->Suffix)
      Spec = &S;
  std::string GName = G->getNameAsString();
  if (!Spec)
    return fail(E, "'" + Name + "' is not generated: '" + GName +
                       "' is not marked for " + Mode->Suffix +
                       "; add it to its ADGEN(...)");
  const clang::FunctionDecl *GDef = G->getDefinition();
  auto ReturnType = LC.scalarType(GDef->getReturnType());
  bool HasOutputs = false;
  for (const clang::ParmVarDecl *P : GDef->parameters())
    if (auto A = LC.arrayParamType(P))
      HasOutputs |= !A->Const;
  if (!ReturnType || !ReturnType->isFloat() || HasOutputs)
    return fail(E, "calls to the derivatives of '" + GName +
                       "', which has output arrays, are not supported yet");
  // The contract's parameters (docs/contract.md), in order.
  std::vector<Expected> Want;
  std::vector<const clang::ParmVarDecl *> Active;
  for (const clang::ParmVarDecl *P : GDef->parameters()) {
    Want.push_back({Role::Same, P, P->getNameAsString()});
    bool Listed = !Spec->HasArgs;
    for (const std::string &A : Spec->Args)
      Listed |= A == P->getNameAsString();
    if (Listed && LC.isDifferentiable(P))
      Active.push_back(P);
  }
  auto Add = [&](Role Scalar, Role Array, const char *Prefix) {
    for (const clang::ParmVarDecl *P : Active)
      Want.push_back({LC.scalarType(P->getType()) ? Scalar : Array, P,
                      Prefix + P->getNameAsString()});
  };
  switch (Mode->Mode) {
  case DerivativeMode::Grad:
    Add(Role::ScalarOut, Role::ArrayOut, "d_");
    break;
  case DerivativeMode::Jvp:
    Add(Role::ScalarIn, Role::ArrayIn, "t_");
    Want.push_back({Role::OptionalOut, nullptr, "value"});
    break;
  case DerivativeMode::Vjp:
    Want.push_back({Role::ScalarIn, nullptr, "w_return"});
    Add(Role::ScalarOut, Role::ArrayOut, "d_");
    break;
  case DerivativeMode::Hvp:
    Add(Role::ScalarIn, Role::ArrayIn, "v_");
    Add(Role::ScalarOut, Role::ArrayOut, "Hv_");
    break;
  default: // Hessian
    Want.push_back({Role::MatrixOut, nullptr, "H"});
    break;
  }
  bool ReturnsVoid = Mode->Mode == DerivativeMode::Hvp;
  std::string Scalar = ReturnType->cppName();
  std::string Contract = (ReturnsVoid ? "void" : Scalar) + " " + Name + "(";
  for (unsigned I = 0; I < Want.size(); ++I)
    Contract += (I ? ", " : "") + spelling(LC, Want[I], Scalar);
  Contract += ")";
  bool Same =
      Callee->getNumParams() == Want.size() &&
      (ReturnsVoid ? Callee->getReturnType()->isVoidType()
                   : LC.scalarType(Callee->getReturnType()) == *ReturnType);
  for (unsigned I = 0; Same && I < Want.size(); ++I)
    Same = matches(LC, Callee->getParamDecl(I), Want[I], *ReturnType);
  if (!Same) {
    LC.error(Callee->getLocation(),
             "'" + Name + "' does not match what adgen generates for '" +
                 GName + "': declare it as '" + Contract + "'");
    return nullptr;
  }
  std::string Key = LC.lowerFunction(GDef, E->getExprLoc());
  if (Key.empty())
    return nullptr;
  // Operands: the arguments but the scalar out-pointers, which are results.
  std::vector<Value *> Operands;
  std::vector<Type> Results;
  if (!ReturnsVoid)
    Results.push_back(*ReturnType);
  std::vector<std::pair<unsigned, Place>> Outs; // result, where it goes
  for (unsigned I = 0; I < Want.size(); ++I) {
    const clang::Expr *Arg = E->getArg(I);
    const Expected &W = Want[I];
    bool IsArray = W.R == Role::ArrayIn || W.R == Role::ArrayOut ||
                   W.R == Role::MatrixOut ||
                   (W.R == Role::Same && !LC.scalarType(W.Of->getType()));
    if (W.R == Role::ScalarOut || W.R == Role::OptionalOut) {
      Results.push_back(*ReturnType);
      const clang::Expr *Inner = Arg->IgnoreParenImpCasts();
      const auto *Address = llvm::dyn_cast<clang::UnaryOperator>(Inner);
      if (Address && Address->getOpcode() == clang::UO_AddrOf) {
        Place P;
        if (!placeOf(Address->getSubExpr(), P))
          return nullptr;
        Outs.push_back({static_cast<unsigned>(Results.size() - 1), P});
        continue;
      }
      bool Null = llvm::isa<clang::CXXDefaultArgExpr>(Arg) ||
                  Arg->isNullPointerConstant(
                      LC.Ctx, clang::Expr::NPC_ValueDependentIsNotNull);
      if (W.R == Role::OptionalOut && Null)
        continue;
      return fail(Arg, "pass the address of a variable (&v) as '" + W.Name +
                           "' of '" + Name + "'");
    }
    Value *V = IsArray ? bufferOf(Arg) : expr(Arg);
    if (!V)
      return nullptr;
    if (!IsArray)
      V = B->cast(V, W.R == Role::ScalarIn ? *ReturnType
                                           : *LC.scalarType(W.Of->getType()));
    Operands.push_back(V);
  }
  B->setLoc(LC.location(E->getExprLoc()));
  Attributes Attrs;
  Attrs.Callee = Key;
  Attrs.IntValue = static_cast<long long>(Mode->Mode);
  Op *Call = B->create(Prim::CallGenerated, Operands, Results, Attrs);
  for (auto &[Result, P] : Outs)
    if (!write(P, Call->result(Result)))
      return nullptr;
  if (ReturnsVoid) // a void call: a placeholder nobody reads
    return B->boolean(false);
  return Call->result(0);
}

} // namespace adgen
