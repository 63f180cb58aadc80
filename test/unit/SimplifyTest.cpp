//===- SimplifyTest.cpp - Folding, CSE, DCE and branch folding ------------===//
// Each rewrite of the simplifier on a small hand-built function.
//===----------------------------------------------------------------------===//
#include "Transforms/Simplify.h"
#include "IR/Builder.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"
#include "Interpreter.h"

#include <cmath>
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
  Fixture() {
    F->results().push_back({"return", f64(), ResultPassing::Return});
  }

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
  {
    Fixture T; // x + -0.0 is x, also for x = -0.0
    Value *V =
        T.B.add(T.B.mul(T.X, T.B.one(f64())), T.B.constant(f64(), -0.0L));
    EXPECT_EQ(body(T.simplified(V)), "  return %x\n");
  }
  {
    Fixture T; // exp(x) + 0.0 is exp(x): never -0.0
    Value *E = T.B.math(Prim::Exp, {T.X});
    EXPECT_EQ(T.simplified(T.B.add(E, T.B.zero(f64()))).find("add"),
              std::string::npos);
  }
}

TEST(Simplify, AddingPositiveZeroKeepsTheSignOfZero) {
  // -0.0 + 0.0 is +0.0: x + 0.0 is not x for a floating x of unknown sign
  // (copysign(1, x + 0.0) tells them apart).
  Fixture T;
  std::string Out = body(T.simplified(T.B.add(T.X, T.B.zero(f64()))));
  EXPECT_NE(Out.find("add %x"), std::string::npos) << Out;
  auto R = test::run(*simplify(*T.F), {-0.0L, 0});
  EXPECT_FALSE(std::signbit((double)R[0]));
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
  EXPECT_EQ(body(T.simplified(V)), "  %0 = mul %x, %y : f64\n  return %0\n");
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

namespace {
Type u64() { return Type(TypeKind::ULong); }

Value *alloc(Builder &B, unsigned long N) {
  return B
      .create(Prim::Alloc, {B.constant(u64(), N)},
              {Type::buffer(TypeKind::Double)})
      ->result();
}
void store(Builder &B, Value *V, Value *Buf, Value *Index) {
  B.create(Prim::Store, {V, Buf, Index}, {});
}
Value *load(Builder &B, Value *Buf, Value *Index) {
  return B.create(Prim::Load, {Buf, Index}, {f64()})->result();
}
unsigned count(const std::string &Text, const std::string &What) {
  unsigned N = 0;
  for (size_t At = Text.find(What); At != std::string::npos;
       At = Text.find(What, At + 1))
    ++N;
  return N;
}
} // namespace

TEST(Simplify, StoredAndZeroElementsAreForwardedAndTheArrayDies) {
  Fixture T;
  Value *Buf = alloc(T.B, 3);
  store(T.B, T.X, Buf, T.B.constant(u64(), 0));
  store(T.B, T.Y, Buf, T.B.constant(u64(), 2)); // another constant index
  Value *A = load(T.B, Buf, T.B.constant(u64(), 0));
  Value *Zero = load(T.B, Buf, T.B.constant(u64(), 1)); // never stored
  // The array is written, then only read through known elements: it goes.
  // (x + 0.0 stays: it is +0.0 where x is -0.0.)
  EXPECT_EQ(body(T.simplified(T.B.add(A, Zero))),
            "  %0 = const 0.0 : f64\n  %1 = add %x, %0 : f64\n"
            "  return %1\n");
}

TEST(Simplify, AStoreAtAnUnknownIndexKeepsTheLoad) {
  Fixture T;
  Value *I = T.F->addParam(u64(), "i");
  Value *Buf = alloc(T.B, 3);
  Value *Zero = T.B.constant(u64(), 0);
  store(T.B, T.X, Buf, Zero);
  store(T.B, T.Y, Buf, I); // may be element 0
  std::string Out = T.simplified(load(T.B, Buf, Zero));
  EXPECT_EQ(count(Out, "= load"), 1u) << Out;
  EXPECT_EQ(count(Out, "store"), 2u) << Out;
}

TEST(Simplify, AStoreOverwrittenBeforeAnyReadIsDead) {
  Fixture T;
  Value *I = T.F->addParam(u64(), "i");
  Value *J = T.F->addParam(u64(), "j");
  Value *Buf = alloc(T.B, 3);
  store(T.B, T.X, Buf, I);
  store(T.B, T.Y, Buf, I);
  std::string Out = T.simplified(load(T.B, Buf, J));
  EXPECT_EQ(count(Out, "store"), 1u) << Out;
  EXPECT_NE(Out.find("store %y"), std::string::npos) << Out;
}

TEST(Simplify, ALoopThatWritesTheArrayForgetsWhatWasKnown) {
  Fixture T;
  Value *Buf = alloc(T.B, 3);
  Value *Zero = T.B.constant(u64(), 0);
  store(T.B, T.X, Buf, Zero);
  Op *Loop = T.B.create(
      Prim::For, {Zero, T.B.constant(u64(), 3), T.B.one(u64())}, {}, {}, 1);
  Value *K = Loop->region(0)->addArgument(u64(), "k");
  T.B.enter(Loop->region(0));
  // The first iteration reads what was stored before the loop, later ones
  // what the previous iteration wrote.
  Value *Prev = load(T.B, Buf, Zero);
  store(T.B, T.B.mul(Prev, T.Y), Buf, Zero);
  store(T.B, T.Y, Buf, K);
  T.B.yield({});
  T.B.exit();
  Value *After = load(T.B, Buf, Zero);
  T.B.ret({After});
  auto G = simplify(*T.F);
  ASSERT_TRUE(verify(*G).empty());
  for (long double Y : {0.5L, 2.0L})
    EXPECT_EQ(test::run(*G, {0.7L, Y})[0], test::run(*T.F, {0.7L, Y})[0]);
  std::ostringstream OS;
  printFunction(*G, OS);
  EXPECT_EQ(count(OS.str(), "= load"), 2u) << OS.str();
}

TEST(Simplify, StrongZeroProductsFold) {
  // zmul(t, 3) needs no guard; zmul(0, p) is 0; zmul(-t, p) is -zmul(t, p).
  {
    Fixture T;
    Value *V = T.B.zeroMul(T.X, T.B.constant(f64(), 3));
    EXPECT_EQ(body(T.simplified(V)),
              "  %0 = const 3.0 : f64\n  %1 = mul %x, %0 : f64\n"
              "  return %1\n");
  }
  {
    Fixture T;
    Value *V = T.B.zeroDiv(T.B.zero(f64()), T.Y);
    EXPECT_EQ(body(T.simplified(V)), "  %0 = const 0.0 : f64\n  return %0\n");
  }
  {
    Fixture T;
    Value *V = T.B.zeroMul(T.B.neg(T.X), T.Y);
    EXPECT_EQ(body(T.simplified(V)),
              "  %0 = zmul %x, %y : f64\n  %1 = neg %0 : f64\n"
              "  return %1\n");
  }
  {
    // A zero divisor keeps the guard: 0 / 0 must stay 0.
    Fixture T;
    Value *V = T.B.zeroDiv(T.X, T.B.zero(f64()));
    std::string Body = body(T.simplified(V));
    EXPECT_NE(Body.find("zdiv"), std::string::npos) << Body;
  }
}

TEST(Simplify, StrongZeroProductsEvaluate) {
  Fixture T;
  Value *V = T.B.add(T.B.zeroMul(T.X, T.B.div(T.B.one(f64()), T.Y)),
                     T.B.zeroDiv(T.X, T.Y));
  T.B.ret({V});
  // x = 0, y = 0: both partials are infinite, the zero tangent wins.
  EXPECT_EQ(test::run(*T.F, {0, 0})[0], 0);
  EXPECT_EQ(test::run(*T.F, {2, 4})[0], 2 * 0.25 + 0.5);
  EXPECT_TRUE(std::isinf((double)test::run(*T.F, {1, 0})[0]));
}

TEST(Simplify, AConditionOrItsNegationIsTrue) {
  // a || !a is true and a && !a false (clang's -Wtautological-negation-compare
  // rejects them in generated code); (i + 1) - 1 is i.
  Fixture T;
  Value *A = T.B.cmp(CmpPred::LT, T.X, T.Y);
  Value *Either = T.B.logicalOr(A, T.B.logicalNot(A));
  Value *Both = T.B.logicalAnd(T.B.logicalNot(A), A);
  Value *V = T.B.select(T.B.logicalAnd(Either, T.B.logicalNot(Both)), T.X, T.Y);
  EXPECT_EQ(body(T.simplified(V)), "  return %x\n");
  Fixture U;
  Type I32(TypeKind::Int);
  Value *I = U.B.cast(U.X, I32);
  Value *Back = U.B.sub(U.B.add(I, U.B.one(I32)), U.B.one(I32));
  std::string Out = U.simplified(U.B.cast(Back, f64()));
  EXPECT_EQ(Out.find("add"), std::string::npos) << Out;
}
