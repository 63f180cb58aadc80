// Calls with array arguments that stay calls (issue 9, part 5): a large
// user function that reads arrays and returns a number is called by the
// derivative through its own generated jvp and an accumulating vjp, once
// per call site, instead of being lowered in place. Rows passed as offsets,
// a parameter subset, every parameter active, a std::vector, a call in a
// branch and a while loop, nested large callees, and a small callee that is
// still lowered in place. Every gradient and JVP is checked against central
// differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// The header declares what users call, not the callees' derivatives (a
// static one would be declared and never defined in another file).
// RUN: %gxx %cxxflags -include %t.h -c -x c++ /dev/null -o /dev/null
// RUN: FileCheck %s --check-prefix=HEADER --implicit-check-not=predict_ --implicit-check-not=pair_energy_ --implicit-check-not=hamiltonian_ < %t.h
// HEADER: double loss_grad(
// HEADER: double action_jvp(
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <vector>

// A small network: hidden = tanh(scale (W1 x + b1)), out = w2 . hidden + b2,
// a softplus skip term and a penalty; w holds W1 (H x d), b1, w2, b2.
double predict(const double *w, const double *x, int d, double scale) {
  const int H = 8;
  double out = w[H * d + 2 * H];
  for (int h = 0; h < H; ++h) {
    double z = w[H * d + h];
    for (int j = 0; j < d; ++j)
      z += w[h * d + j] * x[j];
    double a = std::tanh(scale * z);
    out += w[H * d + H + h] * a;
  }
  double skip = 0.0;
  for (int j = 0; j < d; ++j) {
    double v = x[j] * w[j];
    skip += std::log1p(std::exp(v)) - 0.5 * v;
  }
  double reg = 0.0;
  for (int h = 0; h < H; ++h) {
    double q = w[H * d + H + h];
    reg += q * q / (1.0 + q * q);
  }
  return out + 0.1 * skip + 0.01 * reg * scale;
}

// Small: lowered in place, where the caller's loops can fuse with it.
double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

constexpr int D = 3, NP = 4, NW = 8 * D + 17;

// CHECK-LABEL: double predict_vjp_add_w_scale(const double *w, const double *x, int d,
// CHECK-NEXT: double scale, double w_return, double *d_w,
// CHECK-NEXT: double *d_scale) {
// CHECK-NOT: fill_n
// CHECK: return
// CHECK-LABEL: double loss_grad(
// CHECK: ::predict(w, data + [[OFF:tmp[0-9]+]], d, scale)
// CHECK: ::predict_vjp_add_w_scale(w, data + [[OFF]], d, scale, d_r, d_w, &
// CHECK-NOT: tanh
// CHECK: return
ADGEN(grad(w, scale), jvp(w, scale), len(w, 8 * d + 17), len(data, n * d),
      len(y, n))
double loss(const double *w, const double *data, const double *y, int n, int d,
            double scale) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double r = predict(w, &data[i * d], d, scale) - y[i];
    s += r * r;
  }
  return s / n;
}

// Every parameter active: the rows of data get their adjoints at an offset.
// CHECK-LABEL: double loss_all_grad(
// CHECK: ::predict_vjp_add(w, data + [[OFF2:tmp[0-9]+]], d, scale, d_p, d_w, d_data + [[OFF2]],
// CHECK-NOT: ::dot(
// CHECK: return
ADGEN(grad, jvp, len(w, 8 * d + 17), len(data, n * d), len(y, n))
double loss_all(const double *w, const double *data, const double *y, int n,
                int d, double scale) {
  double s = 0.0;
  int i = 0;
  while (i < n) {
    double p = predict(w, data + i * d, d, scale);
    if (p > y[i])
      s += (p - y[i]) * (p - y[i]);
    else
      s += 0.5 * predict(w, data + i * d, d, 2.0 * scale) * y[i];
    s += 0.01 * dot(w, data + i * d, d);
    ++i;
  }
  return s;
}

// A whole std::vector, passed through .data().
// CHECK-LABEL: double vec_loss_grad(
// CHECK: ::predict_vjp_add_w_scale(w.data(), x.data(), 3, scale,
ADGEN(grad(w, scale), jvp(w, scale))
double vec_loss(const std::vector<double> &w, const std::vector<double> &x,
                double scale) {
  return predict(w.data(), x.data(), 3, scale) * scale;
}

// A large callee calling another: both stay calls.
static double pair_energy(const double *q, int m, double k) {
  double e = 0;
  for (int i = 0; i < m; ++i)
    for (int j = i + 1; j < m; ++j) {
      double r = q[i] - q[j];
      double r2 = r * r + 0.5;
      e += k / std::sqrt(r2) + 0.25 * std::log(r2) - std::exp(-r2);
      e += 0.125 * std::sin(q[i] * q[j]) * std::cos(r) / (1.0 + r2 * r2);
    }
  for (int i = 0; i < m; ++i)
    e += 0.5 * k * q[i] * q[i] + std::atan(q[i]) * std::tanh(k * q[i]);
  return e;
}

double hamiltonian(const double *q, const double *p, int m, double k) {
  double kin = 0;
  for (int i = 0; i < m; ++i) {
    double v = p[i] / (1.0 + 0.1 * q[i] * q[i]);
    kin += 0.5 * v * p[i] + 0.01 * std::pow(p[i], 4) + std::cosh(0.1 * v);
  }
  double drift = 0;
  for (int i = 0; i + 1 < m; ++i)
    drift += std::sin(p[i] - p[i + 1]) * std::exp(-0.5 * q[i] * q[i]);
  double coupling = 0;
  for (int i = 0; i < m; ++i) {
    double c = q[i] * p[m - 1 - i] / (1.0 + std::fabs(q[i]));
    coupling += c * c * std::exp(-0.1 * p[i] * p[i]) + std::sqrt(1.0 + c * c);
  }
  return kin + pair_energy(q, m, k) + 0.1 * drift + 0.05 * coupling;
}

