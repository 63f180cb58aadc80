//===- SimplifyTest.cpp - Folding, CSE, DCE and branch folding ------------===//
// Each rewrite of the simplifier on a small hand-built function.
//===----------------------------------------------------------------------===//
#include "IR/Builder.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"
#include "Interpreter.h"
#include "Transforms/Simplify.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace adgen;

namespace {
Type f64() { return Type(TypeKind::Double); }

struct Fixture {
  std::unique_ptr<Function> F = std::make_unique<Function>("f");
  Value *X = F->addParam(f64(), "x");
  Value *Y = F->addParam(f64(), "y");
  Builder B{F->body()};
  Fixture() { F->results().push_back({"return", f64(), ResultPassing::Return}); }

  std::string simplified(Value *Result) {
    B.ret({Result});
    EXPECT_TRUE(verify(*F).empty());
    auto G = simplify(*F);
    EXPECT_TRUE(verify(*G).empty());
    std::ostringstream OS;
    printFunction(*G, OS);
    return OS.str();
  }
};

std::string body(const std::string &Printed) {
  size_t Start = Printed.find("{\n") + 2;
  return Printed.substr(Start, Printed.rfind("}") - Start);
}
} // namespace

TEST(Simplify, MultiplyByOneAndAddZeroVanish) {
  Fixture T;
  Value *V = T.B.add(T.B.mul(T.X, T.B.one(f64())), T.B.zero(f64()));
  EXPECT_EQ(body(T.simplified(V)), "  return %x\n");
}

TEST(Simplify, ConstantsFoldInTheirType) {
  Fixture T;
  Value *Three = T.B.add(T.B.constant(f64(), 1), T.B.constant(f64(), 2));
  Value *V = T.B.mul(T.B.math(Prim::Sqrt, {T.B.constant(f64(), 4)}), Three);
  EXPECT_EQ(body(T.simplified(V)), "  %0 = const 6.0 : f64\n  return %0\n");
}

TEST(Simplify, IntegerDivisionByZeroIsNotFolded) {
  Fixture T;
  Type I32(TypeKind::Int);
  Value *Q = T.B.div(T.B.constant(I32, 1), T.B.constant(I32, 0));
  std::string Out = T.simplified(T.B.cast(Q, f64()));
  EXPECT_NE(Out.find("div"), std::string::npos);
}

TEST(Simplify, CommonSubexpressionsAreMerged) {
  Fixture T;
  Value *A = T.B.math(Prim::Sin, {T.X});
  Value *B2 = T.B.math(Prim::Sin, {T.X});
  std::string Out = T.simplified(T.B.mul(A, B2));
  EXPECT_EQ(body(Out), "  %0 = sin %x : f64\n  %1 = mul %0, %0 : f64\n"
                       "  return %1\n");
}

TEST(Simplify, DeadCodeIsRemoved) {
  Fixture T;
  T.B.math(Prim::Exp, {T.Y}); // unused
  std::string Out = T.simplified(T.B.math(Prim::Cos, {T.X}));
  EXPECT_EQ(Out.find("exp"), std::string::npos);
}

TEST(Simplify, DoubleNegationCancels) {
  Fixture T;
  Value *V = T.B.mul(T.B.neg(T.X), T.B.neg(T.Y));
  EXPECT_EQ(body(T.simplified(V)),
            "  %0 = mul %x, %y : f64\n  return %0\n");
}

TEST(Simplify, BranchOnConstantIsReplacedByTheTakenBranch) {
  Fixture T;
  Op *If = T.B.create(Prim::If, {T.B.boolean(false)}, {f64()}, {}, 2);
  T.B.enter(If->region(0));
  T.B.yield({T.X});
  T.B.exit();
  T.B.enter(If->region(1));
  T.B.yield({T.B.math(Prim::Log, {T.Y})});
  T.B.exit();
  EXPECT_EQ(body(T.simplified(If->result())),
            "  %0 = log %y : f64\n  return %0\n");
}

TEST(Simplify, UnusedBranchResultsAreDropped) {
  Fixture T;
  Op *If = T.B.create(Prim::If, {T.B.cmp(CmpPred::LT, T.X, T.Y)},
                      {f64(), f64()}, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    T.B.enter(If->region(R));
    T.B.yield({T.B.math(R ? Prim::Sin : Prim::Cos, {T.X}),
               T.B.math(Prim::Exp, {T.Y})});
    T.B.exit();
  }
  std::string Out = T.simplified(If->result(0));
  EXPECT_EQ(Out.find("exp"), std::string::npos);
  EXPECT_NE(Out.find("= if"), std::string::npos);
}

TEST(Simplify, PreservesValues) {
  Fixture T;
  Value *S = T.B.add(T.B.math(Prim::Sin, {T.X}), T.B.zero(f64()));
  Value *V = T.B.div(T.B.mul(S, T.B.neg(T.Y)), T.B.one(f64()));
  T.B.ret({V});
  auto G = simplify(*T.F);
  long double Expected = test::run(*T.F, {0.7L, -1.3L})[0];
  EXPECT_EQ(test::run(*G, {0.7L, -1.3L})[0], Expected);
}
