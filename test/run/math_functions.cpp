// Every <cmath> function adgen knows, differentiated in reverse (grad) and
// forward (jvp) mode, checked against central finite differences at points
// inside each function's domain, compiled with g++ and clang++.
// RUN: %adgen --emit=header %s -o %t.h -- -std=c++17
// RUN: %adgen %s -o %t.cpp -- -std=c++17
// RUN: %gxx %cxxflags -include %t.h %t.cpp -o %t.gcc && %t.gcc
// RUN: %clangxx %cxxflags -include %t.h %t.cpp -o %t.clang && %t.clang

#include <adgen/adgen.h>
#include <cmath>
#include <cstdio>

#define UNARY(NAME, EXPR)                                                      \
  ADGEN(grad, jvp) double NAME(double x) { return EXPR; }
#define BINARY(NAME, EXPR)                                                     \
  ADGEN(grad, jvp) double NAME(double x, double y) { return EXPR; }

UNARY(u_sin, std::sin(x))
UNARY(u_cos, std::cos(x))
UNARY(u_tan, std::tan(x))
UNARY(u_asin, std::asin(x))
UNARY(u_acos, std::acos(x))
UNARY(u_atan, std::atan(x))
UNARY(u_sinh, std::sinh(x))
UNARY(u_cosh, std::cosh(x))
UNARY(u_tanh, std::tanh(x))
UNARY(u_asinh, std::asinh(x))
UNARY(u_acosh, std::acosh(x + 1.5))
UNARY(u_atanh, std::atanh(x))
UNARY(u_exp, std::exp(x))
UNARY(u_exp2, std::exp2(x))
UNARY(u_expm1, std::expm1(x))
UNARY(u_log, std::log(x + 2))
UNARY(u_log2, std::log2(x + 2))
UNARY(u_log10, std::log10(x + 2))
UNARY(u_log1p, std::log1p(x))
UNARY(u_sqrt, std::sqrt(x + 1))
UNARY(u_cbrt, std::cbrt(x - 2))
UNARY(u_fabs, std::fabs(x - 1) * x)
UNARY(u_abs, std::abs(x - 1) * x)
UNARY(u_erf, std::erf(x))
UNARY(u_erfc, std::erfc(x))
UNARY(u_lgamma, std::lgamma(x + 2))
UNARY(u_lgamma_small, std::lgamma(x + 0.1))
UNARY(u_tgamma, std::tgamma(x + 2))
UNARY(u_floor, std::floor(3 * x) + x * x)
UNARY(u_ceil, std::ceil(3 * x) * x)
UNARY(u_round, std::round(3 * x) * x)
UNARY(u_trunc, std::trunc(3 * x) * x)
UNARY(u_pow_int, std::pow(x, 3))
UNARY(u_pow_neg_int, std::pow(x + 2, -2))
UNARY(u_pow_half, std::pow(x + 1, 0.5))
UNARY(u_c_names, sin(x) * exp(x) + sqrt(x + 1) + pow(x, 2)) // <math.h> names
BINARY(b_atan2, std::atan2(x, y))
BINARY(b_pow, std::pow(x + 2, y))
BINARY(b_hypot, std::hypot(x, y))
BINARY(b_fmin, std::fmin(x, y) * x)
BINARY(b_fmax, std::fmax(x, y) * y)
BINARY(b_copysign, std::copysign(x, y) * y)
BINARY(b_fmod, std::fmod(x + 5, y + 2))

ADGEN(grad, jvp)
double t_fma(double a, double b, double c) { return std::fma(a, b, c) * a; }

// float and long double: derivatives have the parameter's type.
ADGEN(grad, jvp) float f_float(float x, float y) {
  return std::sin(x) * std::exp(y) + std::sqrt(x * x + y * y);
}
ADGEN(grad, jvp) long double f_long(long double x, long double y) {
  return std::log(x * x + 1) * std::cos(y) + std::pow(x, 3);
}

