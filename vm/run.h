// From a checked Program to a running one.
#pragma once

#include <string>
#include <vector>

#include "lang/diag.h"
#include "lang/types.h"

namespace mgo::vm {

struct Module;  // the compiled program (vm/program.h)

// Compiles every function of the checked program to bytecode. Reports
// constructs the compiler does not support to diags ("... is not supported by
// mgo") and returns nullptr then.
Module* compile_program(Program* prog, Diagnostics& diags);

// Runs package initialisation and main.main on the calling thread. Returns
// the process exit status as Go's would be: 0, os.Exit's code, or 2 after a
// panic or fatal error (whose message and trace it has printed to stderr).
int run_main(Module* mod, const std::vector<std::string>& args);

// Prints every function's bytecode, with source lines (mgo disasm).
void disassemble(Module* mod, std::FILE* out);

}  // namespace mgo::vm
