//===- LowerRangeFor.cpp - Range-based for loops over arrays --------------===//
// for (T v : a) is a counted loop over a's indices, or a while loop over a
// hidden index when it breaks or returns; a reference loop variable names
// the element.
//===----------------------------------------------------------------------===//
#include "Frontend/Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace adgen {

bool FunctionLowering::rangeOf(const clang::CXXForRangeStmt *For, Value *&Buf,
                               Value *&Length, Value *&Offset,
                               std::optional<RecordArray> &Recs) {
  Offset = nullptr;
  if (RecordArray A; recordArrayOf(For->getRangeInit(), A)) {
    // for (const Point &p : ps): the records' index.
    Recs = A;
    Buf = nullptr;
    Length = A.Count;
    B->setLoc(LC.location(For->getBeginLoc()));
    return true;
  }
  const clang::Expr *Range = For->getRangeInit();
  Buf = bufferOf(Range);
  Offset = LastOffset;
  LastOffset = nullptr;
  if (!Buf)
    return false;
  Length = lengthOf(Buf);
  if (Offset) {
    // Part of an array: a row (A[i]) or a record's member (ps[i].pos).
    Type ULong(TypeKind::ULong);
    Value *RowOffset = nullptr;
    auto Flat = LC.flatArray(Range->getType().getNonReferenceType());
    if (Value *Matrix = rowOfMatrix(Range, RowOffset))
      Length = RowsOf.at(Matrix).second;
    else if (RowsOf.count(Buf)) // a helper's vector bound to a row
      Length = RowsOf.at(Buf).second;
    else if (std::optional<Leaf> L = memberLeaf(Range, /*Evaluate=*/false);
             L && L->Extent)
      Length = B->constant(ULong, static_cast<long long>(L->Extent));
    else if (Flat && LC.fixedExtent(Range->getType()))
      Length = B->constant(ULong, static_cast<long long>(Flat->second));
    else
      return fail(Range, "a range-for over this part of an array is not "
                         "supported; loop over its indices"),
             false;
  }
  if (!LC.scalarType(For->getLoopVariable()->getType())) {
    fail(For->getLoopVariable(), "the loop variable must have an arithmetic "
                                 "type");
    return false;
  }
  B->setLoc(LC.location(For->getBeginLoc()));
  return true;
}

void FunctionLowering::bindRangeElement(
    const clang::CXXForRangeStmt *For, Value *Buf, Value *K, Value *Offset,
    const std::optional<RecordArray> &Recs) {
  const clang::VarDecl *Var = For->getLoopVariable();
  if (Offset)
    K = B->add(Offset, B->cast(K, Type(TypeKind::Long)));
  if (Recs) {
    Leaves Element = recordElement(*Recs, K);
    if (Var->getType()->isReferenceType()) {
      Records[Var] = Element; // reads and writes go to the record
      return;
    }
    // A copy: the loop variable's own record.
    Leaves Copy;
    auto R = LC.recordParamType(Var->getType());
    if (R && allocRecord(R->Decl, Var->getNameAsString(), Var->getLocation(),
                         Copy)) {
      copyLeaves(Copy, Element);
      Records[Var] = Copy;
    }
    return;
  }
  std::optional<Type> VarTy = LC.scalarType(Var->getType());
  if (Var->getType()->isReferenceType() && VarTy == Buf->type().element()) {
    // The loop variable names the element: writes through it store.
    ElementRefs[Var] = Place{nullptr, Buf, K, {}};
    return;
  }
  Value *Elem =
      B->create(Prim::Load, {Buf, K}, {Buf->type().element()})->result();
  assign(Var, B->cast(Elem, *VarTy)); // a copy, or a converted temporary
}

bool FunctionLowering::lowerRangeFor(const clang::CXXForRangeStmt *For) {
  std::set<const clang::VarDecl *> Assigned;
  if (containsBreakOf(For->getBody())) {
    LoopControl Control;
    if (!rangeForControl(For, Assigned, Control))
      return false;
    collectAssignedVars(For->getBody(), Assigned);
    return lowerWhileLoop(Control, For->getBody(), false, Assigned,
                          For->getBeginLoc());
  }
  Value *Buf, *Length, *Offset;
  std::optional<RecordArray> Recs;
  if (!rangeOf(For, Buf, Length, Offset, Recs))
    return false;
  collectAssignedVars(For->getBody(), Assigned);
  Type LenTy = Length->type();
  return lowerCountedLoop(B->zero(LenTy), Length, 1, Assigned, For->getBody(),
                          [&](Value *K) {
                            bindRangeElement(For, Buf, K, Offset, Recs);
                            return true;
                          });
}

bool FunctionLowering::rangeForControl(
    const clang::CXXForRangeStmt *For,
    std::set<const clang::VarDecl *> &Assigned, LoopControl &Out) {
  Value *Buf, *Length, *Offset;
  std::optional<RecordArray> Recs;
  if (!rangeOf(For, Buf, Length, Offset, Recs))
    return false;
  // The hidden iterator variable of the range-for carries the index.
  const auto *Index = llvm::cast<clang::VarDecl>(
      llvm::cast<clang::DeclStmt>(For->getBeginStmt())->getSingleDecl());
  Type LenTy = Length->type();
  bind(Index, B->zero(LenTy));
  Assigned.insert(Index);
  Out.Test = [=] { return B->cmp(CmpPred::LT, Env.at(Index), Length); };
  Out.Prologue = [=] {
    bindRangeElement(For, Buf, Env.at(Index), Offset, Recs);
    return true;
  };
  Out.Advance = [=] {
    bind(Index, B->add(Env.at(Index), B->one(LenTy)));
    return true;
  };
  return true;
}

} // namespace adgen
