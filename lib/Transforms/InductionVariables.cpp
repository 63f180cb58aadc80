//===- InductionVariables.cpp - Closed forms of secondary counters --------===//
// A for loop's carried integer j with j' = j + c (c defined outside the loop)
// is j0 + t c in iteration t = (iv - lb) / step; after the loop it is
// j0 + trips c. The carried value disappears, and with it what reverse mode
// would record of it.
//===----------------------------------------------------------------------===//
#include "Transforms/InductionVariables.h"
#include "IR/Rebuilder.h"
#include "Transforms/Fold.h"

namespace adgen {

namespace {
/// The amount the body adds to carried value I every iteration, and whether
/// it subtracts it.
struct Advance {
  const Value *Amount = nullptr;
  bool Subtract = false;
};

std::optional<Advance> advanceOf(const Op &Loop, unsigned I) {
  const Region &Body = *Loop.region(0);
  const Value *Arg = Body.argument(I + 1);
  if (!Arg->type().isInteger())
    return std::nullopt;
  const Op *D = Body.back()->operand(I)->definingOp();
  if (!D || D->parentRegion() != &Body ||
      (D->prim() != Prim::Add && D->prim() != Prim::Sub))
    return std::nullopt;
  for (unsigned Side = 0; Side < 2; ++Side) {
    if (D->operand(Side) != Arg || (Side == 1 && D->prim() == Prim::Sub))
      continue;
    const Value *C = D->operand(1 - Side);
    if (Body.encloses(C) && !constantValue(C))
      return std::nullopt; // may change from one iteration to the next
    return Advance{C, D->prim() == Prim::Sub};
  }
  return std::nullopt;
}

class Closer : public Rebuilder {
public:
  explicit Closer(Region *Body) : Rebuilder(Body) { B.setFoldHook(&Fold); }

private:
  Folder Fold;

  bool rewrite(const Op &O) override {
    if (O.prim() != Prim::For)
      return false;
    std::vector<std::optional<Advance>> Advances;
    bool Any = false;
    for (unsigned I = 0; I < O.numResults(); ++I) {
      Advances.push_back(advanceOf(O, I));
      Any |= Advances.back().has_value();
    }
    if (!Any)
      return false;
    closeLoop(O, Advances);
    return true;
  }

  /// Init + N * Amount (minus, when the loop subtracts), in Init's type.
  Value *after(Value *Init, Value *N, const Advance &A) {
    Type Ty = Init->type();
    auto K = constantValue(A.Amount);
    Value *Amount =
        K ? B.constant(A.Amount->type(), *K) : lookup(Map, A.Amount);
    Value *Moved = B.mul(B.cast(N, Ty), B.cast(Amount, Ty));
    return A.Subtract ? B.sub(Init, Moved) : B.add(Init, Moved);
  }

  void closeLoop(const Op &O,
                 const std::vector<std::optional<Advance>> &Advances) {
    const Region &Body = *O.region(0);
    B.setLoc(O.loc());
    Value *LB = lookup(Map, O.operand(0)), *UB = lookup(Map, O.operand(1));
    Value *Step = lookup(Map, O.operand(2));
    long long K = static_cast<long long>(*constantValue(Step));
    Type Ty = LB->type();
    Value *Abs = B.constant(Ty, K > 0 ? K : -K);
    std::vector<Value *> Operands{LB, UB, Step};
    std::vector<Type> Types;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I]) {
        Operands.push_back(lookup(Map, O.operand(3 + I)));
        Types.push_back(O.result(I)->type());
      }
    Op *New = B.create(Prim::For, Operands, Types, O.attrs(), 1);
    Region *NewBody = New->region(0);
    Value *IV = NewBody->addArgument(Ty, Body.argument(0)->name());
    Map[Body.argument(0)] = IV;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I])
        Map[Body.argument(I + 1)] = NewBody->addArgument(
            Body.argument(I + 1)->type(), Body.argument(I + 1)->name());
    B.enter(NewBody);
    // Iteration t = (iv - lb) / |step|, counting from 0.
    Value *T = B.div(K > 0 ? B.sub(IV, LB) : B.sub(LB, IV), Abs);
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (Advances[I]) {
        Value *J = after(lookup(Map, O.operand(3 + I)), T, *Advances[I]);
        J->setName(Body.argument(I + 1)->name());
        Map[Body.argument(I + 1)] = J;
      }
    std::vector<Value *> Next = region(Body), Kept;
    for (unsigned I = 0; I < O.numResults(); ++I)
      if (!Advances[I])
        Kept.push_back(Next[I]);
    B.yield(Kept);
    B.exit();
    // After the loop: trips = ceil(span / |step|) when the loop runs.
    Value *Span = K > 0 ? B.sub(UB, LB) : B.sub(LB, UB);
    Value *Trips =
        B.select(B.cmp(K > 0 ? CmpPred::LT : CmpPred::GT, LB, UB),
                 B.div(B.add(Span, B.sub(Abs, B.one(Ty))), Abs), B.zero(Ty));
    unsigned Next_ = 0;
    for (unsigned I = 0; I < O.numResults(); ++I) {
      if (Advances[I]) {
        Value *J = after(lookup(Map, O.operand(3 + I)), Trips, *Advances[I]);
        Map[O.result(I)] = J;
        continue;
      }
      New->result(Next_)->setName(O.result(I)->name());
      Map[O.result(I)] = New->result(Next_++);
    }
  }
};
} // namespace

std::unique_ptr<Function> closeInductionVariables(const Function &F) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Closer C(G->body());
  C.Map = Map;
  C.region(*F.body());
  return G;
}

} // namespace adgen
