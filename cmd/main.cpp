// The mgo command: run, check and disassemble .mgo programs.
//
//   mgo run file.mgo [args...]   compile and run; exit status as Go's binary
//   mgo check file.mgo           type-check only
//   mgo disasm file.mgo          print the bytecode of every function
//   mgo version | help
//
// Exit statuses follow Go: 0, os.Exit's code, 1 for compile errors (and
// for usage errors, as the go command does), 2 for panics and fatal errors.
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "lang/check.h"
#include "lang/diag.h"
#include "lang/nesting.h"
#include "lang/parse.h"
#include "vm/run.h"

namespace {

constexpr const char* kVersion = "mgo version 0.1 (Go 1.22 language subset)";

constexpr const char* kUsage =
    "mgo runs programs written in a subset of Go.\n"
    "\n"
    "Usage:\n"
    "\n"
    "\tmgo run file.mgo [arguments]   compile and run a program\n"
    "\tmgo check file.mgo             report compile errors only\n"
    "\tmgo disasm file.mgo            print the compiled bytecode\n"
    "\tmgo version                    print the version\n"
    "\tmgo help                       print this help\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// A parsed and checked program, or the exit status to leave with.
struct Loaded {
  std::unique_ptr<mgo::File> file;
  mgo::Program* prog = nullptr;
  int status = 0;
};

Loaded load(const std::string& path) {
  Loaded l;
  std::string src;
  if (!read_file(path, src)) {
    std::fprintf(stderr, "mgo: open %s: %s\n", path.c_str(), std::strerror(errno));
    l.status = 1;
    return l;
  }
  mgo::Diagnostics diags;
  l.file = mgo::parse_file(path, src, diags);
  if (!diags.has_errors()) l.prog = mgo::check_program(l.file.get(), diags);
  if (diags.has_errors() || !l.prog) {
    diags.print(stderr);
    l.prog = nullptr;
    l.status = 1;
  }
  return l;
}

mgo::vm::Module* compile(mgo::Program* prog) {
  mgo::Diagnostics diags;
  mgo::vm::Module* mod = mgo::vm::compile_program(prog, diags);
  if (diags.has_errors() || !mod) {
    diags.print(stderr);
    return nullptr;
  }
  return mod;
}

// Parses, checks and (unless check_only) compiles path on the deep stack:
// the module, or nullptr and *status the exit status.
mgo::vm::Module* build(const std::string& path, bool check_only, int* status) {
  mgo::vm::Module* mod = nullptr;
  *status = 0;
  mgo::on_deep_stack([&] {
    Loaded l = load(path);
    if (!l.prog || check_only) {
      *status = l.status;
      return;
    }
    l.file.release();  // the Program refers into it for the life of the process
    mod = compile(l.prog);
    if (!mod) *status = 1;
  });
  return mod;
}

int cmd_run(const std::vector<std::string>& args) {
  int status;
  mgo::vm::Module* mod = build(args[0], false, &status);
  if (!mod) return status;
  return mgo::vm::run_main(mod, args);
}

int cmd_check(const std::string& path) {
  int status;
  build(path, true, &status);
  return status;
}

int cmd_disasm(const std::string& path) {
  int status;
  mgo::vm::Module* mod = build(path, false, &status);
  if (!mod) return status;
  mgo::vm::disassemble(mod, stdout);
  return 0;
}

int usage_error(const char* msg) {
  std::fprintf(stderr, "mgo: %s\n\n%s", msg, kUsage);
  return 2;
}

int dispatch(int argc, char** argv) {
  if (argc < 2) return usage_error("no command given (the REPL comes in a later version)");
  std::string cmd = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  if (cmd == "help" || cmd == "-h" || cmd == "--help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "version" || cmd == "--version") {
    std::puts(kVersion);
    return 0;
  }
  // `mgo file.mgo` (as a shebang interpreter: #!/usr/bin/env mgo) means run.
  if (cmd.size() > 4 && cmd.compare(cmd.size() - 4, 4, ".mgo") == 0) {
    rest.insert(rest.begin(), cmd);
    cmd = "run";
  }
  if (cmd != "run" && cmd != "check" && cmd != "disasm")
    return usage_error(("unknown command \"" + cmd + "\"").c_str());
  if (rest.empty()) return usage_error(("'" + cmd + "' needs a .mgo file").c_str());
  if (cmd == "run") return cmd_run(rest);
  if (rest.size() != 1) return usage_error(("'" + cmd + "' takes exactly one file").c_str());
  return cmd == "check" ? cmd_check(rest[0]) : cmd_disasm(rest[0]);
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing may escape to the user as a C++ exception: an internal failure is
  // reported as mgo's own fatal error, with Go's exit status for fatal errors.
  try {
    return dispatch(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fputs("fatal error: runtime: out of memory\n", stderr);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fatal error: mgo internal error: %s\n", e.what());
  } catch (...) {
    std::fputs("fatal error: mgo internal error\n", stderr);
  }
  return 2;
}
