// The C++ that adgen differentiates: locals and reassignment, compound
// assignment, branches, ?:, early returns, logic in conditions, casts,
// integer and bool parameters, const references, calls to user functions,
// namespaces, static functions and restricted modes. Every derivative is
// checked against finite differences.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %section %t.cpp | FileCheck %s
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <algorithm>
#include <cmath>
#include <cstdio>

// Locals, reassignment and every compound assignment.
ADGEN(grad, jvp)
double locals(double x, double y) {
  double a = x * y;
  double b = a;
  a = a + std::sin(x);
  a += y;
  a -= 0.5 * x;
  a *= b;
  a /= 1 + y * y;
  double c = -a;
  c = +c;
  return c * x - y / 3;
}
// The user's variable names survive into the gradient.
// CHECK-LABEL: double locals_grad(
// CHECK: const double a = x * y;

// if / else with assignments merged after the branch.
ADGEN(grad, jvp)
double branches(double x, double y) {
  double r = x;
  if (x > y) {
    r = r * std::exp(y);
  } else if (x < -1) {
    r = std::sin(r) + y;
  } else {
    r = r * r * y;
  }
  if (r > 10)
    r = 10;
  return r + x;
}
// Branches stay branches in the gradient.
// CHECK-LABEL: double branches_grad(
// CHECK: if (x > y) {
// CHECK: } else {

// Early returns, including from nested branches.
ADGEN(grad, jvp)
double early(double x, double y) {
  if (x < 0)
    return -x * y;
  double z = x * std::exp(y);
  if (z > 2) {
    if (y > 0)
      return std::sqrt(z);
    z = z * 0.5;
  }
  return z * y;
}

// && || ! and comparisons in conditions; ?: on leaves and on expressions.
ADGEN(grad, jvp)
double logic(double x, double y) {
  bool inside = x > -1 && x < 1;
  bool far = !(y <= 2) || y == -3;
  double m = x > y ? x : y;
  double s = inside ? std::sqrt(1 - x * x) : std::log(x * x);
  return (inside || far) ? m * s : m + s + (x != y ? 1.0 : 0.0);
}

// Casts, integer and bool parameters, integer arithmetic, literals.
ADGEN(grad, jvp)
double mixed(double x, int n, bool flag, float w) {
  int k = n * 2 + 1;
  k %= 7;
  k++;
  --k;
  double scale = static_cast<double>(k) / 3;
  long whole = (long)x;
  double frac = x - whole;
  double v = scale * x * w + frac * frac + 2 * x;
  if (flag)
    v = v * float(n);
  return v + (int)3.7 + 'a' / 97;
}
// Integer and bool parameters are not differentiated.
// CHECK-LABEL: double mixed_grad(double x, int n, bool flag, float w, double *d_x,
// CHECK-NEXT: float *d_w) {

// Parameters by const reference.
ADGEN(grad, jvp)
double by_ref(const double &x, const double &y) { return x * x * y; }

// Calls to user functions, which are differentiated and called through their
// gradient; helper is not marked itself.
static double helper(double a, int p, double b) {
  return std::pow(a, p) * std::cos(b);
}
namespace geo {
double norm2(double a, double b) { return std::sqrt(a * a + b * b); }

ADGEN(grad, jvp)
double calls(double x, double y) {
  double h = helper(x, 2, y) + helper(y, 3, 0.5);
  return norm2(h, x) * norm2(y, 1.0);
}
} // namespace geo
// CHECK-LABEL: static double helper_grad(double a, int p, double b, double *d_a, double *d_b) {
// CHECK-LABEL: namespace geo {
// CHECK-NEXT: double norm2_grad(double a, double b, double *d_a, double *d_b) {
// CHECK-LABEL: double calls_grad(double x, double y, double *d_x, double *d_y) {
// CHECK: ::helper_grad(x, 2, y, &
// CHECK: norm2_grad(

// Only the listed parameters get derivatives.
ADGEN(grad(y), jvp(x))
double restricted(double x, double y) { return x * std::exp(x * y); }
// CHECK-LABEL: double restricted_grad(double x, double y, double *d_y) {
// CHECK-LABEL: double restricted_jvp(double x, double y, double t_x, double *value) {

// Constants from outside the function, and a function of no active input
// path (the derivative is exactly zero).
constexpr double kScale = 2.5;
const int kPower = 3;
ADGEN(grad, jvp)
double constants(double x, double y) {
  (void)y;
  return kScale * std::pow(x, kPower) + M_PI;
}
// CHECK-LABEL: double constants_grad(
// CHECK: *d_y = 0.0;

