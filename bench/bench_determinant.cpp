//===- bench_determinant.cpp - Recursion through arrays -------------------===//
// determinant.cpp's cofactor expansion, whose gradient goes through its own
// gradient at every level, against the hand-written recursion of
// handwritten_determinant.cpp. No ADOL-C row: its tape would hold the n!
// terms of the expansion.
//===----------------------------------------------------------------------===//
#include "bench_util.h"
#include "determinant.ad.h"
#include "determinant.h"

#include <memory>

namespace bench {

void determinantSuite(int n) {
  std::vector<double> A = random_vector(n * n, -1, 1, 31);
  for (int i = 0; i < n; ++i)
    A[i * n + i] += 2;
  auto a = std::make_shared<std::vector<double>>(A);
  auto g = std::make_shared<std::vector<double>>(n * n);
  auto gv = std::make_shared<std::vector<double>>();
  std::vector<double> ga(n * n), gh(n * n), gvec;
  det_cofactor_grad(A.data(), n, ga.data());
  det_cofactor_hand(A.data(), n, gh.data());
  det_cofactor_vector_grad(A, n, gvec);
  std::string Size = "/n=" + std::to_string(n) + "/";
  expectSame(ga, gh, "determinant" + Size + "adgen");
  expectSame(gvec, gh, "determinant_vector" + Size + "adgen");
  std::string P = "determinant" + Size;
  auto function = [=] { keep(det_cofactor(a->data(), n)); };
  auto grad = [=] { keep(det_cofactor_grad(a->data(), n, g->data())); };
  auto hand = [=] { keep(det_cofactor_hand(a->data(), n, g->data())); };
  add(P + "function", function);
  add(P + "adgen", grad);
  add(P + "hand", hand);
  addRatios(P + "ratios", function, grad, hand);
  P = "determinant_vector" + Size;
  auto vfunction = [=] { keep(det_cofactor_vector(*a, n)); };
  auto vgrad = [=] { keep(det_cofactor_vector_grad(*a, n, *gv)); };
  add(P + "function", vfunction);
  add(P + "adgen", vgrad);
  add(P + "hand", hand);
  addRatios(P + "ratios", vfunction, vgrad, hand);
}

} // namespace bench
