//===- LoweringContext.cpp - Translation-unit state of the lowering -------===//
// Types, names, locations, diagnostics, and lowering each user function once
// (callees on demand, with recursion reported as an error).
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"
#include "Frontend/SingleValues.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TemplateBase.h"
#include "clang/Basic/SourceManager.h"

namespace adgen {

void LoweringContext::error(clang::SourceLocation Loc,
                            const std::string &Message) {
  // A helper lowered in place for two callers reports its problem once.
  if (!Reported.insert({Loc.getRawEncoding(), Message}).second) {
    ++Repeated;
    return;
  }
  clang::DiagnosticsEngine &D = Ctx.getDiagnostics();
  unsigned ID = D.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0");
  D.Report(Loc, ID) << Message;
}

void LoweringContext::note(clang::SourceLocation Loc,
                           const std::string &Message) {
  clang::DiagnosticsEngine &D = Ctx.getDiagnostics();
  unsigned ID = D.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
  D.Report(Loc, ID) << Message;
}

Location LoweringContext::location(clang::SourceLocation Loc) const {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return {};
  return {P.getFilename(), P.getLine(), P.getColumn()};
}

std::optional<Type> LoweringContext::scalarType(clang::QualType T) const {
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (const auto *ET = T->getAs<clang::EnumType>()) // enumerators are ints
    T = ET->getDecl()->getIntegerType().getCanonicalType();
  const auto *BT = T->getAs<clang::BuiltinType>();
  if (!BT)
    return std::nullopt;
  switch (BT->getKind()) {
  case clang::BuiltinType::Bool:
    return Type(TypeKind::Bool);
  case clang::BuiltinType::Char_S:
  case clang::BuiltinType::Char_U:
    return Type(TypeKind::Char);
  case clang::BuiltinType::SChar:
    return Type(TypeKind::SChar);
  case clang::BuiltinType::UChar:
    return Type(TypeKind::UChar);
  case clang::BuiltinType::Short:
    return Type(TypeKind::Short);
  case clang::BuiltinType::UShort:
    return Type(TypeKind::UShort);
  case clang::BuiltinType::Int:
    return Type(TypeKind::Int);
  case clang::BuiltinType::UInt:
    return Type(TypeKind::UInt);
  case clang::BuiltinType::Long:
    return Type(TypeKind::Long);
  case clang::BuiltinType::ULong:
    return Type(TypeKind::ULong);
  case clang::BuiltinType::LongLong:
    return Type(TypeKind::LongLong);
  case clang::BuiltinType::ULongLong:
    return Type(TypeKind::ULongLong);
  case clang::BuiltinType::Float:
    return Type(TypeKind::Float);
  case clang::BuiltinType::Double:
    return Type(TypeKind::Double);
  case clang::BuiltinType::LongDouble:
    return Type(TypeKind::LongDouble);
  default:
    return std::nullopt;
  }
}

std::vector<std::string>
LoweringContext::namespaces(const clang::FunctionDecl *FD) const {
  std::vector<std::string> NS;
  for (const clang::DeclContext *DC = FD->getDeclContext(); DC;
       DC = DC->getParent())
    if (const auto *N = llvm::dyn_cast<clang::NamespaceDecl>(DC))
      NS.insert(NS.begin(),
                N->isAnonymousNamespace()
                    ? std::string()
                    : (N->isInline() ? "inline:" : "") + N->getNameAsString());
  return NS;
}

std::string
LoweringContext::namespacePrefix(const clang::FunctionDecl *FD) const {
  std::string Q;
  for (const std::string &N : namespaces(FD))
    if (!N.empty())
      Q += (N.rfind("inline:", 0) == 0 ? N.substr(7) : N) + "::";
  return Q;
}

std::string
LoweringContext::qualifiedName(const clang::FunctionDecl *FD) const {
  return namespacePrefix(FD) + FD->getNameAsString();
}

std::string LoweringContext::loweredName(const clang::FunctionDecl *FD) const {
  // A marked member function becomes the free function Class_name.
  if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
    return M->getParent()->getNameAsString() + "_" + FD->getNameAsString();
  return FD->getNameAsString();
}

std::string LoweringContext::keyOf(const clang::FunctionDecl *Def) const {
  // A template's instantiation is called with its arguments
  // (ns::f<double, 3>); its derivatives are plain overloads (ns::f_grad).
  // A member function's key names its class (fit::Quad<double>), which
  // tells the specializations of a class template apart.
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Def);
  return namespacePrefix(Def) + loweredName(Def) + templateArguments(Def) +
         parameterTypes(Def) +
         (Method ? " of " + Ctx.getRecordType(Method->getParent()).getAsString()
                 : "");
}

