// The standard packages mgo provides.
//
// Each package is Go source (stdlib/go/<path>.go, embedded at build time)
// that the checker parses like user code (only the declarations and bodies a
// program reaches, lang/checker.h). Functions declared there without a
// body are natives: C++ functions found here by their Go symbol name.
#pragma once

#include <span>
#include <string_view>

#include "vm/api.h"

namespace mgo::stdlib {

struct StdPackage {
  std::string_view path;    // "strings", "math/rand"
  std::string_view source;  // the package's Go source
};

// The package with this import path, or nullptr.
const StdPackage* find_package(std::string_view path);

// The native implementing a body-less declaration, by Go symbol name
// ("strings.Index", "strings.(*Builder).WriteString"), or nullptr.
vm::NativeFn find_native(std::string_view symbol);

}  // namespace mgo::stdlib
