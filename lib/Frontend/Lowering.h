//===- Lowering.h - Clang AST to IR lowering --------------------*- C++ -*-===//
// Lowers one C++ function body to an IR function: locals become SSA values,
// branches become structured ifs, unsupported constructs become errors at
// their source location.
//===----------------------------------------------------------------------===//
#ifndef ADGEN_FRONTEND_LOWERING_H
#define ADGEN_FRONTEND_LOWERING_H

#include "Frontend/Annotation.h"
#include "IR/Builder.h"
#include "IR/Function.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace adgen {

/// The variables that S assigns (=, op=, ++, --).
void collectAssignedVars(const clang::Stmt *S,
                         std::set<const clang::VarDecl *> &Out);
/// The expression a reference initialised with Init binds to directly (an
/// lvalue of the same type), or null when it binds to a temporary.
const clang::Expr *boundLValue(const clang::Expr *Init);
/// True if S assigns or increments something; such expressions cannot be
/// evaluated eagerly in both arms of ?: or on both sides of && and ||.
bool hasAssignment(const clang::Stmt *S);
/// True if S contains a break of the loop whose body S is.
bool containsBreakOf(const clang::Stmt *S);
/// T[N] or std::array<T, N>: T and N.
std::optional<std::pair<clang::QualType, unsigned long>>
fixedArray(clang::ASTContext &Ctx, clang::QualType T);
/// a[i], built in or operator[]: a and i.
bool subscriptParts(const clang::Expr *E, const clang::Expr *&Base,
                    const clang::Expr *&Index);
/// The variable E names (through parentheses and implicit casts), if any.
const clang::VarDecl *varOf(const clang::Expr *E);

/// State shared by the lowering of all functions of one translation unit.
class LoweringContext {
public:
  LoweringContext(clang::ASTContext &Ctx, Module &M) : Ctx(Ctx), M(M) {}

  clang::ASTContext &Ctx;
  Module &M;