std::string
LoweringContext::parameterTypes(const clang::FunctionDecl *FD) const {
  std::string Out = "(";
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    Out += (I ? ", " : "") +
           FD->getParamDecl(I)->getType().getCanonicalType().getAsString();
  return Out + ")";
}

std::string
LoweringContext::templateArguments(const clang::FunctionDecl *FD) const {
  const clang::TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  clang::printTemplateArgumentList(OS, Args->asArray(),
                                   Ctx.getPrintingPolicy());
  return Out;
}

bool LoweringContext::checkSignature(const clang::FunctionDecl *FD,
                                     bool AllowArrays) {
  bool Ok = true;
  std::string Name = FD->getNameAsString();
  if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
      M && !(M->isStatic() && M->getDeclName().isIdentifier()) &&
      (!Marked.count(FD->getCanonicalDecl()) || !markableMethod(M))) {
    error(FD->getLocation(),
          "'" + Name +
              "' is a member function adgen cannot mark (a virtual "
              "function, a constructor, an operator); mark a named, "
              "non-virtual member function, or a free function that takes "
              "the object");
    return false;
  }
  if (FD->isTemplated()) { // a pattern: its instantiations are lowered
    error(FD->getLocation(), "'" + Name +
                                 "' is a template; adgen differentiates "
                                 "its instantiations, not the template");
    return false;
  }
  if (FD->isVariadic()) {
    error(FD->getLocation(), "'" + Name +
                                 "' is variadic, which adgen does "
                                 "not support");
    return false;
  }
  for (const clang::ParmVarDecl *P : FD->parameters()) {
    clang::QualType T = P->getType();
    std::string PName = P->getNameAsString();
    if (scalarType(T)) {
      // A marked function's T & is an output of one value; a callee's would
      // write into its caller's variable, which is not supported yet.
      if (isScalarReference(P) && !Marked.count(FD->getCanonicalDecl())) {
        error(P->getLocation(), "parameter '" + PName + "' of '" + Name +
                                    "' is a non-const reference to a scalar; "
                                    "return the value instead");
        Ok = false;
      }
      continue;
    }
    if (recordArrayParam(P)) {
      if (AllowArrays) {
        Ok &= checkRecordArrayParam(P);
        continue;
      }
    } else if (recordParamType(T)) {
      Ok &= checkRecordParam(P);
      continue;
    }
    std::optional<ArrayType> A = arrayParamType(P);
    if ((A || recordArrayParam(P)) && !AllowArrays) {
      error(P->getLocation(), "parameter '" + PName + "' of '" + Name +
                                  "' is an array; calls to user functions "
                                  "that take arrays are not supported yet");
      Ok = false;
    } else if (!A) {
      error(P->getLocation(),
            "parameter '" + PName + "' of '" + Name + "' has type '" +
                T.getAsString() +
                "'; adgen supports arithmetic types and arrays of them (T *, "
                "T[N], T[N][M], T (*)[M], const std::vector<T> &, "
                "std::array<T, N> &, std::span<T>, and T & outputs)");
      Ok = false;
    } else if (A->Kind == ParamKind::Pointer &&
               (Marked.count(FD->getCanonicalDecl()) ||
                !CalledWithArrays.count(FD->getCanonicalDecl())) &&
               !Lengths[FD->getCanonicalDecl()].count(PName)) {
      if (usedAsSingleValue(FD, P)) { // *err = ..., *w: one element
        Lengths[FD->getCanonicalDecl()][PName] = "1";
        continue;
      }
      error(P->getLocation(), "pointer parameter '" + PName + "' of '" + Name +
                                  "' needs its length: add len(" + PName +
                                  ", <expression>) to ADGEN(...)");
      Ok = false;
    }
  }
  clang::QualType R = FD->getReturnType();
  if (!scalarType(R) &&
      !(AllowArrays && (R->isVoidType() || returnedArrayType(R)))) {
    error(FD->getLocation(), "'" + Name + "' returns '" + R.getAsString() +
                                 "'; adgen supports functions returning an "
                                 "arithmetic type");
    Ok = false;
  }
  return Ok;
}

