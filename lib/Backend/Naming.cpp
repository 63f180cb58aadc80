//===- Naming.cpp - C++ identifiers for IR values -------------------------===//
// Uniquing of identifiers within one emitted function.
//===----------------------------------------------------------------------===//
#include "Backend/Naming.h"

#include <cctype>

namespace adgen {

const std::string &IdentifierTable::assign(const Value *V,
                                           const std::string &Hint) {
  // A member parameter's name is its access path ("d_cam.r", "d_ps[].x"):
  // a local named after it gets an identifier ("d_cam_r", "d_ps_x").
  std::string Base;
  for (size_t I = 0; I < Hint.size(); ++I) {
    if (Hint.compare(I, 2, "->") == 0 || Hint.compare(I, 3, "[].") == 0)
      I += Hint[I] == '-' ? 1 : 2;
    char C = Hint[I];
    Base += std::isalnum(static_cast<unsigned char>(C)) ? C : '_';
  }
  std::string Name;
  if (Base.empty()) {
    do
      Name = "tmp" + std::to_string(NextTemp++);
    while (Used.count(Name));
  } else {
    Name = Base;
    for (unsigned N = 1; Used.count(Name); ++N)
      Name = Base + "_" + std::to_string(N);
  }
  Used.insert(Name);
  return Names[V] = Name;
}

std::string IdentifierTable::fresh(const std::string &Hint) {
  std::string Name = Hint;
  for (unsigned N = 1; Used.count(Name); ++N)
    Name = Hint + "_" + std::to_string(N);
  Used.insert(Name);
  return Name;
}

std::string IdentifierTable::get(const Value *V) const {
  auto It = Names.find(V);
  return It == Names.end() ? std::string() : It->second;
}

} // namespace adgen
