//===- IRTest.cpp - Builder, verifier, printer and literals ---------------===//
// The IR's own invariants, independent of the frontend.
//===----------------------------------------------------------------------===//
#include "IR/Builder.h"
#include "IR/DotPrinter.h"
#include "IR/Literal.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace adgen;

namespace {
Type f64() { return Type(TypeKind::Double); }

/// f(x, y) = x > 0 ? sin(x) * y : y, as a structured if.
std::unique_ptr<Function> sample() {
  auto F = std::make_unique<Function>("f", std::vector<std::string>{"ns"});
  Value *X = F->addParam(f64(), "x");
  Value *Y = F->addParam(f64(), "y");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  Value *C = B.cmp(CmpPred::GT, X, B.zero(f64()));
  Op *If = B.create(Prim::If, {C}, {f64()}, {}, 2);
  If->result()->setName("r");
  B.enter(If->region(0));
  B.yield({B.mul(B.math(Prim::Sin, {X}), Y)});
  B.exit();
  B.enter(If->region(1));
  B.yield({Y});
  B.exit();
  B.ret({If->result()});
  return F;
}
} // namespace

TEST(IR, WellFormedFunctionVerifies) {
  auto F = sample();
  EXPECT_TRUE(verify(*F).empty());
}

TEST(IR, VerifierCatchesWrongYieldCount) {
  auto F = sample();
  Op *If = F->body()->ops()[2].get();
  ASSERT_EQ(If->prim(), Prim::If);
  If->addResult(f64()); // now the branches yield one value too few
  std::vector<std::string> Problems = verify(*F);
  ASSERT_FALSE(Problems.empty());
  EXPECT_NE(Problems[0].find("yields 1 values for 2 results"),
            std::string::npos);
}

TEST(IR, VerifierCatchesUseBeforeDefinition) {
  auto F = std::make_unique<Function>("g");
  Value *X = F->addParam(f64(), "x");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  Op *Inner = B.create(Prim::If, {B.boolean(true)}, {f64()}, {}, 2);
  B.enter(Inner->region(0));
  Value *Local = B.math(Prim::Exp, {X});
  B.yield({Local});
  B.exit();
  B.enter(Inner->region(1));
  B.yield({Local}); // defined in the other branch
  B.exit();
  B.ret({Inner->result()});
  std::vector<std::string> Problems = verify(*F);
  ASSERT_FALSE(Problems.empty());
  EXPECT_NE(Problems[0].find("not defined before use"), std::string::npos);
}

TEST(IR, PrinterShowsNamesTypesAndRegions) {
  auto F = sample();
  std::ostringstream OS;
  printFunction(*F, OS);
  EXPECT_EQ(OS.str(), "func @ns::f(%x: f64, %y: f64) -> (f64) {\n"
                      "  %0 = const 0.0 : f64\n"
                      "  %1 = cmp gt %x, %0 : i1\n"
                      "  %r = if %1 : f64 {\n"
                      "    %2 = sin %x : f64\n"
                      "    %3 = mul %2, %y : f64\n"
                      "    yield %3\n"
                      "  } else {\n"
                      "    yield %y\n"
                      "  }\n"
                      "  return %r\n"
                      "}\n");
}

TEST(IR, DotPrinterDrawsEveryOpAndEdge) {
  auto F = sample();
  std::ostringstream OS;
  printDot({F.get()}, OS);
  std::string Dot = OS.str();
  EXPECT_EQ(Dot.rfind("digraph adgen {", 0), 0u);
  EXPECT_NE(Dot.find("label=\"sin\""), std::string::npos);
  EXPECT_NE(Dot.find("cluster_f0_n"), std::string::npos);
  EXPECT_NE(Dot.find("f0_p0 -> "), std::string::npos);
}

TEST(IR, LiteralsAreShortestExact) {
  EXPECT_EQ(formatLiteral(0.06, f64(), true), "0.06");
  EXPECT_EQ(formatLiteral(2, f64(), true), "2.0");
  EXPECT_EQ(formatLiteral(1e300, f64(), true), "1e+300");
  EXPECT_EQ(formatLiteral(0.1f, Type(TypeKind::Float), true), "0.1f");
  EXPECT_EQ(formatLiteral(0.1L, Type(TypeKind::LongDouble), true), "0.1L");
  EXPECT_EQ(formatLiteral(-3, Type(TypeKind::Int), true), "-3");
  EXPECT_EQ(formatLiteral(1.0L / 0.0L, f64(), true),
            "std::numeric_limits<double>::infinity()");
  // Round trip of an awkward double.
  double V = 0.1 + 0.2;
  EXPECT_EQ(std::stod(formatLiteral(V, f64(), false)), V);
}