std::string
LoweringContext::recursionMessage(const clang::FunctionDecl *FD) const {
  std::string Name = FD->getNameAsString();
  if (InlineCalls)
    return "recursive call to '" + Name +
           "' in a function asked for second derivatives (hvp, hessian, "
           "derivative), which lower every call in place; ask for grad, jvp "
           "or vjp, which differentiate recursion through numbers and "
           "read-only arrays";
  return "recursive call to '" + Name +
         "', which takes records or references, returns something other "
         "than a number, or is a member function; adgen differentiates "
         "recursion through numbers and read-only arrays (through the "
         "function's own gradient): write this one as a loop";
}

std::string LoweringContext::lowerFunction(const clang::FunctionDecl *FD,
                                           clang::SourceLocation CallSite) {
  FD = FD->getCanonicalDecl();
  auto It = Lowered.find(FD);
  if (It != Lowered.end())
    return It->second;
  if (Failed.count(FD))
    return "";
  if (InProgress.count(FD)) {
    // Recursion through numbers: the call goes to the function's own
    // generated gradient, under the name its lowering is about to get.
    const clang::FunctionDecl *Def = FD->getDefinition();
    const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Def);
    bool Scalars = scalarType(Def->getReturnType()).has_value() &&
                   (!Method || Method->isStatic()); // no object
    for (const clang::ParmVarDecl *P : Def->parameters())
      Scalars &= scalarType(P->getType()).has_value() && !isScalarReference(P);
    if (Scalars)
      return keyOf(Def);
    error(CallSite, recursionMessage(FD));
    return "";
  }
  const clang::FunctionDecl *Def = FD->getDefinition();
  InProgress.insert(FD);
  // Lowered on its own (a recursive callee reached from a body lowered in
  // place): what the caller lowers in place is no recursion of FD's.
  std::set<const clang::FunctionDecl *> Outer;
  std::swap(Outer, Inlining);
  std::unique_ptr<Function> F;
  if (checkSignature(Def, Marked.count(FD) || CalledWithArrays.count(FD)))
    F = FunctionLowering(*this, Def).run();
  std::swap(Outer, Inlining);
  InProgress.erase(FD);
  if (!F) {
    Failed.insert(FD);
    if (CallSite.isValid())
      note(CallSite, "in the call to '" + FD->getNameAsString() + "' here");
    return "";
  }
  std::string Name = keyOf(Def);
  F->Key = Name;
  M.add(std::move(F));
  Lowered[FD] = Name;
  return Name;
}

bool LoweringContext::markableMethod(const clang::CXXMethodDecl *M) const {
  return !M->isVirtual() && M->getDeclName().isIdentifier() &&
         !M->getParent()->isDependentContext() &&
         !llvm::isa<clang::CXXConstructorDecl>(M) &&
         !llvm::isa<clang::CXXDestructorDecl>(M);
}

clang::QualType
LoweringContext::objectType(const clang::CXXMethodDecl *M) const {
  clang::QualType Obj = Ctx.getRecordType(M->getParent());
  return Ctx.getLValueReferenceType(M->isConst() ? Obj.withConst() : Obj);
}

bool LoweringContext::isDifferentiableObject(
    const clang::CXXMethodDecl *M) const {
  return isDifferentiableRecord(objectType(M));
}

bool LoweringContext::isDifferentiableRecord(clang::QualType T) const {
  auto R = recordParamType(T);
  std::vector<RecordLeaf> Leaves;
  std::string Why;
  if (!R || !R->Const || !recordLeaves(R->Decl, "", Leaves, Why))
    return false;
  for (const RecordLeaf &L : Leaves) {
    auto S = scalarType(L.Type);
    auto A = S ? std::nullopt : memberArrayType(L.Type);
    if ((S && S->isFloat()) || (A && A->Element.isFloat()))
      return true;
  }
  return false;
}

bool LoweringContext::isDifferentiable(const clang::ParmVarDecl *P) const {
  if (isScalarReference(P))
    return false; // an output
  if (auto T = scalarType(P->getType()))
    return T->isFloat();
  if (auto RA = recordArrayParam(P))
    return RA->Element.Const &&
           isDifferentiableRecord(
               Ctx.getLValueReferenceType(RA->Element.Type.withConst()));
  if (recordParamType(P->getType()))
    return isDifferentiableRecord(P->getType());
  auto A = arrayParamType(P);
  return A && A->Const && A->Element.isFloat();
}

} // namespace adgen
