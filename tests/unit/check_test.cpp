// Type checker tests: the golden corpus (tests/run must check clean,
// tests/errors must report on exactly the marked lines), annotations the
// compiler relies on, and Go's error messages for short bad programs.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "lang/check.h"
#include "lang/constant.h"
#include "lang/nesting.h"
#include "lang/parse.h"

namespace mgo {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string errors_of(const Diagnostics& d) {
  std::string out;
  for (auto& e : d.list())
    out += e.filename + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.msg + "\n";
  return out;
}

struct Checked {
  std::unique_ptr<File> file;
  Program* prog = nullptr;
  Diagnostics diags;
  bool parsed = false;
};

// As `mgo check` does it: on the front end's deep stack.
std::unique_ptr<Checked> check_src(const std::string& name, const std::string& src) {
  auto c = std::make_unique<Checked>();
  on_deep_stack([&] {
    c->file = parse_file(name, src, c->diags);
    if (c->diags.has_errors()) return;
    c->parsed = true;
    c->prog = check_program(c->file.get(), c->diags);
  });
  return c;
}

// Checks `body` inside func main (with fmt imported and used).
std::unique_ptr<Checked> check_main(const std::string& decls, const std::string& body) {
  std::string src = "package main\n\nimport \"fmt\"\n\n" + decls + "\nfunc main() {\n" + body +
                    "\nfmt.Print()\n}\n";
  return check_src("t.mgo", src);
}

std::string first_error(const std::string& decls, const std::string& body) {
  auto c = check_main(decls, body);
  if (c->diags.list().empty()) return "";
  return c->diags.list()[0].msg;
}

fs::path source_dir() { return fs::path(MGO_SOURCE_DIR); }

TEST(CheckCorpus, RunProgramsCheckClean) {
  int n = 0, failed = 0;
  for (auto& entry : fs::directory_iterator(source_dir() / "tests/run")) {
    if (entry.path().extension() != ".mgo") continue;
    n++;
    auto c = check_src(entry.path().filename().string(), read_file(entry.path()));
    if (c->diags.has_errors()) {
      failed++;
      ADD_FAILURE() << entry.path().filename() << (c->parsed ? "" : " (parse)") << "\n" << errors_of(c->diags);
    }
  }
  EXPECT_GT(n, 0);
  std::printf("run corpus: %d programs, %d failed\n", n, failed);
}

// Every `// ERROR "re"` line gets a matching error; no other line gets one.
TEST(CheckCorpus, ErrorProgramsReportMarkedLines) {
  std::regex marker("// ERROR \"((?:[^\"\\\\]|\\\\.)*)\"");
  int n = 0, failed = 0;
  for (auto& entry : fs::directory_iterator(source_dir() / "tests/errors")) {
    if (entry.path().extension() != ".mgo") continue;
    n++;
    std::string src = read_file(entry.path());
    std::map<int, std::string> want;
    std::istringstream lines(src);
    std::string line;
    for (int ln = 1; std::getline(lines, line); ln++) {
      std::smatch m;
      if (std::regex_search(line, m, marker)) {
        // Go's test regexps escape with backslashes inside a Go string.
        std::string re;
        std::string raw = m[1];
        for (size_t i = 0; i < raw.size(); i++) {
          if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '\\') {
            re += '\\';
            i++;
          } else if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '"') {
            re += '"';
            i++;
          } else {
            re += raw[i];
          }
        }
        want[ln] = re;
      }
    }
    auto c = check_src(entry.path().filename().string(), src);
    std::map<int, std::vector<std::string>> got;
    for (auto& d : c->diags.list()) got[d.pos.line].push_back(d.msg);
    std::string problems;
    for (auto& [ln, re] : want) {
      bool ok = false;
      try {
        std::regex r(re);
        for (auto& msg : got[ln])
          if (std::regex_search(msg, r)) ok = true;
      } catch (const std::regex_error&) {
        ok = !got[ln].empty();
      }
      if (!ok) problems += "  line " + std::to_string(ln) + ": want /" + re + "/\n";
    }
    for (auto& [ln, msgs] : got)
      if (!want.count(ln) && ln > 0) problems += "  line " + std::to_string(ln) + ": unexpected " + msgs[0] + "\n";
    if (!problems.empty()) {
      failed++;
      ADD_FAILURE() << entry.path().filename() << "\n" << problems << errors_of(c->diags);
    }
  }
  EXPECT_GT(n, 0);
  std::printf("errors corpus: %d programs, %d failed\n", n, failed);
}

