//===- bench_main.cpp - Gradient cost relative to the function ------------===//
// For each workload and size: the function, adgen's gradient, a hand-written
// gradient and ADOL-C's gradient() on a tape recorded once. bench/report.py
// turns the times into ratios (gradient time / function time). The suites
// of issue 9's workloads are in bench_rosenbrock, bench_kernels, bench_gmm.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "functions.ad.h"
#include "handwritten.h"

#include <adolc/adolc.h>
#include <memory>

using namespace bench;

namespace {
void quadraticSuite(int n) {
  auto x = random_vector(n, 0, 1, 1), A = random_vector(n * n, 0, 1, 2),
       b = random_vector(n, 0, 1, 3);
  std::string P = "quadratic/n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  short tag = nextTag();
  tape_quadratic(tag, x, A, b, n);
  std::vector<double> ga(n), gh(n), gt(n);
  quadratic_grad(x.data(), A.data(), b.data(), n, ga.data());
  quadratic_hand(x.data(), A.data(), b.data(), n, gh.data());
  gradient(tag, n, x.data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(quadratic(x.data(), A.data(), b.data(), n)); },
      [=] { keep(quadratic_grad(x.data(), A.data(), b.data(), n, g->data())); },
      [=] { keep(quadratic_hand(x.data(), A.data(), b.data(), n, g->data())); },
      [=] { keep(gradient(tag, n, x.data(), g->data())); });
}

void logSumExpSuite(int m, int n) {
  auto A = random_vector(m * n, -1, 1, 4), b = random_vector(m, -1, 1, 5),
       x = random_vector(n, -1, 1, 6);
  std::string P =
      "log_sum_exp/m=" + std::to_string(m) + ",n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  auto z = std::make_shared<std::vector<double>>(m);
  short tag = nextTag();
  tape_log_sum_exp(tag, A, b, x, m, n);
  std::vector<double> ga(n), gh(n), gt(n);
  log_sum_exp_grad(A.data(), b.data(), x.data(), m, n, ga.data());
  log_sum_exp_hand(A.data(), b.data(), x.data(), m, n, gh.data(), z->data());
  gradient(tag, n, x.data(), gt.data());
  addVariants(
      P, ga, gh, gt,
      [=] { keep(log_sum_exp(A.data(), b.data(), x.data(), m, n)); },
      [=] {
        keep(log_sum_exp_grad(A.data(), b.data(), x.data(), m, n, g->data()));
      },
      [=] {
        keep(log_sum_exp_hand(A.data(), b.data(), x.data(), m, n, g->data(),
                              z->data()));
      },
      [=] { keep(gradient(tag, n, x.data(), g->data())); });
}

void factorizationSuite(int n, int k) {
  Data UV = share(random_vector(2 * n * k, -1, 1, 7));
  auto Y = random_vector(n * n, -1, 1, 8);
  const double *U = UV->data(), *V = UV->data() + n * k;
  std::string P =
      "factorization/n=" + std::to_string(n) + ",k=" + std::to_string(k) + "/";
  auto g = std::make_shared<std::vector<double>>(2 * n * k);
  auto R = std::make_shared<std::vector<double>>(n * n);
  short tag = nextTag();
  tape_factorization(tag, *UV, Y, n, k);
  std::vector<double> ga(2 * n * k), gh(2 * n * k), gt(2 * n * k);
  factorization_grad(U, V, Y.data(), n, k, ga.data(), ga.data() + n * k);
  factorization_hand(U, V, Y.data(), n, k, gh.data(), gh.data() + n * k,
                     R->data());
  gradient(tag, 2 * n * k, UV->data(), gt.data());
  // The lambdas take U and V from UV, which each copy keeps alive.
  int nk = n * k;
  addVariants(
      P, ga, gh, gt,
      [=] { keep(factorization(UV->data(), UV->data() + nk, Y.data(), n, k)); },
      [=] {
        keep(factorization_grad(UV->data(), UV->data() + nk, Y.data(), n, k,
                                g->data(), g->data() + nk));
      },
      [=] {
        keep(factorization_hand(UV->data(), UV->data() + nk, Y.data(), n, k,
                                g->data(), g->data() + nk, R->data()));
      },
      [=] { keep(gradient(tag, 2 * nk, UV->data(), g->data())); });
}

short rosenbrockSuite(int n) {
  auto x = random_vector(n, -1, 1, 9);
  std::string P = "rosenbrock/n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  short tag = nextTag();
  tape_rosenbrock(tag, x, n);
  std::vector<double> ga(n), gh(n), gt(n);
  rosenbrock_grad(x.data(), n, ga.data());
  rosenbrock_hand(x.data(), n, gh.data());
  gradient(tag, n, x.data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(rosenbrock(x.data(), n)); },
      [=] { keep(rosenbrock_grad(x.data(), n, g->data())); },
      [=] { keep(rosenbrock_hand(x.data(), n, g->data())); },
      [=] { keep(gradient(tag, n, x.data(), g->data())); });
  return tag;
}
} // namespace

int main(int argc, char **argv) {
  // ADOL-C's gradient() allocates and clears arrays as large as the most
  // adoubles alive at any time while the tape was recorded, counting those
  // of earlier tapes (its store of locations only grows): a small function
  // taped after a large one pays for the large one on every call. So the
  // suites tape in increasing order of size; report.py groups the rows by
  // workload. At most 32 tapes fit (ADOL-C's TBUFNUM).
  secondOrderSuites(); // small tapes (at most a few thousand adoubles)
  jacobianSuites();    // no tapes
  particleSuite(1000); // no tapes
  determinantSuite(7); // no tapes
  quadraticSuite(100);
  logSumExpSuite(100, 100);
  logSumExpSuite(1000, 100);
  quadraticSuite(1000);
  rosenbrockSpellingSuites(1000, rosenbrockSuite(1000));
  gmmSuite(10, 25, 1000);
  mlpSuites(1000, 10, 16);
  factorizationSuite(100, 10);
  choleskySuite(50);
  luSuite(50);
  factorizationSuite(200, 20);
  choleskySuite(100);
  luSuite(100);
  ataxSuite(100);
  jacobiSuite(100, 20);
  matmulSuite(100);
  rosenbrockSpellingSuites(100000, rosenbrockSuite(100000));
  ataxSuite(1000);
  if (failures())
    return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
