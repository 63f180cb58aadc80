//===- Annotation.cpp - Parsing the text of ADGEN(...) --------------------===//
// A tiny tokenizer: identifiers, parentheses and commas; arguments may be
// nested expressions such as len(A, n * n), kept as text.
//===----------------------------------------------------------------------===//
#include "Frontend/Annotation.h"

#include <cctype>

namespace adgen {

static std::string trim(const std::string &S) {
  size_t B = S.find_first_not_of(" \t\n");
  if (B == std::string::npos)
    return "";
  size_t E = S.find_last_not_of(" \t\n");
  return S.substr(B, E - B + 1);
}

static bool isIdentifier(const std::string &S) {
  if (S.empty() || !(std::isalpha((unsigned char)S[0]) || S[0] == '_'))
    return false;
  for (char C : S)
    if (!(std::isalnum((unsigned char)C) || C == '_'))
      return false;
  return true;
}

bool parseAnnotation(const std::string &Text, std::vector<ModeSpec> &Modes,
                     std::string &Error) {
  size_t I = 0, N = Text.size();
  auto SkipSpace = [&] {
    while (I < N && std::isspace((unsigned char)Text[I]))
      ++I;
  };
  SkipSpace();
  if (I == N)
    return true;
  while (true) {
    SkipSpace();
    size_t Start = I;
    while (I < N && (std::isalnum((unsigned char)Text[I]) || Text[I] == '_'))
      ++I;
    ModeSpec M;
    M.Name = Text.substr(Start, I - Start);
    if (!isIdentifier(M.Name)) {
      Error = "expected a mode name at '" + Text.substr(Start) + "'";
      return false;
    }
    SkipSpace();
    if (I < N && Text[I] == '(') {
      M.HasArgs = true;
      ++I;
      int Depth = 0;
      std::string Arg;
      for (; I < N; ++I) {
        char C = Text[I];
        if (C == '(')
          ++Depth;
        if (C == ')' && Depth-- == 0)
          break;
        if (C == ',' && Depth == 0) {
          M.Args.push_back(trim(Arg));
          Arg.clear();
          continue;
        }
        Arg += C;
      }
      if (I == N) {
        Error = "missing ')' after the arguments of '" + M.Name + "'";
        return false;
      }
      ++I;
      if (!trim(Arg).empty() || !M.Args.empty())
        M.Args.push_back(trim(Arg));
      for (const std::string &A : M.Args)
        if (A.empty()) {
          Error = "empty argument in '" + M.Name + "(...)'";
          return false;
        }
    }
    Modes.push_back(M);
    SkipSpace();
    if (I == N)
      return true;
    if (Text[I] != ',') {
      Error = "expected ',' between modes at '" + Text.substr(I) + "'";
      return false;
    }
    ++I;
  }
}

} // namespace adgen
