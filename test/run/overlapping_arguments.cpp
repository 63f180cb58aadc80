// A helper lowered in place may receive overlapping arrays: its body then
// addresses the caller's array at each argument's offset, exactly as the
// C++ does. ADBench's LSTM keeps a layer's hidden and cell state in one
// array (&state[2 * i * h], &state[(2 * i + 1) * h]); a helper scales an
// array into itself; another reads a window of the array it writes, shifted
// by one. Every gradient and JVP is checked against central differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

template <typename T> T sigmoid(T x) { return 1 / (1 + std::exp(-x)); }

// One LSTM cell update per unit, in place on hidden and cell.
template <typename T>
void lstm_step(int h, const T *weight, const T *bias, T *hidden, T *cell,
               const T *input) {
  for (int i = 0; i < h; ++i) {
    T forget = sigmoid(input[i] * weight[i] + bias[i]);
    T ingate = sigmoid(hidden[i] * weight[h + i] + bias[h + i]);
    T outgate = sigmoid(input[i] * weight[2 * h + i] + bias[2 * h + i]);
    T change = std::tanh(hidden[i] * weight[3 * h + i] + bias[3 * h + i]);
    cell[i] = cell[i] * forget + ingate * change;
    hidden[i] = outgate * std::tanh(cell[i]);
  }
}

// Two layers over a short sequence; the state array holds, per layer,
// hidden then cell.
ADGEN(grad, jvp, len(w, 8 * h))
double lstm_loss(int h, int steps, const double *w) {
  std::vector<double> state(4 * h, 0.0), input(h), bias(8 * h);
  for (int k = 0; k < 8 * h; ++k)
    bias[k] = 0.1 * std::cos(1.0 + k);
  double total = 0;
  for (int t = 0; t < steps; ++t) {
    for (int i = 0; i < h; ++i)
      input[i] = std::sin(0.7 * t + 0.3 * i);
    lstm_step(h, &w[0], &bias[0], &state[0], &state[h], input.data());
    lstm_step(h, &w[4 * h], &bias[4 * h], &state[2 * h], &state[3 * h],
              &state[0]);
    for (int i = 0; i < h; ++i)
      total += state[2 * h + i] * state[2 * h + i] * (1 + 0.1 * i);
  }
  return total;
}

static void scale_into(const double *x, double *y, int n, double a) {
  for (int i = 0; i < n; ++i)
    y[i] = a * std::sin(x[i]) + y[i];
}

// The same array as input and output of a helper, and a window of it
// shifted by one (y[i] reads x[i], which the call wrote as y[i - 1]).
ADGEN(grad, jvp, len(u, n))
double self_scaled(const double *u, int n) {
  std::vector<double> v(u, u + n);
  scale_into(v.data(), v.data(), n, 0.5);
  if (n > 1)
    scale_into(&v[0], &v[1], n - 1, 0.3);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i] * v[i] * (i + 1);
  return s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  for (int h : {1, 2, 3}) {
    std::vector<double> w(8 * h);
    for (int k = 0; k < 8 * h; ++k)
      w[k] = 0.4 * std::sin(0.9 * k + 0.2);
    checkGradJvp(
        "lstm_loss", w, [&](const double *v) { return lstm_loss(h, 3, v); },
        [&](const double *v, double *g) { return lstm_loss_grad(h, 3, v, g); },
        [&](const double *v, const double *t) {
          return lstm_loss_jvp(h, 3, v, t);
        },
        1e-13);
  }
  for (int n : {1, 2, 5}) {
    std::vector<double> u(n);
    for (int k = 0; k < n; ++k)
      u[k] = 0.6 * std::cos(1.3 * k + 0.1);
    checkGradJvp(
        "self_scaled", u, [&](const double *v) { return self_scaled(v, n); },
        [&](const double *v, double *g) { return self_scaled_grad(v, n, g); },
        [&](const double *v, const double *t) {
          return self_scaled_jvp(v, n, t);
        },
        1e-13);
  }
  return ok ? 0 : 1;
}
#endif
