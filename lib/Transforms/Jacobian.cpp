//===- Jacobian.cpp - Full Jacobians of vector-valued functions -----------===//
// Runs f, then sweeps unit directions: e_col through the JVP for columns, or
// e_row through the VJP for rows, with the chosen body inlined in the loop.
//===----------------------------------------------------------------------===//
#include "Transforms/Jacobian.h"
#include "Transforms/CountedLoops.h"
#include "Transforms/InductionVariables.h"
#include "Transforms/Simplify.h"
#include "Transforms/UnitSweep.h"

namespace adgen {

namespace {
class JacobianBuilder {
public:
  JacobianBuilder(const Function &F, const Function &Jvp, const Function &Vjp,
                  Function &G, Diagnostics &Diags)
      : F(F), Jvp(Jvp), Vjp(Vjp), G(G), B(G.body()), S(G, B), Diags(Diags) {
    B.setLoc(F.Loc);
  }

  const Function &F, &Jvp, &Vjp;
  Function &G;
  Builder B;
  UnitSweep S;
  Diagnostics &Diags;
  Type Elem;
  bool HasReturn = false;
  std::vector<SweepSlot> Inputs, Outputs; // Outputs: the arrays only
  Value *J = nullptr, *N = nullptr, *M = nullptr;
  /// Initial contents of outputs f also reads, restored before each step.
  std::map<unsigned, Value *> Saved;
  /// What a sweep step writes for each output: f has set the outputs
  /// already, so the steps write local arrays, whose stores (and the values
  /// only they need) die unless the step reads them back.
  std::map<unsigned, Value *> Scratch;

  void allocateScratch() {
    for (const SweepSlot &Out : Outputs)
      Scratch[Out.Param] = S.localArray(Out.Length, F.param(Out.Param)->type(),
                                        F.param(Out.Param)->name() + "_step");
  }

  void copy(Value *From, Value *To, Value *Length) {
    S.loop(Length, "k", [&](Value *K) {
      Value *E = B.create(Prim::Load, {From, K}, {Elem})->result();
      B.create(Prim::Store, {E, To, K}, {});
    });
  }

  void restoreOutputs() {
    for (const SweepSlot &Out : Outputs)
      if (Saved.count(Out.Param))
        copy(Saved[Out.Param], Scratch[Out.Param], Out.Length);
  }

  ValueMap primalParams(const Function &D) {
    ValueMap Inline;
    for (unsigned I = 0; I < F.numParams(); ++I)
      Inline[D.param(I)] = Scratch.count(I) ? Scratch[I] : G.param(I);
    return Inline;
  }

  /// Column col of J is J e_col: the JVP with the unit tangent e_col. For
  /// an in-place kernel (InPlace: no input but the initial contents of its
  /// in-out arrays, the columns in Inputs), e_col is the tangent of those
  /// contents, which the JVP reads from the t_ arrays it writes the final
  /// tangents to.
  void forward(bool InPlace = false) {
    allocateScratch();
    for (SweepSlot &Out : Outputs)
      Out.Local = S.localArray(Out.Length, F.param(Out.Param)->type(),
                               "t_" + F.param(Out.Param)->name());
    for (SweepSlot &In : Inputs)
      if (InPlace) {
        for (const SweepSlot &Out : Outputs)
          if (Out.Param == In.Param)
            In.Local = Out.Local;
      } else if (In.IsArray) {
        In.Local = S.localArray(In.Length, F.param(In.Param)->type(),
                                "t_" + F.param(In.Param)->name());
      }
    S.loop(N, "col", [&](Value *Col) {
      for (const SweepSlot &Out : Outputs) // elements f does not write
        S.clear(Out, Elem);
      S.setSeed(Inputs, Col, B.one(Elem));
      restoreOutputs();
      ValueMap Inline = primalParams(Jvp);
      unsigned Next = F.numParams();
      for (const SweepSlot &In : Inputs)
        if (!InPlace)
          Inline[Jvp.param(Next++)] =
              In.IsArray
                  ? In.Local
                  : B.select(S.holds(In, Col), B.one(Elem), B.zero(Elem));
      for (const SweepSlot &Out : Outputs)
        Inline[Jvp.param(Next++)] = Out.Local;
      std::vector<Value *> Returned = S.inlineBody(Jvp, Inline, {});
      if (!Diags.empty())
        return;
      if (HasReturn)
        B.create(Prim::Store, {Returned[1], J, Col}, {});
      for (const SweepSlot &Out : Outputs)
        S.loop(Out.Length, "k", [&](Value *K) {
          Value *E = B.create(Prim::Load, {Out.Local, K}, {Elem})->result();
          Value *At = B.add(B.mul(B.add(Out.Offset, K), N), Col);
          B.create(Prim::Store, {E, J, At}, {});
        });
      if (!InPlace) // the t_ arrays of inputs start at zero next time
        S.setSeed(Inputs, Col, B.zero(Elem));
    });
  }

