//===- check.h - Checking derivatives against finite differences -*- C++ -*-===//
// check_grad and check_jvp compare a generated derivative with a central
// difference (Richardson-extrapolated); tests use them, and so can users.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_CHECK_H
#define ADGEN_CHECK_H
#include "adgen/detail/macros_off.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace adgen {

/// Agreement is |derivative - reference| <= rtol * max(|derivative|,
/// |reference|) + atol. The defaults suit double; use looser ones for float.
struct CheckOptions {
  double rtol = 1e-6;
  double atol = 1e-9;
  bool verbose = true; // print each mismatch to stderr
};

/// True when A and B agree under the tolerances of Opts.
inline bool close(long double A, long double B, const CheckOptions &Opts) {
  if (std::isnan(A) || std::isnan(B))
    return std::isnan(A) && std::isnan(B);
  long double Scale = std::max(std::fabs(A), std::fabs(B));
  return std::fabs(A - B) <= Opts.rtol * Scale + Opts.atol;
}

namespace detail {
template <typename... T, typename F, std::size_t... I>
long double callAt(F &Fn, const std::array<long double, sizeof...(T)> &X,
                   std::index_sequence<I...>) {
  return static_cast<long double>(Fn(static_cast<T>(X[I])...));
}

/// d/dh f(x + h v) at h = 0: central differences at steps h and h/2,
/// combined by Richardson extrapolation (error O(h^4)).
template <typename... T, typename F>
long double directional(F &Fn, const std::array<long double, sizeof...(T)> &X,
                        const std::array<long double, sizeof...(T)> &V) {
  bool AnyFloat = (std::is_same<T, float>::value || ...);
  long double Scale = 1;
  for (std::size_t I = 0; I < X.size(); ++I)
    if (V[I] != 0)
      Scale = std::max(Scale, std::fabs(X[I]));
  long double VNorm = 0;
  for (long double Vi : V)
    VNorm = std::max(VNorm, std::fabs(Vi));
  if (VNorm == 0)
    return 0;
  long double H = (AnyFloat ? 1e-2L : 1e-3L) * Scale / VNorm;
  auto D = [&](long double Step) {
    std::array<long double, sizeof...(T)> Plus = X, Minus = X;
    for (std::size_t I = 0; I < X.size(); ++I) {
      Plus[I] += Step * V[I];
      Minus[I] -= Step * V[I];
    }
    auto Seq = std::index_sequence_for<T...>{};
    return (callAt<T...>(Fn, Plus, Seq) - callAt<T...>(Fn, Minus, Seq)) /
           (2 * Step);
  };
  return (4 * D(H / 2) - D(H)) / 3;
}

template <typename... T> CheckOptions defaultOptions() {
  CheckOptions Opts;
  if ((std::is_same<T, float>::value || ...)) {
    Opts.rtol = 2e-3;
    Opts.atol = 1e-4;
  }
  return Opts;
}

template <typename... T, typename G, std::size_t... I>
long double callGrad(G &Grad, const std::tuple<T...> &X,
                     std::tuple<T...> &D, std::index_sequence<I...>) {
  return static_cast<long double>(
      Grad(std::get<I>(X)..., &std::get<I>(D)...));
}
} // namespace detail

/// Checks Grad(x..., &d_x...) -> f(x...) against F(x...): the returned value
/// must equal F's and each partial must match a finite difference. All
/// parameters must be differentiated; wrap F and Grad in lambdas otherwise.
template <typename F, typename G, typename... T>
bool check_grad_with(const CheckOptions &Opts, F Fn, G Grad, T... X) {
  constexpr std::size_t N = sizeof...(T);
  std::array<long double, N> Point{static_cast<long double>(X)...};
  std::tuple<T...> Args{X...}, D{};
  long double Value =
      detail::callGrad<T...>(Grad, Args, D, std::index_sequence_for<T...>{});
  long double Expected = static_cast<long double>(Fn(X...));
  bool Ok = close(Value, Expected, CheckOptions{1e-12, 0, false});
  if (!Ok && Opts.verbose)
    std::fprintf(stderr, "check_grad: value %.17Lg differs from f = %.17Lg\n",
                 Value, Expected);
  std::array<long double, N> Partials{};
  std::apply(
      [&](auto... Di) { Partials = {static_cast<long double>(Di)...}; }, D);
  for (std::size_t I = 0; I < N; ++I) {
    std::array<long double, N> Dir{};
    Dir[I] = 1;
    long double Ref = detail::directional<T...>(Fn, Point, Dir);
    if (!close(Partials[I], Ref, Opts)) {
      Ok = false;
      if (Opts.verbose)
        std::fprintf(stderr,
                     "check_grad: partial %zu is %.17Lg, finite differences "
                     "give %.17Lg\n",
                     I, Partials[I], Ref);
    }
  }
  return Ok;
}

