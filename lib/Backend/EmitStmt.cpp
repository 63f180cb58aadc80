//===- EmitStmt.cpp - IR ops as C++ statements
//------------------------------===//
// Locals, branches, counted and while loops, stores, stacks, calls of
// generated gradients, and the return of results.
//===----------------------------------------------------------------------===//
#include "Backend/FunctionEmitter.h"
#include "IR/CallArguments.h"
#include "IR/Literal.h"
#include "IR/Operation.h"

namespace adgen {

std::string FunctionEmitter::line() { return std::string(2 * Indent, ' '); }

void FunctionEmitter::region(const Region &R) {
  const auto &Ops = R.ops();
  for (size_t I = 0; I < Ops.size(); ++I) {
    if (const ParamInfo *Info = Ops[I]->prim() == Prim::Fill
                                    ? recordArrayMember(Ops[I]->operand(0))
                                    : nullptr) {
      // Fills of the members of one array of records: one loop.
      std::string Record = recordOf(Ids.get(Ops[I]->operand(0)));
      std::vector<const Op *> Fills;
      for (; I < Ops.size(); ++I) {
        const Op *Fill = Ops[I].get();
        if (Fill->prim() != Prim::Fill ||
            !recordArrayMember(Fill->operand(0)) ||
            recordOf(Ids.get(Fill->operand(0))) != Record ||
            (!Fills.empty() && Fill->operand(1) != Fills[0]->operand(1)))
          break;
        Fills.push_back(Fill);
      }
      --I;
      recordFills(*Info, Fills);
      continue;
    }
    op(*Ops[I]);
  }
}

void FunctionEmitter::recordFills(const ParamInfo &Info,
                                  const std::vector<const Op *> &Fills) {
  std::string Record = recordOf(Ids.get(Fills[0]->operand(0)));
  std::string V = text(Fills[0]->operand(1), Ternary);
  std::string Count = Info.RecordCount;
  if (Info.Kind == ParamKind::Pointer)
    Count = "static_cast<std::size_t>(" + Count + ")";
  std::string K = Ids.fresh("k");
  OS << line() << "for (std::size_t " << K << " = 0; " << K << " < " << Count
     << "; ++" << K << ") {\n";
  ++Indent;
  for (const Op *O : Fills) {
    const Value *Buf = O->operand(0);
    std::string Element = memberElement(Buf, K, "");
    if (recordArrayMember(Buf)->MemberExtent == 1)
      OS << line() << Element << " = " << V << ";\n";
    else
      OS << line() << "std::fill(std::begin(" << Element << "), std::end("
         << Element << "), " << V << ");\n";
  }
  --Indent;
  OS << line() << "}\n";
}

void FunctionEmitter::op(const Op &O) {
  switch (O.prim()) {
  case Prim::If:
    return ifOp(O);
  case Prim::For:
    return forOp(O);
  case Prim::While:
    return whileOp(O);
  case Prim::CallGrad:
  case Prim::CallPartials:
    return callGrad(O);
  case Prim::CallVjp:
    return callVjp(O);
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
    if (O.attrs().IntValue & StdVectorAlloc)
      OS << line() << "std::vector<" << Elem << "> " << Name << "("
         << text(O.operand(0), Ternary) << ");\n";
    else if (LD && LD->prim() == Prim::Const && LD->constantValue() <= 4096)
      OS << line() << "std::array<" << Elem << ", "
         << static_cast<long long>(LD->constantValue()) << "> " << Name
         << "{};\n";
    else
      OS << line() << "adgen::Array<" << Elem << "> " << Name << "("
         << text(O.operand(0), Ternary) << ");\n";
    return;
  }
  case Prim::StackNew:
    OS << line() << "adgen::Stack<" << O.result()->type().cppName() << "> "
       << Ids.assign(O.result(),
                     O.result()->name().empty() ? "tape" : O.result()->name())
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
    if (!Uses.count(V)) { // another pop of the stack is needed, not this one
      OS << line() << Ids.get(O.operand(0)) << ".pop();\n";
      return;
    }
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
  OS << line() << (Const ? "const " : "") << V->type().cppName() << " " << Name
     << " = " << E.Text << ";\n";
}

void FunctionEmitter::declare(const Value *V) {
  const std::string &Name = Ids.assign(V, V->name());
  OS << line() << V->type().cppName() << " " << Name << ";\n";
}

void FunctionEmitter::ifOp(const Op &O) {
  for (unsigned I = 0; I < O.numResults(); ++I)
    declare(O.result(I));
  bool ElseEmpty =
      O.region(1)->ops().size() == 1 && O.region(1)->back()->numOperands() == 0;
  bool ThenEmpty =
      O.region(0)->ops().size() == 1 && O.region(0)->back()->numOperands() == 0;
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

void FunctionEmitter::storeOp(const Op &O) {
  std::string Target = elementText(O.operand(1), O.operand(2));
  // d[i] = d[i] + v  ->  d[i] += v
  const Value *V = O.operand(0);
  const Op *D = V->definingOp();
  if (D && inlined(V) && (D->prim() == Prim::Add || D->prim() == Prim::Sub)) {
    const Op *L = D->operand(0)->definingOp();
    if (L && L->prim() == Prim::Load && inlined(D->operand(0)) &&
        L->operand(0) == O.operand(1) && L->operand(1) == O.operand(2)) {
      OS << line() << Target << (D->prim() == Prim::Add ? " += " : " -= ")
         << text(D->operand(1), D->prim() == Prim::Add ? Ternary : Additive + 1)
         << ";\n";
      return;
    }
  }
  OS << line() << Target << " = " << text(V, Ternary) << ";\n";
}

void FunctionEmitter::fillOp(const Op &O) {
  const Value *Buf = O.operand(0);
  std::string Name = Ids.get(Buf);
  std::string V = text(O.operand(1), Ternary);
  const Region *R = Buf->argumentOf();
  if (R == F.body()) {
    const ParamInfo &Info = F.paramInfo(Buf->index());
    if (!Info.RowLength.empty()) { // each row gets its length
      OS << line() << Name << ".assign(" << Info.RowCount << ", std::vector<"
         << Buf->type().cppName() << ">(" << Info.RowLength << ", " << V
         << "));\n";
      return;
    }
    if (Info.Kind == ParamKind::StdVector) {
      OS << line() << Name << ".assign(" << Info.Length << ", " << V << ");\n";
      return;
    }
    if (Info.Kind == ParamKind::Reference) {
      OS << line() << Name << " = " << V << ";\n";
      return;
    }
    if (Info.Kind == ParamKind::Pointer || Info.Kind == ParamKind::CArray ||
        !Info.InnerExtents.empty()) {
      OS << line() << "std::fill_n(" << Name << ", " << Info.Length << ", " << V
         << ");\n";
      return;
    }
  }
  OS << line() << "std::fill(" << Name << ".begin(), " << Name << ".end(), "
     << V << ");\n";
}

void FunctionEmitter::yieldOp(const Op &O) {
  const Op *Parent = O.parentRegion()->parentOp();
  bool IsLoop = isLoop(Parent->prim());
  unsigned ArgBase = Parent->prim() == Prim::For ? 1 : 0;
  std::vector<std::string> Targets, Texts;
  std::vector<bool> Skip;
  bool Hazard = false;
  for (unsigned I = 0; I < O.numOperands(); ++I) {
    const Value *Target = IsLoop ? Parent->region(loopBodyIndex(Parent->prim()))
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
      OS << line() << "const " << O.operand(I)->type().cppName() << " " << Temp
         << " = " << E << ";\n";
      E = Temp;
    }
    Texts.push_back(Targets[I] + " = " + E);
  }
  for (const std::string &T : Texts)
    OS << line() << T << ";\n";
}

void FunctionEmitter::whileOp(const Op &O) {
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

void FunctionEmitter::forOp(const Op &O) {
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
  long long Step =
      O.operand(2)->definingOp() &&
              O.operand(2)->definingOp()->prim() == Prim::Const
          ? static_cast<long long>(O.operand(2)->definingOp()->constantValue())
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
     << text(O.operand(0), Ternary) << "; " << Cond << "; " << Inc << ") {\n";
  ++Indent;
  region(Body);
  --Indent;
  OS << line() << "}\n";
}

void FunctionEmitter::callGrad(const Op &O) {
  for (unsigned I = 1; I < O.numResults(); ++I)
    declare(O.result(I));
  std::string Call = calleeSpelling(O.attrs().Callee, "_grad") + "(";
  if (O.prim() == Prim::CallPartials) {
    // The arguments, then per floating-point parameter where its partials
    // go: the next partials array, or the address of the next result.
    // std::vector parameters (a bit each in IntValue) take the container.
    std::vector<std::string> Args = callArgumentTexts(O);
    auto IsContainer = [&](const CallArgument &A) {
      return A.Param < 64 && ((O.attrs().IntValue >> A.Param) & 1);
    };
    std::vector<CallArgument> Params = callArguments(O);
    for (unsigned I = 0; I < Params.size(); ++I)
      if (IsContainer(Params[I]))
        Args[I] = Ids.get(O.operand(Params[I].Operand));
    unsigned Buffer = O.attrs().Args, Result = 1;
    for (const CallArgument &A : Params) {
      Type Ty = O.operand(A.Operand)->type();
      if (A.IsBuffer && Ty.element().isFloat()) {
        const Value *G = O.operand(Buffer++);
        Args.push_back(IsContainer(A) ? Ids.get(G) : pointerTo(G, nullptr));
      } else if (!A.IsBuffer && Ty.isFloat()) {
        Args.push_back("&" + Ids.get(O.result(Result++)));
      }
    }
    for (unsigned I = 0; I < Args.size(); ++I)
      Call += (I ? ", " : "") + Args[I];
  } else {
    for (unsigned I = 0; I < O.numOperands(); ++I)
      Call += (I ? ", " : "") + text(O.operand(I), Ternary);
    for (unsigned I = 1; I < O.numResults(); ++I)
      Call += ", &" + Ids.get(O.result(I));
  }
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

void FunctionEmitter::callVjp(const Op &O) {
  for (unsigned I = 0; I < O.numResults(); ++I)
    declare(O.result(I));
  OS << line() << userCall(O) << ";\n";
}

void FunctionEmitter::returnOp(const Op &O) {
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
  if (int I = returnedArray(); I >= 0)
    Returned = Ids.get(F.param(I));
  if (!Returned.empty())
    OS << line() << "return " << Returned << ";\n";
}
} // namespace adgen
