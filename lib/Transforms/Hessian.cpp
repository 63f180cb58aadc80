//===- Hessian.cpp - Full Hessians from Hessian-vector products -----------===//
// Clones f's body for the value, then loops over the unit directions e_col
// with the HVP's body inlined, storing H e_col as row col of H.
//===----------------------------------------------------------------------===//
#include "Transforms/Hessian.h"
#include "IR/Builder.h"
#include "IR/Cloning.h"

namespace adgen {

namespace {
/// One differentiated parameter: where its elements sit among the n.
struct Input {
  unsigned Param;
  bool IsArray;
  Value *Length = nullptr, *Offset = nullptr;
  Value *Direction = nullptr; // v_x: an array, or the scalar in the loop
  Value *Product = nullptr;   // Hv_x's array (arrays only)
};

class HessianBuilder {
public:
  HessianBuilder(Function &G, Builder &B) : G(G), B(B) {}

  Value *index(long long V) { return B.constant(Index, V); }

  /// for (k = 0; k < Count; ++k) Body(k)
  template <typename Fn> void loop(Value *Count, const char *Name, Fn Body) {
    Op *L = B.create(Prim::For, {index(0), Count, index(1)}, {}, {}, 1);
    Value *K = L->region(0)->addArgument(Index, Name);
    B.enter(L->region(0));
    Body(K);
    B.yield({});
    B.exit();
  }

  /// if (Cond) Then()
  template <typename Fn> void when(Value *Cond, Fn Then) {
    Op *If = B.create(Prim::If, {Cond}, {}, {}, 2);
    B.enter(If->region(0));
    Then();
    B.yield({});
    B.exit();
    B.enter(If->region(1));
    B.yield({});
    B.exit();
  }

  Value *lengthOf(unsigned I) {
    const ParamInfo &Info = G.paramInfo(I);
    Type LenTy(Info.Kind == ParamKind::Pointer ? TypeKind::Long
                                               : TypeKind::ULong);
    Attributes A;
    A.Callee = Info.Length;
    return B.cast(B.build(Prim::Length, LenTy, {G.param(I)}, A), Index);
  }

  const Type Index = Type(TypeKind::Long);

private:
  Function &G;
  Builder &B;
};
} // namespace

std::unique_ptr<Function> buildHessian(const Function &F, const Function &Hv,
                                       const std::vector<bool> &Active,
                                       Diagnostics &Diags) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  Type Elem = F.results().front().Ty;
  std::vector<Input> Inputs;
  std::string Count;
  for (unsigned I = 0; I < F.numParams(); ++I) {
    if (!F.param(I)->type().isDifferentiable() || I >= Active.size() ||
        !Active[I])
      continue;
    bool IsArray = F.param(I)->type().isBuffer();
    Inputs.push_back({I, IsArray});
    Count += std::string(Count.empty() ? "" : " + ") +
             (IsArray ? "(" + F.paramInfo(I).Length + ")" : "1");
  }
  ParamInfo HInfo;
  HInfo.Kind = ParamKind::Pointer;
  HInfo.Const = false;
  HInfo.Length = "(" + Count + ") * (" + Count + ")";
  Value *H = G->addParam(Type::buffer(Elem.kind()), G->uniqueName("H"), HInfo);

  Builder B(G->body());
  HessianBuilder HB(*G, B);
  B.setLoc(F.Loc);
  Value *Result = nullptr;
  for (const auto &O : F.body()->ops()) {
    if (O->prim() == Prim::Return) {
      Result = lookup(Map, O->operand(0));
      continue;
    }
    cloneOp(B, *O, Map);
  }
  B.setLoc(F.Loc);
  Value *N = HB.index(0);
  for (Input &In : Inputs) {
    In.Length = In.IsArray ? HB.lengthOf(In.Param) : HB.index(1);
    In.Offset = N;
    N = B.add(N, In.Length);
    if (!In.IsArray)
      continue;
    const std::string &Name = F.param(In.Param)->name();
    Type Ty = F.param(In.Param)->type();
    In.Direction = B.create(Prim::Alloc, {In.Length}, {Ty})->result();
    In.Direction->setName("v_" + Name);
    In.Product = B.create(Prim::Alloc, {In.Length}, {Ty})->result();
    In.Product->setName("Hv_" + Name);
  }

