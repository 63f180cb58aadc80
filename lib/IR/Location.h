//===- Location.h - Source positions carried by IR operations ---*- C++ -*-===//
// Lets a transform report an error at the user's file:line:col long after the
// Clang AST is gone.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_LOCATION_H
#define ADGEN_IR_LOCATION_H

#include <string>

namespace adgen {

struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool isValid() const { return Line != 0; }
  std::string str() const {
    return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
  }
};

} // namespace adgen

#endif
