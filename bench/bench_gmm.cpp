//===- bench_gmm.cpp - ADBench's Gaussian mixture -------------------------===//
// gmm.cpp's objective at ADBench's sizes against the hand-written gradient of
// handwritten_gmm.cpp and ADOL-C; the row gmm_plain is the same code with T
// spelled double (bench/CMakeLists.txt makes it), whose gradient the
// templated one should match.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "gmm.ad.h"
#include "gmm_plain.ad.h"
#include "handwritten.h"
#include "workloads.h"

#include <adolc/adolc.h>
#include <memory>

namespace bench {
namespace {
using GmmFunction = double (*)(int, int, int, const double *, const double *,
                               const double *, const double *, double, int);
using GmmGrad = double (*)(int, int, int, const double *, const double *,
                           const double *, const double *, double, int,
                           double *, double *, double *);

void gmmVariants(const std::string &Workload, int d, int k, int n,
                 short tag, GmmFunction Objective, GmmGrad Grad) {
  int icf_sz = d * (d + 1) / 2, N = k + k * d + k * icf_sz;
  // alphas, means, icf in one array (ADOL-C's independents).
  Data params = share(random_vector(N, -0.5, 0.5, 14));
  Data x = share(random_vector(n * d, -1, 1, 15));
  const double gamma = 1;
  const int m = 0;
  std::string P = Workload + "/d=" + std::to_string(d) +
                  ",K=" + std::to_string(k) + ",n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(N);
  auto work = std::make_shared<std::vector<double>>(gmm_hand_work_size(d, k));
  std::vector<double> ga(N), gh(N), gt(N);
  // Each lambda keeps params (alphas, means, icf) and x alive.
  int means = k, icf = k + k * d;
  auto function = [=] {
    const double *p = params->data();
    return Objective(d, k, n, p, p + means, p + icf, x->data(), gamma, m);
  };
  auto grad = [=](double *G) {
    const double *p = params->data();
    return Grad(d, k, n, p, p + means, p + icf, x->data(), gamma, m, G,
                G + means, G + icf);
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
} // namespace

void gmmSuite(int d, int k, int n) {
  short tag = nextTag();
  int N = k + k * d + k * (d * (d + 1) / 2);
  tape_gmm(tag, *share(random_vector(N, -0.5, 0.5, 14)),
           *share(random_vector(n * d, -1, 1, 15)), d, k, n, 1, 0);
  gmmVariants("gmm", d, k, n, tag, gmm_objective<double>, gmm_objective_grad);
  gmmVariants("gmm_plain", d, k, n, tag, plain::gmm_objective,
              plain::gmm_objective_grad);
}
} // namespace bench
