// Parser tests: the AST (through dump), positions, Go's syntax errors, the
// test corpus, and robustness on garbage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "lang/ast_dump.h"
#include "lang/parse.h"

namespace mgo {
namespace {

std::string errors_of(const Diagnostics& d) {
  std::string out;
  for (auto& e : d.list()) {
    out += std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.msg + "\n";
  }
  return out;
}

// Parses `src` (which must be valid) and dumps the whole file.
std::string parse_dump(const std::string& src) {
  Diagnostics d;
  auto f = parse_file("t.go", src, d);
  EXPECT_FALSE(d.has_errors()) << src << "\n" << errors_of(d);
  return dump(f.get());
}

// Dumps the body of main in "package main; func main() { <body> }".
std::string body(const std::string& stmts) {
  Diagnostics d;
  auto f = parse_file("t.go", "package main\nfunc main() {\n" + stmts + "\n}\n", d);
  EXPECT_FALSE(d.has_errors()) << stmts << "\n" << errors_of(d);
  if (f->decls.empty()) return "";
  auto* fn = static_cast<FuncDecl*>(f->decls.back());
  std::string out;
  for (auto* s : fn->body->list) out += (out.empty() ? "" : " ") + dump(s);
  return out;
}

std::string expr(const std::string& e) {
  std::string s = body("_ = " + e);
  // "(= (lhs _) (rhs X))" -> "X"
  auto p = s.find("(rhs ");
  return s.substr(p + 5, s.size() - p - 7);
}

TEST(Parser, SimpleProgram) {
  EXPECT_EQ(parse_dump("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\", 1+2)\n}\n"),
            "(file main (import (import \"fmt\")) (func main (functype (params) (results)) "
            "(block (expr (call (sel fmt Println) \"hi\" (+ 1 2))))))");
}

}  // namespace
}  // namespace mgo
