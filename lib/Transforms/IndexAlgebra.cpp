//===- IndexAlgebra.cpp - When two array indices cannot be equal ----------===//
// Differences of two atoms are bounded by shortest paths over the loops'
// difference constraints; row-major indices r * s + c are compared row and
// column apart once 0 <= c < s is proved (delinearisation).
//===----------------------------------------------------------------------===//
#include "Transforms/IndexAlgebra.h"
#include "IR/Literal.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

namespace adgen {

Poly Poly::constant(long long C) {
  Poly P;
  if (C != 0)
    P.Terms[{}] = C;
  return P;
}

Poly Poly::atom(const Value *V) {
  Poly P;
  P.Terms[{V}] = 1;
  return P;
}

Poly Poly::operator+(const Poly &O) const {
  Poly R = *this;
  for (const auto &[M, C] : O.Terms)
    if ((R.Terms[M] += C) == 0)
      R.Terms.erase(M);
  return R;
}

Poly Poly::scaled(long long K) const {
  Poly R;
  if (K != 0)
    for (const auto &[M, C] : Terms)
      R.Terms[M] = C * K;
  return R;
}

Poly Poly::operator-(const Poly &O) const { return *this + O.scaled(-1); }

Poly Poly::operator*(const Poly &O) const {
  Poly R;
  for (const auto &[M1, C1] : Terms)
    for (const auto &[M2, C2] : O.Terms) {
      std::vector<const Value *> M = M1;
      M.insert(M.end(), M2.begin(), M2.end());
      std::sort(M.begin(), M.end());
      if ((R.Terms[M] += C1 * C2) == 0)
        R.Terms.erase(M);
    }
  return R;
}

bool Poly::isConstant() const {
  return Terms.empty() || (Terms.size() == 1 && Terms.begin()->first.empty());
}

long long Poly::constantTerm() const {
  auto It = Terms.find({});
  return It == Terms.end() ? 0 : It->second;
}

namespace {
const unsigned MaxTerms = 16; // beyond this an index is an atom

bool exactIntegerCast(const Op &Cast) {
  Type From = Cast.operand(0)->type(), To = Cast.result()->type();
  return From.isInteger() && To.isInteger() &&
         integerWidth(To.kind()) >= integerWidth(From.kind());
}
} // namespace

bool invariantIn(const Poly &P, const Region &R) {
  for (const auto &[M, C] : P.Terms)
    for (const Value *Atom : M)
      if (R.encloses(Atom))
        return false;
  return true;
}

Poly polyOf(const Value *V) {
  const Op *D = V->definingOp();
  if (!D || !V->type().isInteger())
    return Poly::atom(V);
  Poly R;
  switch (D->prim()) {
  case Prim::Const:
    return Poly::constant(D->attrs().IntValue);
  case Prim::Cast:
    if (!exactIntegerCast(*D))
      return Poly::atom(V);
    return polyOf(D->operand(0));
  case Prim::Neg:
    return polyOf(D->operand(0)).scaled(-1);
  case Prim::Add:
    R = polyOf(D->operand(0)) + polyOf(D->operand(1));
    break;
  case Prim::Sub:
    R = polyOf(D->operand(0)) - polyOf(D->operand(1));
    break;
  case Prim::Mul:
    R = polyOf(D->operand(0)) * polyOf(D->operand(1));
    break;
  default:
    return Poly::atom(V);
  }
  return R.Terms.size() > MaxTerms ? Poly::atom(V) : R;
}

// Facts ----------------------------------------------------------------------

namespace {
/// P as Atom + C (Atom null for a constant), if it has that shape.
std::optional<std::pair<const Value *, long long>> unitShape(const Poly &P) {
  const Value *Atom = nullptr;
  for (const auto &[M, C] : P.Terms) {
    if (M.empty())
      continue;
    if (M.size() != 1 || C != 1 || Atom)
      return std::nullopt;
    Atom = M[0];
  }
  return std::make_pair(Atom, P.constantTerm());
}
} // namespace

void IndexFacts::addConstraint(const Value *U, const Value *V, long long W) {
  auto &Slot = Edges[U];
  auto It = Slot.find(V);
  if (It == Slot.end() || W < It->second)
    Slot[V] = W;
  Edges[V]; // every node has an entry
}

IndexFacts::IndexFacts(const Op &At) {
  Edges[nullptr];
  for (const Region *R = At.parentRegion(); R && R->parentOp();
       R = R->parentOp()->parentRegion()) {
    const Op &L = *R->parentOp();
    if (L.prim() != Prim::For || L.region(0) != R)
      continue;
    const Op *StepDef = L.operand(2)->definingOp();
    if (!StepDef || StepDef->prim() != Prim::Const)
      continue;
    long long Step = StepDef->attrs().IntValue;
    const Value *IV = R->argument(0);
    auto Lower = unitShape(polyOf(L.operand(0)));
    auto Upper = unitShape(polyOf(L.operand(1)));
    if (Step > 0) {
      if (Lower) // iv >= a + c: a - iv <= -c
        addConstraint(IV, Lower->first, -Lower->second);
      if (Upper) // iv <= a + c - 1
        addConstraint(Upper->first, IV, Upper->second - 1);
    } else if (Step < 0) {
      if (Lower) // iv <= a + c
        addConstraint(Lower->first, IV, Lower->second);
      if (Upper) // iv >= a + c + 1
        addConstraint(IV, Upper->first, -(Upper->second + 1));
    }
  }
}

std::optional<long long> IndexFacts::bound(const Value *From,
                                           const Value *To) const {
  if (From == To)
    return 0;
  if (!Edges.count(From) || !Edges.count(To))
    return std::nullopt;
  std::map<const Value *, long long> Dist{{From, 0}};
  for (size_t Round = 0; Round < Edges.size(); ++Round) {
    bool Changed = false;
    for (const auto &[U, Out] : Edges) {
      auto DU = Dist.find(U);
      if (DU == Dist.end())
        continue;
      for (const auto &[V, W] : Out) {
        auto DV = Dist.find(V);
        if (DV == Dist.end() || DU->second + W < DV->second) {
          Dist[V] = DU->second + W;
          Changed = true;
        }
      }
    }
    if (!Changed)
      break;
  }
  auto It = Dist.find(To);
  if (It == Dist.end())
    return std::nullopt;
  return It->second;
}

bool IndexFacts::positive(const Poly &P) const {
  // P = k_a a - k_b b + c with at most two linear atoms.
  std::vector<std::pair<const Value *, long long>> Linear;
  for (const auto &[M, C] : P.Terms) {
    if (M.empty())
      continue;
    if (M.size() != 1)
      return false;
    Linear.push_back({M[0], C});
  }
  long long C = P.constantTerm();
  if (Linear.empty())
    return C >= 1;
  if (Linear.size() == 1) {
    auto [A, K] = Linear[0];
    if (K > 0) { // A >= ceil((1 - c) / k): 0 - A <= -that
      long long Need = (1 - C + K - 1) / K;
      if (1 - C <= 0)
        Need = -((C - 1) / K);
      auto D = bound(A, nullptr);
      return D && *D <= -Need;
    }
    // A <= floor((c - 1) / -k)
    long long K2 = -K;
    long long Max = C - 1 >= 0 ? (C - 1) / K2 : -((1 - C + K2 - 1) / K2);
    auto D = bound(nullptr, A);
    return D && *D <= Max;
  }
  if (Linear.size() == 2) {
    auto [A, KA] = Linear[0];
    auto [Bv, KB] = Linear[1];
    if (KA == -1 && KB == 1)
      std::swap(A, Bv), std::swap(KA, KB);
    if (KA != 1 || KB != -1)
      return false;
    auto D = bound(A, Bv); // A - B >= 1 - c: B - A <= c - 1
    return D && *D <= C - 1;
  }
  return false;
}

bool IndexFacts::nonNegative(const Poly &P) const {
  return positive(P + Poly::constant(1));
}

namespace {
/// P = Stride * Q + R, R free of Stride.
void split(const Poly &P, const Value *Stride, Poly &Q, Poly &R) {
  for (const auto &[M, C] : P.Terms) {
    auto It = std::find(M.begin(), M.end(), Stride);
    if (It == M.end()) {
      R.Terms[M] = C;
      continue;
    }
    std::vector<const Value *> Rest = M;
    Rest.erase(Rest.begin() + (It - M.begin()));
    Q.Terms[Rest] = C;
  }
}

/// P = K * Q + R with the coefficients of R not multiples of K.
void split(const Poly &P, long long K, Poly &Q, Poly &R) {
  for (const auto &[M, C] : P.Terms) {
    if (!M.empty() && C % K == 0)
      Q.Terms[M] = C / K;
    else
      R.Terms[M] = C;
  }
}
} // namespace

bool IndexFacts::differ(const Poly &A, const Poly &B, unsigned Depth) const {
  Poly D = A - B;
  if (D.isConstant())
    return D.constantTerm() != 0;
  if (positive(D) || positive(D.scaled(-1)))
    return true;
  if (Depth > 2)
    return false;
  // Row-major strides: an atom multiplying others, or a constant
  // coefficient of at least 2.
  std::set<const Value *> Atoms;
  std::set<long long> Constants;
  for (const Poly *P : {&A, &B})
    for (const auto &[M, C] : P->Terms) {
      if (M.size() >= 2)
        Atoms.insert(M.begin(), M.end());
      if (!M.empty() && std::llabs(C) >= 2)
        Constants.insert(std::llabs(C));
    }
  // A = S QA + RA, B = S QB + RB with 0 <= RA, RB < S: equal only if
  // QA = QB and RA = RB.
  auto apart = [&](auto Stride, const Poly &S) {
    Poly QA, RA, QB, RB;
    split(A, Stride, QA, RA);
    split(B, Stride, QB, RB);
    auto inRange = [&](const Poly &R) {
      return nonNegative(R) && positive(S - R);
    };
    return inRange(RA) && inRange(RB) &&
           (differ(QA, QB, Depth + 1) || differ(RA, RB, Depth + 1));
  };
  for (const Value *S : Atoms)
    if (apart(S, Poly::atom(S)))
      return true;
  for (long long K : Constants)
    if (apart(K, Poly::constant(K)))
      return true;
  return false;
}

bool IndexFacts::differ(const Value *A, const Value *B) const {
  return differ(polyOf(A), polyOf(B), 0);
}

} // namespace adgen
