//===- bench_second_order.cpp - HVP and Hessian cost relative to the gradient
//===//
// For each workload and n: adgen's gradient, HVP and Hessian, a hand-written
// HVP where one is practical, and ADOL-C's hess_vec() and hessian() on a
// tape recorded once. report.py prints HVP / gradient and
// Hessian / (n x gradient).
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "handwritten.h"
#include "second_order.ad.h"

#include <adolc/adolc.h>
#include <memory>

using namespace bench;

namespace {
using Vec = std::shared_ptr<std::vector<double>>;
Vec buffer(size_t n) { return std::make_shared<std::vector<double>>(n); }

/// Checks adgen's HVP against the reference (the hand-written one, or
/// ADOL-C's), and row 0 of adgen's Hessian against the HVP along e_0, then
/// registers the variants. Grad, Hvp, Hessian act on the shared buffers.
void addSecondOrder(const std::string &P, int n, short Tag, Data X, Data V,
                    std::function<void()> Grad,
                    std::function<void(double *)> Hvp,
                    std::function<void(double *)> Hessian,
                    std::function<void(double *)> HandHvp) {
  std::vector<double> hv(n), ref(n), ht(n), H(static_cast<size_t>(n) * n);
  Hvp(hv.data());
  hess_vec(Tag, n, const_cast<double *>(X->data()),
           const_cast<double *>(V->data()), ht.data());
  expectSame(hv, ht, P + "adolc_hvp");
  if (HandHvp) {
    HandHvp(ref.data());
    expectSame(hv, ref, P + "hvp");
  }
  Hessian(H.data());
  std::vector<double> row0(H.begin(), H.begin() + n), e0(n), he0(n);
  e0[0] = 1;
  hess_vec(Tag, n, const_cast<double *>(X->data()), e0.data(), he0.data());
  expectSame(row0, he0, P + "hessian");
  auto hvOut = buffer(n), hOut = buffer(static_cast<size_t>(n) * n);
  add(P + "grad", std::move(Grad));
  add(P + "hvp", [=] { Hvp(hvOut->data()); });
  add(P + "hessian", [=] { Hessian(hOut->data()); });
  if (HandHvp)
    add(P + "hand_hvp", [=] { HandHvp(hvOut->data()); });
  add(P + "adolc_hvp", [=] {
    hess_vec(Tag, n, const_cast<double *>(X->data()),
             const_cast<double *>(V->data()), hvOut->data());
  });
  // hessian() fills the lower triangle of an n x n array of rows.
  auto rows = std::make_shared<std::vector<double *>>(n);
  for (int i = 0; i < n; ++i)
    (*rows)[i] = hOut->data() + static_cast<size_t>(i) * n;
  add(P + "adolc_hessian",
      [=] { hessian(Tag, n, const_cast<double *>(X->data()), rows->data()); });
}

void rosenSuite(int n) {
  Data X = share(random_vector(n, 0, 1, 21)),
       V = share(random_vector(n, -1, 1, 22));
  short Tag = nextTag();
  tape_rosen2(Tag, *X);
  auto g = buffer(n);
  addSecondOrder(
      "rosen2/n=" + std::to_string(n) + "/", n, Tag, X, V,
      [=] { keep(rosen2_grad(X->data(), n, g->data())); },
      [=](double *hv) { rosen2_hvp(X->data(), n, V->data(), hv); },
      [=](double *H) { keep(rosen2_hessian(X->data(), n, H)); },
      [=](double *hv) { rosen2_hvp_hand(X->data(), n, V->data(), hv); });
}

void lseSuite(int n) {
  Data X = share(random_vector(n, -1, 1, 23)),
       V = share(random_vector(n, -1, 1, 24));
  short Tag = nextTag();
  tape_lse2(Tag, *X);
  auto g = buffer(n), p = buffer(n);
  addSecondOrder(
      "lse2/n=" + std::to_string(n) + "/", n, Tag, X, V,
      [=] { keep(lse2_grad(X->data(), n, g->data())); },
      [=](double *hv) { lse2_hvp(X->data(), n, V->data(), hv); },
      [=](double *H) { keep(lse2_hessian(X->data(), n, H)); },
      [=](double *hv) {
        lse2_hvp_hand(X->data(), n, V->data(), hv, p->data());
      });
}

void netSuite(int n) {
  int d = 10, h = n / d, m = 20;
  Data W = share(random_vector(n, -0.3, 0.3, 25)),
       V = share(random_vector(n, -1, 1, 26)),
       Xd = share(random_vector(m * d, -1, 1, 27)),
       y = share(random_vector(m, -1, 1, 28));
  short Tag = nextTag();
  tape_net2(Tag, *W, *Xd, *y, m, d, h);
  auto g = buffer(n);
  addSecondOrder(
      "net2/n=" + std::to_string(n) + "/", n, Tag, W, V,
      [=] {
        keep(net2_grad(W->data(), Xd->data(), y->data(), m, d, h, g->data()));
      },
      [=](double *hv) {
        net2_hvp(W->data(), Xd->data(), y->data(), m, d, h, V->data(), hv);
      },
      [=](double *H) {
        keep(net2_hessian(W->data(), Xd->data(), y->data(), m, d, h, H));
      },
      nullptr);
}
} // namespace

void bench::secondOrderSuites() {
  for (int n : {10, 100, 1000}) {
    rosenSuite(n);
    lseSuite(n);
    netSuite(n);
  }
}
