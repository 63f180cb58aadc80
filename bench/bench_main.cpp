//===- bench_main.cpp - Gradient cost relative to the function ------------===//
// For each workload and size: the function, adgen's gradient, a hand-written
// gradient and ADOL-C's gradient() on a tape recorded once. bench/report.py
// turns the times into ratios (gradient time / function time).
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "functions.ad.h"
#include "handwritten.h"

#include <adolc/adolc.h>
#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {
std::vector<double> random_vector(int n, double lo, double hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> U(lo, hi);
  std::vector<double> v(n);
  for (double &e : v)
    e = U(rng);
  return v;
}

short NextTag = 1;
int Failures = 0;

void expectSame(const std::vector<double> &A, const std::vector<double> &B,
                const std::string &What) {
  double worst = 0;
  for (size_t i = 0; i < A.size(); ++i)
    worst = std::fmax(worst, std::fabs(A[i] - B[i]) /
                                 std::fmax(1e-12, std::fabs(B[i])));
  if (worst > 1e-8) {
    std::fprintf(stderr, "%s: gradients differ (relative %g)\n", What.c_str(),
                 worst);
    ++Failures;
  }
}

void add(const std::string &Name, std::function<void()> Body) {
  benchmark::RegisterBenchmark(Name.c_str(), [Body](benchmark::State &S) {
    for (auto _ : S)
      Body();
  });
}

// Keeps results observable without a data dependency between iterations.
template <class T> void keep(T &&V) { benchmark::DoNotOptimize(V); }

void quadraticSuite(int n) {
  auto x = random_vector(n, 0, 1, 1), A = random_vector(n * n, 0, 1, 2),
       b = random_vector(n, 0, 1, 3);
  std::string P = "quadratic/n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  short tag = NextTag++;
  tape_quadratic(tag, x, A, b, n);
  std::vector<double> ga(n), gh(n), gt(n);
  quadratic_grad(x.data(), A.data(), b.data(), n, ga.data());
  quadratic_hand(x.data(), A.data(), b.data(), n, gh.data());
  gradient(tag, n, x.data(), gt.data());
  expectSame(ga, gh, P + "adgen");
  expectSame(gt, gh, P + "adolc");
  add(P + "function", [=] { keep(quadratic(x.data(), A.data(), b.data(), n)); });
  add(P + "adgen", [=] {
    keep(quadratic_grad(x.data(), A.data(), b.data(), n, g->data()));
  });
  add(P + "hand", [=] {
    keep(quadratic_hand(x.data(), A.data(), b.data(), n, g->data()));
  });
  add(P + "adolc", [=] { keep(gradient(tag, n, x.data(), g->data())); });
}

void logSumExpSuite(int m, int n) {
  auto A = random_vector(m * n, -1, 1, 4), b = random_vector(m, -1, 1, 5),
       x = random_vector(n, -1, 1, 6);
  std::string P = "log_sum_exp/m=" + std::to_string(m) +
                  ",n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  auto z = std::make_shared<std::vector<double>>(m);
  short tag = NextTag++;
  tape_log_sum_exp(tag, A, b, x, m, n);
  std::vector<double> ga(n), gh(n), gt(n);
  log_sum_exp_grad(A.data(), b.data(), x.data(), m, n, ga.data());
  log_sum_exp_hand(A.data(), b.data(), x.data(), m, n, gh.data(), z->data());
  gradient(tag, n, x.data(), gt.data());
  expectSame(ga, gh, P + "adgen");
  expectSame(gt, gh, P + "adolc");
  add(P + "function",
      [=] { keep(log_sum_exp(A.data(), b.data(), x.data(), m, n)); });
  add(P + "adgen", [=] {
    keep(log_sum_exp_grad(A.data(), b.data(), x.data(), m, n, g->data()));
  });
  add(P + "hand", [=] {
    keep(log_sum_exp_hand(A.data(), b.data(), x.data(), m, n, g->data(),
                          z->data()));
  });
  add(P + "adolc", [=] { keep(gradient(tag, n, x.data(), g->data())); });
}

void factorizationSuite(int n, int k) {
  auto UV = random_vector(2 * n * k, -1, 1, 7), Y = random_vector(n * n, -1, 1, 8);
  const double *U = UV.data(), *V = UV.data() + n * k;
  std::string P = "factorization/n=" + std::to_string(n) +
                  ",k=" + std::to_string(k) + "/";
  auto g = std::make_shared<std::vector<double>>(2 * n * k);
  auto R = std::make_shared<std::vector<double>>(n * n);
  short tag = NextTag++;
  tape_factorization(tag, UV, Y, n, k);
  std::vector<double> ga(2 * n * k), gh(2 * n * k), gt(2 * n * k);
  factorization_grad(U, V, Y.data(), n, k, ga.data(), ga.data() + n * k);
  factorization_hand(U, V, Y.data(), n, k, gh.data(), gh.data() + n * k,
                     R->data());
  gradient(tag, 2 * n * k, UV.data(), gt.data());
  expectSame(ga, gh, P + "adgen");
  expectSame(gt, gh, P + "adolc");
  add(P + "function", [=] { keep(factorization(U, V, Y.data(), n, k)); });
  add(P + "adgen", [=] {
    keep(factorization_grad(U, V, Y.data(), n, k, g->data(),
                            g->data() + n * k));
  });
  add(P + "hand", [=] {
    keep(factorization_hand(U, V, Y.data(), n, k, g->data(),
                            g->data() + n * k, R->data()));
  });
  add(P + "adolc",
      [=] { keep(gradient(tag, 2 * n * k, UV.data(), g->data())); });
}

void rosenbrockSuite(int n) {
  auto x = random_vector(n, -1, 1, 9);
  std::string P = "rosenbrock/n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  short tag = NextTag++;
  tape_rosenbrock(tag, x, n);
  std::vector<double> ga(n), gh(n), gt(n);
  rosenbrock_grad(x.data(), n, ga.data());
  rosenbrock_hand(x.data(), n, gh.data());
  gradient(tag, n, x.data(), gt.data());
  expectSame(ga, gh, P + "adgen");
  expectSame(gt, gh, P + "adolc");
  add(P + "function", [=] { keep(rosenbrock(x.data(), n)); });
  add(P + "adgen", [=] { keep(rosenbrock_grad(x.data(), n, g->data())); });
  add(P + "hand", [=] { keep(rosenbrock_hand(x.data(), n, g->data())); });
  add(P + "adolc", [=] { keep(gradient(tag, n, x.data(), g->data())); });
}
} // namespace

int main(int argc, char **argv) {
  quadraticSuite(100);
  quadraticSuite(1000);
  logSumExpSuite(100, 100);
  logSumExpSuite(1000, 100);
  factorizationSuite(100, 10);
  factorizationSuite(200, 20);
  rosenbrockSuite(1000);
  rosenbrockSuite(100000);
  if (Failures)
    return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
