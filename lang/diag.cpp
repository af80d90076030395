#include "lang/diag.h"

#include <algorithm>

namespace mgo {

void Diagnostics::error(const std::string& filename, Pos pos, std::string msg) {
  list_.push_back(Diagnostic{filename, pos, std::move(msg)});
}

void Diagnostics::print(std::FILE* out) const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.filename != b.filename) return a.filename < b.filename;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  int printed = 0;
  const Diagnostic* prev = nullptr;
  for (const Diagnostic& d : sorted) {
    if (prev && prev->filename == d.filename && prev->pos.line == d.pos.line) continue;
    if (printed == 10) {
      std::fprintf(out, "%s:%d:%d: too many errors\n", d.filename.c_str(), d.pos.line, d.pos.col);
      break;
    }
    std::fprintf(out, "%s:%d:%d: %s\n", d.filename.c_str(), d.pos.line, d.pos.col, d.msg.c_str());
    prev = &d;
    ++printed;
  }
}

}  // namespace mgo