  /// Reports an error, once per place and message.
  void error(clang::SourceLocation Loc, const std::string &Message);
  /// A note on the error just reported (the call that led to it).
  void note(clang::SourceLocation Loc, const std::string &Message);
  std::set<std::pair<unsigned, std::string>> Reported;
  /// How many errors error() left out as repeats.
  unsigned Repeated = 0;
  Location location(clang::SourceLocation Loc) const;
  /// The IR type of a scalar C++ type (references and cv-qualifiers looked
  /// through); nullopt for anything else.
  std::optional<Type> scalarType(clang::QualType T) const;
  /// An array parameter's kind, element type and extent; nullopt when the
  /// type is not an array adgen supports.
  struct ArrayType {
    ParamKind Kind;
    Type Element;
    bool Const;
    unsigned long Extent;                    // all elements of a T[N][M]
    std::vector<unsigned long> InnerExtents; // {M} of T[N][M], T (*)[M]
    /// A std::vector or std::array passed by value: the caller's is an
    /// input (Const), the body works on a copy.
    bool ByValue = false;
    /// std::vector<std::vector<T>>: rows of equal length, one row-major
    /// buffer (ParamInfo::RowLength).
    bool Rows = false;
  };
  /// T, or T[N][M]... of arithmetic T: the element type and the number of
  /// elements (1 for T itself); nullopt for anything else.
  std::optional<std::pair<clang::QualType, unsigned long>>
  flatArray(clang::QualType T) const;
  /// N of T[N] or std::array<T, N> (references looked through).
  std::optional<unsigned long> fixedExtent(clang::QualType T) const;
  std::optional<ArrayType> arrayParamType(const clang::ParmVarDecl *P) const;
  /// The array a parameter of type T (as declared, before decay) passes.
  std::optional<ArrayType> arrayTypeOf(clang::QualType T) const;
  /// The array a data member of type T holds (T[N], std::array, std::vector).
  std::optional<ArrayType> memberArrayType(clang::QualType T) const;
  /// A parameter of class type (const R &, const R *, R): its members are
  /// lowered as parameters of their own (LowerRecords.cpp).
  struct RecordParam {
    const clang::CXXRecordDecl *Decl;
    clang::QualType Type; // R, unqualified
    bool ByPointer;
    bool Const; // the members are read-only (R by value counts as const)
  };
  std::optional<RecordParam> recordParamType(clang::QualType T) const;
  /// A member a record is lowered to: an arithmetic member, an array, a
  /// std::array or a std::vector of arithmetic type, at Path (".intr.f").
  struct RecordLeaf {
    std::string Path;
    clang::QualType Type;
  };
  /// The leaves of class R, depth first in declaration order; false, with
  /// Why naming the first member adgen cannot lower, otherwise.
  /// With HeapArrays, members `T *` of arithmetic T are leaves too (a local
  /// record whose constructor allocates them: LowerRecordValues.cpp).
  bool recordLeaves(const clang::CXXRecordDecl *R, const std::string &Prefix,
                    std::vector<RecordLeaf> &Out, std::string &Why,
                    bool HeapArrays = false) const;
  /// Reports why the record parameter P cannot be lowered, if it cannot.
  bool checkRecordParam(const clang::ParmVarDecl *P);
  /// An array of records (LowerRecordArrays.cpp): `std::vector<R>` (by
  /// reference or by value), `std::array<R, N> &`, `R ps[N]`, and `R *`
  /// when ADGEN gives it a length (len(ps, n)); R a record whose members
  /// are numbers and fixed one-dimensional arrays of them.
  struct RecordArrayParam {
    RecordParam Element;
    ParamKind Kind;       // Pointer, CArray, StdVector or StdArray
    unsigned long Extent; // N of R[N] and std::array<R, N>
  };
  std::optional<RecordArrayParam>
  recordArrayParam(const clang::ParmVarDecl *P) const;
  /// The same for a type; a pointer counts when PointerIsArray.
  std::optional<RecordArrayParam> recordArrayType(clang::QualType T,
                                                  bool PointerIsArray) const;
  /// The element type of a leaf and how many it holds (1 for a number).
  std::pair<Type, unsigned long> leafElements(const RecordLeaf &L) const;
  /// Reports why the array of records P cannot be lowered, if it cannot.
  bool checkRecordArrayParam(const clang::ParmVarDecl *P);
  /// The leaves of the records of A, and how generated code spells their
  /// type; false, with Why, when an array of them is not supported.
  bool recordArrayLeaves(const RecordArrayParam &A,
                         std::vector<RecordLeaf> &Leaves, std::string &Spelled,
                         std::string &Forward, std::string &Why) const;
  /// How generated code names record type T ("geo::Camera"), and a
  /// declaration of it for the header ("namespace geo { struct Camera; }");
  /// false when it cannot be declared ahead (a nested class, a template).
  bool recordSpelling(const RecordParam &R, std::string &Name,
                      std::string &Forward, std::string &Why) const;
  /// A non-const T & parameter of arithmetic T: an output (or in-out) of
  /// one value, the way code written for operator-overloading tools
  /// returns a result (`void f(const T *x, T &err)`).
  bool isScalarReference(const clang::ParmVarDecl *P) const;
  /// R when it is std::array<T, N> of a floating-point T, returned by value.
  std::optional<ArrayType> returnedArrayType(clang::QualType R) const;
  /// The marked functions (canonical declarations).
  std::set<const clang::FunctionDecl *> Marked;
  /// The modes of every marked function (canonical declarations), known
  /// before any is lowered: calls to generated derivatives are checked
  /// against them.
  std::map<const clang::FunctionDecl *, std::vector<ModeSpec>> MarkedModes;
  /// A floating-point scalar or read-only floating-point array parameter:
  /// what modes differentiate by default.
  bool isDifferentiable(const clang::ParmVarDecl *P) const;
  /// Functions being inlined (calls with array arguments), for recursion.
  std::set<const clang::FunctionDecl *> Inlining;
  /// Lower every call to a user function in place (while lowering a
  /// function asked for second derivatives: calls would need the callee's
  /// second-order derivatives, which are not generated).
  bool InlineCalls = false;
  std::set<const clang::FunctionDecl *> InProgress;
  /// Functions taking arrays that a derivative calls instead of lowering
  /// them in place (LowerCalls.cpp): their pointers need no len(...).
  std::set<const clang::FunctionDecl *> CalledWithArrays;
  /// The lengths given by len(x, expr) for each marked function.
  std::map<const clang::FunctionDecl *, std::map<std::string, std::string>>
      Lengths;

  /// "ns::f" with anonymous namespaces left out.
  std::string qualifiedName(const clang::FunctionDecl *FD) const;
  /// "ns::inner::" of FD's namespaces (anonymous ones unspelled).
  std::string namespacePrefix(const clang::FunctionDecl *FD) const;
  /// The IR function's name: FD's, or Class_method for a member function.
  std::string loweredName(const clang::FunctionDecl *FD) const;
  /// The module's key of FD's IR function (lowerFunction's result).
  std::string keyOf(const clang::FunctionDecl *Def) const;
  /// "(const double *, int)": the canonical parameter types, which tell
  /// overloads apart.
  std::string parameterTypes(const clang::FunctionDecl *FD) const;
  /// "<double, 3>" for an instantiation of a function template, else "".
  std::string templateArguments(const clang::FunctionDecl *FD) const;
  std::vector<std::string> namespaces(const clang::FunctionDecl *FD) const;