  /// Row row of J is e_rowᵀ J: the VJP with the unit weight e_row.
  void reverse() {
    allocateScratch();
    std::map<Value *, Value *> Lengths;
    for (SweepSlot &Out : Outputs)
      Out.Local = S.localArray(Out.Length, F.param(Out.Param)->type(),
                               "w_" + F.param(Out.Param)->name());
    for (SweepSlot &In : Inputs)
      if (In.IsArray) {
        In.Local = S.localArray(In.Length, F.param(In.Param)->type(),
                                "d_" + F.param(In.Param)->name());
        Lengths[In.Local] = In.Length;
      }
    S.loop(M, "row", [&](Value *Row) {
      S.setSeed(Outputs, Row, B.one(Elem));
      restoreOutputs();
      ValueMap Inline = primalParams(Vjp);
      unsigned Next = F.numParams();
      if (HasReturn)
        Inline[Vjp.param(Next++)] = B.select(
            B.cmp(CmpPred::EQ, Row, S.index(0)), B.one(Elem), B.zero(Elem));
      for (const SweepSlot &Out : Outputs)
        Inline[Vjp.param(Next++)] = Out.Local;
      for (const SweepSlot &In : Inputs)
        if (In.IsArray)
          Inline[Vjp.param(Next++)] = In.Local;
      std::vector<Value *> Returned = S.inlineBody(Vjp, Inline, Lengths);
      if (!Diags.empty())
        return;
      unsigned Scalar = HasReturn ? 1 : 0;
      Value *RowStart = B.mul(Row, N);
      for (const SweepSlot &In : Inputs) {
        Value *At = B.add(RowStart, In.Offset);
        if (!In.IsArray) {
          B.create(Prim::Store, {Returned[Scalar++], J, At}, {});
          continue;
        }
        S.loop(In.Length, "k", [&](Value *K) {
          Value *E = B.create(Prim::Load, {In.Local, K}, {Elem})->result();
          B.create(Prim::Store, {E, J, B.add(At, K)}, {});
        });
      }
      S.setSeed(Outputs, Row, B.zero(Elem));
    });
  }
};

/// Whether O, or an op nested in it, loads from Y.
bool loadsFrom(const Op &O, const Value *Y) {
  if (O.prim() == Prim::Load && O.operand(0) == Y)
    return true;
  for (unsigned I = 0; I < O.numRegions(); ++I)
    for (const auto &Inner : O.region(I)->ops())
      if (loadsFrom(*Inner, Y))
        return true;
  return false;
}

const Value *withoutCasts(const Value *V) {
  while (V->definingOp() && V->definingOp()->prim() == Prim::Cast)
    V = V->definingOp()->operand(0);
  return V;
}

bool isConstant(const Value *V, long double C) {
  const Op *D = withoutCasts(V)->definingOp();
  return D && D->prim() == Prim::Const && D->constantValue() == C;
}

/// Whether L, a for op, stores Y[i] for every i < length(Y) before any read
/// of Y in the same iteration, and then reads Y only at i (in its body's
/// top level).
bool coversBeforeReading(const Function &F, unsigned Param, const Op &L) {
  const Value *Y = F.param(Param);
  const Value *Bound = withoutCasts(L.operand(1));
  const Op *BoundOp = Bound->definingOp();
  bool IsLength = (BoundOp && BoundOp->prim() == Prim::Length &&
                   BoundOp->operand(0) == Y) ||
                  (!BoundOp && Bound->name() == F.paramInfo(Param).Length);
  if (!isConstant(L.operand(0), 0) || !isConstant(L.operand(2), 1) || !IsLength)
    return false;
  const Region &Body = *L.region(0);
  const Value *IV = Body.argument(0);
  bool Written = false;
  for (const auto &O : Body.ops()) {
    if (!O->usesAnywhere(Y))
      continue;
    if (!Written) {
      if (O->prim() != Prim::Store || O->operand(1) != Y || O->operand(2) != IV)
        return false;
      Written = true;
      continue;
    }
    bool Reads =
        O->prim() == Prim::Load ? O->operand(1) != IV : loadsFrom(*O, Y);
    if (Reads)
      return false;
  }
  return Written;
}

/// Whether f may read an element of its output Y before writing it: then a
/// sweep step that runs f again must start from Y's initial contents. F
/// should have its counted loops raised to for ops.
bool readsInitialContents(const Function &F, unsigned Param) {
  const Value *Y = F.param(Param);
  for (const auto &O : F.body()->ops()) {
    if (!O->usesAnywhere(Y))
      continue;
    if (O->prim() == Prim::Fill ||
        (O->prim() == Prim::For && coversBeforeReading(F, Param, *O)))
      return false;
    if (loadsFrom(*O, Y))
      return true;
  }
  return false;
}

std::string lengthText(const std::vector<std::string> &Terms) {
  std::string Sum;
  for (const std::string &T : Terms)
    Sum += (Sum.empty() ? "" : " + ") + T;
  return Sum.empty() ? "0" : Sum;
}
} // namespace

std::unique_ptr<Function> buildJacobian(const Function &F, const Function &Jvp,
                                        const Function &Vjp,
                                        const std::vector<bool> &Active,
                                        Diagnostics &Diags) {
  ValueMap Map;
  std::unique_ptr<Function> G = cloneSignature(F, Map);
  JacobianBuilder JB(F, Jvp, Vjp, *G, Diags);
  std::unique_ptr<Function> Counted =
      simplify(*closeInductionVariables(*raiseCountedLoops(*simplify(F))));
  std::vector<std::string> Rows, Columns;
  JB.HasReturn = !F.results().empty() && F.results().front().Ty.isFloat();
  if (JB.HasReturn) {
    JB.Elem = F.results().front().Ty;
    Rows.push_back("1");
  }
  for (unsigned I = 0; I < F.numParams(); ++I) {
    Type Ty = F.param(I)->type();
    if (!Ty.isDifferentiable())
      continue;
    std::string Length =
        Ty.isBuffer() ? "(" + F.paramInfo(I).Length + ")" : "1";
    if (Ty.isBuffer() && !F.paramInfo(I).Const) {
      JB.Outputs.push_back({I, true});
      Rows.push_back(Length);
      JB.Elem = Type(Ty.kind());
    } else if (I < Active.size() && Active[I]) {
      JB.Inputs.push_back({I, Ty.isBuffer()});
      Columns.push_back(Length);
    }
  }
  unsigned ArrayInputs = 0;
  for (const SweepSlot &In : JB.Inputs)
    ArrayInputs += In.IsArray;
  if (JB.Outputs.empty() && !JB.HasReturn) {
    Diags.push_back({F.Loc, "internal error: a Jacobian without outputs"});
    return nullptr;
  }
  // No input: an in-place kernel, whose columns are the initial contents
  // of its in-out arrays.
  bool InPlace = JB.Inputs.empty();
  if (InPlace) {
    for (const SweepSlot &Out : JB.Outputs)
      if (readsInitialContents(*Counted, Out.Param)) {
        JB.Inputs.push_back({Out.Param, true});
        Columns.push_back("(" + F.paramInfo(Out.Param).Length + ")");
      }
    if (JB.Inputs.empty()) {
      Diags.push_back({F.Loc, "'" + F.name() +
                                  "' has no floating-point input and no "
                                  "array it updates in place: its Jacobian "
                                  "has no column"});
      return nullptr;
    }
  }
  if ((!InPlace && Jvp.numParams() !=
                       F.numParams() + JB.Inputs.size() + JB.Outputs.size()) ||
      (InPlace && Jvp.numParams() != F.numParams() + JB.Outputs.size()) ||
      (!InPlace && Vjp.numParams() != F.numParams() + JB.HasReturn +
                                          JB.Outputs.size() + ArrayInputs)) {
    Diags.push_back({F.Loc, "internal error: unexpected JVP or VJP signature"});
    return nullptr;
  }
  ParamInfo JInfo;
  JInfo.Kind = ParamKind::Pointer;
  JInfo.Const = false;
  JInfo.Length = "(" + lengthText(Rows) + ") * (" + lengthText(Columns) + ")";
  JB.J = G->addParam(Type::buffer(JB.Elem.kind()), G->uniqueName("J"), JInfo);

  Builder &B = JB.B;
  UnitSweep &S = JB.S;
  for (SweepSlot &Out : JB.Outputs)
    if (readsInitialContents(*Counted, Out.Param)) { // in-out
      Out.Length = S.lengthOf(Out.Param);
      Value *Copy = S.localArray(Out.Length, F.param(Out.Param)->type(),
                                 F.param(Out.Param)->name() + "_initial");
      JB.copy(G->param(Out.Param), Copy, Out.Length);
      JB.Saved[Out.Param] = Copy;
    }
  Value *Result = nullptr;
  for (const auto &O : F.body()->ops()) {
    if (O->prim() == Prim::Return) {
      if (O->numOperands())
        Result = lookup(Map, O->operand(0));
      continue;
    }
    cloneOp(B, *O, Map, /*Primal=*/true);
  }
  B.setLoc(F.Loc);
  JB.N = S.layOut(JB.Inputs, S.index(0));
  JB.M = S.layOut(JB.Outputs, S.index(JB.HasReturn ? 1 : 0));
  if (InPlace) {
    JB.forward(/*InPlace=*/true);
    if (!Diags.empty())
      return nullptr;
    B.ret(Result ? std::vector<Value *>{Result} : std::vector<Value *>{});
    return G;
  }
  Value *Forward =
      B.cmp(CmpPred::LE, JB.N, B.mul(S.index(ForwardFactor), JB.M));
  S.ifElse(
      Forward, [&] { JB.forward(); }, [&] { JB.reverse(); });
  if (!Diags.empty())
    return nullptr;
  B.ret(Result ? std::vector<Value *>{Result} : std::vector<Value *>{});
  return G;
}

} // namespace adgen
