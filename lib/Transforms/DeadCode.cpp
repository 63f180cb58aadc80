//===- DeadCode.cpp - Dead-code elimination -------------------------------===//
// A backward liveness walk over the structured regions (to a fixed point
// around loops, whose carried values feed themselves), then a rebuild that
// keeps live ops, the live results of each if and the live carried values
// of each loop. Ops with side effects, and regions containing them, stay,
// except a store that a later store to the same element of the same region
// overwrites before anything reads the buffer, local arrays never read, and
// stacks whose popped values nothing reads.
//===----------------------------------------------------------------------===//
#include "Transforms/DeadCode.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"
#include "IR/MemoryEffects.h"

#include <map>
#include <set>

namespace adgen {

namespace {
/// Elements (buffer, index) that a later store of the region being walked
/// backwards overwrites before any read of the buffer.
class OverwrittenElements {
public:
  /// True if the store O is dead; records it otherwise.
  bool storeIsDead(const Op &O) {
    Element Key{O.operand(1), O.operand(2)};
    return !Keys.insert(Key).second;
  }
  /// O may read any buffer it or its regions read or write (a write in a
  /// region may not happen).
  void mayRead(const Op &O) {
    MemoryEffects Effects;
    collectMemoryEffects(O, Effects);
    for (auto It = Keys.begin(); It != Keys.end();)
      It = Effects.Reads.count(It->first) || Effects.Writes.count(It->first)
               ? Keys.erase(It)
               : std::next(It);
  }

private:
  using Element = std::pair<const Value *, const Value *>;
  std::set<Element> Keys;
};

/// Local arrays that are written but never read (every read was forwarded
/// from the value stored): they, and the writes to them, are dead.
/// Local arrays whose contents reach nothing but themselves: never read,
/// or read only to compute what is stored back into them (the adjoint of
/// an in-out array's initial contents, which vjp does not return).
class UnreadAllocs {
public:
  explicit UnreadAllocs(const Region &Body) {
    walk(Body);
    for (const Value *A : Allocs)
      if (!Read.count(A) && !loadsEscape(A))
        Unread.insert(A);
  }
  std::set<const Value *> Unread;

private:
  void walk(const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Alloc)
        Allocs.insert(O->result());
      if (O->prim() == Prim::Load)
        Loads[O->operand(0)].push_back(O.get());
      for (unsigned I = 0; I < O->numOperands(); ++I) {
        Users[O->operand(I)].push_back({O.get(), I});
        bool Written = (O->prim() == Prim::Store && I == 1) ||
                       (O->prim() == Prim::Fill && I == 0);
        if (!Written && O->prim() != Prim::Load &&
            O->operand(I)->type().isBuffer())
          Read.insert(O->operand(I));
      }
      for (unsigned I = 0; I < O->numRegions(); ++I)
        walk(*O->region(I));
    }
  }

  bool loadsEscape(const Value *Buffer) {
    std::set<const Value *> Seen;
    for (const Op *L : Loads[Buffer])
      if (escapes(L->result(), Buffer, Seen))
        return true;
    return false;
  }

  /// V (computed from Buffer's contents) reaches something other than a
  /// value stored into Buffer.
  bool escapes(const Value *V, const Value *Buffer,
               std::set<const Value *> &Seen) {
    if (!Seen.insert(V).second)
      return false;
    for (const auto &[User, Index] : Users[V]) {
      if (User->prim() == Prim::Store && Index == 0 &&
          User->operand(1) == Buffer)
        continue;
      if (!isPure(User->prim()) || User->numRegions() ||
          User->numResults() != 1 || escapes(User->result(), Buffer, Seen))
        return true;
    }
    return false;
  }

  std::set<const Value *> Allocs, Read;
  std::map<const Value *, std::vector<const Op *>> Loads;
  std::map<const Value *, std::vector<std::pair<const Op *, unsigned>>> Users;
};

class DeadCodeEliminator {
public:
  std::set<const Value *> UnreadAllocs;

