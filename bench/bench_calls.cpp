//===- bench_calls.cpp - A network loss through a helper kept as a call ---===//
// calls.cpp's two spellings of one objective (the helper kept as a call, and
// written in the loop) against one hand-written gradient and ADOL-C.
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "calls.ad.h"
#include "handwritten.h"
#include "workloads.h"

#include <adolc/adolc.h>
#include <memory>

namespace bench {
void mlpSuites(int n, int d, int h) {
  int N = h * d + h * h + 3 * h + 1;
  Data w = share(random_vector(N, -0.5, 0.5, 16));
  Data data = share(random_vector(n * d, -1, 1, 17));
  Data y = share(random_vector(n, -1, 1, 18));
  auto g = std::make_shared<std::vector<double>>(N);
  auto work = std::make_shared<std::vector<double>>(mlp_hand_work_size(h));
  short tag = nextTag();
  tape_mlp(tag, *w, *data, *y, n, d, h);
  std::vector<double> gh(N), gt(N);
  mlp_hand(w->data(), data->data(), y->data(), n, d, h, gh.data(),
           work->data());
  gradient(tag, N, w->data(), gt.data());
  std::string Size = "n=" + std::to_string(n) + ",d=" + std::to_string(d) +
                     ",h=" + std::to_string(h) + "/";
  auto hand = [=] {
    keep(mlp_hand(w->data(), data->data(), y->data(), n, d, h, g->data(),
                  work->data()));
  };
  auto adolc = [=] { keep(gradient(tag, N, w->data(), g->data())); };
  std::vector<double> ga(N);
  mlp_calls_grad(w->data(), data->data(), y->data(), n, d, h, ga.data());
  addVariants(
      "mlp_calls/" + Size, ga, gh, gt,
      [=] { keep(mlp_calls(w->data(), data->data(), y->data(), n, d, h)); },
      [=] {
        keep(mlp_calls_grad(w->data(), data->data(), y->data(), n, d, h,
                            g->data()));
      },
      hand, adolc);
  mlp_inline_grad(w->data(), data->data(), y->data(), n, d, h, ga.data());
  addVariants(
      "mlp_inline/" + Size, ga, gh, gt,
      [=] { keep(mlp_inline(w->data(), data->data(), y->data(), n, d, h)); },
      [=] {
        keep(mlp_inline_grad(w->data(), data->data(), y->data(), n, d, h,
                             g->data()));
      },
      hand, adolc);
}
} // namespace bench
