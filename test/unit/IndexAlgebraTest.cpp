//===- IndexAlgebraTest.cpp - Proofs that two indices differ, checked -----===//
// Builds the loop nest of a Cholesky or LU step (i < n, j < i, k < j) and
// index expressions over it; every pair the prover calls different must
// differ at every point of the nest for n up to 7 (soundness), and the pairs
// the factorisations need must be proved (completeness where it matters).
//===----------------------------------------------------------------------===//
#include "Transforms/IndexAlgebra.h"
#include "IR/Builder.h"
#include "IR/Function.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

using namespace adgen;

namespace {
/// An index expression, built in IR and evaluated directly.
struct Index {
  std::string Text;
  Value *V;
  std::function<long long(long long, long long, long long, long long)> Eval;
};

struct Nest {
  std::unique_ptr<Function> F = std::make_unique<Function>("f");
  Value *N, *I, *J, *K;
  Op *Inner; // an op in the innermost body: where the facts are taken
  std::vector<Index> Indices;

  Nest() {
    Type Int(TypeKind::Int);
    N = F->addParam(Int, "n");
    Builder B(F->body());
    auto loop = [&](Value *LB, Value *UB, const char *Name) {
      Op *L = B.create(Prim::For, {LB, UB, B.one(Int)}, {}, {}, 1);
      Value *IV = L->region(0)->addArgument(Int, Name);
      B.enter(L->region(0));
      return IV;
    };
    I = loop(B.zero(Int), N, "i");
    J = loop(B.zero(Int), I, "j");
    K = loop(B.zero(Int), J, "k");
    auto add = [&](std::string Text, Value *V, auto Eval) {
      Indices.push_back({Text, V, Eval});
    };
    Value *C6 = B.constant(Int, 6), *One = B.one(Int);
    add("i*n+j", B.add(B.mul(I, N), J),
        [](auto n, auto i, auto j, auto) { return i * n + j; });
    add("i*n+k", B.add(B.mul(I, N), K),
        [](auto n, auto i, auto, auto k) { return i * n + k; });
    add("j*n+k", B.add(B.mul(J, N), K),
        [](auto n, auto, auto j, auto k) { return j * n + k; });
    add("k*n+j", B.add(B.mul(K, N), J),
        [](auto n, auto, auto j, auto k) { return k * n + j; });
    add("j*n+j", B.add(B.mul(J, N), J),
        [](auto n, auto, auto j, auto) { return j * n + j; });
    add("i*n+i", B.add(B.mul(I, N), I),
        [](auto n, auto i, auto, auto) { return i * n + i; });
    add("(i-1)*n+j", B.add(B.mul(B.sub(I, One), N), J),
        [](auto n, auto i, auto j, auto) { return (i - 1) * n + j; });
    add("i*n+j-1", B.sub(B.add(B.mul(I, N), J), One),
        [](auto n, auto i, auto j, auto) { return i * n + j - 1; });
    add("j*n+i", B.add(B.mul(J, N), I),
        [](auto n, auto i, auto j, auto) { return j * n + i; });
    add("i*6+j", B.add(B.mul(I, C6), J),
        [](auto, auto i, auto j, auto) { return i * 6 + j; });
    add("j*6+k", B.add(B.mul(J, C6), K),
        [](auto, auto, auto j, auto k) { return j * 6 + k; });
    add("k*6+i", B.add(B.mul(K, C6), I),
        [](auto, auto i, auto, auto k) { return k * 6 + i; });
    add("k", K, [](auto, auto, auto, auto k) { return k; });
    add("j-1", B.sub(J, One), [](auto, auto, auto j, auto) { return j - 1; });
    add("j+1", B.add(J, One), [](auto, auto, auto j, auto) { return j + 1; });
    add("i", I, [](auto, auto i, auto, auto) { return i; });
    add("2*k", B.mul(B.constant(Int, 2), K),
        [](auto, auto, auto, auto k) { return 2 * k; });
    add("k+j", B.add(K, J), [](auto, auto, auto j, auto k) { return k + j; });
    Inner = B.create(Prim::Add, {K, One}, {Int});
  }

  /// The two indices are equal at some point of the nest, n <= 7.
  static bool everEqual(const Index &A, const Index &B) {
    for (long long n = 0; n <= 7; ++n)
      for (long long i = 0; i < n; ++i)
        for (long long j = 0; j < i; ++j)
          for (long long k = 0; k < j; ++k)
            if (A.Eval(n, i, j, k) == B.Eval(n, i, j, k))
              return true;
    return false;
  }
};
} // namespace

TEST(IndexAlgebra, ProvedDifferencesHold) {
  Nest S;
  IndexFacts Facts(*S.Inner);
  unsigned Proved = 0;
  for (const Index &A : S.Indices)
    for (const Index &B : S.Indices) {
      if (!Facts.differ(A.V, B.V))
        continue;
      ++Proved;
      EXPECT_FALSE(Nest::everEqual(A, B))
          << A.Text << " and " << B.Text << " were proved different";
    }
  EXPECT_GT(Proved, 100u);
}

TEST(IndexAlgebra, FactorisationPairsAreProved) {
  Nest S;
  IndexFacts Facts(*S.Inner);
  std::map<std::string, Value *> Ix;
  for (const Index &X : S.Indices)
    Ix[X.Text] = X.V;
  // Cholesky: A[i][j] -= A[i][k] * A[j][k]; A[i][j] /= A[j][j].
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["i*n+k"]));
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["j*n+k"]));
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["j*n+j"]));
  // LU: A[i][j] -= A[i][k] * A[k][j].
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["k*n+j"]));
  // Stencils.
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["(i-1)*n+j"]));
  EXPECT_TRUE(Facts.differ(Ix["i*n+j"], Ix["i*n+j-1"]));
  // Never claimed: the same element, or ones that meet.
  EXPECT_FALSE(Facts.differ(Ix["i*n+j"], Ix["i*n+j"]));
  EXPECT_FALSE(Facts.differ(Ix["k"], Ix["j-1"]));
  EXPECT_FALSE(Facts.differ(Ix["2*k"], Ix["j+1"]));
}
