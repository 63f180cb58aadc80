//===- Naming.cpp - C++ identifiers for IR values -------------------------===//
// Uniquing of identifiers within one emitted function.
//===----------------------------------------------------------------------===//
#include "Backend/Naming.h"

namespace adgen {

const std::string &IdentifierTable::assign(const Value *V,
                                           const std::string &Hint) {
  std::string Name;
  if (Hint.empty()) {
    do
      Name = "tmp" + std::to_string(NextTemp++);
    while (Used.count(Name));
  } else {
    Name = Hint;
    for (unsigned N = 1; Used.count(Name); ++N)
      Name = Hint + "_" + std::to_string(N);
  }
  Used.insert(Name);
  return Names[V] = Name;
}

std::string IdentifierTable::get(const Value *V) const {
  auto It = Names.find(V);
  return It == Names.end() ? std::string() : It->second;
}

} // namespace adgen
