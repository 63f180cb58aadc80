//===- IndexAlgebra.h - When two array indices cannot be equal --*- C++ -*-===//
// Integer indices as polynomials over atoms (counters, parameters), and a
// prover that two indices differ in every iteration of the enclosing loops.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_TRANSFORMS_INDEXALGEBRA_H
#define ADGEN_TRANSFORMS_INDEXALGEBRA_H

#include "IR/Operation.h"

#include <map>
#include <optional>
#include <vector>

namespace adgen {

/// A sum of monomials with integer coefficients; a monomial is a sorted
/// product of atoms (values not decomposed further), the empty one is 1.
struct Poly {
  std::map<std::vector<const Value *>, long long> Terms;

  static Poly constant(long long C);
  static Poly atom(const Value *V);
  Poly operator+(const Poly &O) const;
  Poly operator-(const Poly &O) const;
  Poly operator*(const Poly &O) const;
  Poly scaled(long long K) const;
  bool isConstant() const;
  long long constantTerm() const;
};

/// No atom of P is defined in R (P has the same value throughout R).
bool invariantIn(const Poly &P, const Region &R);

/// V decomposed through integer +, -, *, negation, constants and casts
/// between integer types (which keep distinct indices distinct); anything
/// else is an atom.
Poly polyOf(const Value *V);

/// What the for loops around a point say about their counters: lb <= iv <=
/// ub - 1 (counting up) or ub + 1 <= iv <= lb (counting down).
class IndexFacts {
public:
  /// The loops enclosing Op At (not At itself).
  explicit IndexFacts(const Op &At);

  /// A and B, both defined where At is, differ whenever At runs.
  bool differ(const Value *A, const Value *B) const;
  bool differ(const Poly &A, const Poly &B) const { return differ(A, B, 0); }
  /// P >= 1 whenever At runs.
  bool positive(const Poly &P) const;
  /// P >= 0 whenever At runs.
  bool nonNegative(const Poly &P) const;

private:
  bool differ(const Poly &A, const Poly &B, unsigned Depth) const;
  /// The shortest path from node From to To of the difference constraints
  /// (To - From <= result), if any.
  std::optional<long long> bound(const Value *From, const Value *To) const;
  void addConstraint(const Value *U, const Value *V, long long W);

  /// Edges U -> V of weight W: V - U <= W. The null node is the number 0.
  std::map<const Value *, std::map<const Value *, long long>> Edges;
};

} // namespace adgen

#endif
