//===- Printer.cpp - Textual form of the IR -------------------------------===//
// Prints functions, ops and nested regions.
//===----------------------------------------------------------------------===//
#include "IR/Printer.h"
#include "IR/Literal.h"
#include "IR/Operation.h"

namespace adgen {

ValueNamer::ValueNamer(const Function &F) { nameRegion(*F.body()); }

void ValueNamer::assign(const Value *V) {
  std::string N = V->name();
  if (N.empty()) {
    N = std::to_string(Counter++);
  } else {
    unsigned &Count = Uses[N];
    if (Count++)
      N += "." + std::to_string(Count - 1);
  }
  Names[V] = N;
}

void ValueNamer::nameRegion(const Region &R) {
  for (unsigned I = 0; I < R.numArguments(); ++I)
    assign(R.argument(I));
  // Results before nested regions, so names read in print order.
  for (const auto &O : R.ops()) {
    for (unsigned I = 0; I < O->numResults(); ++I)
      assign(O->result(I));
    for (unsigned I = 0; I < O->numRegions(); ++I)
      nameRegion(*O->region(I));
  }
}

const std::string &ValueNamer::operator()(const Value *V) const {
  static const std::string Unknown = "<unknown>";
  auto It = Names.find(V);
  return It == Names.end() ? Unknown : It->second;
}

namespace {
class IRPrinter {
public:
  IRPrinter(const Function &F, std::ostream &OS) : F(F), Name(F), OS(OS) {}

  void print() {
    OS << "func @" << F.qualifiedName() << "(";
    for (unsigned I = 0; I < F.numParams(); ++I)
      OS << (I ? ", " : "") << "%" << Name(F.param(I)) << ": "
         << F.param(I)->type().irName();
    OS << ") -> (";
    const auto &Results = F.results();
    for (unsigned I = 0; I < Results.size(); ++I) {
      OS << (I ? ", " : "") << Results[I].Ty.irName();
      if (Results[I].Passing != ResultPassing::Return)
        OS << " " << Results[I].Name;
    }
    OS << ") {\n";
    printRegion(*F.body(), 1);
    OS << "}\n";
  }

private:
  void indent(unsigned Depth) { OS << std::string(2 * Depth, ' '); }

  void printOperands(const Op &O, unsigned From) {
    for (unsigned I = From; I < O.numOperands(); ++I)
      OS << (I > From ? ", " : "") << "%" << Name(O.operand(I));
  }

  void printRegion(const Region &R, unsigned Depth) {
    for (const auto &O : R.ops())
      printOp(*O, Depth);
  }

  void printOp(const Op &O, unsigned Depth) {
    indent(Depth);
    for (unsigned I = 0; I < O.numResults(); ++I)
      OS << (I ? ", " : "") << "%" << Name(O.result(I));
    if (O.numResults())
      OS << " = ";
    OS << mnemonic(O.prim());
    switch (O.prim()) {
    case Prim::Const:
      OS << " " << formatLiteral(O.constantValue(), O.result()->type(), false);
      break;
    case Prim::Cmp:
      OS << " " << predicateName(O.attrs().Predicate) << " ";
      printOperands(O, 0);
      break;
    case Prim::Call:
    case Prim::CallGrad:
    case Prim::CallPartials:
    case Prim::CallGenerated:
      OS << " @" << O.attrs().Callee << "(";
      printOperands(O, 0);
      OS << ")";
      break;
    case Prim::Length:
      OS << " %" << Name(O.operand(0)) << " \"" << O.attrs().Callee << "\"";
      break;
    case Prim::While:
      if (O.numOperands()) {
        OS << " iter_args(";
        for (unsigned I = 0; I < O.numOperands(); ++I)
          OS << (I ? ", " : "") << "%" << Name(O.region(0)->argument(I))
             << " = %" << Name(O.operand(I));
        OS << ")";
      }
      break;
    case Prim::For: {
      const Region &Body = *O.region(0);
      OS << " %" << Name(Body.argument(0)) << " = %" << Name(O.operand(0))
         << " to %" << Name(O.operand(1)) << " step %" << Name(O.operand(2));
      if (O.numOperands() > 3) {
        OS << " iter_args(";
        for (unsigned I = 3; I < O.numOperands(); ++I)
          OS << (I > 3 ? ", " : "") << "%" << Name(Body.argument(I - 2))
             << " = %" << Name(O.operand(I));
        OS << ")";
      }
      break;
    }
    default:
      if (O.numOperands())
        OS << " ";
      printOperands(O, 0);
    }
    if (O.numResults()) {
      OS << " : ";
      for (unsigned I = 0; I < O.numResults(); ++I)
        OS << (I ? ", " : "") << O.result(I)->type().irName();
    }
    if (O.prim() == Prim::For) {
      OS << " {\n";
      printRegion(*O.region(0), Depth + 1);
      indent(Depth);
      OS << "}";
    }
    if (O.prim() == Prim::While) {
      OS << " test {\n";
      printRegion(*O.region(0), Depth + 1);
      indent(Depth);
      OS << "} do {\n";
      printRegion(*O.region(1), Depth + 1);
      indent(Depth);
      OS << "}";
    }
    if (O.prim() == Prim::If) {
      OS << " {\n";
      printRegion(*O.region(0), Depth + 1);
      indent(Depth);
      OS << "} else {\n";
      printRegion(*O.region(1), Depth + 1);
      indent(Depth);
      OS << "}";
    }
    OS << "\n";
  }

  const Function &F;
  ValueNamer Name;
  std::ostream &OS;
};
} // namespace

void printFunction(const Function &F, std::ostream &OS) {
  IRPrinter(F, OS).print();
}

void printModule(const Module &M, std::ostream &OS) {
  bool First = true;
  for (const auto &F : M.functions()) {
    if (!First)
      OS << "\n";
    First = false;
    printFunction(*F, OS);
  }
}

} // namespace adgen
