// The disassembler (mgo disasm) and the opcode tables generated from
// vm/opcodes.def.
#include <cstdio>
#include <string>

#include "vm/program.h"
#include "vm/run.h"

namespace mgo::vm {

namespace {

struct OpInfo {
  const char* name;
  const char* format;
  const char* doc;
};

const OpInfo kOps[] = {
#define OP(name, fmt, flags, doc) {#name, #fmt, doc},
#include "vm/opcodes.def"
#undef OP
};

bool is_arith_step(uint16_t op) {
  return op == OP_ADDFORLT || op == OP_ADDFORLTK || op == OP_ADDIFORLT || op == OP_ADDIFORLTK ||
         op == OP_ADDFFORLT || op == OP_ADDFFORLTK;
}

bool has_extra(uint16_t op) { return std::string(kOps[op].format).find("+X") != std::string::npos; }

std::string operands(const Instr& in) {
  std::string f = kOps[in.op].format;
  if (f.size() > 2 && f.substr(f.size() - 2) == "+X") f.resize(f.size() - 2);
  char buf[64];
  if (f == "A") std::snprintf(buf, sizeof buf, "%d", in.a);
  else if (f == "AB") std::snprintf(buf, sizeof buf, "%d %d", in.a, in.b);
  else if (f == "ABC") std::snprintf(buf, sizeof buf, "%d %d %d", in.a, in.b, in.c);
  else if (f == "ABx") std::snprintf(buf, sizeof buf, "%d %u", in.a, in.bx());
  else if (f == "AsBx") std::snprintf(buf, sizeof buf, "%d %d", in.a, in.sbx());
  else if (f == "sBx") std::snprintf(buf, sizeof buf, "%d", in.sbx());
  else if (f == "ABsC") std::snprintf(buf, sizeof buf, "%d %d %d", in.a, in.b, in.sc());
  else if (f == "AKsC") std::snprintf(buf, sizeof buf, "%d K%d %d", in.a, in.b, in.sc());
  else if (f == "AsBsC") std::snprintf(buf, sizeof buf, "%d %d %d", in.a, in.sb(), in.sc());
  else buf[0] = 0;
  return buf;
}

// A comment naming a constant operand or a jump target.
std::string annotation(const Proto* p, size_t pc, const Instr& in) {
  std::string f = kOps[in.op].format;
  auto jump = [&](int off) { return "to " + std::to_string(int(pc) + 1 + off); };
  auto kstr = [&](uint32_t k) -> std::string {
    if (k >= p->consts.size()) return "";
    return "K" + std::to_string(k);
  };
  if (f == "sBx" || (f == "AsBx" && in.op != OP_LOADI)) return jump(in.sbx());
  if (f == "ABsC" && in.op != OP_ADDI && in.op != OP_DIVK) return jump(in.sc());
  if (f == "AsBsC" || f == "AKsC") return jump(in.sc());
  if (is_arith_step(in.op) && pc + 1 < p->code.size()) return jump(p->code[pc + 1].sc());
  if (in.op == OP_LOADK) {
    return kstr(in.bx());
  }
  if (in.op == OP_CALL) {
    auto* c = as_ptr<Closure>(p->consts[in.bx()]);
    return c && c->proto ? c->proto->name : "";
  }
  if (in.op == OP_CALLI) return std::string(str_view(p->consts[in.b]));
  if (in.op == OP_BOX || in.op == OP_ASSERT || in.op == OP_ASSERT2 || in.op == OP_ASSERTI ||
      in.op == OP_ASSERTI2)
    return as_ptr<Type>(p->consts[in.c])->str();
  if (in.op == OP_CLOSURE) return as_ptr<Proto>(p->consts[in.b])->name;
  return "";
}

}  // namespace

const char* opcode_name(uint16_t op) { return op < OP__COUNT ? kOps[op].name : "?"; }
const char* opcode_format(uint16_t op) { return op < OP__COUNT ? kOps[op].format : ""; }
const char* opcode_doc(uint16_t op) { return op < OP__COUNT ? kOps[op].doc : ""; }

void disassemble_proto(const Proto* p, std::FILE* out) {
  std::fprintf(out, "function %s (%d params, %d results, %d registers, %zu constants)\n",
               p->name.c_str(), p->nparams, p->nresults, p->nregs, p->consts.size());
  for (size_t pc = 0; pc < p->code.size(); pc++) {
    const Instr& in = p->code[pc];
    std::string ann = annotation(p, pc, in);
    std::fprintf(out, "  %4zu  [%3d]  %-9s %-14s%s%s\n", pc, p->lines[pc], opcode_name(in.op),
                 operands(in).c_str(), ann.empty() ? "" : " ; ", ann.c_str());
    if (has_extra(in.op) && pc + 1 < p->code.size()) {
      const Instr& x = p->code[++pc];
      std::fprintf(out, "  %4zu  [%3d]    .data   %d %d %d\n", pc, p->lines[pc], x.a, x.b, x.c);
    }
  }
}

void disassemble(Module* mod, std::FILE* out) {
  bool first = true;
  for (const Proto* p : mod->protos) {
    if (p->kind != ProtoKind::Bytecode || p->code.empty()) continue;
    if (!p->file.empty() && p->file.rfind("$GOROOT", 0) == 0) continue;  // user code only
    if (!first) std::fputc('\n', out);
    first = false;
    disassemble_proto(p, out);
  }
}

}  // namespace mgo::vm
