//===- EmitterAnalysis.cpp - Deciding what the C++ inlines ---------------===//
// Use counts, the positions of writes to memory, and the rule that a value
// used once in its own region (and not moved past a write to what it reads)
// is printed inline.
//===----------------------------------------------------------------------===//
#include "Backend/FunctionEmitter.h"
#include "IR/Literal.h"
#include "IR/MemoryEffects.h"
#include "IR/Operation.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace adgen {

namespace {
/// True if the C++ text Code contains the identifier Name.
bool namesIdentifier(const std::string &Code, const std::string &Name) {
  auto IsIdent = [](char C) {
    return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
  };
  for (size_t At = Code.find(Name); At != std::string::npos;
       At = Code.find(Name, At + 1))
    if ((At == 0 || !IsIdent(Code[At - 1])) &&
        (At + Name.size() == Code.size() || !IsIdent(Code[At + Name.size()])))
      return true;
  return false;
}
} // namespace

void FunctionEmitter::countUses(const Region &R) {
  auto &Writes = WritesAt[&R];
  unsigned Index = 0;
  for (const auto &O : R.ops()) {
    Position[O.get()] = Index;
    MemoryEffects Effects;
    collectMemoryEffects(*O, Effects);
    for (const Value *Buffer : Effects.Writes)
      Writes[Buffer].push_back(Index);
    ++Index;
  }
  for (const auto &O : R.ops()) {
    if ((O->prim() == Prim::Div || O->prim() == Prim::Rem) &&
        !O->operand(1)->type().isFloat())
      ZeroDivisors.insert(O->operand(1));
    // ps[i].pos[j] of an array of records is printed from i and j, not
    // from their flat index i * 3 + j.
    std::vector<const Value *> Used(O->operands().begin(), O->operands().end());
    if (O->prim() == Prim::Load || O->prim() == Prim::Store) {
      unsigned Buf = O->prim() == Prim::Load ? 0 : 1;
      const Value *Record, *Within;
      if (elementParts(O->operand(Buf), O->operand(Buf + 1), Record, Within)) {
        Dropped.push_back(Used.back());
        Used.pop_back();
        Used.push_back(Record);
        if (Within)
          Used.push_back(Within);
      }
    }
    for (const Value *V : Used) {
      if (Uses[V]++ == 0) {
        UseRegion[V] = &R;
        FirstUser[V] = O.get();
      } else if (UseRegion[V] != &R) {
        UseRegion[V] = nullptr;
      }
    }
    if (O->prim() == Prim::Length && O->operand(0)->argumentOf() == F.body()) {
      const Value *P = O->operand(0);
      ParamKind K = F.paramInfo(P->index()).Kind;
      // A pointer's len(x, v.size()) is printed as v.size(): x is not read.
      if (K == ParamKind::CArray || K == ParamKind::StdArray ||
          K == ParamKind::Reference ||
          (K == ParamKind::Pointer &&
           !namesIdentifier(O->attrs().Callee, P->name())))
        LengthUses.insert(P);
    }
    // The tangent of a strong-zero product is printed twice (t == 0 ? 0 :
    // t * p): it counts as two uses, so it is named rather than repeated.
    if (O->prim() == Prim::ZeroMul || O->prim() == Prim::ZeroDiv)
      ++Uses[O->operand(0)];
    for (unsigned I = 0; I < O->numRegions(); ++I)
      countUses(*O->region(I));
  }
}

void FunctionEmitter::releaseDropped() {
  // A value printed nowhere does not use its operands either.
  std::vector<const Value *> Work(Dropped.begin(), Dropped.end());
  std::set<const Value *> Done;
  while (!Work.empty()) {
    const Value *V = Work.back();
    Work.pop_back();
    const Op *D = V->definingOp();
    if (Uses.count(V) || !D ||
        !(isPure(D->prim()) || D->prim() == Prim::Load) ||
        !Done.insert(V).second)
      continue;
    for (const Value *U : D->operands()) {
      Released.insert(U); // its remaining use need not be its first user
      if (--Uses[U] == 0) {
        Uses.erase(U);
        Work.push_back(U);
      }
    }
  }
}

