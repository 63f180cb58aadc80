//===- bench_gmm.cpp - ADBench's Gaussian mixture -------------------------===//
// gmm.cpp's objective at ADBench's sizes against the hand-written gradient of
// handwritten_gmm.cpp and ADOL-C.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "gmm.ad.h"
#include "handwritten.h"
#include "workloads.h"

#include <adolc/adolc.h>
#include <memory>

namespace bench {
void gmmSuite(int d, int k, int n) {
  int icf_sz = d * (d + 1) / 2, N = k + k * d + k * icf_sz;
  // alphas, means, icf in one array (ADOL-C's independents).
  Data params = share(random_vector(N, -0.5, 0.5, 14));
  Data x = share(random_vector(n * d, -1, 1, 15));
  const double gamma = 1;
  const int m = 0;
  std::string P = "gmm/d=" + std::to_string(d) + ",K=" + std::to_string(k) +
                  ",n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(N);
  auto work = std::make_shared<std::vector<double>>(gmm_hand_work_size(d, k));
  short tag = nextTag();
  tape_gmm(tag, *params, *x, d, k, n, gamma, m);
  std::vector<double> ga(N), gh(N), gt(N);
  // Each lambda keeps params (alphas, means, icf) and x alive.
  int means = k, icf = k + k * d;
  auto function = [=] {
    const double *p = params->data();
    return gmm_objective(d, k, n, p, p + means, p + icf, x->data(), gamma, m);
  };
  auto grad = [=](double *G) {
    const double *p = params->data();
    return gmm_objective_grad(d, k, n, p, p + means, p + icf, x->data(), gamma,
                              m, G, G + means, G + icf);
  };
  auto hand = [=](double *G, double *W) {
    const double *p = params->data();
    return gmm_hand(d, k, n, p, p + means, p + icf, x->data(), gamma, m, G,
                    G + means, G + icf, W);
  };
  grad(ga.data());
  hand(gh.data(), work->data());
  gradient(tag, N, params->data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(function()); }, [=] { keep(grad(g->data())); },
      [=] { keep(hand(g->data(), work->data())); },
      [=] { keep(gradient(tag, N, params->data(), g->data())); });
}
} // namespace bench
