//===- ZeroedElements.cpp - Accumulations into known zeros ----------------===//
// A walk over each region in order keeps, per buffer, what is known: all
// elements zero (after an alloc or a zero fill), or zero outside the
// elements one loop nest wrote. A nest whose only write to an all-zero
// buffer is one accumulation at an index that differs in every iteration
// writes zeros only: the accumulation becomes an assignment. A later nest
// that stores zero at the same index over the same iterations makes the
// buffer all zero again; a loop whose body leaves an assumed all-zero buffer
// all zero keeps it so (a backward time loop: a buffer's adjoint is set by
// one sweep and read and cleared by the next).
//===----------------------------------------------------------------------===//
#include "Transforms/ZeroedElements.h"
#include "IR/MemoryEffects.h"
#include "IR/Rebuilder.h"
#include "Transforms/Fold.h"
#include "Transforms/IndexAlgebra.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

namespace adgen {

namespace {
/// A store inside a loop nest: the for loops from the nest's top down to
/// the store, outermost first.
struct NestAccess {
  const Op *Store = nullptr;
  std::vector<const Op *> Loops;
};

/// What is known about a buffer's elements: all zero, or zero except where
/// Written (an accumulation nest) stored.
struct State {
  bool AllZero = true;
  NestAccess Written;
};
using States = std::map<const Value *, State>;

long long stepOf(const Op &Loop) {
  auto S = constantValue(Loop.operand(2));
  return S ? static_cast<long long>(*S) : 0;
}

/// The counter values loop L runs through lie in [Lo, Hi] (exactly, for a
/// unit step).
void rangeOf(const Op &L, Poly &Lo, Poly &Hi) {
  if (stepOf(L) > 0) {
    Lo = polyOf(L.operand(0));
    Hi = polyOf(L.operand(1)) - Poly::constant(1);
  } else {
    Lo = polyOf(L.operand(1)) + Poly::constant(1);
    Hi = polyOf(L.operand(0));
  }
}

/// The for loops from Top (a for loop) down to Store, if every region in
/// between belongs to a for loop (or, when Conditional, an if).
std::optional<NestAccess> accessIn(const Op &Top, const Op &Store,
                                   bool Conditional) {
  NestAccess A;
  A.Store = &Store;
  for (const Op *O = Store.parentRegion()->parentOp();;) {
    if (!O)
      return std::nullopt;
    if (O->prim() == Prim::For) {
      if (!stepOf(*O))
        return std::nullopt;
      A.Loops.insert(A.Loops.begin(), O);
    } else if (O->prim() != Prim::If || !Conditional) {
      return std::nullopt;
    }
    if (O == &Top)
      return A;
    O = O->parentRegion()->parentOp();
  }
}

/// The one store to Buffer inside Top, if nothing else there writes it.
const Op *onlyStore(const Op &Top, const Value *Buffer) {
  const Op *Found = nullptr;
  for (unsigned I = 0; I < Top.numRegions(); ++I)
    for (const Op *O : Top.region(I)->nestedOps()) {
      if (O->numRegions())
        continue;
      if (O->prim() == Prim::Store && O->operand(1) == Buffer) {
        if (Found)
          return nullptr;
        Found = O;
        continue;
      }
      MemoryEffects E;
      collectMemoryEffects(*O, E);
      if (E.Writes.count(Buffer))
        return nullptr;
    }
  return Found;
}

/// e when Store writes d[i] + e (or e + d[i]) loaded in its own region.
const Value *addendOf(const Op &Store) {
  const Op *Add = Store.operand(0)->definingOp();
  if (!Add || Add->prim() != Prim::Add)
    return nullptr;
  for (unsigned I = 0; I < 2; ++I) {
    const Op *Load = Add->operand(I)->definingOp();
    if (Load && Load->prim() == Prim::Load &&
        Load->operand(0) == Store.operand(1) &&
        Load->operand(1) == Store.operand(2) &&
        Load->parentRegion() == Store.parentRegion())
      return Add->operand(1 - I);
  }
  return nullptr;
}

/// The access's index differs in any two iterations of its loops: with
/// index = sum c_k iv_k + rest, the counters can be ordered so that each
/// |c_k| exceeds the most the counters after it can move the index.
bool injective(const NestAccess &A) {
  const Region &Nest = *A.Loops.front()->region(0);
  IndexFacts Facts(*A.Store);
  Poly Index = polyOf(A.Store->operand(2));
  std::vector<Poly> Weight, Extent; // |c_k| and hi_k - lo_k
  for (const Op *L : A.Loops) {
    const Value *IV = L->region(0)->argument(0);
    Poly C;
    for (auto It = Index.Terms.begin(); It != Index.Terms.end();) {
      const std::vector<const Value *> &M = It->first;
      auto Pos = std::find(M.begin(), M.end(), IV);
      if (Pos == M.end()) {
        ++It;
        continue;
      }
      std::vector<const Value *> Rest(M.begin(), Pos);
      Rest.insert(Rest.end(), Pos + 1, M.end());
      C.Terms[Rest] = It->second;
      It = Index.Terms.erase(It);
    }
    Poly Lo, Hi;
    rangeOf(*L, Lo, Hi);
    if (!invariantIn(C, Nest) || !invariantIn(Lo, Nest) ||
        !invariantIn(Hi, Nest))
      return false;
    if (Facts.positive(C))
      Weight.push_back(C);
    else if (Facts.positive(C.scaled(-1)))
      Weight.push_back(C.scaled(-1));
    else
      return false; // zero or of unknown sign
    Extent.push_back(Hi - Lo);
  }
  if (!invariantIn(Index, Nest)) // what is left: the same in every iteration
    return false;
  std::vector<unsigned> Left;
  for (unsigned K = 0; K < Weight.size(); ++K)
    Left.push_back(K);
  while (!Left.empty()) {
    bool Placed = false;
    for (unsigned Pos = 0; Pos < Left.size() && !Placed; ++Pos) {
      Poly Margin = Weight[Left[Pos]];
      for (unsigned M : Left)
        if (M != Left[Pos])
          Margin = Margin - Weight[M] * Extent[M];
      if (Facts.positive(Margin)) {
        Left.erase(Left.begin() + Pos);
        Placed = true;
      }
    }
    if (!Placed)
      return false;
  }
  return true;
}

/// P with its atoms renamed through To.
Poly renamed(const Poly &P, const std::map<const Value *, const Value *> &To) {
  Poly Out;
  for (const auto &[M, C] : P.Terms) {
    Poly Term = Poly::constant(C);
    for (const Value *Atom : M) {
      auto It = To.find(Atom);
      Term = Term * Poly::atom(It == To.end() ? Atom : It->second);
    }
    Out = Out + Term;
  }
  return Out;
}

/// Zeroing stores zero at least every element Written stored: the same
/// index over the same iterations (loop by loop, counting either way).
bool covers(const NestAccess &Zeroing, const NestAccess &Written) {
  if (Zeroing.Loops.size() != Written.Loops.size())
    return false;
  std::map<const Value *, const Value *> To;
  for (unsigned K = 0; K < Zeroing.Loops.size(); ++K) {
    const Op &Z = *Zeroing.Loops[K], &W = *Written.Loops[K];
    if (std::abs(stepOf(Z)) != 1 || std::abs(stepOf(W)) != 1)
      return false;
    Poly ZLo, ZHi, WLo, WHi;
    rangeOf(Z, ZLo, ZHi);
    rangeOf(W, WLo, WHi);
    if (renamed(ZLo, To).Terms != WLo.Terms ||
        renamed(ZHi, To).Terms != WHi.Terms)
      return false;
    To[Z.region(0)->argument(0)] = W.region(0)->argument(0);
  }
  return renamed(polyOf(Zeroing.Store->operand(2)), To).Terms ==
         polyOf(Written.Store->operand(2)).Terms;
}

class Analysis {
public:
  /// Accumulations that add to a zero element.
  std::set<const Op *> Assign;