// CHECK-LABEL: double pair_energy_vjp_add(
// CHECK-LABEL: double hamiltonian_vjp_add(
// CHECK: ::pair_energy_vjp_add(q, m, k, {{.*}}, d_q,
// CHECK-LABEL: double action_grad(
// CHECK: ::hamiltonian_vjp_add(q, p, 4, k,
ADGEN(grad, jvp, len(q, 4), len(p, 4))
double action(const double *q, const double *p, double k) {
  return hamiltonian(q, p, 4, k) + k * hamiltonian(p, q, 4, 0.5);
}

// One array passed to two parameters (rows i and j of x, i == j too): its
// adjoint rows would overlap in the callee's vjp, which assumes distinct
// arrays, so the call is lowered in place.
double kern(const double *a, const double *b, int d) {
  double s = 0, t = 0, u = 0;
  for (int k = 0; k < d; ++k) {
    double r = a[k] - b[k];
    s += r * r;
    t += a[k] * b[k];
  }
  int k = 0;
  while (k < d && u < 50.0) {
    u += a[0] * b[k] * b[k] + std::sin(a[k]) * std::cos(b[0]);
    ++k;
  }
  for (int k2 = 0; k2 < d; ++k2)
    u += 0.25 * std::exp(-a[k2] * a[k2]) * std::atan(b[k2] + t);
  return std::exp(-0.5 * s) + 0.1 * t * t + 0.01 * u;
}

// CHECK-LABEL: double pairs_grad(
// CHECK-NOT: kern_vjp_add
// CHECK: return
ADGEN(grad, jvp, len(x, n * d))
double pairs(const double *x, int n, int d) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      s += kern(x + i * d, x + j * d, d);
  return s;
}

#ifndef __ADGEN__
#include "fd_check.h"

int main() {
  std::vector<double> data(NP * D), y(NP), w0(NW);
  for (int i = 0; i < NP * D; ++i)
    data[i] = std::sin(1.0 + 0.7 * i);
  for (int i = 0; i < NP; ++i)
    y[i] = 0.3 * i - 0.4;
  for (int i = 0; i < NW; ++i)
    w0[i] = 0.4 * std::cos(0.3 + 1.3 * i);

  // loss over (w, scale).
  std::vector<double> ws = w0;
  ws.push_back(0.8);
  checkGradJvp(
      "loss", ws,
      [&](const double *x) {
        return loss(x, data.data(), y.data(), NP, D, x[NW]);
      },
      [&](const double *x, double *g) {
        return loss_grad(x, data.data(), y.data(), NP, D, x[NW], g, g + NW);
      },
      [&](const double *x, const double *t) {
        return loss_jvp(x, data.data(), y.data(), NP, D, x[NW], t, t[NW]);
      },
      1e-14);

  // loss_all over (w, data, y, scale).
  std::vector<double> all = w0;
  all.insert(all.end(), data.begin(), data.end());
  all.insert(all.end(), y.begin(), y.end());
  all.push_back(0.7);
  const int DA = NW, YA = NW + NP * D, SA = YA + NP;
  checkGradJvp(
      "loss_all", all,
      [&](const double *x) {
        return loss_all(x, x + DA, x + YA, NP, D, x[SA]);
      },
      [&](const double *x, double *g) {
        return loss_all_grad(x, x + DA, x + YA, NP, D, x[SA], g, g + DA,
                             g + YA, g + SA);
      },
      [&](const double *x, const double *t) {
        return loss_all_jvp(x, x + DA, x + YA, NP, D, x[SA], t, t + DA,
                            t + YA, t[SA]);
      },
      1e-14);

  // vec_loss over (w, scale).
  std::vector<double> xv(data.begin(), data.begin() + D);
  checkGradJvp(
      "vec_loss", ws,
      [&](const double *x) {
        return vec_loss(std::vector<double>(x, x + NW), xv, x[NW]);
      },
      [&](const double *x, double *g) {
        std::vector<double> dw;
        double v = vec_loss_grad(std::vector<double>(x, x + NW), xv, x[NW], dw,
                                 g + NW);
        expect(dw.size() == static_cast<size_t>(NW), "vec_loss: d_w size");
        for (int i = 0; i < NW; ++i)
          g[i] = dw[i];
        return v;
      },
      [&](const double *x, const double *t) {
        return vec_loss_jvp(std::vector<double>(x, x + NW), xv, x[NW],
                            std::vector<double>(t, t + NW), t[NW]);
      },
      1e-14);

  // action over (qp, k).
  std::vector<double> qk;
  for (int i = 0; i < 8; ++i)
    qk.push_back(0.3 * std::sin(2.0 + i));
  qk.push_back(1.2);
  checkGradJvp(
      "action", qk, [](const double *x) { return action(x, x + 4, x[8]); },
      [](const double *x, double *g) {
        return action_grad(x, x + 4, x[8], g, g + 4, g + 8);
      },
      [](const double *x, const double *t) {
        return action_jvp(x, x + 4, x[8], t, t + 4, t[8]);
      },
      1e-14);
  std::vector<double> xp(3 * 2);
  for (int i = 0; i < 6; ++i)
    xp[i] = 0.3 * std::cos(1.0 + 0.8 * i);
  checkGradJvp(
      "pairs", xp, [](const double *x) { return pairs(x, 3, 2); },
      [](const double *x, double *g) { return pairs_grad(x, 3, 2, g); },
      [](const double *x, const double *t) { return pairs_jvp(x, 3, 2, t); },
      1e-14);
  return ok ? 0 : 1;
}
#endif
