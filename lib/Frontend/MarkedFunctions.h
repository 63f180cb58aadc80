//===- MarkedFunctions.h - The functions ADGEN(...) marks -------*- C++ -*-===//
// Finds them in source order, each with the adgen annotations of all its
// declarations, and parses their modes.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_MARKEDFUNCTIONS_H
#define ADGEN_FRONTEND_MARKEDFUNCTIONS_H

#include "Frontend/Annotation.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"

#include <string>
#include <vector>

namespace adgen {

struct MarkedFunction {
  const clang::FunctionDecl *Decl; // the definition, if any
  /// Its adgen annotations, on any declaration or request; their modes add
  /// up in this order.
  std::vector<const clang::AnnotateAttr *> Annotations;
  /// Marked by ADGEN_DIFFERENTIATE, not by ADGEN on a declaration: errors
  /// about the function as a whole point at the request.
  bool Requested = false;
};

/// An ADGEN_DIFFERENTIATE(name, ...) that adgen cannot take: Problem says
/// why (name is not a function, or the request is not at namespace scope).
struct BadRequest {
  clang::SourceLocation Loc;
  std::string Problem;
};

/// The functions marked in the main file, in source order: those declared
/// there with ADGEN(...), and those, wherever defined, that an
/// ADGEN_DIFFERENTIATE(name, ...) there names. Requests that name no
/// function go to Bad.
std::vector<MarkedFunction> findMarkedFunctions(clang::ASTContext &Ctx,
                                                std::vector<BadRequest> *Bad);

/// The text of an adgen annotation after "adgen:".
std::string annotationModes(const clang::AnnotateAttr *A);

/// The modes of all of M's annotations, in order. On a malformed annotation
/// returns false with Error and BadAnnotation set.
bool parseModes(const MarkedFunction &M, std::vector<ModeSpec> &Modes,
                std::string &Error, const clang::AnnotateAttr *&BadAnnotation);

} // namespace adgen

#endif
