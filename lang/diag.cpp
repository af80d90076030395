#include "lang/diag.h"

#include <algorithm>

namespace mgo {

void Diagnostics::error(const std::string& filename, Pos pos, std::string msg) {
  list_.push_back(Diagnostic{filename, pos, std::move(msg)});
}

// "file:line:col" as cmd/compile prints it: its positions pack the line
// in 20 bits and the column in 8 (cmd/internal/src.lico), and a column
// that does not fit (255 and over), or any on a line that does not, is
// left out.
static std::string position(const Diagnostic& d) {
  constexpr int kLineMax = (1 << 20) - 2, kColMax = (1 << 8) - 1;
  std::string s = d.filename + ":" + std::to_string(std::min(d.pos.line, kLineMax));
  if (d.pos.line < kLineMax && d.pos.col < kColMax) s += ":" + std::to_string(d.pos.col);
  return s;
}

// Go's cmd/compile keeps one syntax error per line, drops a non-syntax
// error equal to the previous one on its line, and stops at the tenth error
// with "too many errors" at that error's position.
void Diagnostics::print(std::FILE* out) const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.filename != b.filename) return a.filename < b.filename;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  auto same_line = [](const Diagnostic* a, const Diagnostic& b) {
    return a && a->filename == b.filename && a->pos.line == b.pos.line;
  };
  int printed = 0;
  const Diagnostic* last_syntax = nullptr;
  const Diagnostic* last_other = nullptr;
  for (const Diagnostic& d : sorted) {
    bool syntax = d.msg.rfind("syntax error", 0) == 0;
    if (syntax ? same_line(last_syntax, d) : same_line(last_other, d) && last_other->msg == d.msg)
      continue;
    (syntax ? last_syntax : last_other) = &d;
    std::fprintf(out, "%s: %s\n", position(d).c_str(), d.msg.c_str());
    if (++printed == 10) {
      std::fprintf(out, "%s: too many errors\n", position(d).c_str());
      break;
    }
  }
}

}  // namespace mgo
