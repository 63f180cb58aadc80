//===- stack.h - What reverse loops record ----------------------*- C++ -*-===//
// A LIFO of values that a generated gradient pushes in a forward loop and
// pops in the reversed loop. It lives in the generated function's frame, so
// generated functions stay reentrant; see docs/contract.md for its memory.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_STACK_H
#define ADGEN_STACK_H

#include <vector>

namespace adgen {

template <typename T> class Stack {
public:
  void push(T Value) { Data.push_back(Value); }
  T pop() {
    T Value = Data.back();
    Data.pop_back();
    return Value;
  }
  void reserve(std::size_t N) { Data.reserve(N); }
  std::size_t size() const { return Data.size(); }

private:
  std::vector<T> Data;
};

} // namespace adgen

#endif
