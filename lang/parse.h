// The front end's entry point: source text to an AST (lang/ast.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lang/ast.h"
#include "lang/diag.h"

namespace mgo {

// Parses one Go source file. Syntax errors are reported to `diags` in Go's
// words ("syntax error: unexpected newline, expected comma or )"); the
// returned File is then incomplete but safe to drop. A leading "#!" line is
// ignored. Never throws.
std::unique_ptr<File> parse_file(const std::string& filename, std::string_view src,
                                 Diagnostics& diags);

}  // namespace mgo
