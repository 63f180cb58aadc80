//===- CppEmitter.cpp - IR to readable C++ --------------------------------===//
// Entry points of the backend and the signatures of emitted functions; the
// bodies are printed by FunctionEmitter (EmitStmt.cpp, EmitExpr.cpp).
//===----------------------------------------------------------------------===//
#include "Backend/CppEmitter.h"
#include "Backend/FunctionEmitter.h"
#include "IR/Operation.h"

#include <optional>
#include <set>

namespace adgen {

FunctionEmitter::FunctionEmitter(const Function &F,
                                 const std::set<std::string> &Avoid)
    : F(F) {
  for (const std::string &Name : Avoid)
    Ids.reserve(Name);
  countUses(*F.body());
  releaseDropped();
  for (unsigned I = 0; I < F.numParams(); ++I) {
    const std::string &Name = F.param(I)->name();
    // A member of a record parameter is read by its access path, cam.f.
    bool Member = recordOf(Name) != Name;
    if (Member)
      Ids.reserve(recordOf(Name));
    if (F.paramInfo(I).InnerExtents.empty()) {
      if (Member)
        Ids.alias(F.param(I), Name);
      else
        Ids.assign(F.param(I), Name);
      continue;
    }
    // T A[N][M] keeps its shape in the signature; the body reads its
    // elements through a flat pointer, A_flat.
    Ids.assign(F.param(I), Name + "_flat");
  }
  for (const ResultSlot &S : F.results())
    if (S.Passing != ResultPassing::Return)
      Ids.reserve(S.Name);
}

bool FunctionEmitter::isRead(unsigned I) const {
  // The length of a T[N] or std::array is printed as N: it reads nothing.
  const Value *P = F.param(I);
  auto It = Uses.find(P);
  return It != Uses.end() && It->second > LengthUses.count(P);
}

std::string FunctionEmitter::paramDecl(unsigned I) const {
  const Value *P = F.param(I);
  const ParamInfo &Info = F.paramInfo(I);
  bool Read = isRead(I);
  if (!Info.RecordType.empty()) {
    // const Camera &cam, for all of cam's members.
    std::string Record = recordOf(P->name());
    for (unsigned J = 0; J < F.numParams(); ++J)
      Read |= recordOf(F.param(J)->name()) == Record && isRead(J);
    return std::string(Read ? "" : "[[maybe_unused]] ") +
           (Info.Const ? "const " : "") + Info.RecordType +
           (Info.RecordByPointer ? " *" : " &") + Record;
  }
  std::string Attr = Read ? "" : "[[maybe_unused]] ";
  std::string Elem = P->type().cppName();
  std::string Const = Info.Const ? "const " : "";
  const std::string N = Ids.get(P);
  if (!Info.InnerExtents.empty() && Info.Kind == ParamKind::StdArray) {
    // const std::array<std::array<double, 4>, 3> &A
    std::vector<unsigned long> Extents = Info.InnerExtents;
    unsigned long Row = 1;
    for (unsigned long E : Extents)
      Row *= E;
    Extents.insert(Extents.begin(), Info.Extent / Row);
    std::string Spelled = Elem;
    for (auto It = Extents.rbegin(); It != Extents.rend(); ++It)
      Spelled = "std::array<" + Spelled + ", " + std::to_string(*It) + ">";
    return Attr + Const + Spelled + " &" + P->name();
  }
  if (!Info.InnerExtents.empty()) // const double (*A)[4]
    return Attr + Const + Elem + " (*" + P->name() + ")" + innerExtents(Info);
  switch (Info.Kind) {
  case ParamKind::Scalar:
    return Attr + Elem + " " + N;
  case ParamKind::Pointer:
  case ParamKind::CArray:
    return Attr + Const + Elem + " *" + N;
  case ParamKind::StdVector:
    if (!Info.RowLength.empty()) // rows of one length
      return Attr + Const + "std::vector<std::vector<" + Elem + ">> &" + N;
    return Attr + Const + "std::vector<" + Elem + "> &" + N;
  case ParamKind::StdArray:
    return Attr + Const + "std::array<" + Elem + ", " +
           std::to_string(Info.Extent) + "> &" + N;
  case ParamKind::Span:
    return Attr + "std::span<" + Const + Elem + "> " + N;
  case ParamKind::Reference:
    return Attr + Const + Elem + " &" + N;
  }
  return N;
}

bool FunctionEmitter::isReference(const Value *Buf) const {
  return Buf->argumentOf() == F.body() &&
         F.paramInfo(Buf->index()).Kind == ParamKind::Reference;
}

namespace {
const Op *definedBy(const Value *V, Prim P) {
  const Op *D = V->definingOp();
  return D && D->prim() == P ? D : nullptr;
}

/// V through integer conversions.
const Value *uncast(const Value *V) {
  while (const Op *C = definedBy(V, Prim::Cast))
    if (C->operand(0)->type().isInteger())
      V = C->operand(0);
    else
      break;
  return V;
}

std::optional<long long> constantOf(const Value *V) {
  if (const Op *C = definedBy(V, Prim::Const))
    return static_cast<long long>(C->constantValue());
  return std::nullopt;
}

/// V is E: the constant N, or (Length set) the length op printing it.
bool isExtent(const Value *V, const InnerExtent &E) {
  V = uncast(V);
  if (E.Length.empty())
    return constantOf(V) == E.N;
  const Op *L = definedBy(V, Prim::Length);
  return L && L->attrs().Callee == E.Length;
}

/// 0 <= V < E: a constant below a constant E, or the counter of a for loop
/// from a constant >= 0 up to E (or a constant at most E), or down from a
/// constant below a constant E.
bool within(const Value *V, const InnerExtent &E) {
  V = uncast(V);
  bool Constant = E.Length.empty();
  if (auto C = constantOf(V))
    return Constant && *C >= 0 && *C < E.N;
  const Region *R = V->argumentOf();
  const Op *Loop = R ? R->parentOp() : nullptr;
  if (!Loop || Loop->prim() != Prim::For || V->index() != 0)
    return false;
  auto Lo = constantOf(Loop->operand(0)), Hi = constantOf(Loop->operand(1)),
       Step = constantOf(Loop->operand(2));
  if (!Lo || !Step)
    return false;
  if (*Step > 0) // Lo, Lo + Step, ... < Hi
    return *Lo >= 0 &&
           (isExtent(Loop->operand(1), E) || (Constant && Hi && *Hi <= E.N));
  return Constant && Hi && *Hi >= -1 && *Lo < E.N; // Lo, ... > Hi
}
} // namespace

std::string FunctionEmitter::elementText(const Value *Buf, const Value *Index) {
  if (isReference(Buf))
    return Ids.get(Buf);
  const Value *Outer, *Inner;
  if (const ParamInfo *Info = matrixRows(Buf)) {
    // A[i][j] of a std::vector of std::vectors.
    if (elementParts(Buf, Index, Outer, Inner))
      return Ids.get(Buf) + "[" + text(Outer, 0) + "][" +
             (Inner ? text(Inner, 0) : "0") + "]";
    // Rows of length M: A[k / M][k % M], M by its name where the index
    // computes it.
    std::string I = text(Index, Multiplicative + 1), M = Info->RowLength;
    std::vector<const Value *> Work = {Index};
    std::set<const Value *> Seen;
    while (!Work.empty()) {
      const Value *V = Work.back();
      Work.pop_back();
      const Op *D = V->definingOp();
      if (!D || D->numRegions() || !Seen.insert(V).second)
        continue;
      if (D->prim() == Prim::Length && D->attrs().Callee == M) {
        M = text(V, Multiplicative + 1);
        break;
      }
      Work.insert(Work.end(), D->operands().begin(), D->operands().end());
    }
    return Ids.get(Buf) + "[" + I + " / " + M + "][" + I + " % " + M + "]";
  }
  if (const ParamInfo *Info = recordArrayMember(Buf)) {
    unsigned long E = Info->MemberExtent;
    if (E == 1)
      return memberElement(Buf, text(Index, 0), "");
    if (auto C = constantOf(Index); C && *C >= 0)
      return memberElement(Buf, std::to_string(*C / E), std::to_string(*C % E));
    if (elementParts(Buf, Index, Outer, Inner))
      return memberElement(Buf, text(Outer, 0), Inner ? text(Inner, 0) : "0");
    std::string I = text(Index, Multiplicative + 1), N = std::to_string(E);
    return memberElement(Buf, I + " / " + N, I + " % " + N);
  }
  return Ids.get(Buf) + "[" + text(Index, 0) + "]";
}

const ParamInfo *FunctionEmitter::paramOf(const Value *Buf) const {
  return Buf->argumentOf() == F.body() ? &F.paramInfo(Buf->index()) : nullptr;
}

const ParamInfo *FunctionEmitter::matrixRows(const Value *Buf) const {
  const ParamInfo *Info = paramOf(Buf);
  return Info && !Info->RowLength.empty() ? Info : nullptr;
}

bool FunctionEmitter::elementParts(const Value *Buf, const Value *Index,
                                   const Value *&Outer,
                                   const Value *&Inner) const {
  if (const ParamInfo *Info = recordArrayMember(Buf))
    return Info->MemberExtent > 1 &&
           splitIndex(Index, {static_cast<long long>(Info->MemberExtent), ""},
                      Outer, Inner);
  const ParamInfo *Info = matrixRows(Buf); // i * M + j, M the rows' length
  return Info && splitIndex(Index, {0, Info->RowLength}, Outer, Inner);
}

const ParamInfo *FunctionEmitter::recordArrayMember(const Value *Buf) const {
  const ParamInfo *Info = paramOf(Buf);
  return Info && !Info->RecordCount.empty() ? Info : nullptr;
}

std::string FunctionEmitter::memberElement(const Value *Buf,
                                           const std::string &Record,
                                           const std::string &Within) const {
  std::string Name = Ids.get(Buf); // ps[].pos
  size_t Brackets = Name.find("[]");
  return Name.substr(0, Brackets) + "[" + Record + "]" +
         Name.substr(Brackets + 2) + (Within.empty() ? "" : "[" + Within + "]");
}

bool FunctionEmitter::splitIndex(const Value *Index, const InnerExtent &E,
                                 const Value *&Outer, const Value *&Inner) {
  auto Times = [&](const Value *V) -> const Value * { // r of r * E
    const Op *M = definedBy(V, Prim::Mul);
    if (!M)
      return nullptr;
    if (isExtent(M->operand(1), E))
      return M->operand(0);
    if (isExtent(M->operand(0), E))
      return M->operand(1);
    return nullptr;
  };
  Inner = nullptr;
  if ((Outer = Times(Index)))
    return true;
  const Op *A = definedBy(Index, Prim::Add);
  for (unsigned Side = 0; A && Side < 2; ++Side)
    if ((Outer = Times(A->operand(Side))) && within(A->operand(1 - Side), E)) {
      Inner = A->operand(1 - Side);
      return true;
    }
  return false;
}

std::string FunctionEmitter::slotDecl(const ResultSlot &S,
                                      bool WithDefaults) const {
  std::string Text = std::string(S.Ty.cppName()) + " *" + S.Name;
  if (S.Passing == ResultPassing::OptionalOutPointer && WithDefaults)
    Text += " = nullptr";
  return Text;
}

int FunctionEmitter::returnedArray() const {
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (F.paramInfo(I).Returned)
      return static_cast<int>(I);
  return -1;
}

std::string FunctionEmitter::returnedArrayType() const {
  int I = returnedArray();
  return "std::array<" + std::string(F.param(I)->type().cppName()) + ", " +
         std::to_string(F.paramInfo(I).Extent) + ">";
}

std::string FunctionEmitter::signature(bool WithDefaults) const {
  std::string ReturnType = "void";
  for (const ResultSlot &S : F.results())
    if (S.Passing == ResultPassing::Return)
      ReturnType = S.Ty.cppName();
  if (returnedArray() >= 0)
    ReturnType = returnedArrayType();
  std::string Sig;
  if (F.IsStatic)
    Sig += "static ";
  if (F.IsInline)
    Sig += "inline ";
  Sig += ReturnType + " " + F.name() + "(";
  std::vector<std::string> Params;
  // A record's members are one C++ parameter, declared at the first.
  std::set<std::string> Records;
  auto Declared = [&](unsigned I) {
    return F.paramInfo(I).Returned ||
           (!F.paramInfo(I).RecordType.empty() &&
            !Records.insert(recordOf(F.param(I)->name())).second);
  };
  if (F.Signature.empty()) {
    for (unsigned I = 0; I < F.numParams(); ++I)
      if (!Declared(I))
        Params.push_back(paramDecl(I));
    for (const ResultSlot &S : F.results())
      if (S.Passing != ResultPassing::Return)
        Params.push_back(slotDecl(S, WithDefaults));
  } else {
    for (const Function::SignatureEntry &E : F.Signature) {
      if (!E.IsResult) {
        if (!Declared(E.Index))
          Params.push_back(paramDecl(E.Index));
      } else if (F.results()[E.Index].Passing != ResultPassing::Return)
        Params.push_back(slotDecl(F.results()[E.Index], WithDefaults));
    }
    // Slots the order does not mention (the JVP's value pointer) go last.
    for (unsigned I = 0; I < F.results().size(); ++I) {
      bool Listed = false;
      for (const Function::SignatureEntry &E : F.Signature)
        Listed |= E.IsResult && E.Index == I;
      if (!Listed && F.results()[I].Passing != ResultPassing::Return)
        Params.push_back(slotDecl(F.results()[I], WithDefaults));
    }
  }
  for (unsigned I = 0; I < Params.size(); ++I)
    Sig += (I ? ", " : "") + Params[I];
  return Sig + ")";
}

std::string FunctionEmitter::innerExtents(const ParamInfo &Info) {
  std::string Text;
  for (unsigned long E : Info.InnerExtents)
    Text += "[" + std::to_string(E) + "]";
  return Text;
}

std::string FunctionEmitter::body() {
  Indent = 1;
  // A std::vector of records that is a derivative output gets its size
  // first (d_ps.resize(ps.size())), whatever writes it then.
  std::set<std::string> Resized;
  for (unsigned I = 0; I < F.numParams(); ++I) {
    const ParamInfo &Info = F.paramInfo(I);
    std::string Record = recordOf(F.param(I)->name());
    if (Info.RecordCount.empty() || Info.Const ||
        Info.Kind != ParamKind::StdVector ||
        Info.RecordCount == Record + ".size()" ||
        !Resized.insert(Record).second)
      continue;
    OS << line() << Record << ".resize(" << Info.RecordCount << ");\n";
  }
  for (unsigned I = 0; I < F.numParams(); ++I) {
    const ParamInfo &Info = F.paramInfo(I);
    auto It = Uses.find(F.param(I));
    if (Info.InnerExtents.empty() || It == Uses.end() ||
        It->second <= LengthUses.count(F.param(I)))
      continue; // unread: the parameter is [[maybe_unused]]
    // &A[0][0] of a T (*A)[M], A[0].data() of a std::array of std::arrays.
    bool Std = Info.Kind == ParamKind::StdArray;
    std::string Zeros;
    for (size_t K = Std ? 1 : 0; K <= Info.InnerExtents.size(); ++K)
      Zeros += "[0]";
    OS << line() << (Info.Const ? "const " : "") << F.param(I)->type().cppName()
       << " *" << Ids.get(F.param(I)) << " = " << (Std ? "" : "&")
       << F.param(I)->name() << Zeros << (Std ? ".data()" : "") << ";\n";
  }
  if (int I = returnedArray(); I >= 0)
    OS << line() << returnedArrayType() << " " << Ids.get(F.param(I))
       << "{};\n";
  region(*F.body());
  return OS.str();
}

namespace {

std::string wrapInNamespaces(const Function &F, const std::string &Text) {
  std::string Open, Close;
  for (const std::string &N : F.namespaces()) {
    bool Inline = N.rfind("inline:", 0) == 0;
    std::string Name = Inline ? N.substr(7) : N;
    Open += std::string(Inline ? "inline " : "") +
            (Name.empty() ? "namespace {\n" : "namespace " + Name + " {\n");
    Close =
        (Name.empty() ? "} // namespace\n" : "} // namespace " + Name + "\n") +
        Close;
  }
  return Open + Text + Close;
}
} // namespace

std::string emitDefinition(const Function &F,
                           const std::set<std::string> &Avoid) {
  FunctionEmitter E(F, Avoid);
  // Defaults live on the header's declaration only: a translation unit may
  // include the header and the definition, and C++ forbids repeating them.
  std::string Sig = E.signature(false);
  std::string Body = E.body();
  return wrapInNamespaces(F, Sig + " {\n" + Body + "}\n");
}

std::string emitDeclaration(const Function &F,
                            const std::set<std::string> &Avoid) {
  return wrapInNamespaces(F, FunctionEmitter(F, Avoid).signature(true) + ";\n");
}

std::string emitPrototype(const Function &F,
                          const std::set<std::string> &Avoid) {
  return wrapInNamespaces(F,
                          FunctionEmitter(F, Avoid).signature(false) + ";\n");
}

} // namespace adgen
