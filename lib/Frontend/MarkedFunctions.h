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
  /// Its adgen annotations, on any declaration; their modes add up in this
  /// order.
  std::vector<const clang::AnnotateAttr *> Annotations;
};

/// The marked functions declared in the main file, in source order.
std::vector<MarkedFunction> findMarkedFunctions(clang::ASTContext &Ctx);

/// The text of an adgen annotation after "adgen:".
std::string annotationModes(const clang::AnnotateAttr *A);

/// The modes of all of M's annotations, in order. On a malformed annotation
/// returns false with Error and BadAnnotation set.
bool parseModes(const MarkedFunction &M, std::vector<ModeSpec> &Modes,
                std::string &Error, const clang::AnnotateAttr *&BadAnnotation);

} // namespace adgen

#endif
