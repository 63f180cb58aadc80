//===- Function.h - IR functions and modules --------------------*- C++ -*-===//
// A function is a body region whose arguments are the parameters, plus how
// each result is handed back in C++ (returned, or written through a pointer).
//===----------------------------------------------------------------------===//
#ifndef ADGEN_IR_FUNCTION_H
#define ADGEN_IR_FUNCTION_H

#include "IR/Location.h"
#include "IR/Operation.h"

#include <memory>
#include <string>
#include <vector>

namespace adgen {

/// How a result of the body's return op reaches the C++ caller.
enum class ResultPassing {
  Return,            // the C++ return value
  OutPointer,        // `T *name`, written unconditionally
  OptionalOutPointer // `T *name = nullptr`, written when not null
};

struct ResultSlot {
  std::string Name;
  Type Ty;
  ResultPassing Passing = ResultPassing::Return;
};

class Function {
public:
  Function(std::string Name, std::vector<std::string> Namespaces = {})
      : Name(std::move(Name)), Namespaces(std::move(Namespaces)),
        Body(std::make_unique<Region>()) {}

  const std::string &name() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  /// Enclosing namespaces, outermost first.
  const std::vector<std::string> &namespaces() const { return Namespaces; }
  std::string qualifiedName() const;

  Region *body() const { return Body.get(); }
  Value *addParam(Type Ty, std::string Name) {
    return Body->addArgument(Ty, std::move(Name));
  }
  unsigned numParams() const { return Body->numArguments(); }
  Value *param(unsigned I) const { return Body->argument(I); }

  std::vector<ResultSlot> &results() { return Results; }
  const std::vector<ResultSlot> &results() const { return Results; }

  /// C++ linkage of the original function, copied to its derivatives.
  bool IsStatic = false;
  bool IsInline = false;
  Location Loc;

private:
  std::string Name;
  std::vector<std::string> Namespaces;
  std::unique_ptr<Region> Body;
  std::vector<ResultSlot> Results;
};

class Module {
public:
  Function *add(std::unique_ptr<Function> F) {
    Functions.push_back(std::move(F));
    return Functions.back().get();
  }
  const std::vector<std::unique_ptr<Function>> &functions() const {
    return Functions;
  }
  Function *lookup(const std::string &QualifiedName) const;

private:
  std::vector<std::unique_ptr<Function>> Functions;
};

} // namespace adgen

#endif
