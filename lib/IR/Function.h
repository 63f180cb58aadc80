//===- Function.h - IR functions and modules --------------------*- C++ -*-===//
// A function is a body region whose arguments are the parameters, plus how
// each result is handed back in C++ (returned, or written through a pointer).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_FUNCTION_H
#define ADGEN_IR_FUNCTION_H

#include "IR/Location.h"
#include "IR/Operation.h"

#include <memory>
#include <string>
#include <vector>

namespace adgen {

/// How a result of the body's return op reaches the C++ caller.
enum class ResultPassing {
  Return,            // the C++ return value
  OutPointer,        // `T *name`, written unconditionally
  OptionalOutPointer // `T *name = nullptr`, written when not null
};

/// How a parameter is declared in C++; buffers (arrays) keep their kind so
/// that derivative parameters can be declared the same way.
enum class ParamKind {
  Scalar,    // T x
  Pointer,   // T *x, with its length from len(x, ...)
  CArray,    // T x[N]
  StdVector, // std::vector<T> &x
  StdArray,  // std::array<T, N> &x
  Span,      // std::span<T> x
  Reference, // T &x of a marked function: one value, an output or in-out
};

/// std::vector, std::array or std::span: a parameter with .size().
inline bool isContainer(ParamKind K) {
  return K == ParamKind::StdVector || K == ParamKind::StdArray ||
         K == ParamKind::Span;
}

struct ParamInfo {
  ParamKind Kind = ParamKind::Scalar;
  /// Elements are read-only (const T *, const std::vector<T> &, ...).
  bool Const = true;
  /// The number of elements as a C++ expression over the parameters
  /// ("n * n", "x.size()", "3"); empty for scalars.
  std::string Length;
  /// N of T[N] and std::array<T, N>; N * M of T[N][M].
  unsigned long Extent = 0;
  /// The extents after the first of a multi-dimensional array parameter:
  /// {M} for T A[N][M] (CArray) and T (*A)[M] (Pointer, len(A, rows)). Its
  /// elements are one row-major buffer; the C++ parameter keeps its shape.
  std::vector<unsigned long> InnerExtents;
  /// A member of a parameter of class type ("struct Camera;"): its leaves
  /// (arithmetic members, arrays) are parameters of their own, named by
  /// their access path ("cam.f", "cam.r", "pt->x"); the signature prints
  /// the record once, `const Camera &cam`. RecordType is its type as C++
  /// names it ("geo::Camera"), RecordForward a declaration of it that the
  /// header can print before the first use.
  std::string RecordType;
  std::string RecordForward;
  bool RecordByPointer = false;
  /// A member of an array of records (`const std::vector<Point> &ps`,
  /// `const Point *ps`): the parameter holds that member of every record,
  /// MemberExtent elements per record (1 for a number, 3 for `double
  /// pos[3]`), named "ps[].pos"; element k is `ps[k / 3].pos[k % 3]`.
  /// RecordCount is the number of records as C++ ("ps.size()", "n"), Kind
  /// the container's kind and RecordType its spelling
  /// ("std::vector<geo::Point>", or "geo::Point" by pointer).
  std::string RecordCount;
  unsigned long MemberExtent = 1;
  /// A std::vector<std::vector<T>> (Kind StdVector): the length of its
  /// rows, all equal, as C++ ("(A.empty() ? 0 : A[0].size())"); element k
  /// is A[k / M][k % M]. Empty for anything else.
  std::string RowLength, RowCount;
  /// The C++ parameter this parameter comes from (its index in the source
  /// function's parameter list; several for the members of a record).
  unsigned Source = 0;
  /// The std::array<T, N> the C++ function returns (f_jacobian of a function
  /// returning one): an output the emitter declares as a local and returns,
  /// not a parameter.
  bool Returned = false;
};

/// "cam" of the member parameter "cam.f", "cam->r" or "ps[].x"; Name
/// itself when it names no member.
std::string recordOf(const std::string &Name);

struct ResultSlot {
  std::string Name;
  Type Ty;
  ResultPassing Passing = ResultPassing::Return;
};

class Function {
public:
  Function(std::string Name, std::vector<std::string> Namespaces = {})
      : Name(std::move(Name)), Namespaces(std::move(Namespaces)),
        Body(std::make_unique<Region>()) {}

  const std::string &name() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  /// Enclosing namespaces, outermost first; "" is an anonymous namespace
  /// and "inline:v1" the inline namespace v1.
  const std::vector<std::string> &namespaces() const { return Namespaces; }
  std::string qualifiedName() const;

  Region *body() const { return Body.get(); }
  Value *addParam(Type Ty, std::string Name, ParamInfo Info = {}) {
    Infos.push_back(std::move(Info));
    return Body->addArgument(Ty, std::move(Name));
  }
  const ParamInfo &paramInfo(unsigned I) const { return Infos[I]; }
  ParamInfo &paramInfo(unsigned I) { return Infos[I]; }
  unsigned numParams() const { return Body->numArguments(); }
  Value *param(unsigned I) const { return Body->argument(I); }

  /// Base, or Base_1, Base_2, ... if a parameter or result slot already has
  /// that name (a user parameter called d_x must not clash with d_x).
  std::string uniqueName(const std::string &Base) const;

  std::vector<ResultSlot> &results() { return Results; }
  const std::vector<ResultSlot> &results() const { return Results; }

  /// The order of the C++ parameter list: each entry a parameter or a
  /// result slot passed by pointer. Empty means the parameters, then the
  /// slots.
  struct SignatureEntry {
    bool IsResult;
    unsigned Index;
  };
  std::vector<SignatureEntry> Signature;

  /// Identifies the function among overloads: "ns::g(double, int)". Calls
  /// name their callee by it.
  std::string Key;

  /// C++ linkage of the original function, copied to its derivatives.
  bool IsStatic = false;
  bool IsInline = false;
  /// A derivative only other generated functions call (a callee's g_grad,
  /// g_jvp, g_vjp_add): defined in the generated source, not declared in
  /// the header.
  bool Internal = false;
  Location Loc;

private:
  std::string Name;
  std::vector<std::string> Namespaces;
  std::unique_ptr<Region> Body;
  std::vector<ParamInfo> Infos;
  std::vector<ResultSlot> Results;
};

class Module {
public:
  Function *add(std::unique_ptr<Function> F) {
    Functions.push_back(std::move(F));
    return Functions.back().get();
  }
  const std::vector<std::unique_ptr<Function>> &functions() const {
    return Functions;
  }
  /// The function with this Key (or, without keys, qualified name).
  Function *lookup(const std::string &Key) const;

private:
  std::vector<std::unique_ptr<Function>> Functions;
};

} // namespace adgen

#endif
