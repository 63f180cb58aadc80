//===- bench_rosenbrock.cpp - Rosenbrock's loop spellings -----------------===//
// Each spelling of rosenbrock_spellings.cpp against the shared hand-written
// gradient and ADOL-C on rosenbrock's tape (it records operations, not
// spellings).
//===----------------------------------------------------------------------===//
#include "adolc_tapes.h"
#include "bench_util.h"
#include "handwritten.h"
#include "rosenbrock_spellings.ad.h"
#include "workloads.h"

#include <adolc/adolc.h>
#include <memory>

namespace bench {
namespace {
using Fn = double (*)(const double *, int);
using Grad = double (*)(const double *, int, double *);

void spellingSuite(const std::string &Name, int n, short tag, Fn F, Grad G) {
  auto x = random_vector(n, -1, 1, 9); // rosenbrockSuite's x
  std::string P = Name + "/n=" + std::to_string(n) + "/";
  auto g = std::make_shared<std::vector<double>>(n);
  std::vector<double> ga(n, -1.0), gh(n), gt(n);
  G(x.data(), n, ga.data());
  rosenbrock_hand(x.data(), n, gh.data());
  gradient(tag, n, x.data(), gt.data());
  addVariants(
      P, ga, gh, gt, [=] { keep(F(x.data(), n)); },
      [=] { keep(G(x.data(), n, g->data())); },
      [=] { keep(rosenbrock_hand(x.data(), n, g->data())); },
      [=] { keep(gradient(tag, n, x.data(), g->data())); });
}
} // namespace

void rosenbrockSpellingSuites(int n, short Tag) {
  spellingSuite("rosen_plus_one", n, Tag, rosen_plus_one, rosen_plus_one_grad);
  spellingSuite(
      "rosen_size_t", n, Tag,
      [](const double *x, int n) { return rosen_size_t(x, n); },
      [](const double *x, int n, double *g) {
        return rosen_size_t_grad(x, n, g);
      });
  spellingSuite("rosen_while", n, Tag, rosen_while, rosen_while_grad);
  spellingSuite("rosen_down", n, Tag, rosen_down, rosen_down_grad);
  spellingSuite("rosen_pointer", n, Tag, rosen_pointer, rosen_pointer_grad);
  spellingSuite("rosen_declared", n, Tag, rosen_declared, rosen_declared_grad);
  spellingSuite("rosen_template", n, Tag, rosen_template<double>,
                rosen_template_grad);
}
} // namespace bench
