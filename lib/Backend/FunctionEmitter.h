//===- FunctionEmitter.h - Prints one IR function as C++ --------*- C++ -*-===//
// The state of printing one function, shared by the files of lib/Backend:
// use analysis and inlining (EmitterAnalysis.cpp), expressions (EmitExpr.cpp),
// statements (EmitStmt.cpp) and the signature (CppEmitter.cpp).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_BACKEND_FUNCTIONEMITTER_H
#define ADGEN_BACKEND_FUNCTIONEMITTER_H

#include "Backend/Naming.h"
#include "IR/Function.h"

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace adgen {

/// C++ operator precedences (higher binds tighter).
enum Precedence {
  Ternary = 3,
  LogicalOr = 4,
  LogicalAnd = 5,
  Equality = 9,
  Relational = 10,
  Additive = 12,
  Multiplicative = 13,
  Unary = 15,
  Primary = 16
};

/// A printed expression and the precedence of its outermost operator.
struct Expr {
  std::string Text;
  int Prec;
};

/// The extent of the inner index of a two-level element (ps[i].pos[j],
/// A[i][j]): the constant N, or the length op that prints Length.
struct InnerExtent {
  long long N;
  std::string Length;
};

class FunctionEmitter {
public:
  FunctionEmitter(const Function &F, const std::set<std::string> &Avoid);
  std::string paramDecl(unsigned I) const;
  /// Whether the body reads parameter I (not only its constant length).
  bool isRead(unsigned I) const;
  /// Buf is a T & parameter: its one element is written by its name.
  bool isReference(const Value *Buf) const;
  /// Buf[Index] as C++: `x[i]`, or `err` for a T & parameter.
  std::string elementText(const Value *Buf, const Value *Index);
  /// The parameter Buf is, or null.
  const ParamInfo *paramOf(const Value *Buf) const;
  /// The parameter Buf if it is a member of an array of records, or null.
  const ParamInfo *recordArrayMember(const Value *Buf) const;
  /// The parameter Buf if it is a std::vector of std::vectors, or null.
  const ParamInfo *matrixRows(const Value *Buf) const;
  /// Buf[Index] is printed from two indexes (ps[Outer].pos[Inner],
  /// A[Outer][Inner]; Inner null: 0) rather than from Index.
  bool elementParts(const Value *Buf, const Value *Index, const Value *&Outer,
                    const Value *&Inner) const;
  /// `ps[Record].pos[Within]` of the member Buf of an array of records
  /// (Within empty for a number member).
  std::string memberElement(const Value *Buf, const std::string &Record,
                            const std::string &Within) const;
  /// Index = Outer * E + Inner with 0 <= Inner < E known from constants
  /// and loop bounds (Inner null: 0).
  static bool splitIndex(const Value *Index, const InnerExtent &E,
                         const Value *&Outer, const Value *&Inner);
  /// "[4][5]" of a T (*A)[4][5] parameter.
  static std::string innerExtents(const ParamInfo &Info);
  /// The parameter that is a returned std::array (ParamInfo::Returned), or
  /// -1; and its C++ type.
  int returnedArray() const;
  std::string returnedArrayType() const;
  std::string slotDecl(const ResultSlot &S, bool WithDefaults) const;
  std::string signature(bool WithDefaults) const;
  std::string body();

private:
  // What is printed inline (EmitterAnalysis.cpp).
  void countUses(const Region &R);
  /// Takes back the uses that the values countUses left unprinted (flat
  /// indexes printed as their parts) would make of their operands.
  void releaseDropped();
  std::vector<const Value *> Dropped;
  std::set<const Value *> Released;
  /// An integer zero that some division or remainder divides by.
  bool isZeroDivisor(const Value *V) const;
  /// True if no op between two ops of one region writes any of Buffers.
  bool noWritesBetween(const Op *Def, const Op *Use,
                       const std::set<const Value *> &Buffers) const;
  /// The buffers that the expression printed for V reads.
  void buffersRead(const Value *V, std::set<const Value *> &Out) const;
  /// Emitted as part of its only user's expression rather than as a local.
  bool inlined(const Value *V) const;
  bool decideInline(const Value *V) const;
  /// x + c or x - c with x a variable: cheap enough to repeat in a loop
  /// condition, and printed as i >= x when it is x - 1 on a downward loop.
  bool isSimpleBound(const Value *V) const;
  /// True if the expression printed for V reads Arg.
  bool reads(const Value *V, const Value *Arg) const;
  /// `z = x * y;` rather than `const double z_1 = x * y; z = z_1;` when a
  /// branch assigns the user's variable.
  bool yieldsToSameName(const Value *V) const;

  // Expressions (EmitExpr.cpp).
  std::string text(const Value *V, int MinPrec);
  Expr binary(const char *Spelling, int Prec, const Value *A, const Value *B,
              int OperandMin = 0);
  Expr call(const std::string &Callee, const std::vector<Value *> &Args);
  /// The arguments of a call, call_jvp, call_vjp or call_partials
  /// (CallArguments.h): arrays as pointers, derivatives after the call's own
  /// arguments (call_jvp and call_vjp).
  std::vector<std::string> callArgumentTexts(const Op &O);
  /// `callee(arguments)` of a call, call_jvp or call_vjp.
  std::string userCall(const Op &O);
  /// Buffer's first element plus Offset (none when null), as a pointer.
  std::string pointerTo(const Value *Buffer, const Value *Offset);
  /// Always fully qualified: a local variable of the same name must not
  /// hide the callee.
  std::string calleeSpelling(const std::string &Key,
                             const std::string &Suffix) const;
  Expr expr(const Value *V);
  /// O printed as an expression, whatever its use count.
  Expr exprOfOp(const Op &O);

  // Statements (EmitStmt.cpp).
  std::string line();
  void region(const Region &R);
  void op(const Op &O);
  void declare(const Value *V);
  void ifOp(const Op &O);
  void storeOp(const Op &O);
  void fillOp(const Op &O);
  /// Fills of members of one array of records (Info: the first's).
  void recordFills(const ParamInfo &Info, const std::vector<const Op *> &Fills);
  void yieldOp(const Op &O);
  void whileOp(const Op &O);
  void forOp(const Op &O);
  void callGrad(const Op &O);
  void callVjp(const Op &O);
  void returnOp(const Op &O);

  const Function &F;
  /// Set while exprOfOp prints a value that is not inlined.
  const Value *ForceInline = nullptr;
  IdentifierTable Ids;
  std::map<const Value *, unsigned> Uses;
  /// Uses of T[N] and std::array parameters by their (printed: constant)
  /// length, which read nothing.
  std::multiset<const Value *> LengthUses;
  std::map<const Value *, const Region *> UseRegion;
  std::map<const Value *, const Op *> FirstUser;
  std::map<const Op *, unsigned> Position;
  /// For each region and buffer, the positions of the ops that write it.
  std::map<const Region *, std::map<const Value *, std::vector<unsigned>>>
      WritesAt;
  mutable std::map<const Value *, bool> InlineMemo;
  std::set<const Value *> ZeroDivisors;
  std::ostringstream OS;
  unsigned Indent = 1;
};

} // namespace adgen

#endif
