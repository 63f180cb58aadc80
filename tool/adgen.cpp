//===- adgen.cpp - The adgen command ----------------------------*- C++ -*-===//
// Parses the command line (libTooling's -p and `--` included) and runs the
// driver; see docs/usage.md.
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace llvm;

static cl::OptionCategory AdgenCategory("adgen options");

static cl::opt<adgen::EmitKind> Emit(
    "emit", cl::desc("What to write"), cl::init(adgen::EmitKind::Source),
    cl::values(
        clEnumValN(adgen::EmitKind::Source, "source",
                   "the input followed by the generated functions (default)"),
        clEnumValN(adgen::EmitKind::Header, "header",
                   "declarations of the generated functions"),
        clEnumValN(adgen::EmitKind::IR, "ir",
                   "the IR of each marked function and derivative"),
        clEnumValN(adgen::EmitKind::Dot, "dot",
                   "a Graphviz graph of each computation graph")),
    cl::cat(AdgenCategory));

static cl::opt<std::string> OutputPath("o",
                                       cl::desc("Output file (default: "
                                                "standard output)"),
                                       cl::value_desc("file"),
                                       cl::cat(AdgenCategory));

static cl::opt<std::string>
    Depfile("depfile",
            cl::desc("Also write a make-style depfile listing the files the "
                     "input includes (as -MD -MF do); needs -o"),
            cl::value_desc("file"), cl::cat(AdgenCategory));

static cl::opt<bool> InPlace(
    "in-place",
    cl::desc("Rewrite the input: append the generated functions between "
             "marker comments, replacing what an earlier run wrote"),
    cl::cat(AdgenCategory));

static cl::extrahelp
    CommonHelp(clang::tooling::CommonOptionsParser::HelpMessage);

static std::string runtimeIncludeDir(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&Emit));
  SmallString<256> Installed(
      sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "include");
  SmallString<256> Header(Installed);
  sys::path::append(Header, "adgen", "adgen.h");
  if (sys::fs::exists(Header))
    return std::string(Installed);
  return ADGEN_SOURCE_RUNTIME_DIR;
}

int main(int argc, const char **argv) {
  // Without `--` or -p, libTooling would look for a compilation database
  // and complain when there is none; no flags is the better default.
  std::vector<const char *> Args(argv, argv + argc);
  bool HasFlags = false;
  for (int I = 1; I < argc; ++I)
    if (!std::strcmp(argv[I], "--") || !std::strncmp(argv[I], "-p", 2))
      HasFlags = true;
  if (!HasFlags)
    Args.push_back("--");
  int Count = Args.size();
  auto Parser = clang::tooling::CommonOptionsParser::create(
      Count, Args.data(), AdgenCategory, cl::OneOrMore,
      "adgen: source-to-source automatic differentiation for C++\n");
  if (!Parser) {
    WithColor::error(errs(), "adgen") << toString(Parser.takeError());
    return 1;
  }
  const std::vector<std::string> &Sources = Parser->getSourcePathList();
  if (Sources.size() != 1) {
    WithColor::error(errs(), "adgen") << "expected one input file\n";
    return 1;
  }
  if (InPlace && (Emit != adgen::EmitKind::Source || !OutputPath.empty())) {
    WithColor::error(errs(), "adgen")
        << "--in-place rewrites the input; it cannot be combined with -o "
           "or --emit other than source\n";
    return 1;
  }
  if (!Depfile.empty() && OutputPath.empty()) {
    WithColor::error(errs(), "adgen")
        << "--depfile names the dependencies of the -o file; give -o\n";
    return 1;
  }
  adgen::DriverOptions Opts;
  Opts.Input = Sources.front();
  Opts.Emit = Emit;
  Opts.Output = OutputPath;
  Opts.InPlace = InPlace;
  Opts.Depfile = Depfile;
  Opts.RuntimeIncludeDir = runtimeIncludeDir(argv[0]);
  Opts.ResourceDir = ADGEN_CLANG_RESOURCE_DIR;
  if (!sys::fs::exists(Opts.Input)) {
    WithColor::error(errs(), "adgen")
        << "no such file or directory: '" << Opts.Input << "'\n";
    return 1;
  }
  return adgen::runDriver(Opts, Parser->getCompilations());
}
