//===- LengthProbes.cpp - Letting Clang parse len(...) expressions --------===//
// Finds where each len(...) expression is written, by lexing the ADGEN(...)
// invocation, and writes the probes that put it back at that place.
//===----------------------------------------------------------------------===//
#include "Frontend/LengthProbes.h"
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <cctype>

namespace adgen {

namespace {
/// Where one len(x, expr) is written. Exact: its tokens were found in the
/// source (file locations). Otherwise only the stringified text of the
/// annotation is known, and it is placed at At, the ADGEN location.
struct LengthSpelling {
  bool Exact = false;
  clang::SourceLocation Array, LParen, Expr, RParen;
  clang::SourceLocation At;
};

std::string withoutSpaces(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
  return Out;
}

class SpellingFinder {
public:
  SpellingFinder(const clang::SourceManager &SM, const clang::LangOptions &LO)
      : SM(SM), LO(LO) {}

  /// One entry per len mode of Modes, the modes of annotation A, in order.
  std::vector<LengthSpelling> find(const clang::AnnotateAttr *A,
                                   const std::vector<ModeSpec> &Modes) {
    unsigned NumLens = 0;
    for (const ModeSpec &M : Modes)
      NumLens += M.Name == "len";
    std::vector<LengthSpelling> Out(NumLens);
    for (LengthSpelling &S : Out)
      S.At = SM.getExpansionLoc(A->getLocation());
    std::vector<clang::Token> Toks;
    clang::SourceLocation Start = invocation(A);
    if (Start.isInvalid() || !lexArguments(Start, Toks))
      return Out;
    // The len(...) at the top level of ADGEN(...): the tokens `len` and
    // its closing parenthesis.
    std::vector<std::pair<size_t, size_t>> Lens;
    int Depth = 0;
    for (size_t I = 0; I < Toks.size(); ++I) {
      if (Depth == 0 && identifier(Toks[I]) == "len" && I + 1 < Toks.size() &&
          Toks[I + 1].is(clang::tok::l_paren)) {
        size_t J = I + 1;
        for (int D = 0; J < Toks.size(); ++J) {
          D += Toks[J].is(clang::tok::l_paren);
          if (Toks[J].is(clang::tok::r_paren) && --D == 0)
            break;
        }
        if (J == Toks.size())
          return Out;
        Lens.push_back({I, J});
        I = J;
        continue;
      }
      Depth += Toks[I].is(clang::tok::l_paren);
      Depth -= Toks[I].is(clang::tok::r_paren);
    }
    if (Lens.size() != NumLens)
      return Out;
    unsigned K = 0;
    for (const ModeSpec &M : Modes) {
      if (M.Name != "len")
        continue;
      auto [I, J] = Lens[K];
      LengthSpelling &S = Out[K++];
      // len ( x , expr... )
      if (M.Args.size() != 2 || J < I + 5 || identifier(Toks[I + 2]).empty() ||
          spelling(Toks[I + 2]) != M.Args[0] ||
          !Toks[I + 3].is(clang::tok::comma))
        continue;
      std::string Written;
      for (size_t T = I + 4; T < J; ++T)
        Written += spelling(Toks[T]);
      if (withoutSpaces(Written) != withoutSpaces(M.Args[1]))
        continue;
      S.Exact = true;
      S.Array = Toks[I + 2].getLocation();
      S.LParen = Toks[I + 1].getLocation();
      S.Expr = Toks[I + 4].getLocation();
      S.RParen = Toks[J].getLocation();
    }
    return Out;
  }

private:
  std::string spelling(const clang::Token &T) const {
    return clang::Lexer::getSpelling(T, SM, LO);
  }
  std::string identifier(const clang::Token &T) const {
    return T.is(clang::tok::raw_identifier) ? spelling(T) : "";
  }

  /// Where the token `ADGEN` of the invocation that produced A is spelled,
  /// or an invalid location when A was not written as ADGEN(...).
  clang::SourceLocation invocation(const clang::AnnotateAttr *A) const {
    clang::SourceLocation Loc = A->getLocation();
    for (int Depth = 0; Loc.isMacroID() && Depth < 64; ++Depth) {
      clang::SourceLocation Begin =
          SM.getImmediateExpansionRange(Loc).getBegin();
      clang::SourceLocation Spelling = SM.getSpellingLoc(Begin);
      clang::Token T;
      if (!clang::Lexer::getRawToken(Spelling, T, SM, LO) &&
          identifier(T) == "ADGEN")
        return Spelling;
      Loc = Begin;
    }
    return {};
  }

