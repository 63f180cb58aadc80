//===- CountedLoopsTest.cpp - While loops raised to for ops, exhaustively -===//
// Builds while loops in many shapes (counter types, comparisons on either
// side, offsets, steps, widening, do-while) and checks, by running both in
// the interpreter over a grid of starts and bounds, that the raised loop
// visits the same counter values in the same order and exits with the same
// counter value.
//===----------------------------------------------------------------------===//
#include "Transforms/CountedLoops.h"
#include "IR/Builder.h"
#include "IR/Verifier.h"
#include "Interpreter.h"

#include <gtest/gtest.h>

using namespace adgen;

namespace {
struct LoopShape {
  TypeKind Counter;
  TypeKind Compared; // == Counter, or a widening
  CmpPred Pred;
  bool CounterOnLeft;
  long long Offset; // added to the counter before the comparison
  long long Step;
  bool DoWhile;
};

/// f(lb, n): acc = 0; i = lb; while (i + offset PRED n) { acc = 3 acc + i;
/// i += step; } return acc, i.
std::unique_ptr<Function> build(const LoopShape &S) {
  Type IVTy(S.Counter), CmpTy(S.Compared), F64(TypeKind::Double);
  auto F = std::make_unique<Function>("f");
  Value *LB = F->addParam(IVTy, "lb");
  Value *N = F->addParam(CmpTy, "n");
  F->results().push_back({"return", F64, ResultPassing::Return});
  F->results().push_back({"i", IVTy, ResultPassing::OutPointer});
  Builder B(F->body());
  std::vector<Value *> Init{B.zero(F64), LB};
  if (S.DoWhile)
    Init.push_back(B.boolean(true));
  std::vector<Type> Types;
  for (Value *V : Init)
    Types.push_back(V->type());
  Op *W = B.create(Prim::While, Init, Types, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    Region *Reg = W->region(R);
    Value *Acc = Reg->addArgument(F64, "acc");
    Value *I = Reg->addArgument(IVTy, "i");
    Value *First = S.DoWhile ? Reg->addArgument(Type(TypeKind::Bool)) : nullptr;
    B.enter(Reg);
    if (R == 0) {
      Value *E = I;
      if (S.Compared != S.Counter)
        E = B.cast(E, CmpTy);
      if (S.Offset > 0)
        E = B.add(E, B.constant(CmpTy, S.Offset));
      if (S.Offset < 0)
        E = B.sub(E, B.constant(CmpTy, -S.Offset));
      Value *C = S.CounterOnLeft ? B.cmp(S.Pred, E, N)
                                 : B.cmp(swappedPredicate(S.Pred), N, E);
      B.yield({First ? B.logicalOr(First, C) : C});
    } else {
      Value *NextAcc = B.add(B.mul(Acc, B.constant(F64, 3)), B.cast(I, F64));
      Value *NextI = S.Step > 0 ? B.add(I, B.constant(IVTy, S.Step))
                                : B.sub(I, B.constant(IVTy, -S.Step));
      std::vector<Value *> Y{NextAcc, NextI};
      if (First)
        Y.push_back(B.boolean(false));
      B.yield(Y);
    }
    B.exit();
  }
  B.ret({W->result(0), W->result(1)});
  return F;
}

bool hasWhile(const Region &R) {
  for (const auto &O : R.ops()) {
    if (O->prim() == Prim::While)
      return true;
    for (unsigned I = 0; I < O->numRegions(); ++I)
      if (hasWhile(*O->region(I)))
        return true;
  }
  return false;
}

/// Runs F and G on every (lb, n) of the grid where F ends.
void compare(const LoopShape &S, const Function &F, const Function &G,
             unsigned &Compared) {
  Type IVTy(S.Counter), CmpTy(S.Compared);
  for (long long LB = -3; LB <= 7; ++LB)
    for (long long N = -3; N <= 7; ++N) {
      if ((!IVTy.isSigned() && LB < 0) || (!CmpTy.isSigned() && N < 0))
        continue;
      std::vector<long double> Args{static_cast<long double>(LB),
                                    static_cast<long double>(N)};
      test::Machine M;
      M.MaxWhileTrips = 40; // the grid's loops end within 15 trips
      for (unsigned I = 0; I < 2; ++I)
        M.Env[F.param(I)] = Args[I];
      std::vector<long double> Expected;
      try {
        Expected = M.runRegion(*F.body());
      } catch (const std::runtime_error &) {
        continue; // the source loop does not end (or wraps around)
      }
      std::vector<long double> Got = test::run(G, Args);
      ASSERT_EQ(Expected, Got)
          << "counter " << IVTy.cppName() << ", compared as " << CmpTy.cppName()
          << ", pred " << predicateSpelling(S.Pred)
          << (S.CounterOnLeft ? " (counter left)" : " (counter right)")
          << ", offset " << S.Offset << ", step " << S.Step
          << (S.DoWhile ? ", do-while" : "") << ", lb " << LB << ", n " << N;
      ++Compared;
    }
}
} // namespace

