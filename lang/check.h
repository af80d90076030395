// The type checker's entry point.
#pragma once

#include <memory>

#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/types.h"

namespace mgo {

// Type-checks `main` (package main) and every package it imports, recursively
// (standard packages are parsed from stdlib's embedded Go sources, see
// stdlib/registry.h). Annotates the ASTs in place (the "set by the checker"
// fields of lang/ast.h) and returns the Program, or nullptr after reporting
// every error (up to Go's limit) to `diags`. Imported files are owned by the
// returned Program's packages for the life of the process.
//
// Of a standard package, only the function bodies the program can reach are
// checked (and compiled), unless `whole_library` (the library's own tests).
struct CheckOptions {
  bool whole_library = false;
};
Program* check_program(File* main, Diagnostics& diags, CheckOptions opts = {});

}  // namespace mgo
