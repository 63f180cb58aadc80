//===- bench_kernels.cpp - The C kernels and in-place factorisations ------===//
// Suites for kernels.cpp (gemm, atax, jacobi-2d) and factorizations.cpp
// (Cholesky, LU), each against a hand-written gradient and ADOL-C.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "factorizations.ad.h"
#include "handwritten.h"
#include "kernels.ad.h"
#include "workloads.h"

#include <adolc/adolc.h>
#include <memory>

namespace bench {
namespace {
using Vec = std::shared_ptr<std::vector<double>>;
Vec buffer(int n) { return std::make_shared<std::vector<double>>(n); }

/// A diagonally dominant n x n matrix (symmetric, hence positive definite,
/// when Symmetric).
std::vector<double> dominant(int n, bool Symmetric, unsigned seed) {
  auto A = random_vector(n * n, -1, 1, seed);
  for (int i = 0; i < n; ++i) {
    A[i * n + i] = n;
    for (int j = 0; Symmetric && j < i; ++j)
      A[j * n + i] = A[i * n + j];
  }
  return A;
}

using Logdet = double (*)(const double *, int);
using LogdetGrad = double (*)(const double *, int, double *);
using LogdetHand = double (*)(const double *, int, double *, double *);

void logdetSuite(const std::string &Name, int n, bool Symmetric, Logdet F,
                 LogdetGrad G, LogdetHand H, int WorkSize,
                 void (*Tape)(short, const std::vector<double> &, int)) {
  int N = n * n;
  auto A0 = dominant(n, Symmetric, 13);
  std::string P = Name + "/n=" + std::to_string(n) + "/";
  Vec g = buffer(N), work = buffer(WorkSize);
  short tag = nextTag();
  Tape(tag, A0, n);
  std::vector<double> ga(N), gh(N), gt(N);
  G(A0.data(), n, ga.data());
  H(A0.data(), n, gh.data(), work->data());
  gradient(tag, N, A0.data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(F(A0.data(), n)); },
      [=] { keep(G(A0.data(), n, g->data())); },
      [=] { keep(H(A0.data(), n, g->data(), work->data())); },
      [=] { keep(gradient(tag, N, A0.data(), g->data())); });
}
} // namespace

void matmulSuite(int n) {
  int N = 2 * n * n;
  Data AB = share(random_vector(N, -1, 1, 10)); // A, then B
  std::string P = "matmul/n=" + std::to_string(n) + "/";
  Vec g = buffer(N), C = buffer(n * n);
  short tag = nextTag();
  tape_matmul(tag, *AB, n);
  std::vector<double> ga(N), gh(N), gt(N);
  const double *A = AB->data(), *B = A + n * n;
  matmul_loss_grad(A, B, n, ga.data(), ga.data() + n * n);
  matmul_hand(A, B, n, gh.data(), gh.data() + n * n, C->data());
  gradient(tag, N, AB->data(), gt.data());
  // The lambdas take A and B from AB, which each copy keeps alive.
  int nn = n * n;
  addVariants(
      P, ga, gh, gt, [=] { keep(matmul_loss(AB->data(), AB->data() + nn, n)); },
      [=] {
        keep(matmul_loss_grad(AB->data(), AB->data() + nn, n, g->data(),
                              g->data() + nn));
      },
      [=] {
        keep(matmul_hand(AB->data(), AB->data() + nn, n, g->data(),
                         g->data() + nn, C->data()));
      },
      [=] { keep(gradient(tag, N, AB->data(), g->data())); });
}

void ataxSuite(int n) {
  int N = n * n + n, nn = n * n;
  Data Ax = share(random_vector(N, -1, 1, 11)); // A, then x
  std::string P = "atax/n=" + std::to_string(n) + "/";
  Vec g = buffer(N), work = buffer(2 * n);
  short tag = nextTag();
  tape_atax(tag, *Ax, n);
  std::vector<double> ga(N), gh(N), gt(N);
  const double *A = Ax->data(), *x = A + nn;
  atax_loss_grad(A, x, n, ga.data(), ga.data() + nn);
  atax_hand(A, x, n, gh.data(), gh.data() + nn, work->data());
  gradient(tag, N, Ax->data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(atax_loss(Ax->data(), Ax->data() + nn, n)); },
      [=] {
        keep(atax_loss_grad(Ax->data(), Ax->data() + nn, n, g->data(),
                            g->data() + nn));
      },
      [=] {
        keep(atax_hand(Ax->data(), Ax->data() + nn, n, g->data(),
                       g->data() + nn, work->data()));
      },
      [=] { keep(gradient(tag, N, Ax->data(), g->data())); });
}

void jacobiSuite(int n, int tsteps) {
  int N = n * n;
  auto A0 = random_vector(N, 0, 1, 12);
  std::string P =
      "jacobi_2d/n=" + std::to_string(n) + ",T=" + std::to_string(tsteps) + "/";
  Vec g = buffer(N), work = buffer(2 * N);
  short tag = nextTag();
  tape_jacobi(tag, A0, n, tsteps);
  std::vector<double> ga(N), gh(N), gt(N);
  jacobi_loss_grad(A0.data(), n, tsteps, ga.data());
  jacobi_hand(A0.data(), n, tsteps, gh.data(), work->data());
  gradient(tag, N, A0.data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(jacobi_loss(A0.data(), n, tsteps)); },
      [=] { keep(jacobi_loss_grad(A0.data(), n, tsteps, g->data())); },
      [=] { keep(jacobi_hand(A0.data(), n, tsteps, g->data(), work->data())); },
      [=] { keep(gradient(tag, N, A0.data(), g->data())); });
}

void choleskySuite(int n) {
  logdetSuite("cholesky", n, true, cholesky_logdet, cholesky_logdet_grad,
              cholesky_hand, 2 * n * n, tape_cholesky);
}

void luSuite(int n) {
  logdetSuite("lu", n, false, lu_logdet, lu_logdet_grad, lu_hand, 4 * n * n,
              tape_lu);
}
} // namespace bench
