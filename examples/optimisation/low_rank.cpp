// Rank-2 factorisation of the centred iris data (150 x 4) by gradient descent
// with adgen's gradients, 1000 epochs, lr 0.01, U and V initialised uniform
// in [0, 1) (seed 003, task 4). The loss decreases at every epoch and ends
// near the optimum given by the SVD (the sum of the two smallest eigenvalues
// of A^T A).
#include "low_rank_model.ad.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

double reconstruction_loss(const double *A, const double *U, const double *V,
                           int m, int n, int r);

// Eigenvalues of a symmetric matrix by cyclic Jacobi rotations.
static std::vector<double> eigenvalues(std::vector<double> S, int n) {
  for (int sweep = 0; sweep < 100; ++sweep)
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) {
        double apq = S[p * n + q];
        if (std::fabs(apq) < 1e-300)
          continue;
        double theta = (S[q * n + q] - S[p * n + p]) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) /
                   (std::fabs(theta) + std::sqrt(theta * theta + 1));
        double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; ++k) {
          double skp = S[k * n + p], skq = S[k * n + q];
          S[k * n + p] = c * skp - s * skq;
          S[k * n + q] = s * skp + c * skq;
        }
        for (int k = 0; k < n; ++k) {
          double spk = S[p * n + k], sqk = S[q * n + k];
          S[p * n + k] = c * spk - s * sqk;
          S[q * n + k] = s * spk + c * sqk;
        }
      }
  std::vector<double> ev(n);
  for (int i = 0; i < n; ++i)
    ev[i] = S[i * n + i];
  return ev;
}

int main(int argc, char **argv) {
  std::ifstream in(argc > 1 ? argv[1] : IRIS_CSV);
  std::vector<double> A;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
      A.push_back(std::stod(cell));
  }
  const int m = static_cast<int>(A.size() / 4), n = 4, r = 2;
  if (m != 150) {
    std::puts("low rank: cannot read the iris data");
    return 1;
  }
  for (int j = 0; j < n; ++j) { // centre the columns
    double mean = 0;
    for (int i = 0; i < m; ++i)
      mean += A[i * n + j] / m;
    for (int i = 0; i < m; ++i)
      A[i * n + j] -= mean;
  }
  std::vector<double> AtA(n * n, 0.0);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        AtA[j * n + k] += A[i * n + j] * A[i * n + k];
  std::vector<double> ev = eigenvalues(AtA, n);
  std::sort(ev.begin(), ev.end());
  double optimum = ev[0] + ev[1];

  std::mt19937 rng(0);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> U(m * r), V(r * n), dU(m * r), dV(r * n);
  for (double &u : U)
    u = uniform(rng);
  for (double &v : V)
    v = uniform(rng);
  const double lr = 0.01;
  double previous = INFINITY;
  bool monotone = true;
  for (int epoch = 0; epoch < 1000; ++epoch) {
    double loss = reconstruction_loss_grad(A.data(), U.data(), V.data(), m, n,
                                           r, dU.data(), dV.data());
    monotone &= loss <= previous;
    previous = loss;
    if (epoch % 100 == 0)
      std::printf("epoch %4d: loss %.6f\n", epoch, loss);
    for (int i = 0; i < m * r; ++i)
      U[i] -= lr * dU[i];
    for (int i = 0; i < r * n; ++i)
      V[i] -= lr * dV[i];
  }
  double final = reconstruction_loss(A.data(), U.data(), V.data(), m, n, r);
  std::printf("final loss %.6f, SVD optimum %.6f, %s\n", final, optimum,
              monotone ? "decreasing at every epoch" : "NOT monotone");
  bool ok = monotone && final < 1.01 * optimum;
  std::puts(ok ? "low rank: near the SVD optimum" : "low rank: FAILED");
  return ok ? 0 : 1;
}
