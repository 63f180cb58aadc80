//===- FirstTouch.cpp - Folding the zeroing of a gradient array -----------===//
// Pattern (top level of the function): fill %d, 0, then ops that do not
// touch %d, then a unit-step for loop whose body touches %d only through
// top-level accumulations d[i + c] += e (c a constant). Counting up, element
// k is first written at iteration k - cmax by the access with the largest
// offset cmax, so that access assigns (counting down, the smallest offset's);
// the elements it does not reach are zeroed by two small loops before the
// loop.
//===----------------------------------------------------------------------===//
#include "Transforms/FirstTouch.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "Transforms/Fold.h"

#include <optional>

namespace adgen {

namespace {
/// c when Index is iv + c (or iv).
std::optional<long long> offsetFromIV(const Value *Index, const Value *IV) {
  if (Index == IV)
    return 0;
  const Op *D = Index->definingOp();
  if (!D || D->prim() != Prim::Add)
    return std::nullopt;
  for (unsigned I = 0; I < 2; ++I)
    if (D->operand(I) == IV)
      if (auto K = constantValue(D->operand(1 - I)))
        return static_cast<long long>(*K);
  return std::nullopt;
}

struct Match {
  const Op *FillOp = nullptr;
  const Op *Loop = nullptr;
  const Op *FirstStore = nullptr; // becomes an assignment
  long long Offset = 0;           // its offset: the largest, or counting
  bool Down = false;              // down the smallest
};

/// The accumulations of D in Body, or nullopt if D is used otherwise.
bool accumulationsOnly(const Region &Body, const Value *D, const Value *IV,
                       Match &M) {
  bool Found = false;
  std::vector<const Op *> Stores;
  for (const auto &O : Body.ops()) {
    if (O->numRegions() && O->usesAnywhere(D))
      return false;
    if (O->prim() == Prim::Store && O->operand(1) == D) {
      const Op *Add = O->operand(0)->definingOp();
      if (!Add || Add->prim() != Prim::Add)
        return false;
      const Op *Load = Add->operand(0)->definingOp();
      if (!Load || Load->prim() != Prim::Load || Load->operand(0) != D ||
          Load->operand(1) != O->operand(2))
        return false;
      auto C = offsetFromIV(O->operand(2), IV);
      if (!C)
        return false;
      if (!Found || (M.Down ? *C < M.Offset : *C > M.Offset)) {
        M.Offset = *C;
        M.FirstStore = O.get();
      }
      Found = true;
      Stores.push_back(O.get());
      continue;
    }
    if (O->prim() == Prim::Load && O->operand(0) == D) {
      // Only as the read of an accumulation of the same element.
      bool Feeds = false;
      for (const auto &U : Body.ops())
        if (U->prim() == Prim::Store && U->operand(1) == D &&
            U->operand(2) == O->operand(1) &&
            U->operand(0)->definingOp()->operand(0) == O->result())
          Feeds = true;
      if (!Feeds)
        return false;
      continue;
    }
    if (O->usesAnywhere(D))
      return false;
  }
  return Found;
}

std::optional<Match> findMatch(const Function &F) {
  const auto &Ops = F.body()->ops();
  for (unsigned I = 0; I < Ops.size(); ++I) {
    const Op &Fill = *Ops[I];
    if (Fill.prim() != Prim::Fill || !Fill.operand(0)->argumentOf())
      continue;
    auto Zero = constantValue(Fill.operand(1));
    if (!Zero || *Zero != 0)
      continue;
    const Value *D = Fill.operand(0);
    // A std::vector's fill also resizes it: keep it.
    if (F.paramInfo(D->index()).Kind == ParamKind::StdVector)
      continue;
    for (unsigned J = I + 1; J < Ops.size(); ++J) {
      const Op &O = *Ops[J];
      if (O.prim() == Prim::For) {
        auto Step = constantValue(O.operand(2));
        Match M;
        M.FillOp = &Fill;
        M.Loop = &O;
        M.Down = Step && *Step == -1;
        if (Step && (*Step == 1 || *Step == -1) &&
            accumulationsOnly(*O.region(0), D, O.region(0)->argument(0), M))
          return M;
      }
      if (O.usesAnywhere(D))
        break;
    }
  }
  return std::nullopt;
}
} // namespace

std::unique_ptr<Function> foldFirstTouch(const Function &F) {
  std::optional<Match> M = findMatch(F);
  if (!M)
    return nullptr;
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Builder B(G->body());
  const Value *D = M->FillOp->operand(0);
  const ParamInfo &Info = F.paramInfo(D->index());
  for (const auto &O : F.body()->ops()) {
    if (O.get() == M->FillOp)
      continue;
    if (O.get() != M->Loop) {
      cloneOp(B, *O, Map);
      continue;
    }
    // Zero the elements the loop does not reach, then the loop.
    B.setLoc(O->loc());
    Type Ty(TypeKind::LongLong);
    Value *Buf = lookup(Map, D);
    Attributes LenAttrs;
    LenAttrs.Callee = Info.Length;
    Value *Len =
        B.cast(B.build(Prim::Length,
                       Type(Info.Kind == ParamKind::Pointer ? TypeKind::Long
                                                            : TypeKind::ULong),
                       {Buf}, LenAttrs),
               Ty);
    // The assigning access reaches [LB, UB): iv + c for iv in [lb, ub), or
    // counting down in (ub, lb].
    Value *C = B.constant(Ty, M->Offset);
    Value *First = B.cast(lookup(Map, O->operand(0)), Ty);
    Value *Last = B.cast(lookup(Map, O->operand(1)), Ty);
    if (M->Down) {
      std::swap(First, Last);
      First = B.add(First, B.one(Ty));
      Last = B.add(Last, B.one(Ty));
    }
    Value *LB = B.add(First, C);
    Value *UB = B.add(Last, C);
    Value *Start = B.select(B.cmp(CmpPred::GT, UB, LB), UB, LB);
    auto ZeroLoop = [&](Value *From, Value *To) {
      Op *Z = B.create(Prim::For, {From, To, B.one(Ty)}, {}, {}, 1);
      Value *K = Z->region(0)->addArgument(Ty, "k");
      B.enter(Z->region(0));
      B.create(Prim::Store, {B.zero(Buf->type().element()), Buf, K}, {});
      B.yield({});
      B.exit();
    };
    // Both ranges stay inside the array, whatever the loop's bounds.
    ZeroLoop(B.zero(Ty), B.select(B.cmp(CmpPred::LT, LB, Len), LB, Len));
    ZeroLoop(Start, Len);
    // The loop, with the first write of each element an assignment.
    std::vector<Value *> Operands;
    for (Value *V : O->operands())
      Operands.push_back(lookup(Map, V));
    std::vector<Type> Types;
    for (unsigned I = 0; I < O->numResults(); ++I)
      Types.push_back(O->result(I)->type());
    Op *New = B.create(Prim::For, Operands, Types, O->attrs(), 1);
    const Region &Body = *O->region(0);
    for (unsigned A = 0; A < Body.numArguments(); ++A)
      Map[Body.argument(A)] = New->region(0)->addArgument(
          Body.argument(A)->type(), Body.argument(A)->name());
    B.enter(New->region(0));
    for (const auto &Inner : Body.ops()) {
      if (Inner.get() == M->FirstStore) {
        const Op *Add = Inner->operand(0)->definingOp();
        B.create(Prim::Store,
                 {lookup(Map, Add->operand(1)), lookup(Map, Inner->operand(1)),
                  lookup(Map, Inner->operand(2))},
                 {});
        continue;
      }
      cloneOp(B, *Inner, Map);
    }
    B.exit();
    for (unsigned I = 0; I < O->numResults(); ++I) {
      New->result(I)->setName(O->result(I)->name());
      Map[O->result(I)] = New->result(I);
    }
  }
  return G;
}

} // namespace adgen
