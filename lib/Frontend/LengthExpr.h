//===- LengthExpr.h - The rule for a len(...) expression --------*- C++ -*-===//
// A length is an integer expression over the integer parameters of the
// function and integer constants; this checks one as Clang parsed it and
// prints it as canonical C++.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_LENGTHEXPR_H
#define ADGEN_FRONTEND_LENGTHEXPR_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include "llvm/ADT/APSInt.h"

#include <optional>
#include <string>

namespace adgen {

class LoweringContext;

class LengthExpr {
public:
  /// The expression of len(Array, ...) for function FD, parsed in Probe, a
  /// function whose parameters stand for FD's (integer ones with their
  /// type, others as double).
  LengthExpr(LoweringContext &LC, const clang::FunctionDecl *FD,
             const clang::FunctionDecl *Probe, std::string Array)
      : LC(LC), FD(FD), Probe(Probe), Array(std::move(Array)) {}

  /// The canonical text of E, or nullopt after reporting why E is not a
  /// length.
  std::optional<std::string> check(const clang::Expr *E);

private:
  /// Text with a flag saying whether it needs parentheses as an operand.
  struct Printed {
    std::string Text;
    bool Compound = false;
  };
  /// Reports the first side effect or reference to a parameter that is not
  /// an integer, even in a constant or an unevaluated operand (sizeof,
  /// decltype).
  bool scan(const clang::Expr *E);
  /// Reports the first construct a length cannot contain.
  bool forbidden(const clang::Expr *E);
  std::optional<Printed> print(const clang::Expr *E);
  std::optional<Printed> cast(const clang::ExplicitCastExpr *E);
  std::optional<std::string> literal(llvm::APSInt V, clang::QualType T);
  std::optional<llvm::APSInt> constant(const clang::Expr *E) const;
  /// The index of the parameter E names, or -1.
  int parameter(const clang::Expr *E) const;
  /// The index of the container parameter v of E = v.size(), or -1.
  int sizeOfParameter(const clang::Expr *E) const;
  /// "m.n", "data->prior.n": E as a member of a record parameter (any
  /// member type); empty when E is not one.
  std::string memberOfParameter(const clang::Expr *E) const;
  /// "m.w.size()": E as the size of a container member of a record
  /// parameter; empty when E is not one.
  std::string sizeOfMember(const clang::Expr *E) const;
  bool isIntegerParameter(unsigned I) const;
  bool integerTyped(const clang::Expr *E);
  std::string text(const clang::Expr *E) const;
  void error(clang::SourceLocation Loc, const std::string &Message);

  LoweringContext &LC;
  const clang::FunctionDecl *FD;
  const clang::FunctionDecl *Probe;
  std::string Array;
};

} // namespace adgen

#endif
