//===- DotPrinter.cpp - Graphviz drawing of computation graphs ------------===//
// Branch regions become nested clusters so the graph shows the structure.
//===----------------------------------------------------------------------===//
#include "IR/DotPrinter.h"
#include "IR/Literal.h"
#include "IR/Operation.h"
#include "IR/Printer.h"

#include <map>
#include <string>

namespace adgen {

namespace {
class DotWriter {
public:
  DotWriter(std::ostream &OS) : OS(OS) {}

  void function(const Function &F, unsigned Index) {
    ValueNamer Names(F);
    Prefix = "f" + std::to_string(Index) + "_";
    Sources.clear();
    OS << "  subgraph cluster_" << Index << " {\n";
    OS << "    label=\"" << F.qualifiedName() << "\";\n";
    for (unsigned I = 0; I < F.numParams(); ++I) {
      std::string Node = Prefix + "p" + std::to_string(I);
      Sources[F.param(I)] = Node;
      OS << "    " << Node << " [shape=ellipse, style=filled, "
         << "fillcolor=lightblue, label=\"" << Names(F.param(I)) << "\"];\n";
    }
    region(*F.body(), Names, 2);
    OS << "  }\n";
  }

private:
  void region(const Region &R, const ValueNamer &Names, unsigned Depth) {
    std::string Pad(2 * Depth, ' ');
    for (const auto &O : R.ops()) {
      std::string Node = Prefix + "n" + std::to_string(Counter++);
      for (unsigned I = 0; I < O->numRegions(); ++I) {
        OS << Pad << "subgraph cluster_" << Node << "_" << I << " {\n"
           << Pad << "  label=\"" << (I ? "else" : "then") << "\";\n"
           << Pad << "  style=dashed;\n";
        region(*O->region(I), Names, Depth + 1);
        OS << Pad << "}\n";
      }
      OS << Pad << Node << " [shape=box, label=\"" << label(*O, Names)
         << "\"];\n";
      for (unsigned I = 0; I < O->numOperands(); ++I) {
        auto It = Sources.find(O->operand(I));
        if (It != Sources.end())
          OS << Pad << It->second << " -> " << Node << ";\n";
      }
      for (unsigned I = 0; I < O->numResults(); ++I)
        Sources[O->result(I)] = Node;
    }
  }

  static std::string label(const Op &O, const ValueNamer &Names) {
    std::string L = mnemonic(O.prim());
    if (O.prim() == Prim::Const) {
      Type Ty = O.result()->type();
      L = formatLiteral(O.constantValue(), Ty, false);
    } else if (O.prim() == Prim::Cmp) {
      L += std::string(" ") + predicateName(O.attrs().Predicate);
    } else if (O.prim() == Prim::Call || O.prim() == Prim::CallGrad ||
               O.prim() == Prim::CallPartials) {
      L += " " + O.attrs().Callee;
    }
    if (O.numResults() == 1 && !O.result()->name().empty())
      L += "\\n" + Names(O.result());
    return L;
  }

  std::ostream &OS;
  std::string Prefix;
  std::map<const Value *, std::string> Sources;
  unsigned Counter = 0;
};
} // namespace

void printDot(const std::vector<const Function *> &Functions,
              std::ostream &OS) {
  OS << "digraph adgen {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n";
  DotWriter W(OS);
  unsigned Index = 0;
  for (const Function *F : Functions)
    W.function(*F, Index++);
  OS << "}\n";
}

} // namespace adgen
