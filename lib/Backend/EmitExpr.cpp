//===- EmitExpr.cpp - IR values as C++ expressions
//--------------------------===//
// Precedence-aware printing of inlined values, literals, casts, library
// calls and user calls.
//===----------------------------------------------------------------------===//
#include "Backend/FunctionEmitter.h"
#include "IR/CallArguments.h"
#include "IR/Literal.h"
#include "IR/Operation.h"

namespace adgen {

namespace {
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
} // namespace

std::string FunctionEmitter::text(const Value *V, int MinPrec) {
  Expr E = expr(V);
  if (E.Prec < MinPrec)
    return "(" + E.Text + ")";
  return E.Text;
}

Expr FunctionEmitter::binary(const char *Spelling, int Prec, const Value *A,
                             const Value *B, int OperandMin) {
  int Left = OperandMin ? OperandMin : Prec;
  int Right = OperandMin ? OperandMin : Prec + 1;
  return {text(A, Left) + " " + Spelling + " " + text(B, Right), Prec};
}

Expr FunctionEmitter::call(const std::string &Callee,
                           const std::vector<Value *> &Args) {
  std::string T = Callee + "(";
  for (unsigned I = 0; I < Args.size(); ++I)
    T += (I ? ", " : "") + text(Args[I], Ternary);
  return {T + ")", Primary};
}

std::string FunctionEmitter::pointerTo(const Value *Buffer,
                                       const Value *Offset) {
  std::string Base = Ids.get(Buffer);
  if (isReference(Buffer))
    return "&" + Base;
  bool IsPointer = false;
  for (unsigned I = 0; I < F.numParams(); ++I)
    if (F.param(I) == Buffer) // A_flat of a multi-dimensional array too
      IsPointer = F.paramInfo(I).Kind == ParamKind::Pointer ||
                  F.paramInfo(I).Kind == ParamKind::CArray ||
                  !F.paramInfo(I).InnerExtents.empty();
  if (!IsPointer)
    Base += ".data()";
  const Op *D = Offset ? Offset->definingOp() : nullptr;
  if (!Offset || (D && D->prim() == Prim::Const && D->constantValue() == 0))
    return Base;
  return Base + " + " + text(Offset, Multiplicative);
}

std::string FunctionEmitter::userCall(const Op &O) {
  std::string T = calleeSpelling(O.attrs().Callee, "") + "(";
  std::vector<std::string> Args = callArgumentTexts(O);
  for (unsigned I = 0; I < Args.size(); ++I)
    T += (I ? ", " : "") + Args[I];
  return T + ")";
}

std::vector<std::string> FunctionEmitter::callArgumentTexts(const Op &O) {
  std::vector<std::string> Out;
  std::vector<CallArgument> Args = callArguments(O);
  for (const CallArgument &A : Args)
    Out.push_back(
        A.IsBuffer ? pointerTo(O.operand(A.Operand), O.operand(A.Operand + 1))
                   : text(O.operand(A.Operand), Ternary));
  if (O.prim() == Prim::Call || O.prim() == Prim::CallPartials)
    return Out;
  // call_jvp: a tangent per parameter in the mask. call_vjp: the cotangent
  // of the result, then per parameter in the mask an adjoint array or the
  // address of a scalar result, in the callee's parameter order.
  unsigned Next = O.attrs().Args, Result = 0;
  bool Vjp = O.prim() == Prim::CallVjp;
  if (Vjp)
    Out.push_back(text(O.operand(Next++), Ternary));
  for (const CallArgument &A : Args) {
    if (!A.InMask)
      continue;
    if (Vjp && !A.IsBuffer) {
      Out.push_back("&" + Ids.get(O.result(Result++)));
      continue;
    }
    const Value *V = O.operand(Next++);
    Out.push_back(A.IsBuffer ? pointerTo(V, O.operand(A.Operand + 1))
                             : text(V, Ternary));
  }
  if (!Vjp) // the jvp's `value` out-pointer: its default is in no header
    Out.push_back("nullptr");
  return Out;
}

std::string FunctionEmitter::calleeSpelling(const std::string &Key,
                                            const std::string &Suffix) const {
  // ns::f<double, 3>(...): the instantiation is called with its template
  // arguments, its derivatives (ns::f_grad) are overloads without them.
  std::string Name = Key.substr(0, Key.find('('));
  std::string Arguments;
  if (size_t Open = Name.find('<'); Open != std::string::npos) {
    Arguments = Name.substr(Open);
    Name.resize(Open);
  }
  std::string Q;
  for (const std::string &P : splitQualified(Name))
    Q += "::" + P;
  return Q + (Suffix.empty() ? Arguments : Suffix);
}

Expr FunctionEmitter::expr(const Value *V) {
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
  case Prim::Add: {
    // i + -1 reads as i - 1 (an integer constant the folder moved right).
    const Op *K = O.operand(1)->definingOp();
    if (Ty.isInteger() && K && K->prim() == Prim::Const &&
        K->constantValue() < 0 && K->constantValue() > -(1LL << 62))
      return {text(O.operand(0), Additive) + " - " +
                  formatLiteral(-K->constantValue(), Ty, true),
              Additive};
    return binary("+", Additive, O.operand(0), O.operand(1));
  }
  case Prim::Sub:
    return binary("-", Additive, O.operand(0), O.operand(1));
  case Prim::Mul:
    return binary("*", Multiplicative, O.operand(0), O.operand(1));
  case Prim::Div:
    return binary("/", Multiplicative, O.operand(0), O.operand(1));
  case Prim::Rem:
    return binary("%", Multiplicative, O.operand(0), O.operand(1));
  case Prim::ZeroMul:
  case Prim::ZeroDiv: {
    // t == 0 ? 0 : t * p; the emitter names t rather than print it twice.
    const char *Op = O.prim() == Prim::ZeroMul ? "*" : "/";
    std::string Zero = formatLiteral(0, Ty, true);
    return {text(O.operand(0), Relational) + " == " + Zero + " ? " + Zero +
                " : " +
                binary(Op, Multiplicative, O.operand(0), O.operand(1)).Text,
            Ternary};
  }
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
    return binary("&&", LogicalAnd, O.operand(0), O.operand(1), LogicalAnd + 1);
  case Prim::Or:
    return binary("||", LogicalOr, O.operand(0), O.operand(1), LogicalAnd + 1);
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
                  ", static_cast<float>(" + text(O.operand(1), Ternary) + "))",
              Primary};
    return call("std::pow", O.operands());
  case Prim::Fabs:
    return call(Ty.isFloat() ? "std::fabs" : "std::abs", O.operands());
  case Prim::Call:
  case Prim::CallJvp:
    return {userCall(O), Primary};
  case Prim::Load:
    return {elementText(O.operand(0), O.operand(1)), Primary};
  case Prim::Length: {
    const std::string &L = O.attrs().Callee;
    // n, 8, or v.size(): no parentheses needed.
    bool Simple = L.find_first_of(" +-*/%()") == std::string::npos ||
                  (L.size() > 7 && L.compare(L.size() - 7, 7, ".size()") == 0 &&
                   L.find_first_of(" +-*/%(") == L.size() - 2);
    return {Simple ? L : "(" + L + ")", Primary};
  }
  default:
    if (isMathFunction(O.prim()))
      return call(mathSpelling(O.prim()), O.operands());
    return {std::string("/* unsupported ") + mnemonic(O.prim()) + " */",
            Primary};
  }
}

Expr FunctionEmitter::exprOfOp(const Op &O) {
  // Render O as if it were inlined, regardless of its use count.
  ForceInline = O.result();
  Expr E = expr(O.result());
  ForceInline = nullptr;
  return E;
}
} // namespace adgen
