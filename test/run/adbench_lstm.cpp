// ADBench's LSTM objective as ADBench writes it (src/cpp/shared/lstm.h):
// templates on T, the state vector passed by value (the body works on its
// own copy), the layer input pointer xp re-seated from the prediction
// buffer x2 to the previous layer's hidden state in s, input re-seated to
// target, declared without a value. Requested without edits by
// ADGEN_DIFFERENTIATE; the gradient in every parameter, the state and the
// sequence against central differences, and jvp against grad . t.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// The caller's state is a const input; the copy is what the body updates,
// and xp_array says which array xp points into.
// CHECK-LABEL: void lstm_objective_grad(
// CHECK: const std::vector<double> &state,
// CHECK: std::vector<double> &d_state
// CHECK: int xp_array = 0;
// CHECK: xp_array = 1;

template <typename T> T sigmoid(T x) { return 1 / (1 + exp(-x)); }

template <typename T> T logsumexp(const T *vect, int sz) {
  T sum = 0.0;
  for (int i = 0; i < sz; i++)
    sum += exp(vect[i]);
  sum += 2;
  return log(sum);
}

template <typename T>
void lstm_model(int hsize, const T *const weight, const T *const bias,
                T *hidden, T *cell, const T *const input) {
  std::vector<T> gates(4 * hsize);
  T *const forget = &(gates[0]);
  T *const ingate = &(gates[hsize]);
  T *const outgate = &(gates[2 * hsize]);
  T *const change = &(gates[3 * hsize]);
  for (int i = 0; i < hsize; i++) {
    forget[i] = sigmoid(input[i] * weight[i] + bias[i]);
    ingate[i] = sigmoid(hidden[i] * weight[hsize + i] + bias[hsize + i]);
    outgate[i] = sigmoid(input[i] * weight[2 * hsize + i] + bias[2 * hsize + i]);
    change[i] = tanh(hidden[i] * weight[3 * hsize + i] + bias[3 * hsize + i]);
  }
  for (int i = 0; i < hsize; i++)
    cell[i] = cell[i] * forget[i] + ingate[i] * change[i];
  for (int i = 0; i < hsize; i++)
    hidden[i] = outgate[i] * tanh(cell[i]);
}

template <typename T>
void lstm_predict(int l, int b, const T *const w, const T *const w2, T *s,
                  const T *const x, T *x2) {
  for (int i = 0; i < b; i++)
    x2[i] = x[i] * w2[i];
  T *xp = x2;
  for (int i = 0; i <= 2 * l * b - 1; i += 2 * b) {
    lstm_model(b, &(w[i * 4]), &(w[(i + b) * 4]), &(s[i]), &(s[i + b]), xp);
    xp = &(s[i]);
  }
  for (int i = 0; i < b; i++)
    x2[i] = xp[i] * w2[b + i] + w2[2 * b + i];
}

template <typename T>
void lstm_objective(int l, int c, int b, const T *const main_params,
                    const T *const extra_params, std::vector<T> state,
                    const T *const sequence, T *loss) {
  int i, t;
  T total = 0.0;
  int count = 0;
  const T *input = &(sequence[0]);
  std::vector<T> ypred(b), ynorm(b);
  const T *target;
  for (t = 0; t <= (c - 1) * b - 1; t += b) {
    lstm_predict(l, b, main_params, extra_params, state.data(), input,
                 ypred.data());
    T lse = logsumexp(ypred.data(), b);
    for (i = 0; i < b; i++)
      ynorm[i] = ypred[i] - lse;
    target = &(sequence[t + b]);
    for (i = 0; i < b; i++)
      total += target[i] * ynorm[i];
    count += b;
    input = target;
  }
  *loss = -total / count;
}

ADGEN_DIFFERENTIATE(lstm_objective<double>, grad, jvp,
                    len(main_params, 8 * l * b), len(extra_params, 3 * b),
                    len(sequence, c * b));

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  const int l = 2, c = 3, b = 3;
  const int nm = 8 * l * b, ne = 3 * b, ns = 2 * l * b, nq = c * b;
  std::vector<double> z(nm + ne + ns + nq);
  for (size_t i = 0; i < z.size(); ++i)
    z[i] = 0.6 * std::sin(0.9 * i + 0.3);
  auto split = [&](const double *v, std::vector<double> &state) {
    state.assign(v + nm + ne, v + nm + ne + ns);
  };
  auto f = [&](const double *v) {
    std::vector<double> state;
    split(v, state);
    double loss = 0;
    lstm_objective(l, c, b, v, v + nm, state, v + nm + ne + ns, &loss);
    return loss;
  };
  checkGradJvp(
      "lstm_objective", z, f,
      [&](const double *v, double *g) {
        std::vector<double> state, d_state(1, -5.0); // resized
        split(v, state);
        const std::vector<double> before = state;
        double loss = -1;
        lstm_objective_grad(l, c, b, v, v + nm, state, v + nm + ne + ns,
                            &loss, g, g + nm, d_state, g + nm + ne + ns);
        expect(state == before, "lstm_objective: the caller's state");
        expect(d_state.size() == static_cast<size_t>(ns),
               "lstm_objective: d_state resized");
        std::copy(d_state.begin(), d_state.end(), g + nm + ne);
        return loss;
      },
      [&](const double *v, const double *t) {
        std::vector<double> state, t_state;
        split(v, state);
        split(t, t_state);
        double loss = 0, d_loss = 0;
        lstm_objective_jvp(l, c, b, v, v + nm, state, v + nm + ne + ns,
                           &loss, t, t + nm, t_state, t + nm + ne + ns,
                           &d_loss);
        return d_loss;
      });
  if (ok)
    std::printf("lstm checked\n");
  return ok ? 0 : 1;
}
#endif