  /// The raw tokens between the parentheses of ADGEN(...) at Start.
  bool lexArguments(clang::SourceLocation Start,
                    std::vector<clang::Token> &Toks) const {
    auto [FID, Offset] = SM.getDecomposedLoc(Start);
    bool Invalid = false;
    llvm::StringRef Buf = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return false;
    clang::Lexer L(SM.getLocForStartOfFile(FID), LO, Buf.begin(),
                   Buf.begin() + Offset, Buf.end());
    clang::Token T;
    L.LexFromRawLexer(T); // ADGEN
    L.LexFromRawLexer(T);
    if (!T.is(clang::tok::l_paren))
      return false;
    for (int Depth = 0;;) {
      L.LexFromRawLexer(T);
      if (T.is(clang::tok::eof))
        return false;
      Depth += T.is(clang::tok::l_paren);
      if (T.is(clang::tok::r_paren) && Depth-- == 0)
        return true;
      Toks.push_back(T);
    }
  }

  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
};

std::string escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '\\' || C == '"')
      Out += '\\';
    Out += C == '\n' ? std::string("\\n") : std::string(1, C);
  }
  return Out;
}

/// An instantiation's template parameters as the probe's local names:
/// `using T = double; constexpr int N = 3;`, so that len(x, N) is a
/// constant there.
std::string templateParameters(const clang::FunctionDecl *FD) {
  const clang::FunctionTemplateDecl *T = FD->getPrimaryTemplate();
  const clang::TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!T || !Args)
    return "";
  const clang::PrintingPolicy Policy(FD->getASTContext().getLangOpts());
  std::string Out;
  const clang::TemplateParameterList *Params = T->getTemplateParameters();
  for (unsigned I = 0; I < Params->size() && I < Args->size(); ++I) {
    const clang::NamedDecl *P = Params->getParam(I);
    const clang::TemplateArgument &A = Args->get(I);
    if (P->getName().empty())
      continue;
    if (A.getKind() == clang::TemplateArgument::Type)
      Out += "using " + P->getNameAsString() + " = " +
             A.getAsType().getAsString(Policy) + "; ";
    else if (A.getKind() == clang::TemplateArgument::Integral)
      Out += "constexpr " + A.getIntegralType().getAsString(Policy) + " " +
             P->getNameAsString() + " = " + toString(A.getAsIntegral(), 10) +
             "; ";
  }
  return Out;
}

/// Writes the probes after the main file's text; offsets are in the
/// result, the main file followed by a newline and the probes.
class ProbeWriter {
public:
  ProbeWriter(const LoweringContext &LC, LengthProbes &Out)
      : LC(LC), SM(LC.Ctx.getSourceManager()), Out(Out) {
    Main = SM.getBufferData(SM.getMainFileID());
  }

