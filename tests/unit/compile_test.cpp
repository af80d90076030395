// What the compiler emits, asserted through the disassembler (Lua's
// code.lua style): the fast forms must be chosen where they apply.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "lang/check.h"
#include "lang/parse.h"
#include "vm/program.h"
#include "vm/run.h"

namespace mgo::vm {
namespace {

// Disassembly of every user function of the program.
std::string disasm(const std::string& src) {
  static std::vector<std::unique_ptr<File>> keep;  // types outlive the test
  Diagnostics diags;
  auto file = parse_file("/tmp/compile_test.mgo", src, diags);
  Program* prog = diags.has_errors() ? nullptr : check_program(file.get(), diags);
  Module* mod = prog ? compile_program(prog, diags) : nullptr;
  keep.push_back(std::move(file));
  if (!mod) {
    std::string errs;
    for (auto& d : diags.list()) errs += d.msg + "\n";
    return "ERROR: " + errs;
  }
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* out = open_memstream(&buf, &len);
  disassemble(mod, out);
  std::fclose(out);
  std::string s(buf, len);
  std::free(buf);
  return s;
}

bool has(const std::string& code, const std::string& op) {
  return code.find(" " + op + " ") != std::string::npos;
}

TEST(Compile, AddConstantUsesImmediateAdd) {
  std::string c = disasm("package main\nfunc f(x int) int { return x + 1 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "ADDI")) << c;
  EXPECT_FALSE(has(c, "ADD")) << c;
}

TEST(Compile, LoopConditionIsCompareAndBranch) {
  std::string c = disasm(
      "package main\nfunc main() {\n s := 0\n for i := 0; i < 10; i++ { s -= i }\n println(s)\n}\n");
  EXPECT_TRUE(has(c, "FORLTK")) << c;  // i++ and i < 10 fused
  EXPECT_FALSE(has(c, "LT")) << c;
  EXPECT_FALSE(has(c, "JT")) << c;
  c = disasm("package main\nfunc f(n int) (s int) {\n for i := 0; i < n; i++ { s -= i }\n return\n}\n"
             "func main() { f(3) }\n");
  EXPECT_TRUE(has(c, "FORLT")) << c;
}

// Count of whole-word occurrences of op in a disassembly.
int count(const std::string& code, const std::string& op) {
  int n = 0;
  for (size_t at = code.find(" " + op + " "); at != std::string::npos; at = code.find(" " + op + " ", at + 1)) n++;
  return n;
}

TEST(Compile, IfElseAtTheEndOfACountingLoopStepsInEachBranch) {
  // Each branch ends in its own copy of the step (fused with the branch's
  // accumulation), not in a jump to a shared one.
  std::string c = disasm(
      "package main\nfunc main() {\n s := 0\n for i := 0; i < 100; i++ {\n"
      "  if i%3 == 0 { s += i } else if i%5 == 0 { s -= 7 } else { s-- }\n }\n println(s)\n}\n");
  EXPECT_EQ(count(c, "ADDFORLTK"), 1) << c;
  EXPECT_EQ(count(c, "ADDIFORLTK"), 2) << c;
  EXPECT_EQ(count(c, "FORLTK"), 0) << c;
  // The two copies leave the loop by a jump when it ends; no other jumps.
  EXPECT_EQ(count(c, "JMP"), 2) << c;
}

TEST(Compile, LoopStepFusesWithAFinalAccumulation) {
  std::string c = disasm(
      "package main\nfunc f(xs []float64, n int) (float64, int) {\n a, k := 0.0, 0\n"
      " for i := 0; i < n; i++ { a += xs[i] }\n for j := 0; j < 10; j++ { k++ }\n return a, k\n}\n"
      "func main() { f(nil, 0) }\n");
  EXPECT_TRUE(has(c, "ADDFFORLT")) << c;
  EXPECT_TRUE(has(c, "ADDIFORLTK")) << c;
  EXPECT_FALSE(has(c, "FORLT")) << c;
  // Not when something jumps to the step itself (a continue, an if's end).
  c = disasm("package main\nfunc main() {\n s := 0\n for i := 0; i < 100; i++ {\n"
             "  if i == 5 { continue }\n  s += i\n  if s > 50 { s++ }\n }\n println(s)\n}\n");
  EXPECT_TRUE(has(c, "FORLTK")) << c;
  EXPECT_FALSE(has(c, "ADDIFORLTK")) << c;
}

TEST(Compile, RangeOverSliceStepsAtTheBottom) {
  // One fused step per iteration (here with the accumulation), no JMP back to a test at the top.
  std::string c = disasm("package main\nfunc f(xs []int) int {\n s := 0\n for _, x := range xs { s += x }\n return s\n}\n"
                         "func main() { f(nil) }\n");
  EXPECT_TRUE(has(c, "ADDFORLT")) << c;
  EXPECT_FALSE(has(c, "JMP")) << c;
  c = disasm("package main\nfunc main() {\n var a [4]int\n for i := range a { a[i] = i * 2 }\n println(a[3])\n}\n");
  EXPECT_TRUE(has(c, "FORLT")) << c;
  EXPECT_FALSE(has(c, "JMP")) << c;
}

TEST(Compile, ConstantOperandsNeedNoLoad) {
  std::string c = disasm("package main\nfunc f(x int, u uint) (int, uint) {\n"
                         " return (x*1103515245 + 12345) & 0x7fffffff >> 16 + (x ^ 5) + (x | 8) + x<<3, u >> 2\n}\n"
                         "func main() { f(1, 2) }\n");
  c = c.substr(0, c.find("function main.main"));
  for (const char* op : {"MULK", "ANDK", "ORK", "XORK", "SHLI", "SHRUI"}) EXPECT_TRUE(has(c, op)) << op << c;
  for (const char* op : {"LOADI", "LOADK", "MUL", "AND", "SHL", "SHRU"}) EXPECT_FALSE(has(c, op)) << op << c;
  c = disasm("package main\nfunc f(x int) int { return x >> 16 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "SHRI")) << c;
  // Shifts by 64 or more keep the general form (which gives 0 or the sign).
  c = disasm("package main\nfunc f(x uint) uint { return x << 70 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "SHL")) << c;
}

TEST(Compile, LargeConstantBoundComesFromTheConstantTable) {
  std::string c = disasm("package main\nfunc f(x int) bool { return x > 1 }\n"
                         "func main() {\n for x := 0; x < 100000000; x += 2 { if f(x) { break } }\n}\n");
  EXPECT_TRUE(has(c, "JLTK")) << c;
  EXPECT_EQ(c.find("100000000"), std::string::npos) << c;  // not reloaded by a LOADI
}

TEST(Compile, DivisionByConstantUsesMagic) {
  std::string c = disasm("package main\nfunc f(x int) int { return x/7 + x%10 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "DIVK")) << c;
  EXPECT_TRUE(has(c, "REMK")) << c;
  c = disasm("package main\nfunc f(x int) int { return x/8 + x%4 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "DIVP2")) << c;  // powers of two: a shift
  EXPECT_TRUE(has(c, "REMP2")) << c;
  c = disasm("package main\nfunc f(x int) int {\n if x%3 == 1 { return 1 }\n return 0\n}\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "JREMNE")) << c;
}

TEST(Compile, DivisibilityTestHasNoDivision) {
  std::string c = disasm("package main\nfunc f(x int) int {\n if x%3 == 0 { return 1 }\n return 0\n}\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "JNDIVBY")) << c;
  for (const char* op : {"REM", "REMK", "JREMNE", "JREMEQ"}) EXPECT_FALSE(has(c, op)) << c;
  c = disasm("package main\nfunc f(x int) int {\n if x%10 != 0 { return 1 }\n return 0\n}\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "JDIVBYE")) << c;  // even: the rotate form
  // Powers of two keep the remainder form (the test is wrong at MinInt64 for them).
  c = disasm("package main\nfunc f(x int) int {\n if x%4 == 0 { return 1 }\n return 0\n}\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "JREMNE")) << c;
  EXPECT_FALSE(has(c, "JNDIVBY")) << c;
}

TEST(Compile, MapIncrementLooksUpOnce) {
  std::string c = disasm("package main\nfunc main() {\n m := map[string]int{}\n m[\"a\"]++\n m[\"b\"] += 2\n println(len(m))\n}\n");
  EXPECT_TRUE(has(c, "MAPREF")) << c;
  EXPECT_FALSE(has(c, "MAPGET")) << c;
  EXPECT_FALSE(has(c, "MAPSET")) << c;
}

// The sieve's filter: `out <- i` sends from the variables' own registers
// (no MOVE of the channel or the value first), while a value that must be
// boxed for a chan of interfaces still goes through BOX.
TEST(Compile, SendUsesItsOperandsRegisters) {
  std::string c = disasm(
      "package main\nfunc f(in, out chan int, p int) {\n for {\n  i := <-in\n  if i%p != 0 {\n   out <- i\n  }\n }\n}\n"
      "func main() { go f(nil, nil, 2) }\n");
  EXPECT_TRUE(has(c, "SEND")) << c;
  EXPECT_FALSE(has(c, "MOVE")) << c;
  c = disasm("package main\nfunc f(out chan any, i int) { out <- i }\nfunc main() { go f(nil, 1) }\n");
  EXPECT_TRUE(has(c, "BOX")) << c;
}

TEST(Compile, IfOnRegistersBranchesDirectly) {
  std::string c = disasm("package main\nfunc f(a, b int) int {\n if a < b { return a }\n return b\n}\nfunc main() { f(1, 2) }\n");
  EXPECT_TRUE(has(c, "JLE")) << c;  // jump over the then-branch when b <= a
}

TEST(Compile, FloatArithmeticIsTyped) {
  std::string c = disasm("package main\nfunc f(x, y float64) float64 { return x*y + x }\nfunc main() { f(1, 2) }\n");
  EXPECT_TRUE(has(c, "MULF")) << c;
  EXPECT_TRUE(has(c, "ADDF")) << c;
}

TEST(Compile, NarrowIntegersAreTruncated) {
  std::string c = disasm("package main\nfunc f(x int8) int8 { return x * 3 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "SEXT8")) << c;
  c = disasm("package main\nfunc f(x uint16) uint16 { return x + 3 }\nfunc main() { f(1) }\n");
  EXPECT_TRUE(has(c, "ZEXT16")) << c;
}

TEST(Compile, StaticCallsAreDirect) {
  std::string c = disasm("package main\nfunc g() int { return 1 }\nfunc main() { println(g()) }\n");
  EXPECT_TRUE(has(c, "CALL")) << c;
  EXPECT_FALSE(has(c, "CALLV")) << c;
}

TEST(Compile, InterfaceCallsUseCALLI) {
  std::string c = disasm(
      "package main\ntype S interface{ M() int }\ntype T int\nfunc (t T) M() int { return int(t) }\n"
      "func main() { var s S = T(1); println(s.M()) }\n");
  EXPECT_TRUE(has(c, "CALLI")) << c;
  EXPECT_TRUE(has(c, "BOX")) << c;
}

TEST(Compile, StringOperations) {
  std::string c = disasm("package main\nfunc f(a, b string) bool { return a+b == b }\nfunc main() { f(\"\", \"\") }\n");
  EXPECT_TRUE(has(c, "CONCAT")) << c;
  EXPECT_TRUE(has(c, "EQS")) << c;
}

TEST(Compile, CapturedVariablesLiveInCells) {
  std::string c = disasm(
      "package main\nfunc main() {\n x := 1\n f := func() { x++ }\n f()\n println(x)\n}\n");
  EXPECT_TRUE(has(c, "CLOSURE")) << c;
  EXPECT_TRUE(has(c, "GETFREE")) << c;
  EXPECT_TRUE(has(c, "ALLOC")) << c;
}

TEST(Compile, DeferHasEpilogue) {
  // A deferred builtin runs through a synthesized wrapper function.
  std::string c = disasm("package main\nfunc main() { defer println(1) }\n");
  EXPECT_TRUE(has(c, "DEFER")) << c;
  EXPECT_NE(c.find("deferwrap"), std::string::npos) << c;
  c = disasm("package main\nfunc g() {}\nfunc main() { defer g() }\n");
  EXPECT_TRUE(has(c, "DEFER")) << c;
  EXPECT_NE(c.find("RUNDEFER"), std::string::npos) << c;
}

TEST(Compile, UnsupportedFeaturesAreReported) {
  std::string c = disasm("package main\nfunc main() {\n goto L\nL:\n}\n");
  EXPECT_NE(c.find("not supported by mgo"), std::string::npos) << c;
}

TEST(Compile, ChannelOperations) {
  std::string c = disasm(
      "package main\nfunc main() {\n ch := make(chan int, 1)\n ch <- 1\n v, ok := <-ch\n"
      " println(v, ok, <-ch, len(ch), cap(ch))\n close(ch)\n for x := range ch { println(x) }\n}\n");
  for (const char* op : {"MAKECHAN", "SEND", "RECV2", "RECV", "LENCH", "CAPCH", "CLOSE"})
    EXPECT_TRUE(has(c, op)) << op << "\n" << c;
}

TEST(Compile, GoAndSelect) {
  // go of a builtin runs through a synthesized wrapper, as defer does.
  std::string c = disasm(
      "package main\nfunc main() {\n a, b := make(chan int), make(chan string)\n go close(a)\n"
      " go func() { b <- \"x\" }()\n select {\n case v := <-a:\n  println(v)\n case b <- \"y\":\n"
      " default:\n }\n}\n");
  EXPECT_TRUE(has(c, "GO")) << c;
  EXPECT_NE(c.find("gowrap"), std::string::npos) << c;
  EXPECT_TRUE(has(c, "SELECT")) << c;
  EXPECT_TRUE(has(c, "JNEI")) << c;  // the chosen case's dispatch
}

}  // namespace
}  // namespace mgo::vm
