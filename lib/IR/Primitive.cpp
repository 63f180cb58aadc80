//===- Primitive.cpp - Identifiers and properties of IR primitives --------===//
// Tables generated from Primitives.def.
//===----------------------------------------------------------------------===//
#include "IR/Primitive.h"

#include <cstring>

namespace adgen {

const char *mnemonic(Prim P) {
  switch (P) {
#define PRIM(ID, MNEMONIC, ARITY)                                              \
  case Prim::ID:                                                               \
    return MNEMONIC;
#include "IR/Primitives.def"
  }
  return "?";
}

int arity(Prim P) {
  switch (P) {
#define PRIM(ID, MNEMONIC, ARITY)                                              \
  case Prim::ID:                                                               \
    return ARITY;
#include "IR/Primitives.def"
  }
  return -1;
}

bool isMathFunction(Prim P) {
  switch (P) {
#define MATH_PRIM(ID, NAME, ARITY, NS)                                         \
  case Prim::ID:                                                               \
    return true;
#include "IR/Primitives.def"
  default:
    return false;
  }
}

std::string mathSpelling(Prim P) {
  switch (P) {
#define MATH_PRIM(ID, NAME, ARITY, NS)                                         \
  case Prim::ID:                                                               \
    return #NS "::" #NAME;
#include "IR/Primitives.def"
  default:
    return mnemonic(P);
  }
}

std::optional<Prim> mathFunctionNamed(const std::string &Name) {
#define MATH_PRIM(ID, NAME, ARITY, NS)                                         \
  if (Name == #NAME)                                                           \
    return Prim::ID;
#include "IR/Primitives.def"
  return std::nullopt;
}

// Library functions that cost tens of nanoseconds (glibc's tanh, atan,
// pow, erf...), where a push and a pop cost one or two. exp takes a few,
// but its result is its own derivative, so a backward sweep that needs it
// needs it as it is: recording it costs less than a call (measured on
// ADBench's Gaussian mixture, 3% of its gradient). log, sqrt, sin and cos
// take a few and are computed again.
bool isRecordedNotRecomputed(Prim P) {
  switch (P) {
  case Prim::Exp:
  case Prim::Tan:
  case Prim::Asin:
  case Prim::Acos:
  case Prim::Atan:
  case Prim::Sinh:
  case Prim::Cosh:
  case Prim::Tanh:
  case Prim::Asinh:
  case Prim::Acosh:
  case Prim::Atanh:
  case Prim::Expm1:
  case Prim::Log1p:
  case Prim::Cbrt:
  case Prim::Erf:
  case Prim::Erfc:
  case Prim::Lgamma:
  case Prim::Tgamma:
  case Prim::Digamma:
  case Prim::Trigamma:
  case Prim::Atan2:
  case Prim::Pow:
  case Prim::Hypot:
  case Prim::Fmod:
    return true;
  default:
    return false;
  }
}

bool isPure(Prim P) {
  switch (P) {
  case Prim::If:
  case Prim::For:
  case Prim::While:
  case Prim::Yield:
  case Prim::Return:
  case Prim::Alloc:
  case Prim::Load:
  case Prim::Store:
  case Prim::Fill:
  case Prim::StackNew:
  case Prim::Push:
  case Prim::Pop:
  case Prim::Reserve:
  case Prim::CallVjp:
  case Prim::CallPartials:
  case Prim::CallGenerated:
    return false;
  default:
    return true;
  }
}

bool hasSideEffects(Prim P) {
  switch (P) {
  case Prim::Yield:
  case Prim::Return:
  case Prim::Store:
  case Prim::Fill:
  case Prim::Push:
  case Prim::Pop:
  case Prim::Reserve:
  case Prim::CallVjp:
  case Prim::CallPartials:
  case Prim::CallGenerated:
    return true;
  default:
    return false;
  }
}

bool hasRegions(Prim P) {
  return P == Prim::If || P == Prim::For || P == Prim::While;
}

bool isLoop(Prim P) { return P == Prim::For || P == Prim::While; }

unsigned loopBodyIndex(Prim P) { return P == Prim::While ? 1 : 0; }

unsigned loopCarriedOperand(Prim P) { return P == Prim::For ? 3 : 0; }

unsigned loopCarriedArgument(Prim P) { return P == Prim::For ? 1 : 0; }

const char *predicateName(CmpPred P) {
  static const char *Names[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  return Names[static_cast<int>(P)];
}

const char *predicateSpelling(CmpPred P) {
  static const char *Names[] = {"==", "!=", "<", "<=", ">", ">="};
  return Names[static_cast<int>(P)];
}

CmpPred swappedPredicate(CmpPred P) {
  switch (P) {
  case CmpPred::LT:
    return CmpPred::GT;
  case CmpPred::LE:
    return CmpPred::GE;
  case CmpPred::GT:
    return CmpPred::LT;
  case CmpPred::GE:
    return CmpPred::LE;
  default:
    return P;
  }
}

} // namespace adgen
