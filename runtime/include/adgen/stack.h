//===- stack.h - What reverse loops record ----------------------*- C++ -*-===//
// A LIFO of values that a generated gradient pushes in a forward loop and
// pops in the reversed loop. It lives in the generated function's frame, so
// generated functions stay reentrant; its memory comes from workspace.h.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_STACK_H
#define ADGEN_STACK_H
#include "adgen/detail/macros_off.h"

#include <adgen/workspace.h>

#include <cstddef>
#include <cstring>

namespace adgen {

/// A generated loop reserves room for its pushes before it starts, so push()
/// is a plain store: no call in the loop, and the compiler keeps the loop's
/// values in registers.
template <typename Element> class Stack {
public:
  Stack() = default;
  Stack(const Stack &) = delete;
  Stack &operator=(const Stack &) = delete;
  ~Stack() {
    detail::BlockCache::local().release(Data, Capacity * sizeof(Element));
  }

  void push(Element Value) { Data[Size++] = Value; }
  Element pop() { return Data[--Size]; }
  /// Room for Count more values.
  void reserve(std::size_t Count) {
    if (Capacity - Size < Count)
      grow(Size + Count);
  }
  std::size_t size() const { return Size; }

private:
#if defined(__GNUC__)
  __attribute__((noinline, cold))
#endif
  void
  grow(std::size_t Needed) {
    std::size_t Bytes = Needed * sizeof(Element);
    if (Bytes < 2 * Capacity * sizeof(Element))
      Bytes = 2 * Capacity * sizeof(Element);
    detail::BlockCache &Cache = detail::BlockCache::local();
    Element *NewData = static_cast<Element *>(Cache.acquire(Bytes));
    if (Size)
      std::memcpy(static_cast<void *>(NewData), Data, Size * sizeof(Element));
    Cache.release(Data, Capacity * sizeof(Element));
    Data = NewData;
    Capacity = Bytes / sizeof(Element);
  }

  Element *Data = nullptr;
  std::size_t Size = 0;
  std::size_t Capacity = 0;
};

} // namespace adgen

#include "adgen/detail/macros_on.h"
#endif