  /// Stacks some pop of which is needed: their pushes, pops and
  /// reservations stay; the others go whole (a value recorded for a
  /// backward sweep that no longer reads it).
  std::set<const Value *> LiveStacks;

  static bool isStackOp(Prim P) {
    return P == Prim::Push || P == Prim::Pop || P == Prim::Reserve;
  }

  bool isEffect(const Op &O) {
    if (O.prim() == Prim::Yield || O.prim() == Prim::Return ||
        !hasSideEffects(O.prim()) || writesUnreadAlloc(O))
      return false;
    return !isStackOp(O.prim()) || LiveStacks.count(O.operand(0));
  }

  bool regionHasEffects(const Region &R) {
    for (const auto &O : R.ops()) {
      if (isEffect(*O))
        return true;
      for (unsigned I = 0; I < O->numRegions(); ++I)
        if (regionHasEffects(*O->region(I)))
          return true;
    }
    return false;
  }

  bool writesUnreadAlloc(const Op &O) {
    return (O.prim() == Prim::Alloc && UnreadAllocs.count(O.result())) ||
           (O.prim() == Prim::Load && UnreadAllocs.count(O.operand(0))) ||
           (O.prim() == Prim::Store && UnreadAllocs.count(O.operand(1))) ||
           (O.prim() == Prim::Fill && UnreadAllocs.count(O.operand(0)));
  }

  /// Marks what R needs; LiveYields says which yielded values are needed.
  void markRegion(const Region &R, const std::vector<bool> &LiveYields) {
    OverwrittenElements Overwritten;
    for (auto It = R.ops().rbegin(); It != R.ops().rend(); ++It) {
      const Op &O = **It;
      if (writesUnreadAlloc(O))
        continue;
      if (O.prim() == Prim::Store) {
        if (Overwritten.storeIsDead(O))
          continue;
      } else {
        Overwritten.mayRead(O);
      }
      if (O.prim() == Prim::Return) {
        for (Value *V : O.operands())
          Live.insert(V);
        continue;
      }
      if (O.prim() == Prim::Yield) {
        for (unsigned I = 0; I < O.numOperands(); ++I)
          if (LiveYields[I])
            Live.insert(O.operand(I));
        continue;
      }
      if (isLoop(O.prim())) {
        markLoop(O);
        continue;
      }
      std::vector<bool> LiveResults;
      bool Any = isEffect(O);
      for (unsigned I = 0; I < O.numResults(); ++I) {
        LiveResults.push_back(Live.count(O.result(I)) != 0);
        Any |= LiveResults.back();
      }
      if (O.prim() == Prim::Pop && Any)
        LiveStacks.insert(O.operand(0));
      for (unsigned I = 0; I < O.numRegions(); ++I)
        Any |= regionHasEffects(*O.region(I));
      if (!Any)
        continue;
      LiveOps.insert(&O);
      for (Value *V : O.operands())
        Live.insert(V);
      for (unsigned I = 0; I < O.numRegions(); ++I)
        markRegion(*O.region(I), LiveResults);
    }
  }

  void markLoop(const Op &O) {
    bool IsWhile = O.prim() == Prim::While;
    unsigned First = loopCarriedOperand(O.prim());
    unsigned ArgBase = loopCarriedArgument(O.prim());
    const Region &Body = *O.region(loopBodyIndex(O.prim()));
    std::vector<bool> Carried;
    bool Any = regionHasEffects(Body) || IsWhile; // a while may not end
    for (unsigned I = 0; I < O.numResults(); ++I) {
      Carried.push_back(Live.count(O.result(I)) != 0);
      Any |= Carried.back();
    }
    if (!Any)
      return;
    // A carried value is live if the loop's result is, or if the body (or
    // the test) reads it for something live; iterate until nothing changes.
    while (true) {
      if (IsWhile)
        markRegion(*O.region(0), {true});
      markRegion(Body, Carried);
      bool Changed = false;
      for (unsigned I = 0; I < Carried.size(); ++I)
        if (!Carried[I] &&
            (Live.count(Body.argument(I + ArgBase)) ||
             (IsWhile && Live.count(O.region(0)->argument(I))))) {
          Carried[I] = true;
          Changed = true;
        }
      if (!Changed)
        break;
    }
    LiveOps.insert(&O);
    for (unsigned I = 0; I < First; ++I)
      Live.insert(O.operand(I));
    for (unsigned I = 0; I < Carried.size(); ++I)
      if (Carried[I]) {
        Live.insert(O.result(I)); // keeps the carried slot in the rebuild
        Live.insert(O.operand(First + I));
      }
  }