#ifndef __ADGEN__
static bool ok = true;
static int checks = 0;
#define CHECK1(NAME, X)                                                        \
  do {                                                                         \
    bool r = adgen::check_grad(NAME, NAME##_grad, X) &&                        \
             adgen::check_jvp(NAME, NAME##_jvp, std::tuple(X),                 \
                              std::tuple(-0.7));                               \
    if (!r)                                                                    \
      std::printf("FAILED: %s at %g\n", #NAME, (double)(X));                   \
    ok &= r;                                                                   \
    ++checks;                                                                  \
  } while (0)
#define CHECK2(NAME, X, Y)                                                     \
  do {                                                                         \
    bool r = adgen::check_grad(NAME, NAME##_grad, X, Y) &&                     \
             adgen::check_jvp(NAME, NAME##_jvp, std::tuple(X, Y),              \
                              std::tuple(0.6, -1.1));                          \
    if (!r)                                                                    \
      std::printf("FAILED: %s at (%g, %g)\n", #NAME, (double)(X), (double)(Y)); \
    ok &= r;                                                                   \
    ++checks;                                                                  \
  } while (0)

int main() {
  for (double x : {0.3, -0.45}) {
    CHECK1(u_sin, x);
    CHECK1(u_cos, x);
    CHECK1(u_tan, x);
    CHECK1(u_asin, x);
    CHECK1(u_acos, x);
    CHECK1(u_atan, x);
    CHECK1(u_sinh, x);
    CHECK1(u_cosh, x);
    CHECK1(u_tanh, x);
    CHECK1(u_asinh, x);
    CHECK1(u_acosh, x);
    CHECK1(u_atanh, x);
    CHECK1(u_exp, x);
    CHECK1(u_exp2, x);
    CHECK1(u_expm1, x);
    CHECK1(u_log, x);
    CHECK1(u_log2, x);
    CHECK1(u_log10, x);
    CHECK1(u_log1p, x);
    CHECK1(u_sqrt, x);
    CHECK1(u_cbrt, x);
    CHECK1(u_fabs, x);
    CHECK1(u_abs, x);
    CHECK1(u_erf, x);
    CHECK1(u_erfc, x);
    CHECK1(u_lgamma, x);
    CHECK1(u_lgamma_small, x);
    CHECK1(u_tgamma, x);
    CHECK1(u_floor, x);
    CHECK1(u_ceil, x);
    CHECK1(u_round, x);
    CHECK1(u_trunc, x);
    CHECK1(u_pow_int, x);
    CHECK1(u_pow_neg_int, x);
    CHECK1(u_pow_half, x);
    CHECK1(u_c_names, x);
  }
  for (auto [x, y] : {std::pair{0.8, 1.3}, std::pair{-1.2, 0.4},
                      std::pair{2.1, -0.9}}) {
    CHECK2(b_atan2, x, y);
    CHECK2(b_pow, x, y);
    CHECK2(b_hypot, x, y);
    CHECK2(b_fmin, x, y);
    CHECK2(b_fmax, x, y);
    CHECK2(b_copysign, x, y);
    CHECK2(b_fmod, x, y);
  }
  ok &= adgen::check_grad(t_fma, t_fma_grad, 0.5, -1.5, 2.0);
  ok &= adgen::check_jvp(t_fma, t_fma_jvp, std::tuple(0.5, -1.5, 2.0),
                         std::tuple(1.0, 0.5, -0.25));
  ok &= adgen::check_grad(f_float, f_float_grad, 0.7f, -0.3f);
  ok &= adgen::check_jvp(f_float, f_float_jvp, std::tuple(0.7f, -0.3f),
                         std::tuple(1.0f, 2.0f));
  ok &= adgen::check_grad(f_long, f_long_grad, 0.7L, -0.3L);
  ok &= adgen::check_jvp(f_long, f_long_jvp, std::tuple(0.7L, -0.3L),
                         std::tuple(1.0L, 2.0L));
  // The partials have the parameters' types.
  float dfx, dfy;
  static_assert(std::is_same_v<decltype(f_float_grad(0.f, 0.f, &dfx, &dfy)),
                               float>);
  std::printf("math functions: %d checks, %s\n", checks + 3,
              ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
#endif
