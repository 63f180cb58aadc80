//===- special_functions.h - Digamma and trigamma ---------------*- C++ -*-===//
// The derivatives of lgamma and tgamma need psi and psi'; <cmath> has
// neither, so generated code calls these.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_SPECIAL_FUNCTIONS_H
#define ADGEN_SPECIAL_FUNCTIONS_H
#include "adgen/detail/macros_off.h"

#include <cmath>
#include <limits>

namespace adgen {
namespace detail {
template <typename T> T digammaImpl(T X) {
  const T Pi = static_cast<T>(3.141592653589793238462643383279502884L);
  if (X <= 0 && std::floor(X) == X)
    return std::numeric_limits<T>::quiet_NaN();
  if (X < 0) // reflection: psi(1 - x) - psi(x) = pi cot(pi x)
    return digammaImpl<T>(1 - X) - Pi / std::tan(Pi * X);
  T Result = 0;
  for (; X < 10; X += 1)
    Result -= 1 / X;
  const T F = 1 / (X * X);
  // Asymptotic series with Bernoulli numbers B2..B14.
  T Series =
      F * (T(1) / 12 -
           F * (T(1) / 120 -
                F * (T(1) / 252 -
                     F * (T(1) / 240 -
                          F * (T(1) / 132 -
                               F * (T(691) / 32760 - F * (T(1) / 12)))))));
  return Result + std::log(X) - T(0.5) / X - Series;
}

template <typename T> T trigammaImpl(T X) {
  const T Pi = static_cast<T>(3.141592653589793238462643383279502884L);
  if (X <= 0 && std::floor(X) == X)
    return std::numeric_limits<T>::quiet_NaN();
  if (X < 0) { // reflection: psi'(1 - x) + psi'(x) = pi^2 / sin^2(pi x)
    T S = std::sin(Pi * X);
    return Pi * Pi / (S * S) - trigammaImpl<T>(1 - X);
  }
  T Result = 0;
  for (; X < 10; X += 1)
    Result += 1 / (X * X);
  const T F = 1 / (X * X);
  T Series =
      1 / X + F / 2 +
      F / X *
          (T(1) / 6 -
           F * (T(1) / 30 -
                F * (T(1) / 42 -
                     F * (T(1) / 30 -
                          F * (T(5) / 66 -
                               F * (T(691) / 2730 - F * (T(7) / 6)))))));
  return Result + Series;
}
} // namespace detail

/// psi(x) = d/dx log(gamma(x)).
inline float digamma(float X) {
  return static_cast<float>(detail::digammaImpl<double>(X));
}
inline double digamma(double X) { return detail::digammaImpl<double>(X); }
inline long double digamma(long double X) {
  return detail::digammaImpl<long double>(X);
}

/// psi'(x), the derivative of digamma.
inline float trigamma(float X) {
  return static_cast<float>(detail::trigammaImpl<double>(X));
}
inline double trigamma(double X) { return detail::trigammaImpl<double>(X); }
inline long double trigamma(long double X) {
  return detail::trigammaImpl<long double>(X);
}

} // namespace adgen

#include "adgen/detail/macros_on.h"
#endif
