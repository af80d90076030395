// The index of a file's top-level declarations that a lazy_decls parse
// (ParseOptions::lazy_decls) keeps instead of parsing them. Internal to the
// front end (lang/parse.cpp).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "lang/ast.h"

namespace mgo {

// Finds the const, var, type and func declarations of `src` with a scan over
// its bytes (no lexer, no parser) and appends a LazyDecl for each to *out
// (their names point into src). *prefix_end: where the first of them begins
// (src.size() if none): the package clause and the imports are before it.
// Returns false, with *out unspecified, for text that is not a package
// clause, imports and declarations in that order with balanced brackets and
// no lexical error the scan can see: parse_file then parses the file the
// ordinary way, which reports what is wrong. (A lexical error the scan
// passes over, inside brackets, is reported by parse_decl.)
bool index_decls(std::string_view src, std::vector<LazyDecl>* out, size_t* prefix_end);

}  // namespace mgo