  void rebuild(Builder &B, const Region &R) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Return || O->prim() == Prim::Yield) {
        std::vector<Value *> Operands;
        const Op *Parent = R.parentOp();
        bool IsTest = Parent && Parent->prim() == Prim::While &&
                      Parent->region(0) == &R; // yields the condition
        for (unsigned I = 0; I < O->numOperands(); ++I)
          if (!Parent || IsTest || Live.count(Parent->result(I)))
            Operands.push_back(lookup(Map, O->operand(I)));
        B.setLoc(O->loc());
        B.create(O->prim(), Operands, {});
        continue;
      }
      if (!LiveOps.count(O.get()))
        continue;
      if (!hasRegions(O->prim())) {
        cloneOp(B, *O, Map);
        continue;
      }
      // Loops keep their live carried values; ifs their live results.
      bool Carries = isLoop(O->prim());
      unsigned Fixed = Carries ? loopCarriedOperand(O->prim()) : 1; // if: cond
      std::vector<Value *> Operands;
      std::vector<Type> Types;
      for (unsigned I = 0; I < Fixed; ++I)
        Operands.push_back(lookup(Map, O->operand(I)));
      for (unsigned I = 0; I < O->numResults(); ++I)
        if (Live.count(O->result(I))) {
          Types.push_back(O->result(I)->type());
          if (Carries)
            Operands.push_back(lookup(Map, O->operand(Fixed + I)));
        }
      B.setLoc(O->loc());
      Op *New =
          B.create(O->prim(), Operands, Types, O->attrs(), O->numRegions());
      for (unsigned I = 0; I < O->numRegions(); ++I) {
        const Region &Old = *O->region(I);
        unsigned ArgBase = Carries ? loopCarriedArgument(O->prim()) : 0;
        for (unsigned A = 0; A < Old.numArguments(); ++A)
          if (A < ArgBase || Live.count(O->result(A - ArgBase)))
            Map[Old.argument(A)] = New->region(I)->addArgument(
                Old.argument(A)->type(), Old.argument(A)->name());
        B.enter(New->region(I));
        rebuild(B, Old);
        B.exit();
      }
      unsigned Next = 0;
      for (unsigned I = 0; I < O->numResults(); ++I)
        if (Live.count(O->result(I))) {
          New->result(Next)->setName(O->result(I)->name());
          Map[O->result(I)] = New->result(Next++);
        }
    }
  }

  std::set<const Value *> Live;
  std::set<const Op *> LiveOps;
  ValueMap Map;
};
} // namespace

std::unique_ptr<Function> eliminateDeadCode(const Function &F) {
  DeadCodeEliminator D;
  D.UnreadAllocs = UnreadAllocs(*F.body()).Unread;
  // Pops come after their pushes, so the backward walk may pass a push
  // before it learns that its stack is needed: walk again until stable.
  size_t Marked;
  do {
    Marked = D.LiveOps.size() + D.LiveStacks.size();
    D.markRegion(*F.body(), {});
  } while (D.LiveOps.size() + D.LiveStacks.size() != Marked);
  std::unique_ptr<Function> G = cloneSignature(F, D.Map);
  Builder B(G->body());
  D.rebuild(B, *F.body());
  return G;
}

} // namespace adgen
