// The standard package registry: every embedded package parses, every
// body-less declaration has a native, and every native is declared.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "lang/check.h"
#include "lang/parse.h"
#include "stdlib/gomath.h"
#include "stdlib/natives.h"
#include "stdlib/registry.h"
#include "stdlib/unicode_tables.h"
#include "vm/program.h"
#include "vm/run.h"

namespace mgo::stdlib {
extern const StdPackage kEmbeddedPackages[];

namespace {

// Go's symbol for a declaration: "pkg.F", "pkg.T.M", "pkg.(*T).M".
std::string symbol(std::string_view path, const FuncDecl* fd) {
  std::string sym(path);
  sym += '.';
  if (fd->recv && !fd->recv->list.empty()) {
    const Expr* t = fd->recv->list[0]->type;
    if (t->kind == NodeKind::StarExpr) {
      sym += "(*" + static_cast<const Ident*>(static_cast<const StarExpr*>(t)->x)->name + ").";
    } else {
      sym += static_cast<const Ident*>(t)->name + ".";
    }
  }
  return sym + fd->name->name;
}

// The natives declared (body-less functions) in every embedded package.
std::set<std::string> declared_natives() {
  std::set<std::string> out;
  for (const StdPackage* p = kEmbeddedPackages; !p->path.empty(); ++p) {
    Diagnostics diags;
    auto file = parse_file(std::string(p->path) + ".go", p->source, diags);
    EXPECT_FALSE(diags.has_errors()) << p->path << ": " << diags.list()[0].msg;
    if (!file) continue;
    for (const Decl* d : file->decls) {
      if (d->kind != NodeKind::FuncDecl) continue;
      auto* fd = static_cast<const FuncDecl*>(d);
      if (!fd->body) out.insert(symbol(p->path, fd));
    }
  }
  return out;
}

TEST(StdlibRegistryTest, FindPackage) {
  for (const char* path : {"fmt", "strings", "strconv", "math", "math/rand", "sort", "errors", "os",
                           "io", "bufio", "unicode", "unicode/utf8"}) {
    const StdPackage* p = find_package(path);
    ASSERT_NE(p, nullptr) << path;
    EXPECT_EQ(p->path, path);
  }
  EXPECT_EQ(find_package("nosuch"), nullptr);
  EXPECT_EQ(find_package(""), nullptr);
}

TEST(StdlibRegistryTest, EveryDeclarationHasANative) {
  for (const std::string& sym : declared_natives()) {
    if (sym.starts_with("runtime.")) continue;  // the VM's package
    EXPECT_NE(find_native(sym), nullptr) << sym << " is declared without a body but has no native";
  }
}

TEST(StdlibRegistryTest, EveryNativeIsDeclared) {
  std::set<std::string> declared = declared_natives();
  for (std::string_view name : all_native_names())
    EXPECT_TRUE(declared.count(std::string(name))) << name << " has no body-less declaration";
}

// A program checks and compiles only the library bodies it can reach, so
// the rest would hide their errors: every body of every package must check
// and compile.
TEST(StdlibRegistryTest, EveryBodyChecksAndCompiles) {
  std::string src = "package main\n\nimport (\n";
  for (const StdPackage* p = kEmbeddedPackages; !p->path.empty(); ++p)
    src += "\t_ \"" + std::string(p->path) + "\"\n";
  src += ")\n\nfunc main() {}\n";
  Diagnostics diags;
  static std::unique_ptr<File> file;  // the program's types refer into it
  file = parse_file("all.mgo", src, diags);
  Program* prog = check_program(file.get(), diags, CheckOptions{.whole_library = true});
  vm::Module* mod = prog ? vm::compile_program(prog, diags) : nullptr;
  for (auto& d : diags.list()) ADD_FAILURE() << d.filename << ":" << d.pos.line << ": " << d.msg;
  ASSERT_NE(mod, nullptr);
  size_t compiled = 0, library = 0;
  for (Package* p : prog->packages) {
    if (p == prog->main) continue;
    for (FuncInfo* f : p->funcs) {
      EXPECT_TRUE(f->reachable) << f->name;
      library++;
      compiled += f->native || !static_cast<vm::Proto*>(f->code)->code.empty();
    }
  }
  EXPECT_EQ(compiled, library);
  EXPECT_GT(library, 300u);
}

TEST(StdlibUtf8Test, DecodeFollowsGo) {
  int w;
  EXPECT_EQ(mgo::rt::decoderune("\xE6\x97\xA5", &w), 0x65E5);
  EXPECT_EQ(w, 3);
  EXPECT_EQ(mgo::rt::decoderune("\xED\xA0\x80", &w), kRuneError);  // surrogate
  EXPECT_EQ(w, 1);
  EXPECT_EQ(mgo::rt::decoderune("\xC0\x80", &w), kRuneError);  // overlong
  EXPECT_EQ(w, 1);
  EXPECT_EQ(decode_last_rune("a\xE6\x97\xA5", &w), 0x65E5);
  EXPECT_EQ(rune_count("h\xC3\xA9llo\xFF"), 6);
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(StdlibUnicodeTest, Tables) {
  EXPECT_TRUE(is_letter(0xE9));
  EXPECT_TRUE(is_letter(0x65E5));
  EXPECT_FALSE(is_letter('1'));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_EQ(to_upper(0xE9), 0xC9);
  EXPECT_EQ(to_lower(0x130), 'i');  // İ lowers to i in Go's tables
  EXPECT_EQ(to_upper(0x1C5), 0x1C4);
  EXPECT_EQ(to_title(0x1C6), 0x1C5);
  EXPECT_FALSE(is_print(0xAD));
}

TEST(StdlibUnicodeTest, SimpleFoldOrbits) {
  namespace ut = unicode_tables;
  EXPECT_EQ(ut::simple_fold('A'), 'a');
  EXPECT_EQ(ut::simple_fold('a'), 'A');
  EXPECT_EQ(ut::simple_fold('K'), 'k');
  EXPECT_EQ(ut::simple_fold('k'), 0x212A);  // KELVIN SIGN
  EXPECT_EQ(ut::simple_fold(0x212A), 'K');
  EXPECT_EQ(ut::simple_fold(0x3A3), 0x3C2);  // Σ -> ς -> σ -> Σ
  EXPECT_EQ(ut::simple_fold(0x3C2), 0x3C3);
  EXPECT_EQ(ut::simple_fold(0x3C3), 0x3A3);
  EXPECT_EQ(ut::simple_fold('1'), '1');
  EXPECT_EQ(ut::simple_fold(-2), -2);
  EXPECT_EQ(ut::simple_fold(0x110000), 0x110000);
}

// Bits of Go 1.19's results on linux/amd64 (go run), where glibc differs.
TEST(StdlibMathTest, MatchesGoBitForBit) {
  auto bits = [](double x) { return std::bit_cast<uint64_t>(x); };
  EXPECT_EQ(gomath::Cbrt(27), 3.0);
  EXPECT_EQ(gomath::Cbrt(-1000), -10.0);
  EXPECT_EQ(bits(gomath::Log(3)), 0x3ff193ea7aad030aULL);
  EXPECT_EQ(bits(gomath::Exp(1.5)), 0x4011ed3fe64fc542ULL);
  EXPECT_EQ(bits(gomath::Sin(2)), 0x3fed18f6ead1b445ULL);
  // Go's amd64 Log reads a subnormal's exponent field as is.
  EXPECT_EQ(bits(gomath::Log(std::bit_cast<double>(uint64_t{0x12688b70e62b}))), 0xc08628ae3f3c2ff6ULL);
  EXPECT_EQ(bits(gomath::Pow(2.5, 3.5)), 0x4038b48e29793d2fULL);
  EXPECT_EQ(bits(gomath::Tan(1e10)), 0xbfe1de000f443f51ULL);
  EXPECT_EQ(bits(gomath::Hypot(1e-3, 3)), 0x40080000165e9f78ULL);
  EXPECT_EQ(bits(gomath::Atan2(1, -3)), 0x40068f095fdf593cULL);
  EXPECT_EQ(bits(gomath::Exp2(0.5)), 0x3ff6a09e667f3bccULL);
  EXPECT_EQ(bits(gomath::Expm1(1.0612)), 0x3ffe3cc56bf2654fULL);
  EXPECT_EQ(gomath::Pow(0, -3), std::numeric_limits<double>::infinity());
  double frac = 0;
  EXPECT_EQ(gomath::Modf(std::numeric_limits<double>::infinity(), &frac),
            std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(frac));  // Go: Modf(±Inf) = ±Inf, NaN
}

}  // namespace
}  // namespace mgo::stdlib