  /// Lowers FD into the module once; the IR function's qualified name, or
  /// empty after an error. A recursive call of a function of numbers gets
  /// the name FD's lowering will have (its derivatives call FD's own
  /// gradient); other recursion is an error.
  std::string lowerFunction(const clang::FunctionDecl *FD,
                            clang::SourceLocation CallSite = {});
  /// A member function ADGEN may mark: named, not virtual, not a
  /// constructor, not a member of a class template.
  bool markableMethod(const clang::CXXMethodDecl *M) const;
  /// `const R &` for a const member function of R, `R &` otherwise: how its
  /// generated functions take the object (self).
  clang::QualType objectType(const clang::CXXMethodDecl *M) const;
  /// The object of the const member function M has floating-point members.
  bool isDifferentiableObject(const clang::CXXMethodDecl *M) const;
  /// A const record parameter type with a floating-point member.
  bool isDifferentiableRecord(clang::QualType T) const;
  /// The error for recursion adgen cannot differentiate, saying why.
  std::string recursionMessage(const clang::FunctionDecl *FD) const;
  /// Checks that FD's parameters and result can be lowered. Array
  /// parameters are allowed for marked functions only.
  bool checkSignature(const clang::FunctionDecl *FD, bool AllowArrays);

private:
  std::map<const clang::FunctionDecl *, std::string> Lowered;
  std::set<const clang::FunctionDecl *> Failed;
};

/// Lowers the body of one function.
class FunctionLowering {
public:
  /// How an iteration of a loop ends.
  enum class Exit { Normal, Break, Return };

