// Parser tests: the AST (through dump), positions, Go's syntax errors, the
// test corpus, and robustness on garbage.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast_dump.h"
#include "lang/parse.h"
#include "stdlib/registry.h"

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

namespace mgo {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every program of the run corpus is valid Go, so it must parse cleanly.
TEST(Parser, RunCorpusParses) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(MGO_SOURCE_DIR) / "tests" / "run";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".mgo") continue;
    Diagnostics d;
    auto f = parse_file(e.path().filename().string(), read_file(e.path()), d);
    EXPECT_FALSE(d.has_errors()) << e.path() << "\n" << errors_of(d);
    ++n;
  }
  EXPECT_GT(n, 0);
}

}  // namespace
}  // namespace mgo

namespace mgo {
namespace {

TEST(Parser, Declarations) {
  EXPECT_EQ(parse_dump("package p\nimport (\n\tf \"fmt\"\n\t_ \"os\"\n\t. \"strings\"\n)\n"),
            "(file p (import (import f \"fmt\") (import _ \"os\") (import . \"strings\")))");
  EXPECT_EQ(parse_dump("package p\nconst (\n\tA = iota\n\tB\n\tC, D = 1, 2\n)\n"),
            "(file p (const (spec A nil iota) (spec iota=1 B nil) (spec iota=2 C D nil 1 2)))");
  EXPECT_EQ(parse_dump("package p\nvar x, y int = 1, 2\nvar z = 3\ntype A = B\ntype T struct {\n\ta, b int\n\tE\n\t*F\n\tp.G `json:\"g\"`\n}\n"),
            "(file p (var (spec x y int 1 2)) (var (spec z nil 3)) (type (alias A B)) "
            "(type (type T (struct (field a b int) (field E) (field (star F)) (field (sel p G) `json:\"g\"`)))))");
  EXPECT_EQ(parse_dump("package p\ntype I interface {\n\tM(x int) (int, error)\n\tio.Reader\n\tJ\n}\n"),
            "(file p (type (type I (interface (field M (functype (params (field x int)) "
            "(results (field int) (field error)))) (field (sel io Reader)) (field J)))))");
}

TEST(Parser, Functions) {
  EXPECT_EQ(parse_dump("package p\nfunc (p *T) M(a, b int, s ...string) (n int, err error) { return }\n"),
            "(file p (func (recv (field p (star T))) M (functype (params (field a b int) (field s (... string))) "
            "(results (field n int) (field err error))) (block (return))))");
  EXPECT_EQ(parse_dump("package p\nfunc (T) M(int, string) bool\n"),
            "(file p (func (recv (field T)) M (functype (params (field int) (field string)) (results (field bool)))))");
  EXPECT_EQ(parse_dump("package p\nfunc f(func(int) int, []int, map[string]int, chan<- int, <-chan int, *p.T)\n"),
            "(file p (func f (functype (params (field (functype (params (field int)) (results (field int)))) "
            "(field (array nil int)) (field (map string int)) (field (chan<- int)) (field (<-chan int)) "
            "(field (star (sel p T)))) (results))))");
}

TEST(Parser, Expressions) {
  EXPECT_EQ(expr("a + b*c - d"), "(- (+ a (* b c)) d)");
  EXPECT_EQ(expr("a || b && c == d"), "(|| a (&& b (== c d)))");
  EXPECT_EQ(expr("a &^ b << 2 | c"), "(| (<< (&^ a b) 2) c)");
  EXPECT_EQ(expr("-x + ^y * !z"), "(+ (- x) (* (^ y) (! z)))");
  EXPECT_EQ(expr("*p + &x - <-ch"), "(- (+ (star p) (& x)) (<- ch))");
  EXPECT_EQ(expr("f(a, b...)"), "(call f a b ...)");
  EXPECT_EQ(expr("a[i] + s[1:] + s[:2] + s[1:2:3]"), "(+ (+ (+ (index a i) (slice s 1 nil)) (slice s nil 2)) (slice3 s 1 2 3))");
  EXPECT_EQ(expr("x.(T).f"), "(sel (assert x T) f)");
  EXPECT_EQ(expr("[]byte(s)"), "(call (array nil byte) s)");
  EXPECT_EQ(expr("(*T)(p)"), "(call (paren (star T)) p)");
  EXPECT_EQ(expr("<-chan int(c)"), "(<- (call (chan int) c))");  // the spec's example
  EXPECT_EQ(expr("(<-chan int)(nil)"), "(call (paren (<-chan int)) nil)");
  EXPECT_EQ(expr("make(chan int, 3)"), "(call make (chan int) 3)");
  EXPECT_EQ(expr("func(x int) int { return x }"),
            "(funclit (functype (params (field x int)) (results (field int))) (block (return x)))");
  EXPECT_EQ(expr("1.5 + 'a' + 1i + `r` + 0x_1F"), "(+ (+ (+ (+ 1.5 'a') 1i) `r`) 0x_1F)");
}

TEST(Parser, CompositeLiterals) {
  EXPECT_EQ(expr("[]Point{{1, 2}, {3, 4}}"), "(complit (array nil Point) (complit nil 1 2) (complit nil 3 4))");
  EXPECT_EQ(expr("map[string]Point{\"a\": {1, 2}}"), "(complit (map string Point) (kv \"a\" (complit nil 1 2)))");
  EXPECT_EQ(expr("[]*Point{{1, 2}}"), "(complit (array nil (star Point)) (complit nil 1 2))");
  EXPECT_EQ(expr("[...]int{1, 2,}"), "(complit (array (... nil) int) 1 2)");
  EXPECT_EQ(expr("p.T{X: 1}"), "(complit (sel p T) (kv X 1))");
  EXPECT_EQ(expr("struct{ a int }{1}"), "(complit (struct (field a int)) 1)");
}

TEST(Parser, CompositeLiteralInHeaders) {
  EXPECT_EQ(body("if x == (T{}) {\n}"), "(if nil (== x (paren (complit T))) (block))");
  EXPECT_EQ(body("for _, p := range []Point{{1, 2}} {\n}"),
            "(range _ p := (complit (array nil Point) (complit nil 1 2)) (block))");
  EXPECT_EQ(body("switch s := struct{ a int }{1}; s.a {\n}"),
            "(switch (:= (lhs s) (rhs (complit (struct (field a int)) 1))) (sel s a) (block))");
  EXPECT_EQ(body("if f := func() bool { return T{} == T{} }; f() {\n}"),
            "(if (:= (lhs f) (rhs (funclit (functype (params) (results (field bool))) (block (return (== (complit T) (complit T))))))) (call f) (block))");
  Diagnostics d;
  parse_file("t.go", "package main\nfunc main() {\n\tif x == T{} {\n\t}\n}\n", d);
  EXPECT_EQ(errors_of(d), "3:14: syntax error: unexpected { at end of statement\n");
}

TEST(Parser, Statements) {
  EXPECT_EQ(body("x := 1; x += 2; x++; y, z = z, y; ch <- x"),
            "(:= (lhs x) (rhs 1)) (+= (lhs x) (rhs 2)) (++ x) (= (lhs y z) (rhs z y)) (send ch x)");
  EXPECT_EQ(body("if x := f(); x > 0 {\n} else if y {\n} else {\n}"),
            "(if (:= (lhs x) (rhs (call f))) (> x 0) (block) (if nil y (block) (block)))");
  EXPECT_EQ(body("for {\n}\nfor x < 3 {\n}\nfor i := 0; i < 3; i++ {\n}\nfor ;; {\n}"),
            "(for nil nil nil (block)) (for nil (< x 3) nil (block)) (for (:= (lhs i) (rhs 0)) (< i 3) (++ i) (block)) (for nil nil nil (block))");
  EXPECT_EQ(body("for range x {\n}\nfor i := range 10 {\n}\nfor k, v = range m {\n}"),
            "(range nil nil = x (block)) (range i nil := 10 (block)) (range k v = m (block))");
  EXPECT_EQ(body("switch x {\ncase 1, 2:\n\tf()\n\tfallthrough\ndefault:\n}"),
            "(switch nil x (block (case (list 1 2) (expr (call f)) (fallthrough)) (default)))");
  EXPECT_EQ(body("switch v := x.(type) {\ncase int, nil:\n}\nswitch x.(type) {\n}"),
            "(typeswitch nil (:= (lhs v) (rhs (assert x type))) (block (case (list int nil)))) (typeswitch nil (expr (assert x type)) (block))");
  EXPECT_EQ(body("select {\ncase v, ok := <-c:\ncase c <- 1:\ncase <-d:\ndefault:\n}"),
            "(select (block (comm (:= (lhs v ok) (rhs (<- c)))) (comm (send c 1)) (comm (expr (<- d))) (default)))");
  EXPECT_EQ(body("L:\n\tfor {\n\t\tbreak L\n\t\tcontinue L\n\t}\n\tgoto L"),
            "(label L (for label=L nil nil nil (block (break L) (continue L)))) (goto L)");
  EXPECT_EQ(body("go f(x)\ndefer func() {}()\nreturn 1, 2\n{\n}\nvar x int\nconst c = 1\ntype T int"),
            "(go (call f x)) (defer (call (funclit (functype (params) (results)) (block)))) (return 1 2) (block) "
            "(declstmt (var (spec x int))) (declstmt (const (spec c nil 1))) (declstmt (type (type T int)))");
}

TEST(Parser, Positions) {
  Diagnostics d;
  auto f = parse_file("t.go", "package main\nfunc main() {\n\tx, y := a + b, f(1)\n}\n", d);
  ASSERT_FALSE(d.has_errors());
  auto* fn = static_cast<FuncDecl*>(f->decls[0]);
  EXPECT_EQ(fn->pos.line, 2);
  EXPECT_EQ(fn->pos.col, 1);
  EXPECT_EQ(fn->body->pos.col, 13);
  EXPECT_EQ(fn->body->rbrace.line, 4);
  auto* a = static_cast<AssignStmt*>(fn->body->list[0]);
  EXPECT_EQ(a->pos.col, 2);
  EXPECT_EQ(a->tok_pos.col, 7);
  auto* b = static_cast<BinaryExpr*>(a->rhs[0]);
  EXPECT_EQ(b->pos.col, 10);
  EXPECT_EQ(b->op_pos.col, 12);
  auto* c = static_cast<CallExpr*>(a->rhs[1]);
  EXPECT_EQ(c->pos.col, 17);
  EXPECT_EQ(c->lparen.col, 18);
  EXPECT_EQ(c->rparen.col, 20);
}

struct ErrorCase {
  const char* src;
  const char* want;  // first error, as go 1.19 prints it (with Go 1.20's "expected")
};

TEST(Parser, SyntaxErrorsLikeGo) {
  const ErrorCase cases[] = {
      {"package main\nfunc main() {\n\tfmt.Println(\"a\"\n}\n",
       "3:17: syntax error: unexpected newline in argument list; possibly missing comma or )"},
      {"package main\nfunc main() {\n\tx := \n}\n", "4:1: syntax error: unexpected }, expected expression"},
      {"package main\nx := 1\n", "2:1: syntax error: non-declaration statement outside function body"},
      {"package main\nfunc main() {\n\tif x == 1\n\t{\n\t}\n}\n",
       "3:11: syntax error: unexpected newline, expected { after if clause"},
      {"package main\nfunc main() {\n\tif {\n\t}\n}\n", "3:5: syntax error: missing condition in if statement"},
      {"package main\nfunc main() {\n\tfor i := 0; i < 10; i++\n\t{\n\t}\n}\n",
       "3:25: syntax error: unexpected newline, expected { after for clause"},
      {"package main\nfunc main() {\n\ta := []int{1, 2\n\t}\n}\n",
       "3:17: syntax error: unexpected newline in composite literal; possibly missing comma or }"},
      {"package main\nfunc f(a int b int) {}\n",
       "2:14: syntax error: unexpected name b in parameter list; possibly missing comma or )"},
      {"package main\nfunc main() {\n\tx := [3]int{1,2,3}\n\tx[1\n}\n",
       "4:5: syntax error: unexpected newline, expected comma, : or ]"},
      {"package main\nfunc main()\n{\n}\n", "3:1: syntax error: unexpected semicolon or newline before {"},
      {"package main\nfunc main() {\n\tfmt.Println(1 +)\n}\n", "3:17: syntax error: unexpected ), expected expression"},
      {"package main\nfunc main() {\n\telse {}\n}\n", "3:2: syntax error: unexpected else, expected }"},
      {"package main\nfunc main() {\n\tswitch x {\n\tcase 1\n\t}\n}\n", "4:8: syntax error: unexpected newline, expected :"},
      {"package main\nfunc main() {\n\t}\n}\n", "4:1: syntax error: non-declaration statement outside function body"},
      {"package main\nvar x = struct{a int b int}{}\n",
       "2:22: syntax error: unexpected name b in struct type; possibly missing semicolon or newline or }"},
      {"package main\nfunc main() {\n\tx := map[string]int{\"a\" 1}\n}\n",
       "3:26: syntax error: unexpected literal 1 in composite literal; possibly missing comma or }"},
      {"package main\nfunc main() {\n\tfor {\n\t}\n\t}\nfunc\n", "7:1: syntax error: unexpected EOF, expected name or ("},
      {"package main\nfunc main() {\n\tif x := 1 {\n\t}\n}\n", "3:7: syntax error: cannot use x := 1 as value"},
      {"package main\nfunc main() {\n\tgo (f())\n}\n", "3:5: expression in go must not be parenthesized"},
      {"package main\nfunc main() {\n\tx := `abc\n", "3:7: string not terminated"},
      {"package main\nfunc F[T any](x T) {}\n", "2:7: generic functions are not supported by mgo"},
      {"package main\ntype L[T any] struct{}\n", "2:7: generic types are not supported by mgo"},
      {"package main\nfunc main() {\n\tvar a [3]int\n\t_ = a[1:2:]\n}\n", "4:12: final index required in 3-index slice"},
  };
  for (const auto& c : cases) {
    Diagnostics d;
    parse_file("t.go", c.src, d);
    ASSERT_TRUE(d.has_errors()) << c.src;
    const auto& e = d.list()[0];
    EXPECT_EQ(std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.msg, c.want) << c.src;
  }
}

// A file is parsed without Bison's LAC first, and again with it at a syntax
// error (parse_twice in lang/parse.cpp): errors the first try reports (the
// lexer's, the grammar actions') are kept when it succeeds, and reported
// once when the file is parsed again.
TEST(Parser, ErrorsOnceWhetherParsedOnceOrTwice) {
  Diagnostics once;
  parse_file("t.go", "package main\nvar c = 'ab'\nfunc main() {\n\tgo (f())\n}\n", once);
  EXPECT_EQ(errors_of(once),
            "2:9: more than one character in rune literal\n"
            "4:5: expression in go must not be parenthesized\n");
  Diagnostics twice;
  parse_file("t.go", "package main\nvar c = 'ab'\nfunc main() {\n\tgo (f())\n\tx := \n}\n", twice);
  EXPECT_EQ(errors_of(twice),
            "2:9: more than one character in rune literal\n"
            "4:5: expression in go must not be parenthesized\n"
            "6:1: syntax error: unexpected }, expected expression\n");
}

// What mgo prints for the file: Go's one syntax error per line, ten at most.
std::string printed_errors(const std::string& src) {
  Diagnostics d;
  parse_file("t.go", src, d);
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* out = open_memstream(&buf, &len);
  d.print(out);
  std::fclose(out);
  std::string s(buf, len);
  std::free(buf);
  return s;
}

// Go's parser recovers from a syntax error and reports the next ones (the
// expected texts are go 1.19's output with Go 1.20's "expected" and "name x").
TEST(Parser, SeveralSyntaxErrorsLikeGo) {
  const ErrorCase cases[] = {
      // A missing ")" skips to the next statement keyword, which then ends the
      // statement; "else" on its own line ends the function body, and the rest
      // of it is skipped up to the next declaration.
      {"package main\n\nfunc main() {\n\tfmt.Println(\"a\"\n\tx := 1\n\tif x > 0 {\n\t\tx++\n\t}\n"
       "\telse {\n\t\tx--\n\t}\n\ty := [3]int{1, 2 3}\n}\n\nfunc f() {\n\ta := )\n}\n\n"
       "var v = 1 2\n\nfunc g( {\n}\n",
       "t.go:4:17: syntax error: unexpected newline in argument list; possibly missing comma or )\n"
       "t.go:6:2: syntax error: unexpected if at end of statement\n"
       "t.go:9:2: syntax error: unexpected else, expected }\n"
       "t.go:16:7: syntax error: unexpected ), expected expression\n"
       "t.go:19:11: syntax error: unexpected literal 2 after top level declaration\n"
       "t.go:21:9: syntax error: unexpected {, expected )\n"},
      // A bad operand skips to a closing bracket or a statement keyword.
      {"package main\n\nfunc main() {\n\tx := 1\n\tx = = 2\n\tif x {\n\t}\n\ty := x +\n\treturn\n}\n\n"
       "func h() int {\n\treturn 1 1\n}\n\ntype T struct {\n\ta int b int\n}\n",
       "t.go:5:6: syntax error: unexpected =, expected expression\n"
       "t.go:6:2: syntax error: unexpected if at end of statement\n"
       "t.go:9:2: syntax error: unexpected return, expected expression\n"
       "t.go:13:11: syntax error: unexpected literal 1 at end of statement\n"
       "t.go:17:8: syntax error: unexpected name b in struct type; possibly missing semicolon or newline or }\n"},
      // want(":") and want(")") skip one token and go on; a missing "{" skips
      // to the next name.
      {"package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++\n\t{\n\t\tprintln(i)\n\t}\n"
       "\tswitch 1 {\n\tcase 1\n\t\tprintln()\n\t}\n\tx := (1 + 2\n\ty := 3\n\ta, b := 1, 2,\n}\n",
       "t.go:4:24: syntax error: unexpected newline, expected { after for clause\n"
       "t.go:9:8: syntax error: unexpected newline, expected :\n"
       "t.go:12:13: syntax error: unexpected newline, expected )\n"
       "t.go:13:2: syntax error: unexpected name y at end of statement\n"
       "t.go:15:1: syntax error: unexpected }, expected expression\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(printed_errors(c.src), c.want) << c.src;
}

// Go stops after ten errors; so does the parser (it does not read on).
TEST(Parser, StopsAfterTenSyntaxErrors) {
  std::string src = "package main\n\nfunc main() {\n";
  for (int i = 0; i < 15; i++) src += "\tx := 1 2\n";
  src += "}\n";
  std::string out = printed_errors(src);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 11) << out;
  EXPECT_NE(out.find("t.go:13:9: syntax error: unexpected literal 2 at end of statement\n"
                     "t.go:13:9: too many errors\n"),
            std::string::npos)
      << out;
}

// Error recovery always gets to the end: random token soup never hangs.
TEST(Parser, RecoveryTerminatesOnTokenSoup) {
  const char* toks[] = {"x", "1", "(", ")", "{", "}", "[", "]", ",", ";", "\n", ":", "=", ":=",
                        "+", "if", "else", "for", "func", "var", "type", "case", "return",
                        "struct", "switch", "\"s\"", ".", "...", "go", "chan", "<-"};
  std::mt19937 rng(2024);
  for (int i = 0; i < 500; i++) {
    std::string s = i % 2 ? "package main\nfunc main() {\n" : "package main\n";
    for (int k = 0; k < 60; k++) s += std::string(toks[rng() % std::size(toks)]) + " ";
    Diagnostics d;
    auto f = parse_file("soup.go", s, d);
    (void)dump(f.get());
  }
}

// Garbage, truncated programs and random mutations must never crash.
TEST(Parser, FuzzNoCrash) {
  std::string prog = read_file(std::filesystem::path(MGO_SOURCE_DIR) / "tests" / "run" / "closures.mgo");
  if (prog.empty()) prog = "package main\nfunc main() { x := []int{1, 2}; for i := range x { println(i) } }\n";
  std::mt19937 rng(12345);
  for (int i = 0; i < 300; i++) {
    std::string s;
    switch (i % 3) {
      case 0: s = prog.substr(0, rng() % (prog.size() + 1)); break;
      case 1: {
        s = prog;
        for (int k = 0; k < 5; k++) s[rng() % s.size()] = char(rng() % 256);
        break;
      }
      default:
        for (int k = 0; k < 200; k++) s += char(rng() % 256);
    }
    Diagnostics d;
    auto f = parse_file("fuzz.go", s, d);
    (void)dump(f.get());
  }
  // Deep nesting does not overflow the parser.
  Diagnostics d;
  parse_file("deep.go", "package main\nvar x = " + std::string(20000, '(') + "1" + std::string(20000, ')') + "\n", d);
}

}  // namespace
}  // namespace mgo

// ---------------------------------------------------------------- lazy bodies
// ParseOptions::lazy_bodies skips the bodies of top-level functions and
// parse_func_body parses them later: the tree must come out exactly as an
// eager parse builds it, positions included.

namespace mgo::stdlib {
extern const StdPackage kEmbeddedPackages[];
}

namespace mgo {
namespace {

std::vector<FuncDecl*> func_decls(const File& f) {
  std::vector<FuncDecl*> out;
  for (Decl* d : f.decls) {
    if (d->kind == NodeKind::FuncDecl) out.push_back(static_cast<FuncDecl*>(d));
  }
  return out;
}

// Parses src eagerly and lazily, then every lazy body, and expects the same
// tree; returns how many bodies were lazy.
int expect_same_when_lazy(const std::string& name, std::string_view src) {
  Diagnostics de, dl;
  auto eager = parse_file(name, src, de);
  auto lazy = parse_file(name, src, dl, ParseOptions{.lazy_bodies = true});
  EXPECT_FALSE(de.has_errors()) << name << "\n" << errors_of(de);
  EXPECT_FALSE(dl.has_errors()) << name << "\n" << errors_of(dl);
  std::vector<FuncDecl*> fe = func_decls(*eager), fl = func_decls(*lazy);
  EXPECT_EQ(fe.size(), fl.size()) << name;
  if (fe.size() != fl.size()) return 0;
  int n = 0;
  for (size_t i = 0; i < fl.size(); i++) {
    // Every body is skipped; a native stays body-less and not lazy.
    EXPECT_EQ(fl[i]->body, nullptr) << name << ": " << fl[i]->name->name;
    EXPECT_EQ(fl[i]->lazy_body(), fe[i]->body != nullptr) << name << ": " << fl[i]->name->name;
    if (!fl[i]->lazy_body()) continue;
    n++;
    BlockStmt* b = parse_func_body(lazy.get(), fl[i], dl);
    EXPECT_NE(b, nullptr) << name << ": " << fl[i]->name->name << "\n" << errors_of(dl);
    EXPECT_EQ(fl[i]->body, b);
    EXPECT_FALSE(fl[i]->lazy_body());
  }
  EXPECT_FALSE(dl.has_errors()) << name << "\n" << errors_of(dl);
  EXPECT_EQ(dump(lazy.get(), true), dump(eager.get(), true)) << name;
  return n;
}

TEST(LazyBodies, DumpShowsPositions) {
  Diagnostics d;
  auto f = parse_file("t.go", "package p\nfunc f() {\n\treturn\n}\n", d);
  EXPECT_EQ(dump(f->decls[0], true),
            "(func f@2:6 (functype (params opening@2:7 closing@2:8) (results opening@0:0 closing@0:0))@2:7 "
            "(block (return)@3:2 rbrace@4:1)@2:10)@2:1");
}

TEST(LazyBodies, EveryStdlibSourceParsesTheSame) {
  std::set<std::string> paths;
  int bodies = 0;
  for (const stdlib::StdPackage* p = stdlib::kEmbeddedPackages; !p->path.empty(); ++p) {
    paths.insert(std::string(p->path));
    bodies += expect_same_when_lazy(std::string(p->path) + ".go", p->source);
  }
  EXPECT_TRUE(paths.count("fmt") && paths.count("sync") && paths.count("sync/atomic") &&
              paths.count("unicode/utf8") && paths.count("math/rand"));
  EXPECT_GT(bodies, 100);
}

// The byte scan that skips a body, and what follows a body.
TEST(LazyBodies, TrickyBodies) {
  const char* src = R"go(package p

import "fmt"

type T struct{ a int }

// Braces in literals and comments do not count.
func braces() string {
	s := "}{\"}" + `}
{{` + string('{') + string('}') + string('\'') + "\\" // } {
	/* } {
	}} */
	s += "/*" + `//` + "}" /* { */ + `
` // }
	return s
}

// A signature whose result type has braces of its own.
func str() struct{ x int } {
	return struct{ x int }{1}
}

func iface(x interface{ M() }) interface {
	M()
} {
	return x
}

func (t *T) Method(f func() int, g [2]struct{}) (r struct {
	a, b int
}) {
	r.a = f() + len(g)
	return
}

func Native(format string, a ...any) string

// Nested function literals.
func lits() func() int {
	g := func() int {
		h := func() { _ = T{a: 1} }
		h()
		return 1
	}
	return func() int { return g() + 1 }
}
func next() {}
func a() {}; func b() { fmt.Println("}") }
var x = func() int { return 1 }()
var m = map[string]T{"a": {a: 1}}
func last() { if true { for { switch { case true: } } } }
func (T) M() {
	select {}
})go";
  EXPECT_EQ(expect_same_when_lazy("tricky.go", src), 10);
}

// Positions after a skipped body count its lines, raw strings and comments
// included.
TEST(LazyBodies, LinesAfterABody) {
  Diagnostics d;
  auto f = parse_file("t.go", "package p\nfunc f() { _ = `\n\n` /*\n*/ }\nfunc g() {}\n", d,
                      ParseOptions{.lazy_bodies = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  auto fns = func_decls(*f);
  ASSERT_EQ(fns.size(), 2u);
  EXPECT_EQ(fns[1]->pos.line, 6);
  EXPECT_EQ(fns[1]->lazy_lbrace.line, 6);
  EXPECT_EQ(fns[1]->lazy_lbrace.col, 10);
  EXPECT_EQ(f->source.substr(fns[0]->lazy_begin, fns[0]->lazy_end - fns[0]->lazy_begin),
            "{ _ = `\n\n` /*\n*/ }");
}

// A syntax error outside the bodies is reported by the lazy parse as by an
// eager one; one inside a body, when the body is parsed.
TEST(LazyBodies, SyntaxErrors) {
  auto lazy_errors = [](const std::string& src) {
    Diagnostics d;
    parse_file("t.go", src, d, ParseOptions{.lazy_bodies = true});
    return errors_of(d);
  };
  auto eager_errors = [](const std::string& src) {
    Diagnostics d;
    parse_file("t.go", src, d);
    return errors_of(d);
  };
  for (std::string src : {
           "package p\nfunc f() {\n\ts := \"}\"\n\t_ = s\n}\nvar = 1\nfunc g() {}\n",
           "package p\nfunc f() { }\nx := 1\n",
           "package p\nfunc f(a int b int) {}\n",
           "package p\nfunc f()\n{\n}\n",
           "package p\nfunc f() {\n}\n}\n",
           "package p\nfunc f() {} func g() {}\n",
           "package p\nfunc F[T any](x T) {}\n",
       }) {
    std::string want = eager_errors(src);
    EXPECT_NE(want, "") << src;
    EXPECT_EQ(lazy_errors(src), want) << src;
  }

  const std::string src = "package p\nfunc ok() {}\nfunc f() {\n\tx := \n}\nfunc g() {\n\tx := `\n";
  Diagnostics d;
  auto f = parse_file("t.go", src, d, ParseOptions{.lazy_bodies = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  auto fns = func_decls(*f);
  ASSERT_EQ(fns.size(), 3u);
  EXPECT_NE(parse_func_body(f.get(), fns[0], d), nullptr);
  EXPECT_EQ(parse_func_body(f.get(), fns[1], d), nullptr);
  EXPECT_EQ(errors_of(d), "5:1: syntax error: unexpected }, expected expression\n");
  EXPECT_TRUE(fns[1]->lazy_body());
  // A body that runs to the end of the file.
  EXPECT_EQ(parse_func_body(f.get(), fns[2], d), nullptr);
  EXPECT_EQ(d.list().back().msg, "string not terminated");
}

// The i-th mutant of prog for the fuzz tests below: odd i truncate it at a
// random point, even i overwrite five random bytes with some of `bytes`.
std::string mutant(const std::string& prog, std::mt19937& rng, int i, std::string_view bytes) {
  std::string s = prog;
  if (i % 2) return prog.substr(0, rng() % (prog.size() + 1));
  for (int k = 0; k < 5; k++) s[rng() % s.size()] = bytes[rng() % bytes.size()];
  return s;
}

// Truncated and mutated programs never crash the skipping or the parse of
// what was skipped.
TEST(LazyBodies, FuzzNoCrash) {
  std::string prog = read_file(std::filesystem::path(MGO_SOURCE_DIR) / "tests" / "run" / "closures.mgo");
  ASSERT_FALSE(prog.empty());
  std::mt19937 rng(54321);
  for (int i = 0; i < 300; i++) {
    std::string s = mutant(prog, rng, i, "{}\"'`/*\n\\");
    Diagnostics d;
    auto f = parse_file("fuzz.go", s, d, ParseOptions{.lazy_bodies = true});
    for (FuncDecl* fd : func_decls(*f)) parse_func_body(f.get(), fd, d);
    (void)dump(f.get(), true);
  }
}

}  // namespace
}  // namespace mgo

// ---------------------------------------------------------------- lazy declarations
// ParseOptions::lazy_decls indexes the top-level declarations and
// parse_decl parses one at a time: each must come out exactly as a
// lazy_bodies parse builds it, positions included.

namespace mgo {
namespace {

// What a parsed declaration declares, as LazyDecl::names holds it.
std::vector<std::pair<std::string, Pos>> declared_names(Decl* d) {
  std::vector<std::pair<std::string, Pos>> out;
  if (d->kind == NodeKind::FuncDecl) {
    auto* fd = static_cast<FuncDecl*>(d);
    out.emplace_back(fd->name->name, fd->name->pos);
    return out;
  }
  for (Node* s : static_cast<GenDecl*>(d)->specs) {
    if (s->kind == NodeKind::TypeSpec) {
      auto* ts = static_cast<TypeSpec*>(s);
      out.emplace_back(ts->name->name, ts->name->pos);
    } else if (s->kind == NodeKind::ValueSpec) {
      for (Ident* n : static_cast<ValueSpec*>(s)->names) out.emplace_back(n->name, n->pos);
    }
  }
  return out;
}

// T of a method `func (r *T) M()` or `func (T) M()`; "" for a function.
std::string receiver_base(Decl* d) {
  if (d->kind != NodeKind::FuncDecl) return "";
  auto* fd = static_cast<FuncDecl*>(d);
  if (!fd->recv || fd->recv->list.empty()) return "";
  Expr* t = fd->recv->list[0]->type;
  if (t->kind == NodeKind::StarExpr) t = static_cast<StarExpr*>(t)->x;
  return t->kind == NodeKind::Ident ? static_cast<Ident*>(t)->name : "?";
}

LazyDecl::Kind kind_of(Decl* d) {
  if (d->kind == NodeKind::FuncDecl) return LazyDecl::Func;
  switch (static_cast<GenDecl*>(d)->tok) {
    case DeclTok::Const: return LazyDecl::Const;
    case DeclTok::Type: return LazyDecl::Type;
    default: return LazyDecl::Var;
  }
}

// Parses src with lazy_bodies and with lazy_decls, then every lazy
// declaration in order, and expects the same tree and an index that says
// what each declaration declares; returns how many declarations were lazy.
size_t expect_same_when_decls_lazy(const std::string& name, std::string_view src) {
  Diagnostics db, dd;
  auto bodies = parse_file(name, src, db, ParseOptions{.lazy_bodies = true});
  auto decls = parse_file(name, src, dd, ParseOptions{.lazy_decls = true});
  EXPECT_FALSE(db.has_errors()) << name << "\n" << errors_of(db);
  EXPECT_FALSE(dd.has_errors()) << name << "\n" << errors_of(dd);
  EXPECT_EQ(decls->source.data(), src.data()) << name;
  // Only the imports are parsed.
  EXPECT_EQ(decls->decls.size(), bodies->decls.size() - decls->lazy_decls.size()) << name;
  for (Decl* d : decls->decls) {
    EXPECT_TRUE(d->kind == NodeKind::GenDecl && static_cast<GenDecl*>(d)->tok == DeclTok::Import)
        << name;
  }
  for (LazyDecl& ld : decls->lazy_decls) {
    std::string_view text = src.substr(ld.begin, ld.end - ld.begin);
    Decl* d = parse_decl(decls.get(), &ld, dd);
    EXPECT_NE(d, nullptr) << name << ": " << text << "\n" << errors_of(dd);
    if (!d) continue;
    EXPECT_EQ(ld.decl, d);
    EXPECT_EQ(parse_decl(decls.get(), &ld, dd), d) << "parsed once";
    decls->decls.push_back(d);
    // The index: kind, position, names and receiver.
    EXPECT_EQ(ld.kind, kind_of(d)) << name << ": " << text;
    EXPECT_EQ(ld.pos.line, d->pos.line) << name << ": " << text;
    EXPECT_EQ(ld.pos.col, d->pos.col) << name << ": " << text;
    std::vector<std::pair<std::string, Pos>> want = declared_names(d), got;
    for (const LazyDecl::Name& n : ld.names) got.emplace_back(std::string(n.name), n.pos);
    EXPECT_EQ(got.size(), want.size()) << name << ": " << text;
    for (size_t i = 0; i < std::min(got.size(), want.size()); i++) {
      EXPECT_EQ(got[i].first, want[i].first) << name << ": " << text;
      EXPECT_EQ(got[i].second.line, want[i].second.line) << name << ": " << got[i].first;
      EXPECT_EQ(got[i].second.col, want[i].second.col) << name << ": " << got[i].first;
    }
    EXPECT_EQ(std::string(ld.recv), receiver_base(d)) << name << ": " << text;
    // The text runs from the keyword to the last token.
    EXPECT_TRUE(text.substr(0, 4) == "func" || text.substr(0, 4) == "type" ||
                text.substr(0, 3) == "var" || text.substr(0, 5) == "const")
        << name << ": " << text;
    EXPECT_FALSE(text.empty() || text.back() == ';' || isspace(uint8_t(text.back())))
        << name << ": " << text;
  }
  EXPECT_FALSE(dd.has_errors()) << name << "\n" << errors_of(dd);
  EXPECT_EQ(dump(decls.get(), true), dump(bodies.get(), true)) << name;
  // The bodies stay lazy, and parse as they do in the lazy_bodies file.
  std::vector<FuncDecl*> fb = func_decls(*bodies), fd = func_decls(*decls);
  EXPECT_EQ(fb.size(), fd.size()) << name;
  for (size_t i = 0; i < std::min(fb.size(), fd.size()); i++) {
    EXPECT_EQ(fd[i]->lazy_body(), fb[i]->lazy_body()) << name << ": " << fd[i]->name->name;
    parse_func_body(bodies.get(), fb[i], db);
    parse_func_body(decls.get(), fd[i], dd);
  }
  EXPECT_FALSE(dd.has_errors()) << name << "\n" << errors_of(dd);
  EXPECT_EQ(dump(decls.get(), true), dump(bodies.get(), true)) << name;
  return decls->lazy_decls.size();
}

TEST(LazyDecls, EveryStdlibSourceParsesTheSame) {
  size_t decls = 0;
  int files = 0;
  for (const stdlib::StdPackage* p = stdlib::kEmbeddedPackages; !p->path.empty(); ++p) {
    decls += expect_same_when_decls_lazy(std::string(p->path) + ".go", p->source);
    files++;
  }
  EXPECT_GT(files, 10);
  EXPECT_GT(decls, 500u);
}

TEST(LazyDecls, TrickyDeclarations) {
  const char* src = R"go(package p

import (
	"fmt"
	m "math"
)

const (
	A, B = iota, iota * 10
	C, D
	_, _
	E = "e"; F
)

const Single = 1 << 3

var (
	x, y, z int = 1, 2, 3
	w       = struct{ a, b int }{1, 2}
	f = func() int { if x > 0 { return 1 }; return m.MaxInt8 }
)

var v1, v2 = fmt.Sprint, 2

/* a comment
   between declarations */
type (
	T int
	U struct {
		a int
		b, c string
	}
	Alias = U
	I interface {
		M() (int, error)
	}
)

type S struct{ t *T }

// Methods with pointer, value and unnamed receivers.
func (s *S) Ptr() int { return 1 }
func (s S) Val() (r int) { return }
func (S) Unnamed() {}
func (*S) UnnamedPtr(a, b int, c ...string) {}

// A signature that returns a struct type.
func Point() struct {
	X, Y int
} {
	return struct{ X, Y int }{1, 2}
}

func Native(format string, a ...any) string

const K = 1; var L = 2 // two on one line
func G() {}; type V []map[string]chan<- int
	func Indented(x [2]int) [2]int { return x }
var Last = [...]string{
	"a",
	"b",
})go";
  EXPECT_EQ(expect_same_when_decls_lazy("tricky.go", src), 18u);

  Diagnostics d;
  auto f = parse_file("tricky.go", src, d, ParseOptions{.lazy_decls = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  ASSERT_EQ(f->lazy_decls.size(), 18u);
  auto text = [&](int i) {
    const LazyDecl& ld = f->lazy_decls[i];
    return std::string(f->source.substr(ld.begin, ld.end - ld.begin));
  };
  auto names = [&](int i) {
    std::string s;
    for (auto& n : f->lazy_decls[i].names) s += std::string(n.name) + " ";
    return s;
  };
  EXPECT_EQ(names(0), "A B C D _ _ E F ");
  EXPECT_EQ(names(2), "x y z w f ");
  EXPECT_EQ(names(3), "v1 v2 ");
  EXPECT_EQ(names(4), "T U Alias I ");
  EXPECT_EQ(f->lazy_decls[4].pos.line, 27);
  EXPECT_EQ(f->lazy_decls[4].kind, LazyDecl::Type);
  EXPECT_EQ(f->lazy_decls[6].recv, "S");
  EXPECT_EQ(f->lazy_decls[8].recv, "S");
  EXPECT_EQ(f->lazy_decls[9].recv, "S");
  EXPECT_EQ(f->lazy_decls[10].recv, "");
  EXPECT_EQ(text(12), "const K = 1");
  EXPECT_EQ(text(13), "var L = 2");
  EXPECT_EQ(text(14), "func G() {}");
  EXPECT_EQ(text(15), "type V []map[string]chan<- int");
  EXPECT_EQ(f->lazy_decls[16].pos.col, 2);
  EXPECT_EQ(text(17), "var Last = [...]string{\n\t\"a\",\n\t\"b\",\n}");
  EXPECT_EQ(text(11), "func Native(format string, a ...any) string");
  // The const group's iota and implicit repetition, as in an eager parse.
  auto* g = static_cast<GenDecl*>(parse_decl(f.get(), &f->lazy_decls[0], d));
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->specs.size(), 5u);
  EXPECT_EQ(static_cast<ValueSpec*>(g->specs[1])->iota, 1);
  EXPECT_TRUE(static_cast<ValueSpec*>(g->specs[1])->values.empty());
  EXPECT_EQ(static_cast<ValueSpec*>(g->specs[4])->iota, 4);
  EXPECT_TRUE(static_cast<ValueSpec*>(g->specs[4])->values.empty());
  // Declarations parse in any order, each once.
  auto* last = parse_decl(f.get(), &f->lazy_decls[17], d);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->pos.line, 59);
  auto* fn = static_cast<FuncDecl*>(parse_decl(f.get(), &f->lazy_decls[16], d));
  ASSERT_NE(fn, nullptr);
  EXPECT_TRUE(fn->lazy_body());
  EXPECT_EQ(fn->lazy_lbrace.line, 58);
  EXPECT_EQ(fn->lazy_lbrace.col, 33);
  EXPECT_NE(parse_func_body(f.get(), fn, d), nullptr);
  EXPECT_FALSE(d.has_errors()) << errors_of(d);
}

// What a scan over the bytes could get wrong: comment and string openers
// inside literals and comments, literals that span lines, automatic
// semicolons after literals and keywords, comments that act as newlines,
// byte columns after non-ASCII names.
TEST(LazyDecls, LexicalCorners) {
  const char* src = "package p\n"
                    "\n"
                    "var url = \"http://x/*\" + `//` // \"a comment with a quote\n"
                    "var esc = \"\\\"//\\\\\" /* \" */ + \"x\"\n"
                    "var raw = `line one\n"
                    "func fake() {\n"
                    "\"` + \"}\"\n"
                    "var r1, r2, r3, r4, r5 = '\"', '\\'', '{', '\\\\', '`'\n"
                    "/* a comment\n"
                    "   between declarations, with func F() { in it */\n"
                    "const sum = 1 +\n"
                    "\t2 /* spans\n"
                    "lines */\n"
                    "const dot = 1.\n"
                    "const half = .5\n"
                    "const bits, exp, im = 0x1p-2, 1e+3, 2i\n"
                    "var héllo, 世界, x = 1, 2, 3\n"
                    "type Ü struct{ ä int }\n"
                    "func (ü *Ü) Méthode() int { return ü.ä }\n"
                    "type T struct\n"
                    "{\n"
                    "\ta int\n"
                    "}\n"
                    "var c chan\n"
                    "int\n"
                    "var recv <-chan int\n"
                    "const (\n"
                    "\tA = iota /* ends\n"
                    "\tthe spec */\n"
                    "\tB; C\n"
                    ")\n"
                    "func Body() {\n"
                    "\tx := 1\n"
                    "\tx++\n"
                    "\tx--\n"
                    "\t_ = `}` + \"}\" + string('}') // }\n"
                    "}\n"
                    "var last = 1 // no newline at the end";
  EXPECT_EQ(expect_same_when_decls_lazy("corners.go", src), 17u);
  // CRLF line ends: '\r' is white space to the lexer.
  std::string crlf;
  for (const char* p = src; *p; ++p) {
    if (*p == '\n') crlf += '\r';
    crlf += *p;
  }
  EXPECT_EQ(expect_same_when_decls_lazy("crlf.go", crlf), 17u);

  Diagnostics d;
  auto f = parse_file("corners.go", src, d, ParseOptions{.lazy_decls = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  ASSERT_EQ(f->lazy_decls.size(), 17u);
  auto text = [&](int i) {
    const LazyDecl& ld = f->lazy_decls[i];
    return std::string(f->source.substr(ld.begin, ld.end - ld.begin));
  };
  EXPECT_EQ(text(0), "var url = \"http://x/*\" + `//`");
  EXPECT_EQ(text(1), "var esc = \"\\\"//\\\\\" /* \" */ + \"x\"");
  EXPECT_EQ(text(2), "var raw = `line one\nfunc fake() {\n\"` + \"}\"");
  EXPECT_EQ(f->lazy_decls[3].names.size(), 5u);
  EXPECT_EQ(f->lazy_decls[4].pos.line, 11);
  EXPECT_EQ(text(4), "const sum = 1 +\n\t2");
  EXPECT_EQ(text(5), "const dot = 1.");
  // Columns count bytes: "var héllo, 世界, x" has x at byte 21.
  const LazyDecl& names = f->lazy_decls[8];
  ASSERT_EQ(names.names.size(), 3u);
  EXPECT_EQ(names.names[1].name, "世界");
  EXPECT_EQ(names.names[2].pos.line, 17);
  EXPECT_EQ(names.names[2].pos.col, 21);
  EXPECT_EQ(f->lazy_decls[10].recv, "Ü");
  EXPECT_EQ(f->lazy_decls[10].names[0].name, "Méthode");
  EXPECT_EQ(f->lazy_decls[10].names[0].pos.col, 15);
  EXPECT_EQ(text(11), "type T struct\n{\n\ta int\n}");
  EXPECT_EQ(text(12), "var c chan\nint");
  std::string group;
  for (auto& n : f->lazy_decls[14].names) group += std::string(n.name) + " ";
  EXPECT_EQ(group, "A B C ");
  EXPECT_EQ(text(16), "var last = 1");
}

TEST(LazyDecls, OnlyImportsOrNoImports) {
  EXPECT_EQ(expect_same_when_decls_lazy("imports.go", "package p\n\nimport \"fmt\"\nimport (\n\t\"os\"\n)\n"), 0u);
  EXPECT_EQ(expect_same_when_decls_lazy("noimports.go", "package p\n// c\nfunc F() int { return 1 }\n"), 1u);
  EXPECT_EQ(expect_same_when_decls_lazy("empty.go", "package p"), 0u);
  EXPECT_EQ(expect_same_when_decls_lazy("groups.go", "package p; import \"os\"; var ()\nconst ()\ntype ()\nvar _ = os.Exit"), 4u);
  Diagnostics d;
  auto f = parse_file("t.go", "package p\nimport \"fmt\"\n", d, ParseOptions{.lazy_decls = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  EXPECT_EQ(f->package_name->name, "p");
  ASSERT_EQ(f->imports.size(), 1u);
  EXPECT_EQ(f->imports[0]->path, "fmt");
  EXPECT_TRUE(f->lazy_decls.empty());
}

// Text the index does not understand is parsed the ordinary way, with the
// ordinary errors; a syntax error inside a declaration is reported when it
// is parsed.
TEST(LazyDecls, SyntaxErrors) {
  for (std::string src : {
           "package p\nfunc f() {}\nimport \"fmt\"\n",
           "package p\nfunc f() { }\nx := 1\n",
           "package p\nvar x = (1\n",
           "package p\nvar x = 1)\nfunc g() {}\n",
           "package p\nvar s = \"abc\n",
           "package p\nfunc f() {} func g() {}\n",
           "package p\nfunc (a int\n",
           "package p\nvar x = 1 /* not terminated\n",
           "package p\nvar r = 'a\nvar s = 1\n",
           "package p\nvar raw = `not terminated\n",
           "package p\nvar x = 1 # 2\n",
           "package p\nvar x = y++\nvar z = 1\nvar w = z--\n",
           "package p\nconst c = 1 +\n",
           // Errors inside declarations, reported by parse_decl.
           "package p\nfunc ok() {}\nvar x int = = 2\nfunc F[T any]() {}\ntype T struct { a int b }\n",
           "package p\nconst (\n\ta = iota\n\tb c d\n)\nfunc (T) M(a int b int)\n",
       }) {
    Diagnostics de, dl;
    parse_file("t.go", src, de, ParseOptions{.lazy_bodies = true});
    auto f = parse_file("t.go", src, dl, ParseOptions{.lazy_decls = true});
    for (LazyDecl& ld : f->lazy_decls) parse_decl(f.get(), &ld, dl);
    EXPECT_NE(errors_of(de), "") << src;
    EXPECT_EQ(errors_of(dl), errors_of(de)) << src;
  }
  Diagnostics d;
  auto f = parse_file("t.go", "package p\nfunc ok() {}\nvar x int = = 2\nfunc F[T any]() {}\n", d,
                      ParseOptions{.lazy_decls = true});
  ASSERT_FALSE(d.has_errors()) << errors_of(d);
  ASSERT_EQ(f->lazy_decls.size(), 3u);
  EXPECT_NE(parse_decl(f.get(), &f->lazy_decls[0], d), nullptr);
  EXPECT_EQ(parse_decl(f.get(), &f->lazy_decls[1], d), nullptr);
  EXPECT_EQ(f->lazy_decls[1].decl, nullptr);
  EXPECT_EQ(parse_decl(f.get(), &f->lazy_decls[2], d), nullptr);
  EXPECT_EQ(errors_of(d),
            "3:13: syntax error: unexpected =, expected expression\n"
            "4:7: generic functions are not supported by mgo\n");
}

// Truncated and mutated sources never crash the index or the parse of what
// it skipped.
TEST(LazyDecls, FuzzNoCrash) {
  std::string_view fmt_src;
  for (const stdlib::StdPackage* p = stdlib::kEmbeddedPackages; !p->path.empty(); ++p) {
    if (p->path == "fmt") fmt_src = p->source;
  }
  ASSERT_FALSE(fmt_src.empty());
  std::string prog(fmt_src.substr(0, 6000));
  std::mt19937 rng(777);
  for (int i = 0; i < 300; i++) {
    std::string s = mutant(prog, rng, i, "{}()[]\"'`/*\n\\;,=");
    Diagnostics d;
    auto f = parse_file("fuzz.go", s, d, ParseOptions{.lazy_decls = true});
    for (LazyDecl& ld : f->lazy_decls) {
      if (Decl* decl = parse_decl(f.get(), &ld, d)) f->decls.push_back(decl);
    }
    for (FuncDecl* fd : func_decls(*f)) parse_func_body(f.get(), fd, d);
    (void)dump(f.get(), true);
  }
}

// Mutants of the standard library that are still valid Go (most of them a
// quote, bracket, slash or newline dropped into a comment or a string) are
// indexed as they parse: the index's comments and literals against the
// parser's.
TEST(LazyDecls, ValidMutantsParseTheSame) {
  std::mt19937 rng(4242);
  const char bytes[] = "{}()[]\"'`/*\n\\;,=+-.";
  int valid = 0;
  for (const stdlib::StdPackage* p = stdlib::kEmbeddedPackages; !p->path.empty(); ++p) {
    for (int i = 0; i < 40; i++) {
      std::string s(p->source);
      for (int k = 0; k <= i % 2; k++) s[rng() % s.size()] = bytes[rng() % (sizeof bytes - 1)];
      Diagnostics d;
      parse_file("mutant.go", s, d, ParseOptions{});
      if (d.has_errors()) continue;
      expect_same_when_decls_lazy(std::string(p->path) + " mutant " + std::to_string(i), s);
      valid++;
    }
  }
  EXPECT_GT(valid, 100);  // of 40 per file; about a third are valid
}

}  // namespace
}  // namespace mgo