bool FunctionEmitter::isZeroDivisor(const Value *V) const {
  if (V->type().isFloat() || V->definingOp()->constantValue() != 0)
    return false;
  return ZeroDivisors.count(V) != 0;
}

bool FunctionEmitter::noWritesBetween(
    const Op *Def, const Op *Use,
    const std::set<const Value *> &Buffers) const {
  const auto &Writes = WritesAt.at(Def->parentRegion());
  unsigned From = Position.at(Def) + 1, To = Position.at(Use);
  for (const Value *Buffer : Buffers) {
    auto It = Writes.find(Buffer);
    if (It == Writes.end())
      continue;
    auto First = std::lower_bound(It->second.begin(), It->second.end(), From);
    if (First != It->second.end() && *First < To)
      return false;
  }
  return true;
}

void FunctionEmitter::buffersRead(const Value *V,
                                  std::set<const Value *> &Out) const {
  const Op *D = V->definingOp();
  if (!D)
    return;
  if (D->prim() == Prim::Load)
    Out.insert(D->operand(0));
  for (const Value *U : D->operands())
    if (U->type().isBuffer() && D->prim() != Prim::Load)
      Out.insert(U); // an array a call reads
    else if (inlined(U))
      buffersRead(U, Out);
}

bool FunctionEmitter::inlined(const Value *V) const {
  auto Memo = InlineMemo.find(V);
  if (Memo != InlineMemo.end() && V != ForceInline)
    return Memo->second;
  bool R = decideInline(V);
  if (V != ForceInline)
    InlineMemo[V] = R;
  return R;
}

bool FunctionEmitter::decideInline(const Value *V) const {
  const Op *D = V->definingOp();
  if (!D)
    return false;
  if (V == ForceInline)
    return true;
  if (D->prim() == Prim::Const)
    return !isZeroDivisor(V); // `1 / 0` would not compile under -Werror
  if ((!isPure(D->prim()) && D->prim() != Prim::Load) ||
      D->prim() == Prim::CallGrad)
    return false;
  auto It = Uses.find(V);
  if (It == Uses.end()) // printed nowhere (a flat index split into parts)
    return isPure(D->prim()) || D->prim() == Prim::Load;
  if (It->second != 1 || Released.count(V))
    return false;
  if (UseRegion.at(V) != D->parentRegion())
    return false;
  const Op *User = FirstUser.at(V);
  // A value that reads memory must not move past a write to that memory
  // (distinct buffers do not alias: docs/contract.md).
  std::set<const Value *> Read;
  buffersRead(V, Read);
  if (!Read.empty() && !noWritesBetween(D, User, Read))
    return false;
  if (User->prim() == Prim::For && User->operand(1) == V)
    return isSimpleBound(V); // the condition is evaluated every iteration
  return V->name().empty() || yieldsToSameName(V);
}

bool FunctionEmitter::isSimpleBound(const Value *V) const {
  const Op *D = V->definingOp();
  if (D->prim() != Prim::Add && D->prim() != Prim::Sub)
    return false;
  const Op *L = D->operand(0)->definingOp();
  const Op *R = D->operand(1)->definingOp();
  bool LeftLeaf = !L || L->prim() == Prim::Const ||
                  !D->operand(0)->name().empty() || Uses.at(D->operand(0)) > 1;
  return LeftLeaf && R && R->prim() == Prim::Const;
}

bool FunctionEmitter::reads(const Value *V, const Value *Arg) const {
  if (V == Arg)
    return true;
  if (!inlined(V))
    return false;
  for (const Value *U : V->definingOp()->operands())
    if (reads(U, Arg))
      return true;
  return false;
}

bool FunctionEmitter::yieldsToSameName(const Value *V) const {
  const Op *User = FirstUser.at(V);
  if (User->prim() != Prim::Yield)
    return false;
  const Op *Parent = User->parentRegion()->parentOp();
  for (unsigned I = 0; I < User->numOperands(); ++I)
    if (User->operand(I) == V && Parent->result(I)->name() == V->name())
      return true;
  return false;
}
} // namespace adgen