// Spelled types (byte, rune, any, named parameters) serve messages only: the
// compiler, the VM and fmt's %T must see canonical types everywhere.
void expect_canonical_program(const std::string& name, Program* prog) {
  int bad = 0;
  auto check = [&](const Type* t, const char* what) {
    if (t && !t->is_canonical() && bad++ < 5)
      ADD_FAILURE() << name << ": spelled " << what << " type " << type_string(t, nullptr);
    if (t && t->is_named() && t->underlying() && !t->underlying()->is_canonical() && bad++ < 5)
      ADD_FAILURE() << name << ": named type with spelled underlying " << t->str();
  };
  for (Package* p : prog->packages) {
    for (File* f : p->files) {
      f->arena.for_each_node([&](Node* n) {
        auto* e = dynamic_cast<Expr*>(n);
        if (!e) return;
        check(e->type, "expression");
        if (e->kind == NodeKind::Ident && static_cast<Ident*>(e)->obj && static_cast<Ident*>(e)->obj->pkg)
          check(static_cast<Ident*>(e)->obj->type, "object");
      });
    }
    for (FuncInfo* fi : p->funcs) {
      check(fi->sig, "signature");
      for (Object* o : fi->params) check(o->type, "parameter");
      for (Object* o : fi->results) check(o->type, "result");
    }
    for (auto& [n, o] : p->scope->names) check(o->type, "package object");
  }
}

TEST(CheckCorpus, CompilerSeesOnlyCanonicalTypes) {
  for (auto& entry : fs::directory_iterator(source_dir() / "tests/run")) {
    if (entry.path().extension() != ".mgo") continue;
    auto c = check_src(entry.path().filename().string(), read_file(entry.path()));
    if (c->prog) expect_canonical_program(entry.path().filename().string(), c->prog);
  }
  auto c = check_main(
      "type B struct{ b []byte; r map[rune]any }\n"
      "func (x *B) F(p []byte, q ...rune) (n int, err error) { return }\n"
      "type A = []byte\n",
      "var b B; var a A = b.b; s := \"x\"; c := s[0]; r := 'r'; var e any = c\n"
      "for _, q := range s { _ = q }\n"
      "f := (*B).F; g := func(z byte) rune { return rune(z) }\n"
      "fmt.Println(a, c, r, e, f, g, []rune(s), b.r)");
  ASSERT_TRUE(c->prog) << errors_of(c->diags);
  expect_canonical_program("spelled", c->prog);
}

// ---------------------------------------------------------------- annotations

FuncDecl* find_func(File* f, const std::string& name) {
  for (Decl* d : f->decls)
    if (d->kind == NodeKind::FuncDecl && static_cast<FuncDecl*>(d)->name->name == name)
      return static_cast<FuncDecl*>(d);
  return nullptr;
}

