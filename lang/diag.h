// Compile errors, collected and printed as Go prints them:
//   file.mgo:7:14: undefined: y
// sorted by position, at most 10 (then "too many errors"), exit status 1.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "lang/ast.h"

namespace mgo {

struct Diagnostic {
  std::string filename;
  Pos pos;
  std::string msg;
};

class Diagnostics {
 public:
  void error(const std::string& filename, Pos pos, std::string msg);
  bool has_errors() const { return !list_.empty(); }
  size_t count() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  // Prints the errors sorted by (line, column) as Go's compiler does: one
  // syntax error per line, repeated equal messages on a line once, and
  // after the tenth error "too many errors".
  void print(std::FILE* out) const;

 private:
  std::vector<Diagnostic> list_;
};

}  // namespace mgo