  void write(const clang::FunctionDecl *FD, const std::string &Expr,
             const LengthSpelling &S, LengthProbe P) {
    std::string Open, Close;
    for (const std::string &N : LC.namespaces(FD)) {
      if (N.empty())
        Open += "namespace { ";
      else if (N.rfind("inline:", 0) == 0)
        Open += "inline namespace " + N.substr(7) + " { ";
      else
        Open += "namespace " + N + " { ";
      Close += " }";
    }
    Open += "static auto " + std::string(LengthProbePrefix) +
            std::to_string(Out.Probes.size()) + " = [](";
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      const clang::ParmVarDecl *Q = FD->getParamDecl(I);
      std::optional<Type> T = LC.scalarType(Q->getType());
      // Containers keep their type, so that len(y, v.size()) parses.
      auto A = LC.arrayParamType(Q);
      bool Container = (A && isContainer(A->Kind)) ||
                       LC.recordParamType(Q->getType()) || // len(x, m.n)
                       LC.recordArrayType(Q->getType(), false);
      std::string Spelled =
          Container ? Q->getType().getAsString(LC.Ctx.getPrintingPolicy())
          : T && T->isInteger() ? T->cppName()
                                : "double";
      Open += std::string(I ? ", " : "") + Spelled + " " + Q->getNameAsString();
    }
    Open += ") { " + templateParameters(FD) + "return";
    if (S.Exact) {
      auto [FID, ExprOffset] = SM.getDecomposedLoc(S.Expr);
      llvm::StringRef Buf = SM.getBufferData(FID);
      size_t LineStart = lineStart(Buf, ExprOffset);
      unsigned LParenOffset = SM.getFileOffset(S.LParen);
      bool SameLine = LParenOffset >= LineStart;
      std::string File = SM.getPresumedLoc(S.Expr).getFilename();
      line(S.LParen, File);
      Text += Open;
      if (!SameLine) {
        Text += " (";
        P.LParen = offset() - 1;
      }
      Text += "\n";
      line(S.Expr, File);
      std::string Pad = padding(Buf, LineStart, ExprOffset);
      if (SameLine) {
        Pad[LParenOffset - LineStart] = '(';
        P.LParen = offset() + LParenOffset - LineStart;
      }
      Text += Pad;
      P.ExprOffset = offset();
      unsigned End = SM.getFileOffset(S.RParen) + 1;
      Text += Buf.substr(ExprOffset, End - ExprOffset);
      P.RParen = offset() - 1;
      if (SM.getFileID(S.Array) == SM.getMainFileID())
        P.ArrayOffset = SM.getFileOffset(S.Array);
    } else {
      auto [FID, AtOffset] = SM.getDecomposedLoc(S.At);
      llvm::StringRef Buf = SM.getBufferData(FID);
      std::string File = SM.getPresumedLoc(S.At).getFilename();
      line(S.At, File);
      Text += Open + " (";
      P.LParen = offset() - 1;
      Text += "\n";
      line(S.At, File);
      Text += padding(Buf, lineStart(Buf, AtOffset), AtOffset);
      P.ExprOffset = offset();
      Text += Expr + ")";
      P.RParen = offset() - 1;
      if (FID == SM.getMainFileID())
        P.ArrayOffset = AtOffset;
    }
    Text += "\n; };" + Close + "\n";
    Out.Probes.push_back(P);
  }

  /// The main file and the probes.
  std::string source() const { return Main.str() + "\n" + Text; }

private:
  unsigned offset() const { return Main.size() + 1 + Text.size(); }

  /// A #line directive that gives the next line Loc's line number.
  void line(clang::SourceLocation Loc, const std::string &File) {
    clang::PresumedLoc P = SM.getPresumedLoc(Loc);
    if (P.isValid())
      Text += "#line " + std::to_string(P.getLine()) + " \"" + escape(File) +
              "\"\n";
  }

  static size_t lineStart(llvm::StringRef Buf, size_t Offset) {
    while (Offset > 0 && Buf[Offset - 1] != '\n' && Buf[Offset - 1] != '\r')
      --Offset;
    return Offset;
  }

  /// Buf[From, To) blanked, tabs kept: what follows lands at To's column.
  static std::string padding(llvm::StringRef Buf, size_t From, size_t To) {
    std::string Pad;
    for (size_t I = From; I < To; ++I)
      Pad += Buf[I] == '\t' ? '\t' : ' ';
    return Pad;
  }

  const LoweringContext &LC;
  const clang::SourceManager &SM;
  LengthProbes &Out;
  llvm::StringRef Main;
  std::string Text;
};
} // namespace

LengthProbes makeLengthProbes(const LoweringContext &LC,
                              const std::vector<MarkedFunction> &Marked) {
  LengthProbes Out;
  ProbeWriter Writer(LC, Out);
  SpellingFinder Finder(LC.Ctx.getSourceManager(), LC.Ctx.getLangOpts());
  for (unsigned F = 0; F < Marked.size(); ++F) {
    const clang::FunctionDecl *FD = Marked[F].Decl;
    // A marked member function's len(...) is parsed beside the class, in
    // its namespace: over the parameters and constants, not the members.
    const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
    if (!FD->doesThisDeclarationHaveABody() ||
        (Method && !LC.markableMethod(Method)) || FD->isTemplated())
      continue;
    unsigned Ordinal = 0;
    for (const clang::AnnotateAttr *A : Marked[F].Annotations) {
      std::vector<ModeSpec> Modes;
      std::string Error;
      if (!parseAnnotation(annotationModes(A), Modes, Error))
        break;
      std::vector<LengthSpelling> Spellings = Finder.find(A, Modes);
      unsigned K = 0;
      for (const ModeSpec &M : Modes) {
        if (M.Name != "len")
          continue;
        if (M.Args.size() == 2) {
          LengthProbe P;
          P.Function = F;
          P.Ordinal = Ordinal;
          P.Array = M.Args[0];
          Writer.write(FD, M.Args[1], Spellings[K], P);
        }
        ++K;
        ++Ordinal;
      }
    }
  }
  if (!Out.Probes.empty())
    Out.Source = Writer.source();
  return Out;
}

} // namespace adgen