TEST(CheckAnnotations, UntypedConstantsGetFinalTypes) {
  auto c = check_src("t.mgo", R"(package main
func f(x float64) {}
func main() {
	var x float64 = 1 << 3
	f(2)
	r := 'a'
	const k = 10
	var b byte = k
	var i int
	_ = i == 1.0
	println(x, r, b)
}
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  auto* body = find_func(c->file.get(), "main")->body;
  auto* decl = static_cast<DeclStmt*>(body->list[0])->decl;
  auto* vs = static_cast<ValueSpec*>(decl->specs[0]);
  EXPECT_EQ(vs->values[0]->type->str(), "float64");
  EXPECT_EQ(vs->values[0]->cval->kind, ConstKind::Float);
  EXPECT_EQ(vs->values[0]->cval->as_float64(), 8.0);
  auto* call = static_cast<CallExpr*>(static_cast<ExprStmt*>(body->list[1])->x);
  EXPECT_EQ(call->args[0]->type->str(), "float64");
  auto* def = static_cast<AssignStmt*>(body->list[2]);
  EXPECT_EQ(def->rhs[0]->type->str(), "int32");
  EXPECT_TRUE(def->is_new[0]);
  auto* bdecl = static_cast<ValueSpec*>(static_cast<DeclStmt*>(body->list[4])->decl->specs[0]);
  EXPECT_EQ(bdecl->values[0]->type->str(), "uint8");
  auto* cmp = static_cast<BinaryExpr*>(static_cast<AssignStmt*>(body->list[6])->rhs[0]);
  EXPECT_EQ(cmp->y->type->str(), "int");
  EXPECT_EQ(cmp->type->str(), "bool");
}

TEST(CheckAnnotations, ClosuresCaptureAndNames) {
  auto c = check_src("t.mgo", R"(package main
func main() {
	x := 1
	f := func() int {
		g := func() int { return x }
		return g()
	}
	println(f())
}
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  auto* fd = find_func(c->file.get(), "main");
  ASSERT_EQ(fd->info->closures.size(), 1u);
  FuncInfo* f1 = fd->info->closures[0];
  EXPECT_EQ(f1->name, "main.main.func1");
  ASSERT_EQ(f1->closures.size(), 1u);
  EXPECT_EQ(f1->closures[0]->name, "main.main.func1.1");
  ASSERT_EQ(f1->free_vars.size(), 1u);
  EXPECT_EQ(f1->free_vars[0]->name, "x");
  EXPECT_TRUE(f1->free_vars[0]->captured);
  EXPECT_EQ(f1->closures[0]->free_vars.size(), 1u);
}

TEST(CheckAnnotations, InitOrderFollowsDependencies) {
  auto c = check_src("t.mgo", R"(package main
var a = f()
var b = 2
var c = a + b
func f() int { return b }
func main() { println(a, c) }
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  auto& inits = c->prog->main->var_inits;
  ASSERT_EQ(inits.size(), 3u);
  EXPECT_EQ(inits[0].lhs[0]->name, "b");
  EXPECT_EQ(inits[1].lhs[0]->name, "a");
  EXPECT_EQ(inits[2].lhs[0]->name, "c");
}

// `var c, d = g()`: both share g's dependencies, so neither may go before
// trace, which (without an initialiser) is uninitialised until its turn;
// dependencies through methods count too.
TEST(CheckAnnotations, InitOrderMultiValueAndMethods) {
  auto c = check_src("t.mgo", R"(package main
var a = b + 1
var b = f()
var c, d = g()
var e = T{}.m()
var trace []int
var u = 1
type T struct{}
func (T) m() int { return u }
func f() int { trace = append(trace, 1); return 1 }
func g() (int, int) { trace = append(trace, 2); return 1, 2 }
func main() { println(a, b, c, d, e) }
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  std::vector<std::string> got;
  for (auto& vi : c->prog->main->var_inits) got.push_back(vi.lhs[0]->name);
  EXPECT_EQ(got, (std::vector<std::string>{"b", "a", "c", "u", "e"}));
}

// Constants are exact: negating or scaling a zero float constant gives +0.
TEST(CheckAnnotations, FloatConstantZeroIsPositive) {
  auto c = check_src("t.mgo", R"(package main
const a = -0.0
const b = 0.0 * -1
const d float32 = -0
func main() { x := -0.0; println(a, b, d, x) }
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  for (const char* name : {"a", "b", "d"}) {
    Object* o = c->prog->main->scope->lookup(name);
    ASSERT_TRUE(o && o->val) << name;
    EXPECT_EQ(o->val->kind, ConstKind::Float) << name;
    EXPECT_FALSE(std::signbit(o->val->f)) << name;
  }
}

TEST(CheckAnnotations, MethodsAndSelectors) {
  auto c = check_src("t.mgo", R"(package main
type Inner struct{ n int }
func (i *Inner) Inc() { i.n++ }
func (i Inner) Get() int { return i.n }
type Outer struct {
	*Inner
	name string
}
func main() {
	var in Inner
	in.Inc()
	o := Outer{&in, "x"}
	o.Inc()
	println(o.n, o.Get())
}
)");
  ASSERT_FALSE(c->diags.has_errors()) << errors_of(c->diags);
  auto* body = find_func(c->file.get(), "main")->body;
  auto* call = static_cast<CallExpr*>(static_cast<ExprStmt*>(body->list[1])->x);
  auto* sel = static_cast<SelectorExpr*>(call->fun);
  EXPECT_EQ(call->call_kind, CallKind::Method);
  EXPECT_TRUE(sel->implicit_addr);
  EXPECT_TRUE(static_cast<Ident*>(sel->x)->obj->addr_taken);
  auto* call2 = static_cast<CallExpr*>(static_cast<ExprStmt*>(body->list[3])->x);
  auto* sel2 = static_cast<SelectorExpr*>(call2->fun);
  ASSERT_EQ(sel2->path.size(), 2u);
  EXPECT_EQ(sel2->path[0], 0);
  EXPECT_FALSE(sel2->implicit_addr);
  EXPECT_EQ(find_func(c->file.get(), "Inc")->info->name, "main.(*Inner).Inc");
  EXPECT_EQ(find_func(c->file.get(), "Get")->info->name, "main.Inner.Get");
}

// ---------------------------------------------------------------- error messages

struct ErrCase {
  const char* decls;
  const char* body;
  const char* want;  // substring of the first error
};

TEST(CheckErrors, GoMessages) {
  const ErrCase cases[] = {
      {"", "var a int8 = 300; _ = a", "cannot use 300 (untyped int constant) as int8 value in variable declaration (overflows)"},
      {"", "var b int = 1.5; _ = b", "cannot use 1.5 (untyped float constant) as int value in variable declaration (truncated)"},
      {"", "const c int8 = 100; d := c * 2; _ = d", "c * 2 (constant 200 of type int8) overflows int8"},
      {"", "var e int8; _ = e + 300", "300 (untyped int constant) overflows int8"},
      {"", "var s string; var a int8; _ = s + a", "invalid operation: s + a (mismatched types string and int8)"},
      {"", "var a int; _ = !a", "invalid operation: operator ! not defined on a (variable of type int)"},
      {"", "var g []int; _ = g == g", "invalid operation: g == g (slice can only be compared to nil)"},
      {"func f(a, b int) int { return a }", "f(1)", "not enough arguments in call to f\n\thave (number)\n\twant (int, int)"},
      {"func f(a, b int) int { return a }", "f(1, 2, 3)", "too many arguments in call to f"},
      {"type T struct{}\nfunc (t *T) M() {}\ntype I interface{ M() }", "var i I = T{}; _ = i",
       "cannot use T{} (value of type T) as I value in variable declaration: T does not implement I (method M has pointer receiver)"},
      {"", "_ = 1 / 0", "invalid operation: division by zero"},
      {"", "_ = undefinedX", "undefined: undefinedX"},
      {"", "var arr [3]int; _ = arr[5]", "invalid argument: index 5 out of bounds [0:3]"},
      {"", "x := 5; _ = x.(int)", "invalid operation: x (variable of type int) is not an interface"},
      {"", "for { break L }", "break label not defined: L"},
      {"", "var s string; s = 1", "cannot use 1 (untyped int constant) as string value in assignment"},
      {"func g() (int, int) { return 1, 2 }", "a := g(); _ = a", "assignment mismatch: 1 variable but g returns 2 values"},
      {"", "1 + 2", "1 + 2 (untyped int constant 3) is not used"},
      {"", "var p int; p + 1", "p + 1 (value of type int) is not used"},
      {"", "q, r := 1; _, _ = q, r", "assignment mismatch: 2 variables but 1 value"},
      {"", "t := 1; t := 2; _ = t", "no new variables on left side of :="},
      {"type S struct{ a int }", "_ = S{1, 2}", "too many values in struct literal of type S"},
      {"type S struct{ a int }", "_ = S{b: 1}", "unknown field b in struct literal of type S"},
      {"type S struct{ a, c int }", "_ = S{a: 1, 2}", "mixture of field:value and value elements in struct literal"},
      {"", "_ = map[int]int{1: 1, 1: 2}", "duplicate key 1 in map literal"},
      {"", "var e interface{}; _ = e + 1", "invalid operation: e + 1 (mismatched types interface{} and int)"},
      {"type I interface{ M() }", "var i I; _ = i == 1", "cannot convert 1 (untyped int constant) to type interface{M()}"},
      {"type S struct{ x int }", "var s S; _ = s == 1", "cannot convert 1 (untyped int constant) to type struct{x int}"},
      {"var a = b\nvar b = f()\nfunc f() int { return a }", "", "initialization cycle for a\n\tt.mgo:5:5: a refers to b\n\tt.mgo:6:5: b refers to f\n\tt.mgo:7:6: f refers to a"},
      {"var a = a + 1", "", "initialization cycle: a refers to itself"},
      {"const c = d\nconst d = c", "", "initialization cycle for c"},
      {"", "p := 1; switch p { case 1, 1: }", "duplicate case 1 (constant of type int) in expression switch"},
      {"type S struct{ a int }", "m := map[string]S{}; m[\"a\"].a = 1", "cannot assign to struct field m[\"a\"].a in map"},
      {"", "continue", "continue is not in a loop"},
      {"", "u := 1", "declared and not used: u"},
      {"", "_ = 'a' + \"s\"", "invalid operation: 'a' + \"s\" (mismatched types untyped rune and untyped string)"},
      {"", "var w string = nil; _ = w", "cannot use nil as string value in variable declaration"},
      {"type S struct{ a int }", "var v interface{}; _ = v.(S).b", "v.(S).b undefined (type S has no field or method b)"},
      {"func h() int {\n\tif true { return 1 }\n}", "", "missing return"},
      {"", "goto L\nL:", "goto is not supported by mgo"},
      {"", "x := 1i; _ = x", "complex numbers are not supported by mgo"},
      {"", "var c complex128; _ = c", "complex numbers are not supported by mgo"},
      {"", "const c = 1; c = 2", "cannot assign to c (neither addressable nor a map index expression)"},
      {"", "var x int; x()", "invalid operation: cannot call non-function x (variable of type int)"},
      {"type T struct{}\ntype T struct{}", "", "T redeclared in this block"},
      {"", "var m map[[]int]int; _ = m", "invalid map key type []int"},
      {"", "for 1 {}", "non-boolean condition in for statement"},
      {"type T int\ntype T2 = T\ntype A struct{ a A }", "", "invalid recursive type A"},
      {"", "var x int; var y int64; _ = x + y", "invalid operation: x + y (mismatched types int and int64)"},
      {"func f() {}", "x := f(); _ = x", "f() (no value) used as value"},
      {"", "break", "break is not in a loop, switch, or select"},
      {"", "_ = fmt.Printline", "undefined: fmt.Printline"},
      {"", "var f float64; _ = f << 2", "invalid operation: shifted operand f (variable of type float64) must be integer"},
      {"", "var x int = \"a\"; _ = x", "cannot use \"a\" (untyped string constant) as int value in variable declaration"},
      // Types print as the program spelled them (types2 keeps byte, rune, any
      // and parameter names), though byte and uint8 are identical.
      {"", "var x []byte; var s string = x; _ = s", "cannot use x (variable of type []byte) as string value in variable declaration"},
      {"", "var x []uint8; var s string = x; _ = s", "cannot use x (variable of type []uint8) as string value in variable declaration"},
      {"", "r := 'a'; var s string = r; _ = s", "cannot use r (variable of type rune) as string value in variable declaration"},
      {"", "s := \"a\"; var t string = s[0]; _ = t", "cannot use s[0] (value of type byte) as string value"},
      {"", "for _, r := range \"a\" { var t string = r; _ = t }", "cannot use r (variable of type rune) as string value"},
      {"", "m := map[string]any{}; var n int = m; _ = n", "cannot use m (variable of type map[string]any) as int value"},
      {"func conv(b byte) rune { return rune(b) }", "var f func(int) int = conv; _ = f",
       "cannot use conv (value of type func(b byte) rune) as func(int) int value in variable declaration"},
      {"func pair(a, b int) (n int, err error) { return }", "x := pair(1, 2) + 1; _ = x",
       "multiple-value pair(1, 2) (value of type (n int, err error)) in single-value context"},
      {"type S struct{ b []byte }", "var s S; var t string = s.b; _ = t", "cannot use s.b (variable of type []byte) as string value"},
      {"", "var x []byte; var e error = x; _ = e", "[]byte does not implement error (missing method Error)"},
      {"type T struct{}\nfunc (t T) M(x int, y byte) {}", "var f int = T.M; _ = f", "(value of type func(t T, x int, y byte))"},
      {"", "var b byte; var i int32; _ = b == i", "invalid operation: b == i (mismatched types byte and int32)"},
      {"", "var b []byte; var u []uint8 = b; var r []rune = []int32{}; _, _ = u, r", ""},
      // Conversions of constants (types2's conversion, Go 1.22).
      {"", "_ = int(2.5)", "cannot convert 2.5 (untyped float constant) to type int"},
      {"", "_ = int8(300)", "constant 300 overflows int8"},
      {"", "const c = 1000; _ = uint8(c)", "constant 1000 overflows uint8"},
  };
  for (auto& tc : cases) {
    std::string got = first_error(tc.decls, tc.body);
    if (!*tc.want) {
      EXPECT_EQ(got, "") << "decls: " << tc.decls << "\nbody: " << tc.body;
      continue;
    }
    EXPECT_NE(got.find(tc.want), std::string::npos)
        << "decls: " << tc.decls << "\nbody: " << tc.body << "\nwant: " << tc.want << "\ngot:  " << got;
  }
}

TEST(CheckErrors, UnusedImport) {
  auto c = check_src("t.mgo", "package main\n\nimport \"os\"\n\nfunc main() {}\n");
  ASSERT_TRUE(c->diags.has_errors());
  EXPECT_EQ(c->diags.list()[0].msg, "\"os\" imported and not used");
  EXPECT_EQ(c->diags.list()[0].pos.line, 3);
}

// Only the standard-library bodies a program can reach are checked (and
// then compiled): those of functions named by checked code and of the
// methods of types it names, transitively, and of init functions.
TEST(Check, ReachableLibraryFunctions) {
  auto c = check_src("reach.mgo", R"(package main

import (
	"fmt"
	"strings"
)

var m = strings.Map

func unused() { strings.TrimFunc("x", nil) }

func main() {
	before, _, _ := strings.Cut("a=b", "=")
	r := strings.NewReplacer("a", "b")
	replace := (*strings.Replacer).Replace
	fmt.Println(before, m, strings.ToUpper("x"), r, replace(r, "a"))
}
)");
  ASSERT_TRUE(c->prog) << errors_of(c->diags);
  // Package::funcs holds the functions declared so far: a library function
  // no checked code names is not even declared.
  std::map<std::string, bool> reachable;
  for (Package* p : c->prog->packages) {
    for (FuncInfo* f : p->funcs) reachable[f->name] = f->reachable;
  }
  auto reached = [&](const char* name) { return reachable.count(name) && reachable.at(name); };
  EXPECT_TRUE(reached("main.unused"));           // main's own: all checked
  EXPECT_TRUE(reached("strings.Cut"));           // called by main
  EXPECT_TRUE(reached("strings.Map"));           // a var initialiser's value
  EXPECT_TRUE(reached("strings.TrimFunc"));      // called by an unused main function
  EXPECT_TRUE(reached("strings.TrimLeftFunc"));  // called by TrimFunc's body
  // NewReplacer's result type is declared with it, and its methods with
  // the type; a method is reachable when called (here as a method
  // expression), or when some interface method of its name is (below).
  EXPECT_TRUE(reached("strings.(*Replacer).Replace"));
  EXPECT_TRUE(reachable.count("strings.(*Replacer).WriteString"));
  EXPECT_FALSE(reached("strings.(*Replacer).WriteString"));
  EXPECT_FALSE(reachable.count("strings.(*Reader).Len"));  // no checked code names Reader
  EXPECT_TRUE(reached("strings.ToUpper"));  // a native: nothing to check
  EXPECT_FALSE(reachable.count("strings.CutPrefix"));
  EXPECT_FALSE(reachable.count("strings.NewReader"));
  EXPECT_FALSE(reachable.count("strings.ToLower"));  // a native
  // Nor is it parsed (ParseOptions::lazy_decls): its declaration's text
  // waits in File::lazy_decls.
  std::map<std::string, bool> parsed;
  for (Package* p : c->prog->packages) {
    if (p->path != "strings") continue;
    ASSERT_EQ(p->files.size(), 1u);
    for (const LazyDecl& ld : p->files[0]->lazy_decls)
      for (const LazyDecl::Name& n : ld.names) parsed[std::string(n.name)] = ld.decl != nullptr;
  }
  ASSERT_FALSE(parsed.empty());
  EXPECT_TRUE(parsed.at("Cut"));
  EXPECT_TRUE(parsed.at("Replacer"));  // NewReplacer's result type
  EXPECT_TRUE(parsed.at("ToUpper"));
  EXPECT_FALSE(parsed.at("CutPrefix"));
  EXPECT_FALSE(parsed.at("Reader"));
  EXPECT_FALSE(parsed.at("NewReader"));
  EXPECT_FALSE(parsed.at("ToLower"));
}

// A library method no code calls directly is reachable when checked code
// calls an interface method of its name (Go's linker keeps methods the same
// way), or when the VM or fmt may call it (String, Error, GoString).
TEST(Check, LibraryMethodsReachableByName) {
  auto c = check_src("names.mgo", R"(package main

import (
	"io"
	"os"
	"strings"
)

type stringWriter interface {
	WriteString(w io.Writer, s string) (int, error)
}

func unused(sw stringWriter) { sw.WriteString(os.Stdout, "x") }

func main() {
	r := strings.NewReplacer("a", "b")
	f := r.Replace
	_ = f
}
)");
  ASSERT_TRUE(c->prog) << errors_of(c->diags);
  std::map<std::string, bool> reachable;
  for (Package* p : c->prog->packages)
    for (FuncInfo* f : p->funcs) reachable[f->name] = f->reachable;
  auto reached = [&](const char* name) { return reachable.count(name) && reachable.at(name); };
  EXPECT_TRUE(reached("strings.(*Replacer).Replace"));      // a method value
  EXPECT_TRUE(reached("strings.(*Replacer).WriteString"));  // by name, through stringWriter
  EXPECT_TRUE(reached("os.(*File).WriteString"));           // the same name
  EXPECT_TRUE(reached("os.(*PathError).Error"));             // Error: the VM and fmt call it
  EXPECT_TRUE(reachable.count("os.(*File).Close"));
  EXPECT_FALSE(reached("os.(*File).Close"));  // declared with File; nothing calls a Close
}

TEST(CheckErrors, NeverCrashesOnOddPrograms) {
  const char* progs[] = {
      "package main\nfunc main() { var x = x; _ = x }\n",
      "package main\nvar a = b\nvar b = a\nfunc main() {}\n",
      "package main\ntype T struct{ T }\nfunc main() {}\n",
      "package main\ntype I interface{ I }\nfunc main() {}\n",
      "package main\nconst c = c\nfunc main() {}\n",
      "package main\nfunc (x int) M() {}\nfunc main() {}\n",
      "package main\nfunc main() { var a [1<<62]int; _ = a }\n",
      "package main\nfunc main() { x := []int{1,2}; x[\"a\"] = 1 }\n",
      "package main\nfunc main() { for i := range func(){} { _ = i } }\n",
  };
  for (const char* p : progs) {
    auto c = check_src("t.mgo", p);
    EXPECT_TRUE(c->diags.has_errors()) << p;
  }
}

}  // namespace
}  // namespace mgo