  void walk(const Region &R, States &S) {
    for (const auto &O : R.ops()) {
      if (O->prim() == Prim::Alloc) {
        S[O->result()] = State();
        continue;
      }
      if (O->prim() == Prim::Fill) {
        auto V = constantValue(O->operand(1));
        if (V && *V == 0)
          S[O->operand(0)] = State();
        else
          S.erase(O->operand(0));
        continue;
      }
      if (O->prim() == Prim::For) {
        forLoop(*O, S);
        continue;
      }
      if (O->prim() == Prim::Store) {
        // A zero stored into an all-zero buffer changes nothing.
        auto V = constantValue(O->operand(0));
        auto It = S.find(O->operand(1));
        if (It != S.end() && !(V && *V == 0 && It->second.AllZero))
          S.erase(It);
        continue;
      }
      MemoryEffects E;
      collectMemoryEffects(*O, E);
      for (const Value *W : E.Writes)
        S.erase(W);
      // Buffers allocated inside start all zero on every entry.
      for (unsigned I = 0; I < O->numRegions(); ++I) {
        States Inner;
        walk(*O->region(I), Inner);
      }
    }
  }

private:
  void forLoop(const Op &L, States &S) {
    MemoryEffects E;
    collectMemoryEffects(L, E);
    std::set<const Value *> Assumed;
    for (const Value *W : E.Writes) {
      auto It = S.find(W);
      if (It == S.end())
        continue;
      State &St = It->second;
      const Op *Store = onlyStore(L, W);
      if (St.AllZero && Store && addendOf(*Store)) {
        if (auto A = accessIn(L, *Store, /*Conditional=*/true);
            A && injective(*A)) {
          Assign.insert(Store);
          St.AllZero = false;
          St.Written = *A;
          continue;
        }
      }
      if (!St.AllZero && Store) {
        auto Zero = constantValue(Store->operand(0));
        auto A = accessIn(L, *Store, /*Conditional=*/false);
        if (Zero && *Zero == 0 && A && covers(*A, St.Written)) {
          St.AllZero = true;
          continue;
        }
      }
      if (St.AllZero)
        Assumed.insert(W);
      else
        S.erase(It);
    }
    // The body keeps the assumed buffers all zero, or they are dropped and
    // the body is walked again without them.
    while (true) {
      Analysis Inner;
      States Body;
      for (const Value *W : Assumed)
        Body[W] = State();
      Inner.walk(*L.region(0), Body);
      std::set<const Value *> Lost;
      for (const Value *W : Assumed) {
        auto It = Body.find(W);
        if (It == Body.end() || !It->second.AllZero)
          Lost.insert(W);
      }
      if (Lost.empty()) {
        Assign.insert(Inner.Assign.begin(), Inner.Assign.end());
        return;
      }
      for (const Value *W : Lost) {
        Assumed.erase(W);
        S.erase(W);
      }
    }
  }
};

class Assigner : public Rebuilder {
public:
  Assigner(Region *Body, const std::set<const Op *> &Assign)
      : Rebuilder(Body), Assign(Assign) {}

private:
  const std::set<const Op *> &Assign;

  bool rewrite(const Op &O) override {
    if (!Assign.count(&O))
      return false;
    B.setLoc(O.loc());
    B.create(Prim::Store,
             {lookup(Map, addendOf(O)), lookup(Map, O.operand(1)),
              lookup(Map, O.operand(2))},
             {});
    return true;
  }
};
} // namespace

std::unique_ptr<Function> assignZeroedElements(const Function &F) {
  Analysis A;
  States S;
  A.walk(*F.body(), S);
  if (A.Assign.empty())
    return nullptr;
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Assigner W(G->body(), A.Assign);
  W.Map = Map;
  W.region(*F.body());
  return G;
}

} // namespace adgen