  FunctionLowering(LoweringContext &LC, const clang::FunctionDecl *FD)
      : LC(LC), FD(FD) {}
  std::unique_ptr<Function> run();

private:
  using StmtList = std::vector<const clang::Stmt *>;
  /// Where a record's member lives: elements Offset, Offset + 1, ... of
  /// Buf (Offset null: from 0). A member of an element of an array of
  /// records (ps[i].x) is its member's buffer at the element's offset.
  struct Leaf {
    Value *Buf = nullptr;
    Value *Offset = nullptr;
    unsigned long Extent = 0; // elements from Offset on; 0: all of Buf
  };
  /// A record's leaves by member path (".intr.f"): LowerRecords.cpp.
  using Leaves = std::map<std::string, Leaf>;
  // Statements (LowerStmt.cpp).
  /// Lowers Stmts[From..] as the rest of the current tail (the function
  /// body, or a loop iteration) and sets Out to what it ends with: the
  /// returned value, or the carried variables at the end of the iteration.
  bool lowerRest(const StmtList &Stmts, size_t From, std::vector<Value *> &Out);
  std::vector<Value *> tailValues(Exit How = Exit::Normal,
                                  Value *Returned = nullptr);
  /// A loop containing `return`: lowered as a while op that carries the
  /// returned flag and value, then the rest of the tail runs only if it did
  /// not return.
  bool lowerLoopWithReturn(const clang::Stmt *Loop, const StmtList &Stmts,
                           size_t Next, std::vector<Value *> &Out);
  /// An if on Cond whose branches each end the current tail (LowerBranch
  /// lowers branch 0 or 1 and gives what it ends with); Out gets its results.
  bool branchTail(
      Value *Cond,
      const std::function<bool(unsigned, std::vector<Value *> &)> &LowerBranch,
      std::vector<Value *> &Out);
  /// The variables declared before a loop that it assigns (Assigned), in
  /// declaration order: its carried values.
  std::vector<const clang::VarDecl *>
  carriedVars(const std::set<const clang::VarDecl *> &Assigned);
  /// Binds the first results of Loop (a loop or branch) to Vars.
  void bindResults(Op *Loop, const std::vector<const clang::VarDecl *> &Vars);
  /// A loop whose condition is always true and that has no break.
  bool neverEnds(const clang::Stmt *Loop);
  /// How a loop lowered as a while op tests, starts and ends an iteration.
  struct LoopControl {
    std::function<Value *()> Test;  // null: always true
    std::function<bool()> Prologue; // at the top of each iteration, or null
    std::function<bool()> Advance;  // at the end of each iteration, or null
    std::function<bool()> Exit;     // after the loop, or null
  };
  /// `while (Cond)` or `for (; Cond; Inc)`: adds what Inc and Cond assign
  /// to Assigned. A condition that assigns local variables (`i-- > 0`) is
  /// tested without its effects, which the body's prologue and the exit
  /// apply; an error in a do-while (IsDo) or where it may write memory.
  bool sourceControl(const clang::Expr *Cond, const clang::Expr *Inc,
                     std::set<const clang::VarDecl *> &Assigned,
                     LoopControl &Out, bool IsDo = false);
  /// A range-for over a hidden index (for loops that break or return).
  bool rangeForControl(const clang::CXXForRangeStmt *For,
                       std::set<const clang::VarDecl *> &Assigned,
                       LoopControl &Out);
  /// A loop as a while op: `while (test) Body`, or `do Body while (test)`
  /// (IsDo); Assigned are the variables the loop assigns.
  bool lowerWhileLoop(const LoopControl &Control, const clang::Stmt *Body,
                      bool IsDo, std::set<const clang::VarDecl *> Assigned,
                      clang::SourceLocation Loc, Value **Returned = nullptr,
                      Value **Retval = nullptr);
  /// The name a variable's values get in the IR (a hidden index is "k").
  static std::string varName(const clang::VarDecl *VD);
  std::vector<Type> tailTypes();
  bool lowerFor(const clang::ForStmt *For);
  /// A for op over [LB, UB) by Step whose body is Body; the variables
  /// declared before it that it assigns (Assigned) are carried. Prologue
  /// runs first in the body with the induction variable.
  bool lowerCountedLoop(Value *LB, Value *UB, long long Step,
                        const std::set<const clang::VarDecl *> &Assigned,
                        const clang::Stmt *Body,
                        const std::function<bool(Value *)> &Prologue);
  bool lowerStmt(const clang::Stmt *S);
  bool lowerPlainIf(const clang::IfStmt *If);
  bool lowerIfPrologue(const clang::IfStmt *If, Value *&Cond);
  bool lowerDecl(const clang::VarDecl *VD);
  // Expressions (LowerExpr.cpp).
  Value *expr(const clang::Expr *E);
  Value *condition(const clang::Expr *E);
  Value *castExpr(const clang::CastExpr *E);
  Value *unary(const clang::UnaryOperator *E);
  Value *binary(const clang::BinaryOperator *E);
  Value *compoundAssign(const clang::CompoundAssignOperator *E);
  Value *conditional(const clang::ConditionalOperator *E);
  Value *call(const clang::CallExpr *E);
  Value *mathCall(const clang::CallExpr *E, Prim P);
  /// std::max, std::min and std::clamp, as selects.
  Value *minMaxCall(const clang::CallExpr *E, const std::string &Name);
  // <algorithm> and <numeric> (LowerAlgorithms.cpp).
  /// std::fill, fill_n, copy, copy_n, accumulate, inner_product, swap.
  static bool isAlgorithm(const std::string &Name);
  Value *algorithmCall(const clang::CallExpr *E, const std::string &Name);
  /// The array and offset (a long) an iterator argument denotes: a pointer,
  /// v.begin(), v.end(), std::begin(v), plus or minus an integer.
  Value *iteratorOf(const clang::Expr *E, Value *&Offset);
  /// A counted loop over [From, To) carrying Init; Body gets the index and
  /// the carried values and gives their next values. The first result.
  Value *rangeLoop(Value *From, Value *To, const std::vector<Value *> &Init,
                   const std::function<std::vector<Value *>(
                       Value *K, const std::vector<Value *> &)> &Body);
  Value *userCall(const clang::CallExpr *E, const clang::FunctionDecl *Callee);
  /// A call with array arguments kept as a call (LowerArrayCalls.cpp); null
  /// without a diagnostic when it is to be lowered in place instead.
  Value *arrayCall(const clang::CallExpr *E, const clang::FunctionDecl *Callee,
                   bool &Declined);
  /// Callee is being lowered or lowered in place: a call to it recurses.
  bool isRecursiveCall(const clang::FunctionDecl *Callee) const;
  /// A recursive call that passes arrays, through the callee's own gradient
  /// (LowerRecursion.cpp).
  Value *recursiveCall(const clang::CallExpr *E,
                       const clang::FunctionDecl *Callee);
  /// A call to g_grad, g_jvp, ... of a marked g (LowerGeneratedCalls.cpp);
  /// Recognised is false (and null returned) for any other callee.
  Value *generatedCall(const clang::CallExpr *E,
                       const clang::FunctionDecl *Callee, bool &Recognised);
  /// Lowers Callee's body in place; a callee returning a record writes it
  /// into Dest.
  Value *inlineCall(const clang::CallExpr *E, const clang::FunctionDecl *Callee,
                    const Leaves *Dest = nullptr);
  /// Sub, lowering a callee in place, builds into this function's IR and
  /// knows its arrays' lengths and rows.
  void shareState(FunctionLowering &Sub) const;
  /// Binds Callee's parameters in Sub to the arguments Args.
  bool bindArguments(FunctionLowering &Sub, const clang::FunctionDecl *Callee,
                     const std::vector<const clang::Expr *> &Args);
  /// Lowers Callee's body with Sub, whose parameters are bound: its value.
  Value *inlinedBody(FunctionLowering &Sub, const clang::FunctionDecl *Callee,
                     clang::SourceLocation At);
  /// Runs a constructor the file defines on Dest, a fresh record.
  bool constructRecord(const Leaves &Dest, const clang::CXXConstructExpr *CE);
  /// The pointer member Path initialised with Init (`new T[n]`) in the
  /// constructor Ctor is lowering: a local array of n (HeapArrays).
  bool heapArray(FunctionLowering &Ctor, const std::string &Path,
                 const clang::Expr *Init);
  Value *declRef(const clang::DeclRefExpr *E);
  // Arrays (LowerArrays.cpp).
  /// The buffer an expression names (a parameter or local array). With
  /// Offset, also an array plus an offset, whose offset is added to it.
  Value *bufferOf(const clang::Expr *E, Value **Offset = nullptr);
  /// Index shifted by the offset of the buffer bufferOf last named.
  Value *elementIndex(Value *Index);
  /// An index or offset expression as a long; null, reported, when it is
  /// not an integer.
  Value *longOffset(const clang::Expr *E);
  /// Inlined array parameters bound to an array plus an offset.
  std::map<const clang::VarDecl *, Value *> Offsets;
  Value *LastOffset = nullptr;
  Value *subscript(const clang::Expr *E);
  // Local pointers walking an array (LowerPointers.cpp).
  /// The array of each local pointer; its offset is its value in Env.
  std::map<const clang::VarDecl *, Value *> PointerBase;
  /// The array and offset (a long) a pointer expression denotes; runs its
  /// side effects (p++).
  Value *pointerTarget(const clang::Expr *E, Value *&Offset);
  bool lowerPointerDecl(const clang::VarDecl *VD);
  Value *deref(const clang::UnaryOperator *E);
  /// ++p, p--, p += k, p = q + k on a local pointer: its new offset (the
  /// old one for p++), or null, with no diagnostic, for anything else.
  Value *pointerUpdate(const clang::Expr *E);
  /// Binary operators on pointers: p = q + k, comparisons, p - q.
  Value *pointerBinary(const clang::BinaryOperator *E);
  /// Points VD where Target points (its offset, and its array if it moves).
  Value *seatPointer(const clang::VarDecl *VD, const clang::Expr *Target);
  // Pointers re-seated to another array (LowerMovingPointers.cpp).
  /// A pointer into one of Buffers; Which, an int variable, says which.
  struct MovingPointer {
    std::vector<Value *> Buffers;
    const clang::VarDecl *Which;
  };
  std::map<const clang::VarDecl *, MovingPointer> Moving;
  /// The pointer each Which variable belongs to (carried with it).
  std::map<const clang::VarDecl *, const clang::VarDecl *> MovingOwner;
  /// An access through a moving pointer: which of Buffers, at run time.
  struct Dispatch {
    std::vector<Value *> Buffers;
    Value *Which = nullptr;
  };
  /// bufferOf and pointerTarget where a moving pointer is accepted: Through
  /// gets the dispatch it needs (no buffers for an ordinary array).
  Value *bufferThrough(const clang::Expr *E, Value **Offset, Dispatch &Through);
  Value *targetThrough(const clang::Expr *E, Value *&Offset, Dispatch &Through);
  /// Runs Lower with moving pointers accepted; Out as above.
  bool acceptMoving(const std::function<bool()> &Lower, Dispatch &Out);
  unsigned AcceptMoving = 0;
  Dispatch LastDispatch;
  /// bufferOf reached the moving pointer VD: records it for acceptMoving,
  /// or reports that this use is not supported.
  bool takeDispatch(const clang::VarDecl *VD, const clang::Expr *At);
  /// The arrays E points into (added to Roots): false when adgen cannot
  /// name them before lowering. Seen guards pointers assigned each other.
  bool pointerRoots(const clang::Expr *E, std::vector<Value *> &Roots,
                    std::set<const clang::VarDecl *> &Seen);
  /// The arrays the local pointer VD's initialiser and assignments name.
  bool pointerVarRoots(const clang::VarDecl *VD, std::vector<Value *> &Roots,
                       std::set<const clang::VarDecl *> &Seen);
  /// A pointer assigned several arrays, or declared without a value: sets
  /// Handled and lowers it; leaves the rest to lowerPointerDecl.
  bool lowerMovingPointerDecl(const clang::VarDecl *VD, Type Elem,
                              bool &Handled);
  /// The int variable saying where VD points.
  const clang::VarDecl *selectorFor(const clang::VarDecl *VD);
  static std::string movingNames(const MovingPointer &M);
  /// The callee parameter P of Sub is bound to a moving pointer.
  static void bindMoving(FunctionLowering &Sub, const clang::VarDecl *P,
                         const Dispatch &D);
  /// Which of Into a pointer into Base (or D's arrays, if it moves) names.
  Value *whichIn(Value *Base, const Dispatch &D,
                 const std::vector<Value *> &Into);
  /// True when D points into its K-th array.
  Value *isArray(const Dispatch &D, unsigned K);
  /// `c ? p : q` as a pointer: its offset, and which array if p and q
  /// may name different ones (a dispatch, where accepted).
  Value *chosenPointer(const clang::ConditionalOperator *E, Value *&Offset);
  /// p == q for pointers of which one or both move.
  Value *sameElement(Value *L, const Dispatch &DL, Value *LOff, Value *R,
                     const Dispatch &DR, Value *ROff);
  /// Buf[Index], or the element of D's array at Index when D moves.
  Value *loadThrough(const Dispatch &D, Value *Buf, Value *Index);
  void storeThrough(const Dispatch &D, Value *V, Value *Buf, Value *Index);
  /// Base itself, or D's arrays when it moves.
  static std::vector<Value *> arraysOf(Value *Base, const Dispatch &D);
  Value *dispatchedLoad(const Dispatch &D, Value *Index, unsigned From = 0);
  void dispatchedStore(const Dispatch &D, Value *V, Value *Index,
                       unsigned From = 0);
  Value *memberCall(const clang::CXXMemberCallExpr *E);
  Value *lengthOf(Value *Buffer);
  bool lowerArrayDecl(const clang::VarDecl *VD);
  // Records (LowerRecords.cpp).
  /// The leaves of each record variable (a parameter, or a callee's record
  /// parameter bound to a caller's record), by member path (".intr.f").
  std::map<const clang::VarDecl *, Leaves> Records;
  /// An array of records (`const std::vector<Point> &ps`, `const Point *ps`
  /// with len(ps, n), `Point ps[N]`): one buffer per member, holding that
  /// member of every element, Extent elements per record (3 for a
  /// `double pos[3]`), and the number of records (LowerRecordArrays.cpp).
  struct RecordArray {
    Leaves Members;
    std::map<std::string, unsigned long> Extent;
    Value *Count = nullptr;
    Value *Offset = nullptr; // the first record (an inlined callee's p + k)
  };
  std::map<const clang::VarDecl *, RecordArray> RecordArrays;
  /// The array of records E names (a parameter, a callee's parameter bound
  /// to one, `ps + k`, `&ps[k]`, `ps.data()`); false, with no diagnostic,
  /// when E names none. Without Evaluate, offsets are left out.
  bool recordArrayOf(const clang::Expr *E, RecordArray &Out,
                     bool Evaluate = true);
  /// The leaves of record K of A (K null: without offsets, for analyses
  /// that must not emit code).
  Leaves recordElement(const RecordArray &A, Value *K);
  /// Adds a parameter per member of the array of records P, named Name,
  /// kept as RecordArrays[P].
  bool lowerRecordArrayParam(const clang::ParmVarDecl *P,
                             const std::string &Name, unsigned Index);
  /// A local array of records: `Point tri[3] = {{...}, ...}`,
  /// `std::array<Point, 4> q{}`, `std::vector<Point> q(n)`, a copy of
  /// another (`std::vector<Point> q = ps`).
  bool lowerRecordArrayDecl(const clang::VarDecl *VD);
  /// A local pointer to a record that is never reassigned: `const Point *p
  /// = &ps[i]` (an array of records from record i) or `= &rec`.
  bool lowerRecordPointerDecl(const clang::VarDecl *VD);
  /// Binds the callee's parameter P (an array of records, or a pointer to
  /// a record) to the array of records Arg names; Bound is false when Arg
  /// names none.
  bool bindRecordArray(FunctionLowering &Sub, const clang::ParmVarDecl *P,
                       const clang::Expr *Arg, bool &Bound);
  /// Element K of Leaf's elements, and how many it has.
  Value *leafIndex(const Leaf &L, Value *K);
  Value *leafLength(const Leaf &L);
  // Records as locals and values (LowerRecordValues.cpp).
  /// The leaves of L under Path (".intr"), keyed by their paths below it.
  static Leaves subLeaves(const Leaves &L, const std::string &Path);
  /// A new record of class RD: zeroed local buffers named Name + path (one
  /// element for a number member).
  /// With HeapArrays, pointer members get a leaf without a buffer, which
  /// the constructor's `new T[n]` provides (lowerRecordDecl).
  bool allocRecord(const clang::CXXRecordDecl *RD, const std::string &Name,
                   clang::SourceLocation At, Leaves &Out,
                   bool HeapArrays = false);
  /// While a local record with pointer members is constructed: the arrays
  /// its constructor allocates, by member path.
  std::map<std::string, Value *> *HeapArrays = nullptr;
  /// To[k] = From[k] for k < N (a loop, or one copy when N is 1).
  void copyElements(Value *To, Value *From, Value *N, Value *ToOffset = nullptr,
                    Value *FromOffset = nullptr);
  /// Copies every leaf of From into the same leaf of Dest.
  void copyLeaves(const Leaves &Dest, const Leaves &From);
  /// Writes the record Init denotes (braces, a copy, a call returning a
  /// record, a default construction) into Dest, a record of class RD that
  /// allocRecord has just made (members Init leaves out stay zero).
  bool initRecord(const Leaves &Dest, const clang::CXXRecordDecl *RD,
                  const clang::Expr *Init);
  /// The leaves of the record E names (a variable, a member of one), or of
  /// a temporary holding the record it makes (a call, braces).
  bool recordLeavesOf(const clang::Expr *E, Leaves &Out);
  bool lowerRecordDecl(const clang::VarDecl *VD);
  /// `a = b` on records: b's members copied into a's.
  Value *recordAssign(const clang::CXXOperatorCallExpr *E);
  /// Where `return` writes the record an inlined callee returns.
  const Leaves *ReturnedRecord = nullptr;
  /// Stores V (converted to Buf's element type) at Buf[0].
  void storeFirst(const Leaf &L, Value *V);
  /// Adds one parameter per leaf of a record parameter of type T, named
  /// Name, kept as Records[Key] (null: a member function's object).
  bool lowerRecordParam(clang::QualType T, const clang::VarDecl *Key,
                        const std::string &Name, unsigned Index);
  /// The leaves of the record E names (v.a.b, p->a, (*p).a, v, ps[i],
  /// this); false, with no diagnostic, when E names none. Without
  /// Evaluate, no code is emitted (subscripts are not evaluated, offsets
  /// are null): for analyses before lowering.
  bool recordAt(const clang::Expr *E, Leaves &Out, bool Evaluate = true);
  /// A member of a record parameter that is an input (read-only).
  bool isInputLeaf(const Leaf &L) const {
    return L.Buf && L.Buf->argumentOf() == F->body() &&
           F->paramInfo(L.Buf->index()).Const;
  }
  /// The leaf buffer a member access names; null, with no diagnostic, when
  /// E is not one.
  std::optional<Leaf> memberLeaf(const clang::Expr *E, bool Evaluate = true);
  /// The value of an arithmetic member (`cam.f`).
  Value *memberRead(const clang::MemberExpr *E);
  /// Whether S may write the record variable V (assigns a member, takes
  /// an address, passes it to a call or a non-const reference).
  static bool writesRecord(const clang::Stmt *S, const clang::VarDecl *V);
  /// Binds the callee's record parameter P to the record Arg names (a
  /// callee's copy when P is by value and the callee writes it).
  bool bindRecordArgument(FunctionLowering &Sub, const clang::ParmVarDecl *P,
                          const clang::Expr *Arg);
  void flattenInitList(const clang::InitListExpr *IL,
                       std::vector<const clang::Expr *> &Out);
  /// The constructor arguments of a local std::vector / std::array: its
  /// length and fill value, or the array (and offset) it copies.
  bool lowerContainerInit(bool IsVector, const clang::Expr *&Init,
                          Value *&Length, const clang::Expr *&Fill,
                          Value *&CopyFrom, Value *&CopyOffset);
  Value *rangeEnd(const clang::Expr *E, Value *&Offset);
  bool lowerRangeFor(const clang::CXXForRangeStmt *For);
  /// The array a range-for runs over and its length (Recs instead of Buf
  /// for an array of records).
  bool rangeOf(const clang::CXXForRangeStmt *For, Value *&Buf, Value *&Length,
               Value *&Offset, std::optional<RecordArray> &Recs);
  /// Binds a range-for's loop variable to element K of Buf (or of Recs).
  void bindRangeElement(const clang::CXXForRangeStmt *For, Value *Buf, Value *K,
                        Value *Offset, const std::optional<RecordArray> &Recs);
  Value *paramBuffer(const clang::ParmVarDecl *P, unsigned Index);
  /// The number of rows and their length of a std::vector<std::vector<T>>
  /// parameter's buffer.
  std::map<const Value *, std::pair<Value *, Value *>> RowsOf;
  /// The buffer of the matrix whose row E is (A[i] of a std::vector of
  /// std::vectors), with the row's offset; null when E is no such row.
  Value *rowOfMatrix(const clang::Expr *E, Value *&Offset);
  /// A fresh local array holding From's elements, named after VD (a
  /// container passed by value).
  Value *copyOfArray(Value *From, const clang::VarDecl *VD);
  /// An assignable place: a variable, or an element of an array.
  struct Place {
    const clang::VarDecl *Var = nullptr;
    Value *Buffer = nullptr;
    Value *Index = nullptr;
    Dispatch Through; // the element of a moving pointer, if Buffers is set
  };
  bool placeOf(const clang::Expr *LHS, Place &P);
  /// The definition of the member function E calls when it returns a
  /// reference to a number (an accessor: `v[i]`, `A(i, j)`, `v.at(i)`);
  /// null otherwise (LowerAccessors.cpp).
  const clang::CXXMethodDecl *accessorOf(const clang::Expr *E) const;
  /// The element the accessor call E returns; ForWrite: an error if it is
  /// an element of an input.
  bool accessorPlace(const clang::Expr *E, Place &P, bool ForWrite = true);
  /// The element *E names.
  bool derefPlace(const clang::UnaryOperator *E, Place &P);
  /// Reference variables bound to an array element (`double &v = x[i]`,
  /// `for (double &v : x)`): reads load and writes store there. Const
  /// references to locals are here too (Var set), so they read its current
  /// value.
  std::map<const clang::VarDecl *, Place> ElementRefs;
  /// Binds the reference VD to the element (or, for a const reference, the
  /// local) Init names; false, with no diagnostic, for anything else.
  bool bindElementRef(const clang::VarDecl *VD, const clang::Expr *Init);
  Value *read(const Place &P, const clang::Expr *At);
  Value *write(const Place &P, Value *V);
  Type placeType(const Place &P);
  Value *constantOf(const clang::APValue &V, clang::QualType T,
                    clang::SourceLocation Loc);
  Value *assign(const clang::VarDecl *VD, Value *V);
  Value *fail(const clang::Stmt *S, const std::string &Message);
  Value *fail(const clang::Decl *D, const std::string &Message);
  Type typeOf(const clang::Expr *E);

