//===- TransformTest.cpp - jvp and vjp on hand-built IR -------------------===//
// Derivatives from the transforms, evaluated by the test interpreter, against
// analytic values and central differences.
//===----------------------------------------------------------------------===//
#include "IR/Builder.h"
#include "IR/Verifier.h"
#include "Interpreter.h"
#include "Transforms/Derivatives.h"
#include "Transforms/Jvp.h"
#include "Transforms/Vjp.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace adgen;

namespace {
Type f64() { return Type(TypeKind::Double); }

/// f(x, y) = x > y ? sin(x) * y : exp(x - y) / y
std::unique_ptr<Function> branchy() {
  auto F = std::make_unique<Function>("f");
  Value *X = F->addParam(f64(), "x");
  Value *Y = F->addParam(f64(), "y");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  Op *If = B.create(Prim::If, {B.cmp(CmpPred::GT, X, Y)}, {f64()}, {}, 2);
  B.enter(If->region(0));
  B.yield({B.mul(B.math(Prim::Sin, {X}), Y)});
  B.exit();
  B.enter(If->region(1));
  B.yield({B.div(B.math(Prim::Exp, {B.sub(X, Y)}), Y)});
  B.exit();
  B.ret({If->result()});
  return F;
}

long double centralDifference(const Function &F, std::vector<long double> X,
                              unsigned I) {
  long double H = 1e-5L;
  auto Plus = X, Minus = X;
  Plus[I] += H;
  Minus[I] -= H;
  return (test::run(F, Plus)[0] - test::run(F, Minus)[0]) / (2 * H);
}
} // namespace

TEST(Transforms, JvpOfProductFollowsTheProductRule) {
  auto F = std::make_unique<Function>("p");
  Value *X = F->addParam(f64(), "x");
  Value *Y = F->addParam(f64(), "y");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  B.ret({B.mul(X, Y)});
  Diagnostics D;
  auto J = jvp(*F, {true, true}, D);
  ASSERT_TRUE(J && D.empty());
  EXPECT_TRUE(verify(*J).empty());
  // (x, y, t_x, t_y) -> (x y, y t_x + x t_y)
  auto R = test::run(*J, {2, 3, 5, 7});
  EXPECT_EQ(R[0], 6);
  EXPECT_EQ(R[1], 3 * 5 + 2 * 7);
}

TEST(Transforms, InactiveParametersGetNoTangent) {
  auto F = branchy();
  Diagnostics D;
  auto J = jvp(*F, {true, false}, D);
  ASSERT_TRUE(J);
  EXPECT_EQ(J->numParams(), 3u);
  EXPECT_EQ(J->param(2)->name(), "t_x");
}

TEST(Transforms, GradientThroughBranchesMatchesDifferences) {
  auto F = branchy();
  Diagnostics D;
  auto G = buildDerivative(*F, DerivativeMode::Grad, {true, true}, D);
  ASSERT_TRUE(G) << (D.empty() ? "" : D[0].Message);
  EXPECT_TRUE(verify(*G).empty());
  for (auto Point :
       std::vector<std::vector<long double>>{{1.5L, 0.5L}, {0.2L, 0.9L}}) {
    auto R = test::run(*G, Point);
    EXPECT_NEAR((double)R[0], (double)test::run(*F, Point)[0], 1e-15);
    for (unsigned I = 0; I < 2; ++I)
      EXPECT_NEAR((double)R[1 + I], (double)centralDifference(*F, Point, I),
                  1e-7);
  }
}

TEST(Transforms, JvpModeMatchesGradientDotTangent) {
  auto F = branchy();
  Diagnostics D;
  auto G = buildDerivative(*F, DerivativeMode::Grad, {true, true}, D);
  auto J = buildDerivative(*F, DerivativeMode::Jvp, {true, true}, D);
  ASSERT_TRUE(G && J);
  auto Grad = test::run(*G, {0.3L, -0.4L});
  auto Tangent = test::run(*J, {0.3L, -0.4L, 2, -1});
  EXPECT_NEAR((double)Tangent[1], (double)(2 * Grad[1] - Grad[2]), 1e-15);
}

TEST(Transforms, VjpWithWeightsScalesTheGradient) {
  auto F = branchy();
  Diagnostics D;
  auto J = jvp(*F, {true, true}, D);
  auto V = vjp(*J, 2, 1, /*UnitSeed=*/false, D);
  ASSERT_TRUE(V && D.empty());
  EXPECT_TRUE(verify(*V).empty());
  ASSERT_EQ(V->numParams(), 3u); // x, y, w_return
  auto One = test::run(*V, {1.5L, 0.5L, 1});
  auto Three = test::run(*V, {1.5L, 0.5L, 3});
  EXPECT_NEAR((double)Three[1], (double)(3 * One[1]), 1e-15);
  EXPECT_NEAR((double)Three[2], (double)(3 * One[2]), 1e-15);
}

TEST(Transforms, StraightLineGradientStoresNothingExtra) {
  // grad of sin(x) * x: the reverse sweep reuses the forward values; the
  // simplified gradient has exactly sin, cos and the arithmetic.
  auto F = std::make_unique<Function>("s");
  Value *X = F->addParam(f64(), "x");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  B.ret({B.mul(B.math(Prim::Sin, {X}), X)});
  Diagnostics D;
  auto G = buildDerivative(*F, DerivativeMode::Grad, {true}, D);
  ASSERT_TRUE(G);
  unsigned Sines = 0, Ops = 0;
  for (const auto &O : G->body()->ops()) {
    Sines += O->prim() == Prim::Sin;
    ++Ops;
  }
  EXPECT_EQ(Sines, 1u);
  EXPECT_LE(Ops, 6u); // sin, cos, mul, mul, add, return
  auto R = test::run(*G, {0.8L});
  EXPECT_NEAR((double)R[1], std::cos(0.8) * 0.8 + std::sin(0.8), 1e-15);
}

TEST(Transforms, ZeroFromAnUntakenArmNeverMultipliesAnInfinitePartial) {
  // f(x, y) = x * (sqrt(y) <= 0.1 ? 1 : sqrt(y)) at y = 0: df/dy = 0, though
  // sqrt's slope there is infinite.
  auto F = std::make_unique<Function>("f");
  Value *X = F->addParam(f64(), "x");
  Value *Y = F->addParam(f64(), "y");
  F->results().push_back({"return", f64(), ResultPassing::Return});
  Builder B(F->body());
  Value *S = B.math(Prim::Sqrt, {Y});
  Value *Guard = B.cmp(CmpPred::LE, S, B.constant(f64(), 0.1));
  B.ret({B.mul(X, B.select(Guard, B.one(f64()), S))});
  Diagnostics D;
  auto G = buildDerivative(*F, DerivativeMode::Grad, {true, true}, D);
  auto J = buildDerivative(*F, DerivativeMode::Jvp, {true, true}, D);
  ASSERT_TRUE(G && J && D.empty());
  EXPECT_TRUE(verify(*G).empty() && verify(*J).empty());
  auto R = test::run(*G, {2, 0});
  EXPECT_EQ(R[1], 1);
  EXPECT_EQ(R[2], 0);
  EXPECT_EQ(test::run(*J, {2, 0, 0, 1})[1], 0);
  EXPECT_EQ(test::run(*J, {2, 0, 1, 0})[1], 1);
  // Away from the guard, sqrt's slope is used: d/dy = x / (2 sqrt(y)).
  EXPECT_NEAR((double)test::run(*G, {2, 4})[2], 0.5, 1e-15);
}