// std::max, std::min and std::clamp are selects, as the standard defines
// them: on a tie the derivative is the first argument's.
ADGEN(grad, jvp)
double min_max(double x, double y) {
  return std::max(x, y) * 2 + std::min(x * y, 1.0) +
         std::clamp(x - y, -0.5, 0.25);
}
// CHECK-LABEL: double min_max_grad(
// CHECK: const bool [[LT:tmp[0-9]+]] = x < y;

ADGEN(grad, len(v, n))
double clamped_index(const double *v, int n, double t) {
  int k = std::min(std::max(int(t), 0), n - 1);
  return v[k] * t;
}

#ifndef __ADGEN__
#include <functional>
static bool ok = true;
#define CHECK(COND)                                                            \
  do {                                                                         \
    if (!(COND)) {                                                             \
      std::printf("FAILED: %s (line %d)\n", #COND, __LINE__);                  \
      ok = false;                                                              \
    }                                                                          \
  } while (0)

int main() {
  const std::pair<double, double> points[] = {
      {0.3, -0.8}, {1.7, 0.2}, {-1.6, 0.9}, {-0.4, 2.5},
      {2.0, 1.5},  {0.9, 0.5}, {4.0, 0.6},  {0.6, -3.0}};
  {
    double dx, dy;
    min_max_grad(0.5, 0.5, &dx, &dy); // max and min tie: the first argument
    CHECK(dx == 2 + 0.5 + 1 && dy == 0.5 - 1); // max, min, clamp
    const double v[3] = {2.0, -1.0, 4.0};
    for (double t : {-1.5, 0.5, 1.25, 2.5, 7.0}) {
      double dv[3], dt;
      CHECK(clamped_index_grad(v, 3, t, dv, &dt) == clamped_index(v, 3, t));
      int k = t < 0 ? 0 : t > 2 ? 2 : int(t);
      CHECK(dt == v[k]);
      for (int i = 0; i < 3; ++i)
        CHECK(dv[i] == (i == k ? t : 0.0));
    }
  }
  for (auto point : points) {
    double x = point.first, y = point.second;
    std::tuple t{0.3, -1.1};
    CHECK(adgen::check_grad(locals, locals_grad, x, y));
    CHECK(adgen::check_jvp(locals, locals_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(branches, branches_grad, x, y));
    CHECK(adgen::check_jvp(branches, branches_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(early, early_grad, x, y));
    CHECK(adgen::check_jvp(early, early_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(logic, logic_grad, x, y));
    CHECK(adgen::check_jvp(logic, logic_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(by_ref, by_ref_grad, x, y));
    CHECK(adgen::check_jvp(by_ref, by_ref_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(geo::calls, geo::calls_grad, x, y));
    CHECK(adgen::check_jvp(geo::calls, geo::calls_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_grad(constants, constants_grad, x, y));
    CHECK(adgen::check_grad(min_max, min_max_grad, x, y));
    CHECK(adgen::check_jvp(min_max, min_max_jvp, std::tuple(x, y), t));
    CHECK(adgen::check_jvp(constants, constants_jvp, std::tuple(x, y), t));
    // restricted: grad(y) and jvp(x) through one-parameter lambdas.
    CHECK(adgen::check_grad([&](double yy) { return restricted(x, yy); },
                            [&](double yy, double *d) {
                              return restricted_grad(x, yy, d);
                            },
                            y));
    CHECK(adgen::check_jvp([&](double xx) { return restricted(xx, y); },
                           [&](double xx, double tx, double *v) {
                             return restricted_jvp(xx, y, tx, v);
                           },
                           std::tuple(x), std::tuple(0.7)));
    // mixed: x and w are differentiated, n and flag are fixed. (long)x jumps
    // at integers, so keep x off them.
    x += 0.125;
    for (int n : {2, 5}) {
      for (bool flag : {false, true}) {
        float w = 0.75f;
        auto f = [&](double xx, double ww) {
          return mixed(xx, n, flag, static_cast<float>(ww));
        };
        double dx;
        float dw;
        double value = mixed_grad(x, n, flag, w, &dx, &dw);
        CHECK(value == mixed(x, n, flag, w));
        std::array<long double, 2> p{x, w}, e0{1, 0}, e1{0, 1};
        adgen::CheckOptions loose{2e-3, 1e-4, true}; // w is a float
        CHECK(adgen::close(dx, adgen::detail::directional<double, float>(f, p, e0),
                           adgen::CheckOptions{}));
        CHECK(adgen::close(dw, adgen::detail::directional<double, float>(f, p, e1),
                           loose));
        double tv;
        double jv = mixed_jvp(x, n, flag, w, 0.5, 2.0f, &tv);
        CHECK(tv == value);
        CHECK(adgen::close(jv, 0.5 * dx + 2.0 * dw, adgen::CheckOptions{}));
      }
    }
  }
  std::puts(ok ? "constructs: ok" : "constructs: FAILED");
  return ok ? 0 : 1;
}
#endif
