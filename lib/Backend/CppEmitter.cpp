//===- CppEmitter.cpp - IR to readable C++ --------------------------------===//
// Values used once in the region that defines them become subexpressions;
// the rest become `const` locals named after the user's variables.
//===----------------------------------------------------------------------===//
#include "Backend/CppEmitter.h"
#include "Backend/Naming.h"
#include "IR/Literal.h"
#include "IR/Operation.h"

#include <map>
#include <set>
#include <sstream>

namespace adgen {

namespace {
enum Precedence {
  Ternary = 3,
  LogicalOr = 4,
  LogicalAnd = 5,
  Equality = 9,
  Relational = 10,
  Additive = 12,
  Multiplicative = 13,
  Unary = 15,
  Primary = 16
};

struct Expr {
  std::string Text;
  int Prec;
};

std::vector<std::string> splitQualified(const std::string &Q) {
  std::vector<std::string> Parts;
  size_t Start = 0;
  while (true) {
    size_t Pos = Q.find("::", Start);
    Parts.push_back(Q.substr(Start, Pos - Start));
    if (Pos == std::string::npos)
      break;
    Start = Pos + 2;
  }
  return Parts;
}

class FunctionEmitter {
public:
  explicit FunctionEmitter(const Function &F) : F(F) {
    countUses(*F.body());
    for (unsigned I = 0; I < F.numParams(); ++I)
      Ids.assign(F.param(I), F.param(I)->name());
    for (const ResultSlot &S : F.results())
      if (S.Passing != ResultPassing::Return)
        Ids.reserve(S.Name);
  }

  std::string paramDecl(unsigned I) const {
    const Value *P = F.param(I);
    const ParamInfo &Info = F.paramInfo(I);
    std::string Attr = Uses.count(P) ? "" : "[[maybe_unused]] ";
    std::string Elem = P->type().cppName();
    std::string Const = Info.Const ? "const " : "";
    const std::string N = Ids.get(P);
    switch (Info.Kind) {
    case ParamKind::Scalar:
      return Attr + Elem + " " + N;
    case ParamKind::Pointer:
    case ParamKind::CArray:
      return Attr + Const + Elem + " *" + N;
    case ParamKind::StdVector:
      return Attr + Const + "std::vector<" + Elem + "> &" + N;
    case ParamKind::StdArray:
      return Attr + Const + "std::array<" + Elem + ", " +
             std::to_string(Info.Extent) + "> &" + N;
    case ParamKind::Span:
      return Attr + "std::span<" + Const + Elem + "> " + N;
    }
    return N;
  }

  std::string slotDecl(const ResultSlot &S, bool WithDefaults) const {
    std::string Text = std::string(S.Ty.cppName()) + " *" + S.Name;
    if (S.Passing == ResultPassing::OptionalOutPointer && WithDefaults)
      Text += " = nullptr";
    return Text;
  }

