// Repeated calls of a generated gradient allocate nothing once the calling
// thread's workspace holds its tapes and local arrays (issue 9): the test
// counts operator new per call; gradients stay right on 8 threads at once
// and when one generated gradient calls another (nested use of the cache).
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -pthread -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -pthread -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// A data-dependent loop (tapes) and a local array (an adjoint array).
ADGEN(grad, len(x, n))
double taped(int n, const double *x) {
  std::vector<double> y(n);
  double s = 0;
  int i = 0;
  while (i < n && s < 1e6) {
    y[i] = std::sin(x[i]) * s + x[i];
    s += y[i] * y[i];
    ++i;
  }
  for (int j = 0; j < i; ++j)
    s += y[j] * x[j];
  return s;
}
// CHECK-LABEL: double taped_grad(
// CHECK: adgen::Stack<
// CHECK: adgen::Array<double>

// Calls a taped scalar function in a loop: its gradient runs inside this
// one's, and takes its own blocks.
ADGEN(grad)
double inner(double a, double b) {
  double s = a;
  int k = 0;
  while (s < 10 && k < 5) {
    s = s * b + a;
    ++k;
  }
  return s;
}

ADGEN(grad, len(x, n))
double outer(int n, const double *x) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += inner(x[i], x[i + 1]);
  return s;
}

#ifndef __ADGEN__
#include "expect.h"
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <thread>

// Counts every allocation through operator new (the workspace, std::vector
// and the test's own); the memory comes from malloc.
static std::atomic<long> Allocations{0};
static void *counted(std::size_t Size) {
  ++Allocations;
  if (void *P = std::malloc(Size ? Size : 1))
    return P;
  throw std::bad_alloc();
}
static void release(void *P) { std::free(P); }
void *operator new(std::size_t Size) { return counted(Size); }
void *operator new[](std::size_t Size) { return counted(Size); }
void operator delete(void *P) noexcept { release(P); }
void operator delete[](void *P) noexcept { release(P); }
void operator delete(void *P, std::size_t) noexcept { release(P); }
void operator delete[](void *P, std::size_t) noexcept { release(P); }

int main() {
  const int n = 5000;
  std::vector<double> x(n), g(n), g2(n);
  for (int i = 0; i < n; ++i)
    x[i] = 0.01 * std::sin(1.0 + i);
  double v = taped_grad(n, x.data(), g.data());
  expect(v == taped(n, x.data()), "taped: value");
  expect(adgen::check_gradient(
             [&](const std::vector<double> &p) { return taped(n, p.data()); },
             x, g, adgen::CheckOptions(), 997),
         "taped: gradient against finite differences");
  long Before = Allocations;
  for (int r = 0; r < 10; ++r)
    taped_grad(n, x.data(), g2.data());
  std::printf("allocations in 10 repeated calls: %ld\n", Allocations - Before);
  expect(Allocations == Before, "repeated calls allocate nothing");
  expect(g2 == g, "repeated calls give the same gradient");

  // Nested: outer_grad calls inner_grad in its loop.
  std::vector<double> y(40), d(40);
  for (int i = 0; i < 40; ++i)
    y[i] = 0.3 + 0.01 * i;
  outer_grad(40, y.data(), d.data());
  expect(adgen::check_gradient(
             [&](const std::vector<double> &p) { return outer(40, p.data()); },
             y, d),
         "outer: gradient against finite differences");
  Before = Allocations;
  outer_grad(40, y.data(), d.data());
  expect(Allocations == Before, "nested calls allocate nothing");

  // Eight threads, each with its own workspace.
  std::vector<std::thread> Threads;
  std::atomic<int> Wrong{0};
  for (int t = 0; t < 8; ++t)
    Threads.emplace_back([&] {
      std::vector<double> mine(n);
      for (int r = 0; r < 20; ++r) {
        taped_grad(n, x.data(), mine.data());
        if (mine != g)
          ++Wrong;
      }
      adgen::release_workspace();
    });
  for (auto &T : Threads)
    T.join();
  expect(Wrong == 0, "threads get the same gradient");
  adgen::release_workspace();
  Before = Allocations;
  taped_grad(n, x.data(), g2.data());
  expect(Allocations > Before, "release_workspace frees the cached blocks");
  if (ok)
    std::printf("workspace checked\n");
  return ok ? 0 : 1;
}
#endif
