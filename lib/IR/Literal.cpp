//===- Literal.cpp - Shortest exact spelling of constants -----------------===//
// Round-trip formatting of floating-point and integer constants.
//===----------------------------------------------------------------------===//
#include "IR/Literal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace adgen {

unsigned integerWidth(TypeKind K) {
  switch (K) {
  case TypeKind::Bool:
    return 1;
  case TypeKind::Char:
  case TypeKind::SChar:
  case TypeKind::UChar:
    return 8;
  case TypeKind::Short:
  case TypeKind::UShort:
    return 16;
  case TypeKind::Int:
  case TypeKind::UInt:
    return 32;
  default:
    return 64;
  }
}

unsigned long long wrapToBits(long double V) {
  const long double Two64 = 18446744073709551616.0L;
  long double T = std::fmod(std::trunc(V), Two64);
  if (T < 0)
    T += Two64;
  return static_cast<unsigned long long>(T);
}

long double integerValue(unsigned long long Bits, Type Ty) {
  unsigned W = integerWidth(Ty.kind());
  if (W < 64)
    Bits &= (1ull << W) - 1;
  if (!Ty.isSigned())
    return static_cast<long double>(Bits);
  if (W < 64 && (Bits >> (W - 1)) & 1)
    Bits |= ~((1ull << W) - 1); // sign-extend
  return static_cast<long double>(static_cast<long long>(Bits));
}

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
  default: // integers wrap modulo 2^width
    return integerValue(wrapToBits(V), Ty);
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
    // Usual arithmetic conversions give the literal its operand's type, so
    // a suffix is only needed where an int cannot hold the value.
    if (!Ty.isSigned() && Ty.kind() != TypeKind::Bool) {
      unsigned long long U = wrapToBits(V);
      std::string S = std::to_string(U);
      if (CppSuffix && U > 2147483647ull)
        S += "ull";
      return S;
    }
    long long I = static_cast<long long>(V);
    std::string S = std::to_string(I);
    if (CppSuffix && (I > 2147483647ll || I < -2147483647ll))
      S += "ll";
    return S;
  }
  V = roundToType(V, Ty);
  if (!std::isfinite(V)) {
    if (!CppSuffix)
      return std::isnan(V) ? "nan" : (V > 0 ? "inf" : "-inf");
    std::string Limits =
        std::string("std::numeric_limits<") + Ty.cppName() + ">::";
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
