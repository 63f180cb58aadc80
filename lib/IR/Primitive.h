//===- Primitive.h - Identifiers and properties of IR primitives -*- C++
//-*-===//
// The enum generated from Primitives.def, with the per-primitive facts that
// the printer, the frontend and the folder share.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_PRIMITIVE_H
#define ADGEN_IR_PRIMITIVE_H

#include <optional>
#include <string>

namespace adgen {

enum class Prim : unsigned char {
#define PRIM(ID, MNEMONIC, ARITY) ID,
#include "IR/Primitives.def"
};

/// Comparison predicates of the cmp primitive.
enum class CmpPred : unsigned char { EQ, NE, LT, LE, GT, GE };

const char *mnemonic(Prim P);
/// Number of operands, or -1 when variadic.
int arity(Prim P);
/// True for library functions (MATH_PRIM).
bool isMathFunction(Prim P);
/// Library functions whose results reverse mode records instead of calling
/// them again: those that cost tens of nanoseconds (glibc's tanh, atan, pow,
/// erf...), where saving a value costs one or two, and exp.
bool isRecordedNotRecomputed(Prim P);
/// The C++ spelling of a library function, e.g. "std::sin".
std::string mathSpelling(Prim P);
/// The library function called NAME (unqualified), if it is a primitive.
std::optional<Prim> mathFunctionNamed(const std::string &Name);
/// True for primitives without side effects, memory access or regions: they
/// can be folded, merged, moved and deleted when unused.
bool isPure(Prim P);
/// True for primitives that change state (memory, stacks) or end a region:
/// never deleted, never reordered with each other or with loads.
bool hasSideEffects(Prim P);
/// True for ops with regions (if, for, while).
bool hasRegions(Prim P);
/// for and while: ops whose body region runs repeatedly with carried values.
bool isLoop(Prim P);
/// The region of a loop that is its body (while's region 0 is its test).
unsigned loopBodyIndex(Prim P);
/// The operand holding a loop's first carried value (for: after lb, ub,
/// step) and the region argument receiving it (for: after the induction
/// variable).
unsigned loopCarriedOperand(Prim P);
unsigned loopCarriedArgument(Prim P);

const char *predicateName(CmpPred P);
const char *predicateSpelling(CmpPred P);
/// The predicate that holds for (b, a) exactly when P holds for (a, b).
CmpPred swappedPredicate(CmpPred P);

} // namespace adgen

#endif