  void bind(const clang::VarDecl *VD, Value *V);

  LoweringContext &LC;
  const clang::FunctionDecl *FD;
  Function *F = nullptr;
  Builder *B = nullptr;
  Type ReturnType;
  bool ReturnsVoid = false;
  /// The output a returned std::array is written to (ParamInfo::Returned).
  Value *ReturnedArray = nullptr;
  /// Writes the array `return E;` returns into ReturnedArray.
  bool storeReturnedArray(const clang::Expr *E);
  /// Lengths of the buffers allocated in this function.
  std::map<const Value *, Value *> AllocLength;
  std::map<const clang::VarDecl *, Value *> Env;
  /// What `return`/`continue` and the end of the statements mean here.
  struct TailContext {
    bool IsLoop = false;
    std::vector<const clang::VarDecl *> Carried;
    /// A loop lowered as a while op that `break` leaves: a flag is carried.
    bool AllowBreak = false;
    /// The increment of a for loop lowered as a while op, run at the end of
    /// each iteration (and at continue).
    std::function<bool()> Increment;
    /// A loop that `return` leaves: it carries a "returned" flag and the
    /// returned value (these are their region arguments).
    bool AllowReturn = false;
    Value *ReturnedArg = nullptr;
    Value *RetvalArg = nullptr;
  } Tail;
  std::vector<const clang::VarDecl *> DeclOrder;
};

} // namespace adgen

#endif