template <typename F, typename G, typename... T>
bool check_grad(F Fn, G Grad, T... X) {
  return check_grad_with(detail::defaultOptions<T...>(), Fn, Grad, X...);
}

/// Checks Jvp(x..., t..., &value) -> directional derivative against a
/// finite difference of F along t, and the value it writes against F.
template <typename F, typename J, typename... T>
bool check_jvp_with(const CheckOptions &Opts, F Fn, J Jvp,
                    std::tuple<T...> X, std::tuple<T...> Tangent) {
  constexpr std::size_t N = sizeof...(T);
  std::array<long double, N> Point, Dir;
  std::apply([&](auto... Xi) { Point = {static_cast<long double>(Xi)...}; },
             X);
  std::apply([&](auto... Ti) { Dir = {static_cast<long double>(Ti)...}; },
             Tangent);
  using R = decltype(std::apply(Fn, X));
  R Value{};
  long double Derivative = std::apply(
      [&](auto... Xi) {
        return std::apply(
            [&](auto... Ti) {
              return static_cast<long double>(Jvp(Xi..., Ti..., &Value));
            },
            Tangent);
      },
      X);
  long double Expected = static_cast<long double>(std::apply(Fn, X));
  bool Ok = close(Value, Expected, CheckOptions{1e-12, 0, false});
  if (!Ok && Opts.verbose)
    std::fprintf(stderr, "check_jvp: value %.17Lg differs from f = %.17Lg\n",
                 static_cast<long double>(Value), Expected);
  long double Ref = detail::directional<T...>(Fn, Point, Dir);
  if (!close(Derivative, Ref, Opts)) {
    Ok = false;
    if (Opts.verbose)
      std::fprintf(stderr,
                   "check_jvp: derivative %.17Lg, finite differences give "
                   "%.17Lg\n",
                   Derivative, Ref);
  }
  return Ok;
}

template <typename F, typename J, typename... T>
bool check_jvp(F Fn, J Jvp, std::tuple<T...> X, std::tuple<T...> Tangent) {
  return check_jvp_with(detail::defaultOptions<T...>(), Fn, Jvp, X, Tangent);
}

/// Central difference (Richardson-extrapolated) of F : vector -> scalar at X
/// along V, for functions of arrays.
template <typename F>
long double fd_directional(F Fn, const std::vector<double> &X,
                           const std::vector<double> &V) {
  long double Scale = 1, VNorm = 0;
  for (std::size_t I = 0; I < X.size(); ++I) {
    if (V[I] != 0)
      Scale = std::max<long double>(Scale, std::fabs(X[I]));
    VNorm = std::max<long double>(VNorm, std::fabs(V[I]));
  }
  if (VNorm == 0)
    return 0;
  long double H = 1e-3L * Scale / VNorm;
  auto D = [&](long double Step) {
    std::vector<double> Plus = X, Minus = X;
    for (std::size_t I = 0; I < X.size(); ++I) {
      Plus[I] = static_cast<double>(X[I] + Step * V[I]);
      Minus[I] = static_cast<double>(X[I] - Step * V[I]);
    }
    return (static_cast<long double>(Fn(Plus)) -
            static_cast<long double>(Fn(Minus))) /
           (2 * Step);
  };
  return (4 * D(H / 2) - D(H)) / 3;
}

/// Checks a gradient G of F : vector -> scalar at X against central
/// differences, component by component (every Stride-th component).
template <typename F>
bool check_gradient(F Fn, const std::vector<double> &X,
                    const std::vector<double> &G,
                    const CheckOptions &Opts = CheckOptions(),
                    std::size_t Stride = 1) {
  bool Ok = G.size() == X.size();
  for (std::size_t I = 0; Ok && I < X.size(); I += Stride) {
    std::vector<double> E(X.size(), 0.0);
    E[I] = 1;
    long double Ref = fd_directional(Fn, X, E);
    if (!close(G[I], Ref, Opts)) {
      Ok = false;
      if (Opts.verbose)
        std::fprintf(stderr,
                     "check_gradient: component %zu is %.17g, finite "
                     "differences give %.17Lg\n",
                     I, G[I], Ref);
    }
  }
  return Ok;
}

} // namespace adgen

#include "adgen/detail/macros_on.h"
#endif
