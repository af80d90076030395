// The front end's entry point: source text to an AST (lang/ast.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lang/ast.h"
#include "lang/diag.h"

namespace mgo {

struct ParseOptions {
  // Skip the bodies of top-level function and method declarations: each
  // FuncDecl gets body == nullptr and its body's source range (FuncDecl::lazy_*),
  // to be parsed later by parse_func_body. For the embedded standard library,
  // whose sources are known to be well-formed and live for the process.
  bool lazy_bodies = false;
  // Also skip every top-level declaration but the package clause and the
  // imports: File::lazy_decls says what each declares and where it is, and
  // parse_decl parses one later (with its function body lazy). Implies
  // lazy_bodies; the same conditions on the source apply. (Text whose
  // declarations cannot be told apart without parsing, such as unbalanced
  // brackets or imports after declarations, is parsed whole, as with
  // lazy_bodies alone, for its syntax errors; lazy_decls stays empty.)
  bool lazy_decls = false;
};

// Parses one Go source file. Syntax errors are reported to `diags` in Go's
// words ("syntax error: unexpected newline, expected comma or )"); the
// returned File is then incomplete but safe to drop. A leading "#!" line is
// ignored. Never throws.
std::unique_ptr<File> parse_file(const std::string& filename, std::string_view src,
                                 Diagnostics& diags, ParseOptions opts = {});

// Parses the body skipped by a lazy parse_file into fd's File's arena, sets
// fd->body and returns it (nullptr after reporting a syntax error). Positions,
// node kinds and everything else are exactly what an eager parse gives.
// After a syntax error fd->lazy_body() stays true; a function whose body is
// not lazy gets its body (or nullptr) back.
BlockStmt* parse_func_body(File* file, FuncDecl* fd, Diagnostics& diags);

// Parses a declaration skipped by a lazy_decls parse_file into file's arena,
// once: sets ld->decl and returns it (nullptr after reporting a syntax
// error). The tree is exactly what an eager lazy_bodies parse gives for it,
// positions included, except that it is not in file->decls.
Decl* parse_decl(File* file, LazyDecl* ld, Diagnostics& diags);

}  // namespace mgo
