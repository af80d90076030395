// The standard package registry: every embedded package parses, every
// body-less declaration has a native, and every native is declared.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "lang/parse.h"
#include "stdlib/natives.h"
#include "stdlib/registry.h"

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

TEST(StdlibUtf8Test, DecodeFollowsGo) {
  int w;
  EXPECT_EQ(decode_rune("\xE6\x97\xA5", &w), 0x65E5);
  EXPECT_EQ(w, 3);
  EXPECT_EQ(decode_rune("\xED\xA0\x80", &w), kRuneError);  // surrogate
  EXPECT_EQ(w, 1);
  EXPECT_EQ(decode_rune("\xC0\x80", &w), kRuneError);  // overlong
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

}  // namespace
}  // namespace mgo::stdlib