TEST(CountedLoops, RaisedLoopsVisitTheSameCountersAndExitAlike) {
  const std::vector<std::pair<TypeKind, TypeKind>> Types{
      {TypeKind::Int, TypeKind::Int},     {TypeKind::UInt, TypeKind::UInt},
      {TypeKind::ULong, TypeKind::ULong}, {TypeKind::Int, TypeKind::LongLong},
      {TypeKind::Int, TypeKind::ULong},   {TypeKind::UInt, TypeKind::Long}};
  unsigned Raised = 0, Shapes = 0, Compared = 0;
  for (auto [Counter, Compared_] : Types)
    for (CmpPred P :
         {CmpPred::LT, CmpPred::LE, CmpPred::NE, CmpPred::GT, CmpPred::GE})
      for (bool Left : {true, false})
        for (long long Offset : {-2LL, 0LL, 1LL})
          for (long long Step : {1LL, 2LL, -1LL, -3LL})
            for (bool Do : {false, true}) {
              LoopShape S{Counter, Compared_, P, Left, Offset, Step, Do};
              auto F = build(S);
              ASSERT_TRUE(verify(*F).empty());
              auto G = raiseCountedLoops(*F);
              ASSERT_TRUE(verify(*G).empty());
              ++Shapes;
              if (!hasWhile(*G->body()))
                ++Raised;
              compare(S, *F, *G, Compared);
            }
  // Of the 1440 shapes, half compare in the direction that never ends; of
  // the rest, unsigned counters counting down (but for i > n by steps of 1,
  // which cannot wrap), widened comparisons counting down and unsigned
  // offsets below 0 stay while loops.
  EXPECT_EQ(Shapes, 1440u);
  EXPECT_EQ(Raised, 328u);
  EXPECT_GT(Compared, 20000u);
}

TEST(CountedLoops, DataDependentLoopsStayWhileLoops) {
  // while (i < n && acc < 10): the test reads another carried value.
  Type I32(TypeKind::Int), F64(TypeKind::Double);
  auto F = std::make_unique<Function>("f");
  Value *N = F->addParam(I32, "n");
  F->results().push_back({"return", F64, ResultPassing::Return});
  Builder B(F->body());
  Op *W = B.create(Prim::While, {B.zero(F64), B.zero(I32)}, {F64, I32}, {}, 2);
  for (unsigned R = 0; R < 2; ++R) {
    Value *Acc = W->region(R)->addArgument(F64, "acc");
    Value *I = W->region(R)->addArgument(I32, "i");
    B.enter(W->region(R));
    if (R == 0)
      B.yield({B.logicalAnd(B.cmp(CmpPred::LT, I, N),
                            B.cmp(CmpPred::LT, Acc, B.constant(F64, 10)))});
    else
      B.yield({B.add(Acc, B.cast(I, F64)), B.add(I, B.one(I32))});
    B.exit();
  }
  B.ret({W->result(0)});
  EXPECT_TRUE(hasWhile(*raiseCountedLoops(*F)->body()));
}