  // The HVP's parameters: f's, the directions, then the arrays of products.
  unsigned NumArrays = 0;
  for (const Input &In : Inputs)
    NumArrays += In.IsArray;
  if (Hv.numParams() != F.numParams() + Inputs.size() + NumArrays) {
    Diags.push_back({F.Loc, "internal error: unexpected HVP signature"});
    return nullptr;
  }
  HB.loop(N, "col", [&](Value *Col) {
    ValueMap Inline;
    for (unsigned I = 0; I < F.numParams(); ++I)
      Inline[Hv.param(I)] = G->param(I);
    unsigned Next = F.numParams();
    std::vector<Value *> Inside(Inputs.size());
    for (unsigned K = 0; K < Inputs.size(); ++K) {
      Input &In = Inputs[K];
      Value *Local = B.sub(Col, In.Offset);
      Inside[K] = In.IsArray
                      ? B.logicalAnd(B.cmp(CmpPred::LE, In.Offset, Col),
                                     B.cmp(CmpPred::LT, Local, In.Length))
                      : B.cmp(CmpPred::EQ, Col, In.Offset);
      if (In.IsArray) {
        HB.when(Inside[K], [&] {
          B.create(Prim::Store, {B.one(Elem), In.Direction, Local}, {});
        });
        Inline[Hv.param(Next++)] = In.Direction;
      } else {
        Inline[Hv.param(Next++)] =
            B.select(Inside[K], B.one(Elem), B.zero(Elem));
      }
    }
    for (const Input &In : Inputs)
      if (In.IsArray)
        Inline[Hv.param(Next++)] = In.Product;
    std::vector<Value *> Scalars;
    for (const auto &O : Hv.body()->ops()) {
      if (O->prim() == Prim::Return) {
        for (Value *V : O->operands())
          Scalars.push_back(lookup(Inline, V));
        continue;
      }
      if (O->prim() == Prim::Fill) { // of an Hv_x: now a local array
        Value *Buffer = lookup(Inline, O->operand(0));
        Value *Fill = lookup(Inline, O->operand(1));
        Value *Length = nullptr;
        for (const Input &In : Inputs)
          if (In.Product == Buffer)
            Length = In.Length;
        if (!Length) {
          Diags.push_back({F.Loc, "internal error: unexpected fill in HVP"});
          return;
        }
        HB.loop(Length, "k", [&](Value *K) {
          B.create(Prim::Store, {Fill, Buffer, K}, {});
        });
        continue;
      }
      cloneOp(B, *O, Inline);
    }
    // Row col of H is H e_col (H is symmetric).
    Value *Row = B.mul(Col, N);
    unsigned Scalar = 0;
    for (unsigned K = 0; K < Inputs.size(); ++K) {
      Input &In = Inputs[K];
      Value *At = B.add(Row, In.Offset);
      if (!In.IsArray) {
        B.create(Prim::Store, {Scalars[Scalar++], H, At}, {});
        continue;
      }
      HB.loop(In.Length, "k", [&](Value *J) {
        Value *E = B.create(Prim::Load, {In.Product, J}, {Elem})->result();
        B.create(Prim::Store, {E, H, B.add(At, J)}, {});
      });
      HB.when(Inside[K], [&] {
        B.create(Prim::Store,
                 {B.zero(Elem), In.Direction, B.sub(Col, In.Offset)}, {});
      });
    }
  });
  if (!Diags.empty())
    return nullptr;
  B.ret({Result});
  return G;
}

} // namespace adgen
