//===- bench_particles.cpp - Pair energies over records and flat arrays ---===//
// particles.cpp's energy of n charges held as std::vector<Vec3> (rows
// "particles") and as one flat array ("particles_flat"), against the
// hand-written gradients of handwritten_particles.cpp. No ADOL-C row: the
// question is what records cost adgen, next to the same code on an array.
//===----------------------------------------------------------------------===//
#include "bench_util.h"
#include "particles.ad.h"
#include "particles.h"

#include <memory>

namespace bench {

void particleSuite(int n) {
  std::vector<double> X = random_vector(3 * n, -2, 2, 21);
  auto flat = std::make_shared<std::vector<double>>(X);
  auto recs = std::make_shared<std::vector<Vec3>>(n);
  for (int i = 0; i < n; ++i)
    (*recs)[i] = {X[3 * i], X[3 * i + 1], X[3 * i + 2]};
  auto g = std::make_shared<std::vector<double>>(3 * n);
  auto gr = std::make_shared<std::vector<Vec3>>(n);
  // Both gradients against the hand-written one, and the two layouts
  // against each other.
  std::vector<Vec3> ra, rh;
  pair_energy_grad(*recs, ra);
  pair_energy_hand(*recs, rh);
  std::vector<double> a(3 * n), h(3 * n), fa(3 * n), fh(3 * n);
  for (int i = 0; i < n; ++i) {
    a[3 * i] = ra[i].x, a[3 * i + 1] = ra[i].y, a[3 * i + 2] = ra[i].z;
    h[3 * i] = rh[i].x, h[3 * i + 1] = rh[i].y, h[3 * i + 2] = rh[i].z;
  }
  pair_energy_flat_grad(flat->data(), n, fa.data());
  pair_energy_flat_hand(flat->data(), n, fh.data());
  std::string Size = "/n=" + std::to_string(n) + "/";
  expectSame(a, h, "particles" + Size + "adgen");
  expectSame(fa, fh, "particles_flat" + Size + "adgen");
  expectSame(fa, a, "particles_flat" + Size + "records");
  std::string P = "particles" + Size;
  auto function = [=] { keep(pair_energy(*recs)); };
  auto grad = [=] { keep(pair_energy_grad(*recs, *gr)); };
  auto hand = [=] { keep(pair_energy_hand(*recs, *gr)); };
  add(P + "function", function);
  add(P + "adgen", grad);
  add(P + "hand", hand);
  addRatios(P + "ratios", function, grad, hand);
  P = "particles_flat" + Size;
  auto ffunction = [=] { keep(pair_energy_flat(flat->data(), n)); };
  auto fgrad = [=] { keep(pair_energy_flat_grad(flat->data(), n, g->data())); };
  auto fhand = [=] { keep(pair_energy_flat_hand(flat->data(), n, g->data())); };
  add(P + "function", ffunction);
  add(P + "adgen", fgrad);
  add(P + "hand", fhand);
  addRatios(P + "ratios", ffunction, fgrad, fhand);
}

} // namespace bench
