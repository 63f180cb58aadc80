//===- bench_jacobians.cpp - Jacobian cost relative to the function -------===//
// For each workload and n: f, adgen's f_jacobian and a hand-written
// Jacobian (both checked against each other first). report.py prints
// Jacobian / f and Jacobian / (sweeps x f), sweeps being the n JVPs or m
// VJPs f_jacobian runs.
//===----------------------------------------------------------------------===//
#include "bench_util.h"
#include "handwritten.h"
#include "jacobians.ad.h"
#include "workloads.h"

using namespace bench;

namespace {
using Out = std::shared_ptr<std::vector<double>>;
Out buffer(size_t n) { return std::make_shared<std::vector<double>>(n); }

/// Runs and checks the adgen and hand-written Jacobians (m x n), then
/// registers f, adgen's Jacobian and the hand-written one. The sweep count
/// is in the name ("sweeps=k") for report.py.
void addJacobian(const std::string &Workload, int n, int m, int Sweeps,
                 std::function<void()> F, std::function<void(double *)> Jac,
                 std::function<void(double *)> Hand) {
  std::string P = Workload + "/n=" + std::to_string(n) + "/";
  std::vector<double> J(static_cast<size_t>(m) * n, 7.0), H(J.size(), -7.0);
  Jac(J.data());
  Hand(H.data());
  expectSame(J, H, P + "jacobian");
  auto Buf = buffer(J.size());
  add(P + "function", std::move(F));
  add(P + "jacobian/sweeps=" + std::to_string(Sweeps),
      [=] { Jac(Buf->data()); });
  add(P + "hand_jacobian", [=] { Hand(Buf->data()); });
}

void softmaxSuite(int n) {
  Data X = share(random_vector(n, -2, 2, 31));
  auto s = buffer(n);
  addJacobian(
      "softmax", n, n, n, [=] { softmax2(X->data(), n, s->data()); },
      [=](double *J) { softmax2_jacobian(X->data(), n, s->data(), J); },
      [=](double *J) { softmax2_jacobian_hand(X->data(), n, s->data(), J); });
}

void poolSuite(int n) {
  int m = n / 4;
  Data X = share(random_vector(n, -2, 2, 32));
  auto y = buffer(m);
  addJacobian(
      "pool4", n, m, m, [=] { pool4(X->data(), m, y->data()); },
      [=](double *J) { pool4_jacobian(X->data(), m, y->data(), J); },
      [=](double *J) { pool4_jacobian_hand(X->data(), m, y->data(), J); });
}

void chainSuite(int n) {
  Data X = share(random_vector(n, -1, 1, 33));
  auto r = buffer(2 * n);
  addJacobian(
      "chain_residuals", n, 2 * n, n,
      [=] { chain_residuals(X->data(), n, r->data()); },
      [=](double *J) { chain_residuals_jacobian(X->data(), n, r->data(), J); },
      [=](double *J) {
        chain_residuals_jacobian_hand(X->data(), n, r->data(), J);
      });
}
} // namespace

void bench::jacobianSuites() {
  for (int n : {12, 100, 1000}) {
    softmaxSuite(n);
    poolSuite(n);
    chainSuite(n);
  }
}
