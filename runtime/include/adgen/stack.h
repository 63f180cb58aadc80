//===- stack.h - What reverse loops record ----------------------*- C++ -*-===//
// A LIFO of values that a generated gradient pushes in a forward loop and
// pops in the reversed loop. It lives in the generated function's frame, so
// generated functions stay reentrant; see docs/contract.md for its memory.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_STACK_H
#define ADGEN_STACK_H

#include <cstddef>
#include <cstring>
#include <memory>

namespace adgen {

/// A generated loop reserves room for its pushes before it starts, so push()
/// is a plain store: no call in the loop, and the compiler keeps the loop's
/// values in registers.
template <typename T> class Stack {
public:
  void push(T Value) { Data[Size++] = Value; }
  T pop() { return Data[--Size]; }
  /// Room for Count more values.
  void reserve(std::size_t Count) {
    while (Capacity - Size < Count)
      grow();
  }
  std::size_t size() const { return Size; }

private:
#if defined(__GNUC__)
  __attribute__((noinline, cold))
#endif
  void grow() {
    std::size_t NewCapacity = Capacity ? 2 * Capacity : 256;
    std::unique_ptr<T[]> NewData(new T[NewCapacity]);
    for (std::size_t I = 0; I < Size; ++I)
      NewData[I] = Data[I];
    Data = std::move(NewData);
    Capacity = NewCapacity;
  }

  std::unique_ptr<T[]> Data;
  std::size_t Size = 0;
  std::size_t Capacity = 0;
};

} // namespace adgen

#endif
