//===- workspace.h - Memory generated functions reuse between calls -*- C++
//-*-===//
// Tapes and local arrays of generated derivatives take their memory from a
// per-thread cache of blocks, so repeated calls allocate nothing and large
// tapes are not returned to the operating system and faulted in again.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_WORKSPACE_H
#define ADGEN_WORKSPACE_H
#include "adgen/detail/macros_off.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__GNUC__)
#define ADGEN_FRESH_MEMORY __attribute__((malloc, noinline))
#else
#define ADGEN_FRESH_MEMORY
#endif

namespace adgen {

namespace detail {
/// The blocks one thread's generated functions have freed, kept for the next
/// call (docs/contract.md, "Memory"). Each thread has its own: generated
/// functions stay reentrant and thread-safe without locks; a nested call
/// takes other blocks.
class BlockCache {
public:
  static BlockCache &local() {
    thread_local BlockCache Cache;
    return Cache;
  }

  /// A block of at least Bytes (updated to its real size). Declared like
  /// malloc, and kept out of line so that compilers see it as such: a block
  /// aliases no other live pointer, so loops over two local arrays of a
  /// generated function need no overlap checks and vectorise.
  ADGEN_FRESH_MEMORY void *acquire(std::size_t &Bytes) {
    std::size_t Rounded = 256;
    while (Rounded < Bytes)
      Rounded *= 2; // sizes that later calls can reuse
    // Every block has such a size, so one of exactly Rounded bytes fits
    // best; the most recently released is looked at first (recursive
    // generated functions release and acquire the same sizes in turn).
    int Best = -1;
    for (int Index = Count - 1; Index >= 0; --Index)
      if (Blocks[Index].Bytes >= Rounded &&
          (Best < 0 || Blocks[Index].Bytes < Blocks[Best].Bytes)) {
        Best = Index;
        if (Blocks[Index].Bytes == Rounded)
          break;
      }
    if (Best >= 0) {
      Block Found = Blocks[Best];
      Blocks[Best] = Blocks[--Count];
      Bytes = Found.Bytes;
      return Found.Data;
    }
    Bytes = Rounded;
    return ::operator new(Bytes);
  }

  void release(void *Data, std::size_t Bytes) {
    if (!Data)
      return;
    if (Count == MaxBlocks) { // keep the larger blocks
      int Smallest = 0;
      for (int Index = 1; Index < Count; ++Index)
        if (Blocks[Index].Bytes < Blocks[Smallest].Bytes)
          Smallest = Index;
      if (Blocks[Smallest].Bytes >= Bytes) {
        ::operator delete(Data);
        return;
      }
      ::operator delete(Blocks[Smallest].Data);
      Blocks[Smallest] = Blocks[--Count];
    }
    Blocks[Count++] = {Data, Bytes};
  }

  /// Frees every cached block.
  void clear() {
    for (int Index = 0; Index < Count; ++Index)
      ::operator delete(Blocks[Index].Data);
    Count = 0;
  }

  ~BlockCache() { clear(); }

private:
  struct Block {
    void *Data;
    std::size_t Bytes;
  };
  static constexpr int MaxBlocks = 64;
  Block Blocks[MaxBlocks];
  int Count = 0;
};
} // namespace detail

/// Frees the memory the calling thread keeps for generated functions (it is
/// otherwise kept until the thread ends).
inline void release_workspace() { detail::BlockCache::local().clear(); }

/// A zero-initialised local array of a generated function.
template <typename Element> class Array {
public:
  explicit Array(std::size_t Length) {
    // A length from a negative count (lengths the caller got wrong) stops
    // here, as std::vector's would; compilers then also know the size is
    // sane in code they cannot prove unreachable.
    if (Length > static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(Element))
      std::abort();
    // A local, not the member, goes to acquire(): the array's address does
    // not escape, and its pointer stays in a register across calls.
    std::size_t Size = Length * sizeof(Element);
    Data = static_cast<Element *>(detail::BlockCache::local().acquire(Size));
    Bytes = Size;
    // The bound as a pointer (g++'s -Wstringop-overflow does not see the
    // check above through a byte count it cannot bound).
    for (Element *P = Data, *End = Data + Length; P != End; ++P)
      *P = Element();
  }
  ~Array() { detail::BlockCache::local().release(Data, Bytes); }
  Array(const Array &) = delete;
  Array &operator=(const Array &) = delete;

  Element &operator[](std::size_t Index) { return Data[Index]; }
  const Element &operator[](std::size_t Index) const { return Data[Index]; }
  Element *data() { return Data; }

private:
  Element *Data;
  std::size_t Bytes;
};

} // namespace adgen

#include "adgen/detail/macros_on.h"
#endif
