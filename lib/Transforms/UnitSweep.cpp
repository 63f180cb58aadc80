//===- UnitSweep.cpp - Loops over unit seeds around an inlined derivative -===//
// The pieces Hessian.cpp and Jacobian.cpp share: slots of flattened values,
// seeding, and inlining a derivative's body into the sweep.
//===----------------------------------------------------------------------===//
#include "Transforms/UnitSweep.h"
#include "Transforms/InlineBody.h"

namespace adgen {

Value *UnitSweep::lengthOf(unsigned I) {
  const ParamInfo &Info = G.paramInfo(I);
  if (Info.Extent) // T[N], std::array<T, N>
    return index(static_cast<long long>(Info.Extent));
  Type LenTy(Info.Kind == ParamKind::Pointer ? TypeKind::Long
                                             : TypeKind::ULong);
  Attributes A;
  A.Callee = Info.Length;
  return B.cast(B.build(Prim::Length, LenTy, {G.param(I)}, A), Index);
}

Value *UnitSweep::layOut(std::vector<SweepSlot> &Slots, Value *First) {
  Value *N = First;
  for (SweepSlot &S : Slots) {
    S.Length = S.IsArray ? lengthOf(S.Param) : index(1);
    S.Offset = N;
    const Op *Start = N->definingOp();
    bool Zero = Start && Start->prim() == Prim::Const &&
                Start->constantValue() == 0; // no fold hook in this builder
    N = Zero ? S.Length : B.add(N, S.Length);
  }
  return N;
}

Value *UnitSweep::localArray(Value *Length, Type Ty, const std::string &Name) {
  Value *A = B.create(Prim::Alloc, {Length}, {Ty})->result();
  A->setName(G.uniqueName(Name));
  return A;
}

Value *UnitSweep::holds(const SweepSlot &S, Value *K) {
  const Op *Loop = K->argumentOf() ? K->argumentOf()->parentOp() : nullptr;
  const Op *Start = S.Offset->definingOp();
  if (S.IsArray && Loop && Loop->prim() == Prim::For &&
      Loop->operand(1) == S.Length && Start && Start->prim() == Prim::Const &&
      Start->constantValue() == 0)
    return B.boolean(true); // the slot is the whole sweep
  if (!S.IsArray)
    return B.cmp(CmpPred::EQ, K, S.Offset);
  return B.logicalAnd(B.cmp(CmpPred::LE, S.Offset, K),
                      B.cmp(CmpPred::LT, B.sub(K, S.Offset), S.Length));
}

void UnitSweep::setSeed(const std::vector<SweepSlot> &Seeds, Value *K,
                        Value *V) {
  for (const SweepSlot &S : Seeds)
    if (S.IsArray)
      when(holds(S, K), [&] {
        B.create(Prim::Store, {V, S.Local, B.sub(K, S.Offset)}, {});
      });
}

void UnitSweep::clear(const SweepSlot &S, Type Elem) {
  loop(S.Length, "k", [&](Value *K) {
    B.create(Prim::Store, {B.zero(Elem), S.Local, K}, {});
  });
}

std::vector<Value *>
UnitSweep::inlineBody(const Function &D, const ValueMap &Map,
                      const std::map<Value *, Value *> &LocalLengths) {
  std::map<const Value *, Value *> Lengths;
  for (unsigned I = 0; I < D.numParams(); ++I) {
    auto It = LocalLengths.find(lookup(Map, D.param(I)));
    if (It != LocalLengths.end())
      Lengths[D.param(I)] = It->second;
  }
  return adgen::inlineBody(B.region(), D, Map, std::move(Lengths));
}

} // namespace adgen
