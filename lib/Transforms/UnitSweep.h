//===- UnitSweep.h - Loops over unit seeds around an inlined derivative -*-===//
// Full Hessians and Jacobians run a derivative function (HVP, JVP, VJP) once
// per unit direction, its body inlined into a loop of the function built.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_UNITSWEEP_H
#define ADGEN_TRANSFORMS_UNITSWEEP_H

#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "IR/Diagnostic.h"
#include "IR/Function.h"

#include <map>
#include <vector>

namespace adgen {

/// A parameter's elements among the n (or m) flattened values: Length
/// elements from Offset, one for a scalar. Local is the array that stands
/// for it inside the sweep (a seed, or a result), null for a scalar.
struct SweepSlot {
  unsigned Param = 0;
  bool IsArray = false;
  Value *Length = nullptr, *Offset = nullptr;
  Value *Local = nullptr;
};

/// Builds the loops and the inlined bodies of a sweep into G with B.
class UnitSweep {
public:
  UnitSweep(Function &G, Builder &B) : G(G), B(B) {}

  const Type Index = Type(TypeKind::Long);
  Value *index(long long V) { return B.constant(Index, V); }

  /// for (k = 0; k < Count; ++k) Body(k)
  template <typename Fn> void loop(Value *Count, const char *Name, Fn Body) {
    Op *L = B.create(Prim::For, {index(0), Count, index(1)}, {}, {}, 1);
    Value *K = L->region(0)->addArgument(Index, Name);
    B.enter(L->region(0));
    Body(K);
    B.yield({});
    B.exit();
  }

  /// if (Cond) Then() else Else()
  template <typename Fn, typename Gn>
  void ifElse(Value *Cond, Fn Then, Gn Else) {
    Op *If = B.create(Prim::If, {Cond}, {}, {}, 2);
    B.enter(If->region(0));
    Then();
    B.yield({});
    B.exit();
    B.enter(If->region(1));
    Else();
    B.yield({});
    B.exit();
  }
  template <typename Fn> void when(Value *Cond, Fn Then) {
    ifElse(Cond, Then, [] {});
  }

  /// The number of elements of G's array parameter I, as an index.
  Value *lengthOf(unsigned I);

  /// Gives the slots (Param and IsArray set) their lengths and offsets,
  /// one after another from First; returns the offset after the last.
  Value *layOut(std::vector<SweepSlot> &Slots, Value *First);

  /// A local array of Length elements of Ty's element type, named Name.
  Value *localArray(Value *Length, Type Ty, const std::string &Name);

  /// Whether slot S holds flattened element K; the element's index in the
  /// slot is K - Offset.
  Value *holds(const SweepSlot &S, Value *K);

  /// Sets element K of the seed slots to V (1 before a sweep step, 0 after);
  /// scalar slots are not touched (the caller selects their value).
  void setSeed(const std::vector<SweepSlot> &Seeds, Value *K, Value *V);

  /// Clears the slot's local array.
  void clear(const SweepSlot &S, Type Elem);

  /// Appends D's body to the current region with D's parameters bound by
  /// Map; the parameters bound to local arrays get the lengths
  /// LocalLengths gives those (InlineBody.h). Returns what D returns.
  std::vector<Value *>
  inlineBody(const Function &D, const ValueMap &Map,
             const std::map<Value *, Value *> &LocalLengths);

private:
  Function &G;
  Builder &B;
};

} // namespace adgen

#endif
