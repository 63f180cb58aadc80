//===- Literal.cpp - Shortest exact spelling of constants -----------------===//
// Round-trip formatting of floating-point and integer constants.
//===----------------------------------------------------------------------===//
#include "IR/Literal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace adgen {

long double roundToType(long double V, Type Ty) {
  switch (Ty.kind()) {
  case TypeKind::Float:
    return static_cast<float>(V);
  case TypeKind::Double:
    return static_cast<double>(V);
  case TypeKind::LongDouble:
    return V;
  case TypeKind::Bool:
    return V != 0;
  default:
    return static_cast<long double>(static_cast<long long>(V));
  }
}

static std::string shortestFloat(long double V, Type Ty) {
  char Buf[64];
  int MaxDigits = Ty.kind() == TypeKind::Float    ? 9
                  : Ty.kind() == TypeKind::Double ? 17
                                                  : 21;
  for (int Digits = 1; Digits <= MaxDigits; ++Digits) {
    std::snprintf(Buf, sizeof Buf, "%.*Lg", Digits, V);
    if (roundToType(std::strtold(Buf, nullptr), Ty) == V)
      break;
  }
  return Buf;
}

std::string formatLiteral(long double V, Type Ty, bool CppSuffix) {
  if (!Ty.isFloat()) {
    if (Ty.isBool())
      return V != 0 ? "true" : "false";
    std::string S = std::to_string(static_cast<long long>(V));
    if (CppSuffix && !Ty.isSigned())
      S += "u";
    if (CppSuffix && (Ty.kind() == TypeKind::Long ||
                      Ty.kind() == TypeKind::ULong))
      S += "l";
    if (CppSuffix && (Ty.kind() == TypeKind::LongLong ||
                      Ty.kind() == TypeKind::ULongLong))
      S += "ll";
    return S;
  }
  V = roundToType(V, Ty);
  if (!std::isfinite(V)) {
    if (!CppSuffix)
      return std::isnan(V) ? "nan" : (V > 0 ? "inf" : "-inf");
    std::string Limits = std::string("std::numeric_limits<") + Ty.cppName() +
                         ">::";
    if (std::isnan(V))
      return Limits + "quiet_NaN()";
    return (V > 0 ? "" : "-") + Limits + "infinity()";
  }
  std::string S = shortestFloat(V, Ty);
  // Plain notation for ordinary magnitudes: 100.0 rather than 1e+02.
  long double A = std::fabs(V);
  if (S.find('e') != std::string::npos && A >= 1e-4L && A < 1e15L) {
    char Buf[64];
    for (int Decimals = 1; Decimals <= 25; ++Decimals) {
      std::snprintf(Buf, sizeof Buf, "%.*Lf", Decimals, V);
      if (roundToType(std::strtold(Buf, nullptr), Ty) == V)
        break;
    }
    S = Buf;
  }
  if (S.find_first_of(".eEn") == std::string::npos)
    S += ".0";
  if (CppSuffix) {
    if (Ty.kind() == TypeKind::Float)
      S += "f";
    else if (Ty.kind() == TypeKind::LongDouble)
      S += "L";
  }
  return S;
}

} // namespace adgen
