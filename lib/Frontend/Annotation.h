//===- Annotation.h - Parsing the text of ADGEN(...) ------------*- C++ -*-===//
// ADGEN(grad(x), jvp) becomes the annotation "adgen:grad(x), jvp"; this
// splits it into modes and their argument lists.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_ANNOTATION_H
#define ADGEN_FRONTEND_ANNOTATION_H

#include <string>
#include <vector>

namespace adgen {

/// The prefix of every annotation adgen owns.
inline constexpr const char *AnnotationPrefix = "adgen:";

struct ModeSpec {
  std::string Name;              // grad, jvp, ...
  std::vector<std::string> Args; // the parenthesised list, if any
  bool HasArgs = false;
};

/// Parses the text after "adgen:". On malformed input returns false and sets
/// Error. An empty text yields no modes.
bool parseAnnotation(const std::string &Text, std::vector<ModeSpec> &Modes,
                     std::string &Error);

} // namespace adgen

#endif