  std::string signature(bool WithDefaults) const {
    std::string ReturnType = "void";
    for (const ResultSlot &S : F.results())
      if (S.Passing == ResultPassing::Return)
        ReturnType = S.Ty.cppName();
    std::string Sig;
    if (F.IsStatic)
      Sig += "static ";
    if (F.IsInline)
      Sig += "inline ";
    Sig += ReturnType + " " + F.name() + "(";
    std::vector<std::string> Params;
    if (F.Signature.empty()) {
      for (unsigned I = 0; I < F.numParams(); ++I)
        Params.push_back(paramDecl(I));
      for (const ResultSlot &S : F.results())
        if (S.Passing != ResultPassing::Return)
          Params.push_back(slotDecl(S, WithDefaults));
    } else {
      for (const Function::SignatureEntry &E : F.Signature) {
        if (!E.IsResult)
          Params.push_back(paramDecl(E.Index));
        else if (F.results()[E.Index].Passing != ResultPassing::Return)
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

  std::string body() {
    Indent = 1;
    region(*F.body());
    return OS.str();
  }

private:
  static bool isEffect(const Op &O) {
    if (O.prim() == Prim::Yield || O.prim() == Prim::Return)
      return false;
    if (hasSideEffects(O.prim()))
      return true;
    for (unsigned I = 0; I < O.numRegions(); ++I)
      for (const auto &Inner : O.region(I)->ops())
        if (isEffect(*Inner))
          return true;
    return false;
  }

  void countUses(const Region &R) {
    std::vector<unsigned> &Before = EffectsBefore[&R];
    Before.push_back(0);
    for (const auto &O : R.ops()) {
      Position[O.get()] = Before.size() - 1;
      Before.push_back(Before.back() + (isEffect(*O) ? 1 : 0));
    }
    for (const auto &O : R.ops()) {
      if ((O->prim() == Prim::Div || O->prim() == Prim::Rem) &&
          !O->operand(1)->type().isFloat())
        ZeroDivisors.insert(O->operand(1));
      for (Value *V : O->operands()) {
        if (Uses[V]++ == 0) {
          UseRegion[V] = &R;
          FirstUser[V] = O.get();
        } else if (UseRegion[V] != &R) {
          UseRegion[V] = nullptr;
        }
      }
      for (unsigned I = 0; I < O->numRegions(); ++I)
        countUses(*O->region(I));
    }
  }

  bool isConst(const Value *V) const {
    return V->definingOp() && V->definingOp()->prim() == Prim::Const;
  }

  /// An integer zero that some division or remainder divides by.
  bool isZeroDivisor(const Value *V) const {
    if (V->type().isFloat() || V->definingOp()->constantValue() != 0)
      return false;
    return ZeroDivisors.count(V) != 0;
  }

  /// True if no store or other effect runs between two ops of one region.
  bool noEffectsBetween(const Op *Def, const Op *Use) const {
    const std::vector<unsigned> &Before = EffectsBefore.at(Def->parentRegion());
    return Before[Position.at(Use)] == Before[Position.at(Def) + 1];
  }

  /// The expression printed for V reads memory.
  bool containsLoad(const Value *V) const {
    const Op *D = V->definingOp();
    if (!D)
      return false;
    if (D->prim() == Prim::Load)
      return true;
    for (const Value *U : D->operands())
      if (inlined(U) && containsLoad(U))
        return true;
    return false;
  }

  /// Emitted as part of its only user's expression rather than as a local.
  bool inlined(const Value *V) const {
    auto Memo = InlineMemo.find(V);
    if (Memo != InlineMemo.end() && V != ForceInline)
      return Memo->second;
    bool R = decideInline(V);
    if (V != ForceInline)
      InlineMemo[V] = R;
    return R;
  }

  bool decideInline(const Value *V) const {
    const Op *D = V->definingOp();
    if (!D)
      return false;
    if (V == ForceInline)
      return true;
    if (D->prim() == Prim::Const)
      return !isZeroDivisor(V); // `1 / 0` would not compile under -Werror
    if ((!isPure(D->prim()) && D->prim() != Prim::Load) ||
        D->prim() == Prim::CallGrad)
      return false;
    auto It = Uses.find(V);
    if (It == Uses.end() || It->second != 1)
      return false;
    if (UseRegion.at(V) != D->parentRegion())
      return false;
    const Op *User = FirstUser.at(V);
    // A value that reads memory must not move past a store.
    if (containsLoad(V) && !noEffectsBetween(D, User))
      return false;
    if (User->prim() == Prim::For && User->operand(1) == V)
      return isSimpleBound(V); // the condition is evaluated every iteration
    return V->name().empty() || yieldsToSameName(V);
  }

  /// x + c or x - c with x a variable: cheap enough to repeat in a loop
  /// condition, and printed as i >= x when it is x - 1 on a downward loop.
  bool isSimpleBound(const Value *V) const {
    const Op *D = V->definingOp();
    if (D->prim() != Prim::Add && D->prim() != Prim::Sub)
      return false;
    const Op *L = D->operand(0)->definingOp();
    const Op *R = D->operand(1)->definingOp();
    bool LeftLeaf = !L || L->prim() == Prim::Const || !D->operand(0)->name().empty() ||
                    Uses.at(D->operand(0)) > 1;
    return LeftLeaf && R && R->prim() == Prim::Const;
  }

  /// True if the expression printed for V reads Arg.
  bool reads(const Value *V, const Value *Arg) const {
    if (V == Arg)
      return true;
    if (!inlined(V))
      return false;
    for (const Value *U : V->definingOp()->operands())
      if (reads(U, Arg))
        return true;
    return false;
  }

  /// `z = x * y;` rather than `const double z_1 = x * y; z = z_1;` when a
  /// branch assigns the user's variable.
  bool yieldsToSameName(const Value *V) const {
    const Op *User = FirstUser.at(V);
    if (User->prim() != Prim::Yield)
      return false;
    const Op *Parent = User->parentRegion()->parentOp();
    for (unsigned I = 0; I < User->numOperands(); ++I)
      if (User->operand(I) == V && Parent->result(I)->name() == V->name())
        return true;
    return false;
  }

  std::string line() { return std::string(2 * Indent, ' '); }

  std::string text(const Value *V, int MinPrec) {
    Expr E = expr(V);
    if (E.Prec < MinPrec)
      return "(" + E.Text + ")";
    return E.Text;
  }

  Expr binary(const char *Spelling, int Prec, const Value *A, const Value *B,
              int OperandMin = 0) {
    int Left = OperandMin ? OperandMin : Prec;
    int Right = OperandMin ? OperandMin : Prec + 1;
    return {text(A, Left) + " " + Spelling + " " + text(B, Right), Prec};
  }

  Expr call(const std::string &Callee, const std::vector<Value *> &Args) {
    std::string T = Callee + "(";
    for (unsigned I = 0; I < Args.size(); ++I)
      T += (I ? ", " : "") + text(Args[I], Ternary);
    return {T + ")", Primary};
  }

  /// Always fully qualified: a local variable of the same name must not
  /// hide the callee.
  std::string calleeSpelling(const std::string &Key,
                             const std::string &Suffix) const {
    std::vector<std::string> Parts =
        splitQualified(Key.substr(0, Key.find('(')));
    std::string Q;
    for (const std::string &P : Parts)
      Q += "::" + P;
    return Q + Suffix;
  }

  Expr expr(const Value *V) {
    if (!inlined(V))
      return {Ids.get(V), Primary};
    const Op &O = *V->definingOp();
    Type Ty = V->type();
    switch (O.prim()) {
    case Prim::Const: {
      long double K = O.constantValue();
      std::string T = formatLiteral(K, Ty, true);
      return {T, T[0] == '-' ? Unary : Primary};
    }
    case Prim::Cast:
      return {std::string("static_cast<") + Ty.cppName() + ">(" +
                  text(O.operand(0), Ternary) + ")",
              Primary};
    case Prim::Add: return binary("+", Additive, O.operand(0), O.operand(1));
    case Prim::Sub: return binary("-", Additive, O.operand(0), O.operand(1));
    case Prim::Mul:
      return binary("*", Multiplicative, O.operand(0), O.operand(1));
    case Prim::Div:
      return binary("/", Multiplicative, O.operand(0), O.operand(1));
    case Prim::Rem:
      return binary("%", Multiplicative, O.operand(0), O.operand(1));
    case Prim::Neg: {
      std::string T = text(O.operand(0), Unary);
      if (T[0] == '-')
        T = "(" + T + ")";
      return {"-" + T, Unary};
    }
    case Prim::Cmp: {
      CmpPred P = O.attrs().Predicate;
      int Prec = P == CmpPred::EQ || P == CmpPred::NE ? Equality : Relational;
      return binary(predicateSpelling(P), Prec, O.operand(0), O.operand(1),
                    Additive);
    }
    case Prim::And:
      return binary("&&", LogicalAnd, O.operand(0), O.operand(1),
                    LogicalAnd + 1);
    case Prim::Or:
      return binary("||", LogicalOr, O.operand(0), O.operand(1),
                    LogicalAnd + 1);
    case Prim::Not:
      return {"!" + text(O.operand(0), Unary), Unary};
    case Prim::Select:
      return {text(O.operand(0), LogicalOr) + " ? " +
                  text(O.operand(1), LogicalOr) + " : " +
                  text(O.operand(2), LogicalOr),
              Ternary};
    case Prim::Powi:
      if (Ty.kind() == TypeKind::Float) // keep pow(float, int) in float
        return {"std::pow(" + text(O.operand(0), Ternary) +
                    ", static_cast<float>(" + text(O.operand(1), Ternary) +
                    "))",
                Primary};
      return call("std::pow", O.operands());
    case Prim::Fabs:
      return call(Ty.isFloat() ? "std::fabs" : "std::abs", O.operands());
    case Prim::Call:
      return call(calleeSpelling(O.attrs().Callee, ""), O.operands());
    case Prim::Load:
      return {Ids.get(O.operand(0)) + "[" + text(O.operand(1), 0) + "]",
              Primary};
    case Prim::Length: {
      const std::string &L = O.attrs().Callee;
      bool Simple = L.find_first_of(" +-*/%()") == std::string::npos ||
                    L == O.operand(0)->name() + ".size()";
      return {Simple ? L : "(" + L + ")", Primary};
    }
    default:
      if (isMathFunction(O.prim()))
        return call(mathSpelling(O.prim()), O.operands());
      return {std::string("/* unsupported ") + mnemonic(O.prim()) + " */",
              Primary};
    }
  }

  void region(const Region &R) {
    for (const auto &O : R.ops())
      op(*O);
  }

  void op(const Op &O) {
    switch (O.prim()) {
    case Prim::If:
      return ifOp(O);
    case Prim::For:
      return forOp(O);
    case Prim::While:
      return whileOp(O);
    case Prim::CallGrad:
      return callGrad(O);
    case Prim::Yield:
      return yieldOp(O);
    case Prim::Store:
      return storeOp(O);
    case Prim::Fill:
      return fillOp(O);
    case Prim::Alloc: {
      const Value *V = O.result();
      const std::string &Name = Ids.assign(V, V->name());
      const Op *LD = O.operand(0)->definingOp();
      std::string Elem = V->type().cppName();
      if (LD && LD->prim() == Prim::Const && LD->constantValue() <= 4096)
        OS << line() << "std::array<" << Elem << ", "
           << static_cast<long long>(LD->constantValue()) << "> " << Name
           << "{};\n";
      else
        OS << line() << "std::vector<" << Elem << "> " << Name << "("
           << text(O.operand(0), Ternary) << ");\n";
      return;
    }
    case Prim::StackNew:
      OS << line() << "adgen::Stack<" << O.result()->type().cppName() << "> "
         << Ids.assign(O.result(), O.result()->name().empty()
                                       ? "tape"
                                       : O.result()->name())
         << ";\n";
      return;
    case Prim::Push:
      OS << line() << Ids.get(O.operand(0)) << ".push("
         << text(O.operand(1), Ternary) << ");\n";
      return;
    case Prim::Reserve:
      OS << line() << Ids.get(O.operand(0)) << ".reserve("
         << text(O.operand(1), Ternary) << ");\n";
      return;
    case Prim::Pop: {
      const Value *V = O.result();
      const std::string &Name = Ids.assign(V, V->name());
      OS << line() << "const " << V->type().cppName() << " " << Name << " = "
         << Ids.get(O.operand(0)) << ".pop();\n";
      return;
    }
    case Prim::Return:
      return returnOp(O);
    default:
      break;
    }
    const Value *V = O.result();
    if (inlined(V))
      return;
    Expr E = exprOfOp(O);
    const std::string &Name = Ids.assign(V, V->name());
    // A materialised constant zero divisor must not be a constant
    // expression, or the compiler diagnoses the division.
    bool Const = O.prim() != Prim::Const;
    OS << line() << (Const ? "const " : "") << V->type().cppName() << " "
       << Name << " = " << E.Text << ";\n";
  }

  Expr exprOfOp(const Op &O) {
    // Render O as if it were inlined, regardless of its use count.
    ForceInline = O.result();
    Expr E = expr(O.result());
    ForceInline = nullptr;
    return E;
  }

  void declare(const Value *V) {
    const std::string &Name = Ids.assign(V, V->name());
    OS << line() << V->type().cppName() << " " << Name << ";\n";
  }

  void ifOp(const Op &O) {
    for (unsigned I = 0; I < O.numResults(); ++I)
      declare(O.result(I));
    bool ElseEmpty = O.region(1)->ops().size() == 1 &&
                     O.region(1)->back()->numOperands() == 0;
    bool ThenEmpty = O.region(0)->ops().size() == 1 &&
                     O.region(0)->back()->numOperands() == 0;
    if (ThenEmpty && !ElseEmpty) {
      OS << line() << "if (!" << text(O.operand(0), Unary) << ") {\n";
      ++Indent;
      region(*O.region(1));
      --Indent;
      OS << line() << "}\n";
      return;
    }
    OS << line() << "if (" << text(O.operand(0), 0) << ") {\n";
    ++Indent;
    region(*O.region(0));
    --Indent;
    if (!ElseEmpty) {
      OS << line() << "} else {\n";
      ++Indent;
      region(*O.region(1));
      --Indent;
    }
    OS << line() << "}\n";
  }

  void storeOp(const Op &O) {
    std::string Target =
        Ids.get(O.operand(1)) + "[" + text(O.operand(2), 0) + "]";
    // d[i] = d[i] + v  ->  d[i] += v
    const Value *V = O.operand(0);
    const Op *D = V->definingOp();
    if (D && inlined(V) && (D->prim() == Prim::Add || D->prim() == Prim::Sub)) {
      const Op *L = D->operand(0)->definingOp();
      if (L && L->prim() == Prim::Load && inlined(D->operand(0)) &&
          L->operand(0) == O.operand(1) && L->operand(1) == O.operand(2)) {
        OS << line() << Target << (D->prim() == Prim::Add ? " += " : " -= ")
           << text(D->operand(1), D->prim() == Prim::Add ? Ternary
                                                         : Additive + 1)
           << ";\n";
        return;
      }
    }
    OS << line() << Target << " = " << text(V, Ternary) << ";\n";
  }

  void fillOp(const Op &O) {
    const Value *Buf = O.operand(0);
    std::string Name = Ids.get(Buf);
    std::string V = text(O.operand(1), Ternary);
    const Region *R = Buf->argumentOf();
    if (R == F.body()) {
      const ParamInfo &Info = F.paramInfo(Buf->index());
      if (Info.Kind == ParamKind::StdVector) {
        OS << line() << Name << ".assign(" << Info.Length << ", " << V
           << ");\n";
        return;
      }
      if (Info.Kind == ParamKind::Pointer || Info.Kind == ParamKind::CArray) {
        OS << line() << "std::fill_n(" << Name << ", " << Info.Length << ", "
           << V << ");\n";
        return;
      }
    }
    OS << line() << "std::fill(" << Name << ".begin(), " << Name
       << ".end(), " << V << ");\n";
  }

  void yieldOp(const Op &O) {
    const Op *Parent = O.parentRegion()->parentOp();
    bool IsLoop = isLoop(Parent->prim());
    unsigned ArgBase = Parent->prim() == Prim::For ? 1 : 0;
    std::vector<std::string> Targets, Texts;
    std::vector<bool> Skip;
    bool Hazard = false;
    for (unsigned I = 0; I < O.numOperands(); ++I) {
      const Value *Target =
          IsLoop ? Parent->region(loopBodyIndex(Parent->prim()))
                       ->argument(I + ArgBase)
                 : Parent->result(I);
      Targets.push_back(Ids.get(Parent->result(I)));
      Skip.push_back(IsLoop && O.operand(I) == Target);
      // Assigning a carried variable that a later value still reads needs
      // the new values computed first.
      if (IsLoop)
        for (unsigned J = I + 1; J < O.numOperands(); ++J)
          Hazard |= !Skip.back() && reads(O.operand(J), Target);
    }
    for (unsigned I = 0; I < O.numOperands(); ++I) {
      if (Skip[I])
        continue;
      std::string E = text(O.operand(I), Ternary);
      if (Hazard) {
        std::string Temp = Ids.assign(nullptr, "next_" + Targets[I]);
        OS << line() << "const " << O.operand(I)->type().cppName() << " "
           << Temp << " = " << E << ";\n";
        E = Temp;
      }
      Texts.push_back(Targets[I] + " = " + E);
    }
    for (const std::string &T : Texts)
      OS << line() << T << ";\n";
  }

  void whileOp(const Op &O) {
    const Region &Test = *O.region(0), &Body = *O.region(1);
    for (unsigned I = 0; I < O.numResults(); ++I) {
      const Value *Arg = Body.argument(I);
      std::string Hint = Arg->name().empty() ? O.result(I)->name() : Arg->name();
      const std::string &Name = Ids.assign(O.result(I), Hint);
      Ids.alias(Arg, Name);
      Ids.alias(Test.argument(I), Name);
      OS << line() << O.result(I)->type().cppName() << " " << Name << " = "
         << text(O.operand(I), Ternary) << ";\n";
    }
    // while (test) when the test is one expression, else a loop that
    // computes the test first and leaves when it fails.
    bool Simple = true;
    for (const auto &T : Test.ops())
      if (T->prim() != Prim::Yield &&
          (T->numResults() != 1 || !inlined(T->result())))
        Simple = false;
    const Value *Cond = Test.back()->operand(0);
    if (Simple) {
      OS << line() << "while (" << text(Cond, 0) << ") {\n";
      ++Indent;
    } else {
      OS << line() << "for (;;) {\n";
      ++Indent;
      for (const auto &T : Test.ops())
        if (T->prim() != Prim::Yield)
          op(*T);
      OS << line() << "if (!" << text(Cond, Unary) << ")\n"
         << line() << "  break;\n";
    }
    region(Body);
    --Indent;
    OS << line() << "}\n";
  }

  void forOp(const Op &O) {
    const Region &Body = *O.region(0);
    for (unsigned I = 0; I < O.numResults(); ++I) {
      const Value *Arg = Body.argument(I + 1);
      std::string Hint = Arg->name().empty() ? O.result(I)->name() : Arg->name();
      const std::string &Name = Ids.assign(O.result(I), Hint);
      Ids.alias(Arg, Name);
      OS << line() << O.result(I)->type().cppName() << " " << Name << " = "
         << text(O.operand(3 + I), Ternary) << ";\n";
    }
    const Value *IV = Body.argument(0);
    std::string I = Ids.assign(IV, IV->name().empty() ? "i" : IV->name());
    long long Step = O.operand(2)->definingOp() &&
                             O.operand(2)->definingOp()->prim() == Prim::Const
                         ? static_cast<long long>(
                               O.operand(2)->definingOp()->constantValue())
                         : 1;
    std::string Cond;
    const Value *UB = O.operand(1);
    const Op *UD = UB->definingOp();
    if (Step > 0) {
      Cond = I + " < " + text(UB, Additive);
    } else if (UD && UD->prim() == Prim::Const) {
      Cond = I + " >= " +
             std::to_string(static_cast<long long>(UD->constantValue()) + 1);
    } else if (inlined(UB) && UD->prim() == Prim::Sub &&
               UD->operand(1)->definingOp()->constantValue() == 1) {
      Cond = I + " >= " + text(UD->operand(0), Additive);
    } else {
      Cond = I + " > " + text(UB, Additive);
    }
    std::string Inc = Step == 1    ? "++" + I
                      : Step == -1 ? "--" + I
                      : Step > 0   ? I + " += " + std::to_string(Step)
                                   : I + " -= " + std::to_string(-Step);
    OS << line() << "for (" << IV->type().cppName() << " " << I << " = "
       << text(O.operand(0), Ternary) << "; " << Cond << "; " << Inc
       << ") {\n";
    ++Indent;
    region(Body);
    --Indent;
    OS << line() << "}\n";
  }

  void callGrad(const Op &O) {
    for (unsigned I = 1; I < O.numResults(); ++I)
      declare(O.result(I));
    std::string Call = calleeSpelling(O.attrs().Callee, "_grad") + "(";
    for (unsigned I = 0; I < O.numOperands(); ++I)
      Call += (I ? ", " : "") + text(O.operand(I), Ternary);
    for (unsigned I = 1; I < O.numResults(); ++I)
      Call += ", &" + Ids.get(O.result(I));
    Call += ")";
    const Value *V = O.result(0);
    if (!Uses.count(V)) {
      OS << line() << Call << ";\n";
      return;
    }
    const std::string &Name = Ids.assign(V, V->name());
    OS << line() << "const " << V->type().cppName() << " " << Name << " = "
       << Call << ";\n";
  }

  void returnOp(const Op &O) {
    std::string Returned;
    for (unsigned I = 0; I < O.numOperands(); ++I) {
      const ResultSlot &S = F.results()[I];
      std::string E = text(O.operand(I), Ternary);
      switch (S.Passing) {
      case ResultPassing::Return:
        Returned = E;
        break;
      case ResultPassing::OutPointer:
        OS << line() << "*" << S.Name << " = " << E << ";\n";
        break;
      case ResultPassing::OptionalOutPointer:
        OS << line() << "if (" << S.Name << ")\n"
           << line() << "  *" << S.Name << " = " << E << ";\n";
        break;
      }
    }
    if (!Returned.empty())
      OS << line() << "return " << Returned << ";\n";
  }

public:
  const Value *ForceInline = nullptr;

private:
  const Function &F;
  IdentifierTable Ids;
  std::map<const Value *, unsigned> Uses;
  std::map<const Value *, const Region *> UseRegion;
  std::map<const Value *, const Op *> FirstUser;
  std::map<const Op *, unsigned> Position;
  std::map<const Region *, std::vector<unsigned>> EffectsBefore;
  mutable std::map<const Value *, bool> InlineMemo;
  std::set<const Value *> ZeroDivisors;
  std::ostringstream OS;
  unsigned Indent = 1;
};

std::string wrapInNamespaces(const Function &F, const std::string &Text) {
  std::string Open, Close;
  for (const std::string &N : F.namespaces()) {
    bool Inline = N.rfind("inline:", 0) == 0;
    std::string Name = Inline ? N.substr(7) : N;
    Open += std::string(Inline ? "inline " : "") +
            (Name.empty() ? "namespace {\n" : "namespace " + Name + " {\n");
    Close = (Name.empty() ? "} // namespace\n"
                          : "} // namespace " + Name + "\n") +
            Close;
  }
  return Open + Text + Close;
}
} // namespace

std::string gradientFunctionName(const std::string &QualifiedName) {
  return QualifiedName + "_grad";
}

std::string emitSignature(const Function &F, bool WithDefaults) {
  return FunctionEmitter(F).signature(WithDefaults);
}

std::string emitDefinition(const Function &F) {
  FunctionEmitter E(F);
  // Defaults live on the header's declaration only: a translation unit may
  // include the header and the definition, and C++ forbids repeating them.
  std::string Sig = E.signature(false);
  std::string Body = E.body();
  return wrapInNamespaces(F, Sig + " {\n" + Body + "}\n");
}

std::string emitDeclaration(const Function &F) {
  return wrapInNamespaces(F, FunctionEmitter(F).signature(true) + ";\n");
}

} // namespace adgen
