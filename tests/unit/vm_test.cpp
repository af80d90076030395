// The VM end to end: small programs compiled and run in a child process
// (run_main exits the process), their stdout, stderr and status checked.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "lang/check.h"
#include "lang/parse.h"
#include "vm/run.h"

namespace mgo::vm {
namespace {

struct Result {
  std::string out, err;
  int status = -1;
};

std::string drain(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, size_t(n));
  close(fd);
  return s;
}

Result run(const std::string& src) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    Diagnostics diags;
    auto file = parse_file("/tmp/vm_test.mgo", src, diags);
    Program* prog = diags.has_errors() ? nullptr : check_program(file.get(), diags);
    Module* mod = prog ? compile_program(prog, diags) : nullptr;
    if (!mod) {
      diags.print(stderr);
      std::fflush(stderr);
      _exit(1);
    }
    _exit(run_main(mod, {"vm_test"}));
  }
  close(out[1]);
  close(err[1]);
  Result r;
  r.out = drain(out[0]);
  r.err = drain(err[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

TEST(VM, Fib) {
  Result r = run(
      "package main\nimport \"fmt\"\nfunc fib(n int) int {\n if n < 2 { return n }\n return fib(n-1) + fib(n-2)\n}\n"
      "func main() { fmt.Println(fib(20)) }\n");
  EXPECT_EQ(r.out, "6765\n");
  EXPECT_EQ(r.status, 0);
}

TEST(VM, StructsCopyOnAssignment) {
  Result r = run(
      "package main\nimport \"fmt\"\ntype P struct{ X, Y int }\n"
      "func main() {\n a := P{1, 2}\n b := a\n b.X = 9\n arr := [2]P{a, b}\n c := arr\n c[0].Y = 7\n"
      " fmt.Println(a, b, arr, c)\n}\n");
  EXPECT_EQ(r.out, "{1 2} {9 2} [{1 2} {9 2}] [{1 7} {9 2}]\n");
}

TEST(VM, LoopVariablesArePerIteration) {
  Result r = run(
      "package main\nimport \"fmt\"\nfunc main() {\n var fs []func() int\n"
      " for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\n"
      " for _, f := range fs { fmt.Print(f()) }\n fmt.Println()\n}\n");
  EXPECT_EQ(r.out, "012\n");
}

TEST(VM, DeferRecoverNamedResults) {
  Result r = run(
      "package main\nimport \"fmt\"\nfunc f() (n int, err error) {\n"
      " defer func() { if r := recover(); r != nil { n = -1; err = fmt.Errorf(\"%v\", r) } }()\n"
      " var a []int\n _ = a[3]\n return 1, nil\n}\n"
      "func main() { fmt.Println(f()) }\n");
  EXPECT_EQ(r.out, "-1 runtime error: index out of range [3] with length 0\n");
}

TEST(VM, UnrecoveredPanicPrintsTraceAndExits2) {
  Result r = run("package main\nfunc g() { panic(\"boom\") }\nfunc main() {\n g()\n}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("panic: boom\n\ngoroutine 1 [running]:\nmain.g()\n\t/tmp/vm_test.mgo:2\nmain.main()\n\t/tmp/vm_test.mgo:4\n", 0), 0u) << r.err;
}

TEST(VM, RePanicChain) {
  Result r = run(
      "package main\nfunc main() {\n defer func() { r := recover(); panic(\"re-\" + r.(string)) }()\n panic(\"first\")\n}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("panic: first [recovered]\n\tpanic: re-first\n", 0), 0u) << r.err;
}

TEST(VM, StackOverflowIsFatal) {
  Result r = run("package main\nfunc f(n int) int { return f(n+1) + 1 }\nfunc main() { f(0) }\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow", 0), 0u) << r.err.substr(0, 200);
}

// Go compares, hashes and prints values nested a million interfaces deep on
// a stack that grows; mgo's natives recurse on the goroutine's fixed native
// stack, so there the same programs end in Go's stack overflow, never in a
// segmentation fault (check_native_stack).
TEST(VM, DeepInterfaceValuesOverflowTheStackCleanly) {
  for (const char* use : {"_ = x == y", "_ = map[any]int{x: 1}", "_ = fmt.Sprint(x)"}) {
    Result r = run(std::string("package main\nimport \"fmt\"\ntype N struct{ next any }\nfunc main() {\n"
                               " var x, y any = 0, 0\n for i := 0; i < 1000000; i++ { x, y = N{x}, N{y} }\n ") +
                   use + "\n _ = fmt.Sprint\n}\n");
    EXPECT_EQ(r.status, 2) << use;
    EXPECT_EQ(r.err.rfind("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow", 0), 0u)
        << use << ": " << r.err.substr(0, 200);
  }
}

TEST(VM, MapsAndInterfaces) {
  Result r = run(
      "package main\nimport \"fmt\"\ntype S interface{ Area() int }\ntype R struct{ w, h int }\n"
      "func (r R) Area() int { return r.w * r.h }\n"
      "func main() {\n m := map[string]S{\"a\": R{2, 3}}\n m[\"b\"] = R{1, 1}\n total := 0\n"
      " for _, s := range m { total += s.Area() }\n v, ok := m[\"c\"]\n fmt.Println(total, len(m), v == nil, ok)\n}\n");
  EXPECT_EQ(r.out, "7 2 true false\n");
}

TEST(VM, NilMapWriteIsAPanic) {
  Result r = run("package main\nfunc main() {\n var m map[string]int\n m[\"a\"] = 1\n}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("panic: assignment to entry in nil map", 0), 0u) << r.err;
}

TEST(VM, OsExitSkipsDefers) {
  Result r = run("package main\nimport (\"fmt\"; \"os\")\nfunc main() {\n defer fmt.Println(\"no\")\n fmt.Print(\"out\")\n os.Exit(3)\n}\n");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out, "out");
}

// A function whose branches span more than a 16-bit offset reaches (each
// `s++` is one instruction; kBlock of them per block): compiled in long-jump
// mode. Every kind of branch crosses a block: if/else, continue, switch
// cases and break, the counting loop's step, range over a map and a slice,
// a remainder test. The expected output was checked with `go run` on the
// same generated source.
TEST(VM, FunctionLargerThanShortJumpsRuns) {
  constexpr int kBlock = 33000;
  auto block = [](const char* stmt) {
    std::string b;
    for (int k = 0; k < kBlock; k++) b += std::string("\t\t") + stmt + "\n";
    return b;
  };
  std::string src =
      "package main\n\nimport \"fmt\"\n\n"
      "func big(n int, m map[int]int, xs []int) int {\n"
      "\ts := 0\n"
      "\tfor i := 0; i < n; i++ {\n"
      "\t\tif i%3 == 1 {\n" + block("s++") + "\t\t\tcontinue\n\t\t}\n"
      "\t\tswitch i % 4 {\n"
      "\t\tcase 0:\n" + block("s++") +
      "\t\tcase 1:\n" + block("s--") +
      "\t\tdefault:\n\t\t\tif i > 5 {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\ts += 1000\n"
      "\t\t}\n"
      "\t\tif i%2 == 0 {\n" + block("s++") + "\t\t} else {\n\t\t\ts -= 3\n\t\t}\n"
      "\t}\n"
      "\tfor k, v := range m {\n\t\tif k > 100 {\n\t\t\tcontinue\n\t\t}\n\t\ts += v\n" + block("s++") + "\t}\n"
      "\tfor _, x := range xs {\n\t\ts += x\n" + block("s--") + "\t}\n"
      "\treturn s\n"
      "}\n\n"
      "func main() {\n"
      "\tfmt.Println(big(10, map[int]int{1: 10, 2: 20, 200: 5}, []int{1, 2, 3}))\n"
      "\tfmt.Println(big(0, nil, nil))\n"
      "}\n";
  Result r = run(src);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "200027\n0\n");
}

// Instruction operands that index the constant table are 16 bits; a
// function needing more than 65,536 constants (here: one closure prototype
// per function literal) is refused at compile time rather than compiled
// into calls of the wrong closure. (Go compiles it; mgo says it does not.)
TEST(VM, FunctionWithTooManyConstantsIsRefused) {
  std::string src = "package main\n\nfunc big(x int) int {\n\ts := 0\n";
  for (int k = 0; k < 66000; k++) src += "\ts += func() int { return x + " + std::to_string(k % 100) + " }()\n";
  src += "\treturn s\n}\n\nfunc main() {\n\tprintln(big(1))\n}\n";
  Result r = run(src);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("more than 65,535 constants in a function"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

// A field more than 65,535 words into a struct does not fit an operand
// either: refused with the same error, never a wrapped-around offset.
// (Whole values of any size are copied: COPYX, DUPX, run/big_array_values.)
TEST(VM, FieldPastSixteenBitOffsetIsRefused) {
  Result r = run(
      "package main\n\ntype big struct {\n\ta [70000]int\n\tn int\n}\n\n"
      "func main() {\n\tvar b big\n\tb.n = 1\n\tprintln(b.n)\n}\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("a field or element more than 65,535 words into a value"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

// Frames in a standard package's Go source name its file under the
// package's directory, as Go's do ($GOROOT/src/context/context.go). The
// parent's own Done makes propagateCancel start a watcher goroutine.
TEST(VM, StdlibFramesNameThePackageDirectory) {
  Result r = run(
      "package main\n\nimport \"context\"\n\n"
      "type myCtx struct {\n\tcontext.Context\n\tdone chan struct{}\n}\n\n"
      "func (c myCtx) Done() <-chan struct{} { return c.done }\n\n"
      "func main() {\n\tcontext.WithCancel(myCtx{context.Background(), make(chan struct{})})\n\tselect {}\n}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("[select]:\ncontext.propagateCancel.func1()\n\t$GOROOT/src/context/context.go:"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("created by context.propagateCancel in goroutine 1\n\t$GOROOT/src/context/context.go:"),
            std::string::npos) << r.err;
}

}  // namespace
}  // namespace mgo::vm
