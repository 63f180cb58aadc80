//===- bench_util.h - What every benchmark suite shares ---------*- C++ -*-===//
// Random inputs, ADOL-C tags, the startup check that the gradients agree, and
// registering the four variants (function, adgen, hand, adolc) of a workload.
//===----------------------------------------------------------------------===//
#pragma once

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace bench {
inline std::vector<double> random_vector(int n, double lo, double hi,
                                         unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> U(lo, hi);
  std::vector<double> v(n);
  for (double &e : v)
    e = U(rng);
  return v;
}

/// Inputs shared by a suite's lambdas: each copy keeps them alive, so
/// pointers into them stay valid while the benchmarks run.
using Data = std::shared_ptr<const std::vector<double>>;
inline Data share(std::vector<double> V) {
  return std::make_shared<const std::vector<double>>(std::move(V));
}

/// The next unused ADOL-C tape tag.
inline short nextTag() {
  static short Next = 1;
  return Next++;
}

/// The number of failed startup checks: main() runs nothing when nonzero.
inline int &failures() {
  static int Count = 0;
  return Count;
}

/// Counts a failure when A and B differ by more than 1e-8 relatively.
inline void expectSame(const std::vector<double> &A,
                       const std::vector<double> &B, const std::string &What) {
  double worst = A.size() == B.size() ? 0 : INFINITY;
  for (size_t i = 0; i < A.size() && i < B.size(); ++i)
    worst = std::fmax(worst, std::fabs(A[i] - B[i]) /
                                 std::fmax(1e-12, std::fabs(B[i])));
  if (!(worst <= 1e-8)) {
    std::fprintf(stderr, "%s: gradients differ (relative %g)\n", What.c_str(),
                 worst);
    ++failures();
  }
}

inline void add(const std::string &Name, std::function<void()> Body) {
  benchmark::RegisterBenchmark(Name.c_str(), [Body](benchmark::State &S) {
    for (auto _ : S)
      Body();
  });
}

// Keeps results observable without a data dependency between iterations.
template <class T> void keep(T &&V) { benchmark::DoNotOptimize(V); }

/// The median of V (V is reordered).
inline double median(std::vector<double> &V) {
  if (V.empty())
    return 0;
  std::nth_element(V.begin(), V.begin() + V.size() / 2, V.end());
  return V[V.size() / 2];
}

/// Registers Name as one benchmark that times the function, adgen's gradient
/// and the hand-written gradient in turn, round after round (the order
/// rotates each round), and reports the medians of the rounds' ratios as
/// counters. Host noise that slows a stretch of the run then slows all three
/// alike, which separate benchmarks, seconds apart, cannot promise. Each
/// timed batch repeats a call until it takes at least 20 us, so the clock's
/// own cost stays below 1%.
inline void addRatios(const std::string &Name, std::function<void()> Function,
                      std::function<void()> AdgenGrad,
                      std::function<void()> HandGrad) {
  benchmark::RegisterBenchmark(Name.c_str(), [=](benchmark::State &S) {
    using Clock = std::chrono::steady_clock;
    const std::function<void()> *Variants[3] = {&Function, &AdgenGrad,
                                                &HandGrad};
    auto timeBatch = [](const std::function<void()> &Body, long Calls) {
      auto Start = Clock::now();
      for (long I = 0; I < Calls; ++I)
        Body();
      return std::chrono::duration<double>(Clock::now() - Start).count();
    };
    long Calls = 1;
    while (Calls < (1L << 24) && timeBatch(Function, Calls) < 20e-6)
      Calls *= 2;
    std::vector<double> AdgenF, HandF, AdgenHand;
    unsigned Round = 0;
    for (auto _ : S) {
      double Seconds[3];
      for (unsigned K = 0; K < 3; ++K) {
        unsigned V = (K + Round) % 3;
        Seconds[V] = timeBatch(*Variants[V], Calls);
      }
      ++Round;
      AdgenF.push_back(Seconds[1] / Seconds[0]);
      HandF.push_back(Seconds[2] / Seconds[0]);
      AdgenHand.push_back(Seconds[1] / Seconds[2]);
    }
    S.counters["adgen_f"] = median(AdgenF);
    S.counters["hand_f"] = median(HandF);
    S.counters["adgen_hand"] = median(AdgenHand);
  });
}

/// Checks adgen's and ADOL-C's gradients against the hand-written one, then
/// registers Prefix + function, adgen, hand and adolc, and Prefix + ratios
/// (addRatios).
inline void
addVariants(const std::string &Prefix, const std::vector<double> &Adgen,
            const std::vector<double> &Hand, const std::vector<double> &Adolc,
            std::function<void()> Function, std::function<void()> AdgenGrad,
            std::function<void()> HandGrad, std::function<void()> AdolcGrad) {
  expectSame(Adgen, Hand, Prefix + "adgen");
  expectSame(Adolc, Hand, Prefix + "adolc");
  add(Prefix + "function", Function);
  add(Prefix + "adgen", AdgenGrad);
  add(Prefix + "hand", HandGrad);
  add(Prefix + "adolc", std::move(AdolcGrad));
  addRatios(Prefix + "ratios", std::move(Function), std::move(AdgenGrad),
            std::move(HandGrad));
}

// The suites of issue 9's workloads. Each tapes its function for ADOL-C
// when called; main() calls them in the order explained there.
/// bench_rosenbrock.cpp: the spellings share the canonical spelling's tape
/// (ADOL-C records operations, not spellings).
void rosenbrockSpellingSuites(int n, short Tag);
void matmulSuite(int n);             // bench_kernels.cpp
void ataxSuite(int n);               // bench_kernels.cpp
void jacobiSuite(int n, int tsteps); // bench_kernels.cpp
void choleskySuite(int n);           // bench_kernels.cpp
void luSuite(int n);                 // bench_kernels.cpp
void gmmSuite(int d, int k, int n);  // bench_gmm.cpp
void mlpSuites(int n, int d, int h); // bench_calls.cpp
/// bench_second_order.cpp: HVPs and Hessians at n = 10, 100, 1000.
void secondOrderSuites();
/// bench_jacobians.cpp: Jacobians at n = 12, 100, 1000 (no ADOL-C tapes).
void jacobianSuites();
void particleSuite(int n);    // bench_particles.cpp
void determinantSuite(int n); // bench_determinant.cpp
} // namespace bench
