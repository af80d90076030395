// For mgo_check_tests only: the registry's find_package without the natives
// (which pull in the VM), so the checker's tests link lang/ alone.
#include "stdlib/registry.h"

namespace mgo::stdlib {

extern const StdPackage kEmbeddedPackages[];

const StdPackage* find_package(std::string_view path) {
  if (path.empty()) return nullptr;
  for (const StdPackage* p = kEmbeddedPackages; !p->path.empty(); ++p)
    if (p->path == path) return p;
  return nullptr;
}

}  // namespace mgo::stdlib
