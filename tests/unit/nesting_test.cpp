// Deeply nested source never overflows the front end's native stack: every
// recursive walk checks the stack floor (lang/nesting.h) and the phase
// reports "exceeded max nesting depth" instead. Each test gives the front
// end a small stack budget so the limit is reached at a modest depth.
#include "lang/nesting.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "lang/check.h"
#include "lang/parse.h"
#include "vm/run.h"

namespace mgo {
namespace {

// A stack budget of `bytes` below the caller's frame.
struct Budget {
  explicit Budget(size_t bytes)
      : here_(reinterpret_cast<uintptr_t>(__builtin_frame_address(0))), on_(here_ - bytes, here_) {}
  uintptr_t here_;
  NestingStack on_;
};

// Which phases run on a small stack budget.
enum class Budgeted { All, CompilerOnly, None };

// The errors of parsing, checking and compiling src, one per line.
std::string errors(const std::string& src, Budgeted budgeted = Budgeted::All) {
  static std::vector<std::unique_ptr<File>> keep;  // types outlive the test
  Diagnostics diags;
  std::unique_ptr<File> file;
  Program* prog = nullptr;
  auto front = [&] {
    file = parse_file("deep.mgo", src, diags);
    if (!diags.has_errors()) prog = check_program(file.get(), diags);
  };
  if (budgeted == Budgeted::All) {
    Budget b(size_t(1) << 20);
    front();
  } else {
    on_deep_stack(front);  // as `mgo` runs it: ASan's frames need more than 8 MB
  }
  if (prog) {
    std::unique_ptr<Budget> b;
    if (budgeted != Budgeted::None) b = std::make_unique<Budget>(size_t(1) << 20);
    vm::compile_program(prog, diags);
  }
  keep.push_back(std::move(file));
  std::string out;
  for (auto& d : diags.list())
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.msg + "\n";
  return out;
}

std::string repeat(const std::string& s, int n) {
  std::string r;
  for (int i = 0; i < n; i++) r += s;
  return r;
}

std::string main_with(const std::string& body) {
  return "package main\n\nfunc main() {\n" + body + "\n}\n";
}

constexpr int kDeep = 200000;  // far past what 1 MB holds in any build

TEST(Nesting, ShallowProgramsAreUnaffected) {
  EXPECT_EQ(errors(main_with("x := " + repeat("(", 50) + "1" + repeat(")", 50) + "\n_ = x")), "");
}

TEST(Nesting, DeepParenthesesAreAnError) {
  std::string e = errors(main_with("x := " + repeat("(", kDeep) + "1" + repeat(")", kDeep) + "\n_ = x"));
  EXPECT_EQ(e.rfind("4:", 0), 0u) << e;  // on the line of the expression
  EXPECT_NE(e.find(kNestingTooDeep), std::string::npos) << e;
}

TEST(Nesting, DeepBlocksAreAnError) {
  EXPECT_NE(errors(main_with(repeat("{", kDeep) + repeat("}", kDeep))).find(kNestingTooDeep),
            std::string::npos);
}

TEST(Nesting, LongSumIsAnError) {
  // Left-leaning: no bracket nests, but the tree is kDeep levels deep.
  EXPECT_NE(errors(main_with("y := 1\nx := y" + repeat(" + y", kDeep) + "\n_ = x")).find(kNestingTooDeep),
            std::string::npos);
}

TEST(Nesting, DeepTypeIsAnError) {
  EXPECT_NE(errors(main_with("var x " + repeat("[]", kDeep) + "int\n_ = x")).find(kNestingTooDeep),
            std::string::npos);
}

TEST(Nesting, LongElseIfChainIsAnError) {
  EXPECT_NE(errors(main_with("x := 1\nif x == 0 {}" + repeat(" else if x == 0 {}", kDeep))).find(kNestingTooDeep),
            std::string::npos);
}

TEST(Nesting, TheCompilerChecksToo) {
  // Checked on the deep stack, compiled with a small one.
  std::string src = main_with("y := 1\nx := y" + repeat(" + y", 5000) + "\n_ = x");
  EXPECT_EQ(errors(src, Budgeted::None), "");
  EXPECT_NE(errors(src, Budgeted::CompilerOnly).find(kNestingTooDeep), std::string::npos);
}

}  // namespace
}  // namespace mgo
