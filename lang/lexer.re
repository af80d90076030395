// The lexer of mgo (re2c). See lang/lexer.h.
//
// re2c recognises names, keywords and operators; literals are scanned by
// hand-written functions that follow Go's cmd/compile/internal/syntax/
// scanner.go step by step, so that every lexical error gets Go's message at
// Go's position.
//
// Invariant: the buffer ends with a NUL byte (the re2c sentinel); a NUL
// before the end is an "invalid NUL character".
#include "lang/lexer.h"

#include <cstdio>
#include <cstring>

namespace mgo {

namespace {

/*!include:re2c "unicode_categories.re" */

// The operator of an operator token's text ("+", "&^=", "<-", ...).
Op op_for(std::string_view text) {
  if (text.size() > 1 && text.back() == '=' && text != "==" && text != "!=" && text != "<=" &&
      text != ">=") {
    text.remove_suffix(1);
  }
  static const struct { const char* s; Op op; } table[] = {
      {"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Quo}, {"%", Op::Rem},
      {"&", Op::And}, {"|", Op::Or}, {"^", Op::Xor}, {"<<", Op::Shl}, {">>", Op::Shr},
      {"&^", Op::AndNot}, {"&&", Op::LAnd}, {"||", Op::LOr}, {"==", Op::Eql},
      {"!=", Op::Neq}, {"<", Op::Lss}, {"<=", Op::Leq}, {">", Op::Gtr}, {">=", Op::Geq},
      {"!", Op::Not}, {"<-", Op::Arrow},
  };
  for (const auto& e : table) {
    if (text == e.s) return e.op;
  }
  return Op::None;
}

bool is_decimal(int c) { return c >= '0' && c <= '9'; }
bool is_hex(int c) { return is_decimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int lower(int c) { return c | 0x20; }

const char* base_name(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
  }
  return "hexadecimal";
}

// Decodes the UTF-8 sequence at p (for messages only); returns -1 if invalid.
int32_t decode_rune(const char* p, const char* lim, int* len) {
  auto b = [&](int i) { return static_cast<unsigned char>(p[i]); };
  int n = 1;
  int32_t r = b(0);
  if (r >= 0xF0) { n = 4; r &= 0x07; }
  else if (r >= 0xE0) { n = 3; r &= 0x0F; }
  else if (r >= 0xC0) { n = 2; r &= 0x1F; }
  else if (r >= 0x80) { *len = 1; return -1; }
  if (p + n > lim) { *len = 1; return -1; }
  for (int i = 1; i < n; i++) {
    if ((b(i) & 0xC0) != 0x80) { *len = 1; return -1; }
    r = (r << 6) | (b(i) & 0x3F);
  }
  *len = n;
  return r;
}

// Go's %#U: "U+0040 '@'" (the quoted character only when printable).
std::string format_U(int32_t r, std::string_view text) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(r));
  std::string s = buf;
  bool printable = (r >= 0x20 && r < 0x7F) || (r >= 0xA0 && !(r >= 0xD800 && r < 0xE000) && r <= 0x10FFFF);
  if (printable) s += " '" + std::string(text) + "'";
  return s;
}

// Go's %q of a rune, for the ASCII characters escapes can complain about.
std::string quote_char(int c) {
  switch (c) {
    case '\n': return "'\\n'";
    case '\t': return "'\\t'";
    case '\r': return "'\\r'";
    case '\'': return "'\\''";
    case '\\': return "'\\\\'";
  }
  if (c >= 0x20 && c < 0x7F) return std::string("'") + char(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "'\\x%02x'", c & 0xFF);
  return buf;
}

}  // namespace

const char* tok_name(Tok t) {
  switch (t) {
    case Tok::EOF_: return "EOF";
    case Tok::Semi: return "semicolon or newline";
    case Tok::Name: return "name";
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
      return "literal";
    case Tok::Break: return "break";
    case Tok::Case: return "case";
    case Tok::Chan: return "chan";
    case Tok::Const: return "const";
    case Tok::Continue: return "continue";
    case Tok::Default: return "default";
    case Tok::Defer: return "defer";
    case Tok::Else: return "else";
    case Tok::Fallthrough: return "fallthrough";
    case Tok::For: return "for";
    case Tok::Func: return "func";
    case Tok::Go: return "go";
    case Tok::Goto: return "goto";
    case Tok::If: return "if";
    case Tok::Import: return "import";
    case Tok::Interface: return "interface";
    case Tok::Map: return "map";
    case Tok::Package: return "package";
    case Tok::Range: return "range";
    case Tok::Return: return "return";
    case Tok::Select: return "select";
    case Tok::Struct: return "struct";
    case Tok::Switch: return "switch";
    case Tok::Type: return "type";
    case Tok::Var: return "var";
    case Tok::Add: return "+";
    case Tok::Sub: return "-";
    case Tok::Mul: return "*";
    case Tok::Quo: return "/";
    case Tok::Rem: return "%";
    case Tok::And: return "&";
    case Tok::Or: return "|";
    case Tok::Xor: return "^";
    case Tok::Shl: return "<<";
    case Tok::Shr: return ">>";
    case Tok::AndNot: return "&^";
    case Tok::LAnd: return "&&";
    case Tok::LOr: return "||";
    case Tok::Eql: return "==";
    case Tok::Neq: return "!=";
    case Tok::Lss: return "<";
    case Tok::Leq: return "<=";
    case Tok::Gtr: return ">";
    case Tok::Geq: return ">=";
    case Tok::AssignOp: return "op=";
    case Tok::Arrow: return "<-";
    case Tok::Inc: return "++";
    case Tok::Dec: return "--";
    case Tok::Assign: return "=";
    case Tok::Define: return ":=";
    case Tok::Not: return "!";
    case Tok::Tilde: return "~";
    case Tok::Ellipsis: return "...";
    case Tok::LParen: return "(";
    case Tok::RParen: return ")";
    case Tok::LBrack: return "[";
    case Tok::RBrack: return "]";
    case Tok::LBrace: case Tok::Body: case Tok::FuncBody: return "{";
    case Tok::RBrace: return "}";
    case Tok::Comma: return "comma";
    case Tok::Period: return ".";
    case Tok::Colon: return ":";
    case Tok::BodyStart: return "body";
    case Tok::DeclStart: return "declaration";
  }
  return "?";
}

std::string token_description(const Token& t) {
  switch (t.tok) {
    case Tok::Name: return "name " + std::string(t.text);
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
      return "literal " + std::string(t.text);
    case Tok::Semi: return t.text == ";" ? "semicolon" : std::string(t.text);
    case Tok::AssignOp: return std::string(t.text);
    default: return tok_name(t.tok);
  }
}

Lexer::Lexer(std::string_view src, ErrorFn on_error, int line)
    : src_(src), line_(line), on_error_(std::move(on_error)) {
  cur_ = src_.data();
  lim_ = src_.data() + src_.size();
  line_start_ = cur_;
  // A byte order mark is allowed at the very start (Go's scanner skips it).
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") cur_ += 3;
  // A "#!" line lets an mgo program be run as a script.
  if (std::string_view(cur_, lim_ - cur_).substr(0, 2) == "#!") {
    while (cur_ < lim_ && *cur_ != '\n') ++cur_;
  }
}

Pos Lexer::pos_of(const char* p) const {
  return Pos{line_, int(p - line_start_) + 1};
}

void Lexer::newline_at(const char* p) {
  ++line_;
  line_start_ = p + 1;
}

void Lexer::error_at(const char* p, std::string msg) {
  if (on_error_) on_error_(pos_of(p), std::move(msg));
}

Token Lexer::make(Tok t, const char* start) {
  Token tok;
  tok.tok = t;
  tok.pos = pos_of(start);
  tok.text = std::string_view(start, cur_ - start);
  return tok;
}

// Go's automatic semicolons, and the bookkeeping for Tok::Body. (Inline:
// it runs for every token.)
inline void Lexer::update_state(const Token& t) {
  switch (t.tok) {
    case Tok::Name: case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char:
    case Tok::String: case Tok::Break: case Tok::Continue: case Tok::Fallthrough:
    case Tok::Return: case Tok::Inc: case Tok::Dec: case Tok::RParen: case Tok::RBrack:
    case Tok::RBrace: case Tok::FuncBody:
      nlsemi_ = true;
      break;
    default:
      nlsemi_ = false;
  }
  switch (t.tok) {
    case Tok::If: case Tok::For: case Tok::Switch: case Tok::Select:
      body_next_ = 1;
      header_kw_ = t.tok;
      break;
    case Tok::LParen: case Tok::LBrack:
      body_stack_.push_back(char(body_next_));
      body_next_ = 0;
      break;
    case Tok::RParen: case Tok::RBrack:
      if (!body_stack_.empty()) {
        body_next_ = body_stack_.back();
        body_stack_.pop_back();
      }
      break;
    case Tok::LBrace: case Tok::Body:
      ++brace_depth_;
      break;
    case Tok::RBrace:
      --brace_depth_;  // may go negative on a stray "}"
      break;
    case Tok::Func:
      // A declaration's "func" follows a ";" at top level, or starts the
      // text (parse_decl's: no token before it yet); a literal's follows an
      // operator, "(" or ","; a func type in the signature, "(", "," or ")".
      if (lazy_bodies_ && brace_depth_ == 0 &&
          (last().tok == Tok::Semi || last().text.data() == nullptr))
        func_header_ = true;
      break;
    case Tok::Semi:
      if (brace_depth_ == 0) func_header_ = false;  // a body-less declaration
      break;
    default:
      break;
  }
}

Token Lexer::next() {
  Token t = scan();
  update_state(t);
  last_ = last_ + 1 == kHistory ? 0 : last_ + 1;
  history_[last_] = t;
  return t;
}

// Skips a /* */ comment whose "/*" was just consumed; false if unterminated.
bool Lexer::full_comment() {
  while (cur_ < lim_) {
    if (cur_[0] == '*' && cur_ + 1 < lim_ && cur_[1] == '/') {
      cur_ += 2;
      return true;
    }
    if (*cur_ == '\n') newline_at(cur_);
    ++cur_;
  }
  return false;
}

Token Lexer::scan() {
  const char* YYMARKER = nullptr;
  for (;;) {
    const char* start = cur_;
    Tok t;
    /*!re2c
      re2c:define:YYCTYPE = "unsigned char";
      re2c:define:YYCURSOR = "cur_";
      re2c:yyfill:enable = 0;
      re2c:flags:utf-8 = 1;

      letter = L | "_";
      digit = Nd;

      "\x00" {
        if (start >= lim_) {
          cur_ = start;
          if (nlsemi_) {
            Token s = make(Tok::Semi, start);
            s.text = "EOF";
            return s;
          }
          return make(Tok::EOF_, start);
        }
        error_at(start, "invalid NUL character");
        continue;
      }
      [ \t\r]+ { continue; }
      "\n" {
        if (nlsemi_) {
          Token s = make(Tok::Semi, start);
          s.text = "newline";
          newline_at(start);
          return s;
        }
        newline_at(start);
        continue;
      }
      "//" {
        while (cur_ < lim_ && *cur_ != '\n') ++cur_;
        continue;
      }
      "/*" {
        int line0 = line_;
        const char* ls0 = line_start_;
        if (!full_comment()) {
          int l = line_; const char* s = line_start_;
          line_ = line0; line_start_ = ls0;
          error_at(start, "comment not terminated");
          line_ = l; line_start_ = s;
        }
        if (line_ != line0 && nlsemi_) {
          // A multi-line comment acts like a newline.
          Token s;
          s.tok = Tok::Semi;
          s.pos = Pos{line0, int(start - ls0) + 1};
          s.text = "newline";
          return s;
        }
        continue;
      }

      "break" { t = Tok::Break; goto done; }
      "case" { t = Tok::Case; goto done; }
      "chan" { t = Tok::Chan; goto done; }
      "const" { t = Tok::Const; goto done; }
      "continue" { t = Tok::Continue; goto done; }
      "default" { t = Tok::Default; goto done; }
      "defer" { t = Tok::Defer; goto done; }
      "else" { t = Tok::Else; goto done; }
      "fallthrough" { t = Tok::Fallthrough; goto done; }
      "for" { t = Tok::For; goto done; }
      "func" { t = Tok::Func; goto done; }
      "go" { t = Tok::Go; goto done; }
      "goto" { t = Tok::Goto; goto done; }
      "if" { t = Tok::If; goto done; }
      "import" { t = Tok::Import; goto done; }
      "interface" { t = Tok::Interface; goto done; }
      "map" { t = Tok::Map; goto done; }
      "package" { t = Tok::Package; goto done; }
      "range" { t = Tok::Range; goto done; }
      "return" { t = Tok::Return; goto done; }
      "select" { t = Tok::Select; goto done; }
      "struct" { t = Tok::Struct; goto done; }
      "switch" { t = Tok::Switch; goto done; }
      "type" { t = Tok::Type; goto done; }
      "var" { t = Tok::Var; goto done; }

      letter (letter | digit)* { t = Tok::Name; goto done; }
      digit (letter | digit)* {
        if (is_decimal(*start)) { cur_ = start; return number(start); }
        int len;
        int32_t r = decode_rune(start, lim_, &len);
        error_at(start, "identifier cannot begin with digit " + format_U(r, std::string_view(start, len)));
        t = Tok::Name;
        goto done;
      }
      "." [0-9] { cur_ = start; return number(start); }
      "\"" { cur_ = start; return std_string(start); }
      "`" { cur_ = start; return raw_string(start); }
      "'" { cur_ = start; return rune(start); }

      "+" { t = Tok::Add; goto op; }
      "-" { t = Tok::Sub; goto op; }
      "*" { t = Tok::Mul; goto op; }
      "/" { t = Tok::Quo; goto op; }
      "%" { t = Tok::Rem; goto op; }
      "&" { t = Tok::And; goto op; }
      "|" { t = Tok::Or; goto op; }
      "^" { t = Tok::Xor; goto op; }
      "<<" { t = Tok::Shl; goto op; }
      ">>" { t = Tok::Shr; goto op; }
      "&^" { t = Tok::AndNot; goto op; }
      ("+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>" | "&^") "=" {
        t = Tok::AssignOp; goto op;
      }
      "&&" { t = Tok::LAnd; goto op; }
      "||" { t = Tok::LOr; goto op; }
      "==" { t = Tok::Eql; goto op; }
      "!=" { t = Tok::Neq; goto op; }
      "<" { t = Tok::Lss; goto op; }
      "<=" { t = Tok::Leq; goto op; }
      ">" { t = Tok::Gtr; goto op; }
      ">=" { t = Tok::Geq; goto op; }
      "<-" { t = Tok::Arrow; goto op; }
      "++" { t = Tok::Inc; goto done; }
      "--" { t = Tok::Dec; goto done; }
      "=" { t = Tok::Assign; goto done; }
      ":=" { t = Tok::Define; goto done; }
      "!" { t = Tok::Not; goto op; }
      "~" { t = Tok::Tilde; goto done; }
      "..." { t = Tok::Ellipsis; goto done; }
      "(" { t = Tok::LParen; goto done; }
      ")" { t = Tok::RParen; goto done; }
      "[" { t = Tok::LBrack; goto done; }
      "]" { t = Tok::RBrack; goto done; }
      "{" {
        // A top-level func's body: the first "{" of its header outside
        // brackets that does not open a struct or interface type.
        if (func_header_ && brace_depth_ == 0 && body_stack_.empty() &&
            last().tok != Tok::Struct && last().tok != Tok::Interface) {
          return func_body(start);
        }
        t = body_next_ == 1 ? Tok::Body : Tok::LBrace;
        if (t == Tok::Body) body_next_ = 0;
        goto done;
      }
      "}" { t = Tok::RBrace; goto done; }
      "," { t = Tok::Comma; goto done; }
      "." { t = Tok::Period; goto done; }
      ":" { t = Tok::Colon; goto done; }
      ";" {
        Token s = make(Tok::Semi, start);
        s.text = ";";
        return s;
      }

      [^] {
        int len;
        int32_t r = decode_rune(start, lim_, &len);
        error_at(start, "invalid character " + format_U(r, std::string_view(start, cur_ - start)));
        continue;
      }
      * {
        error_at(start, "invalid UTF-8 encoding");
        continue;
      }
    */
  done:
    return make(t, start);
  op : {
    Token tok = make(t, start);
    tok.op = op_for(tok.text);
    return tok;
  }
  }
}

// ---------------------------------------------------------------- lazy bodies

namespace {

// The bytes func_body must look at; any other byte is skipped unread.
struct BodyBytes {
  bool special[256] = {};
  constexpr BodyBytes() {
    for (unsigned char c : {'\0', '\n', '{', '}', '/', '"', '\'', '`'}) special[c] = true;
  }
};
constexpr BodyBytes kBodyBytes;

}  // namespace

// Skips the body whose "{" is at start, to its matching "}" (or to the end
// of the text, which the parse of the body will then report). Braces count
// except in comments and literals; an interpreted string or rune literal
// also ends at a newline, where the lexer would report it. Lines are
// counted, so positions after the body are right.
Token Lexer::func_body(const char* start) {
  Token t;
  t.tok = Tok::FuncBody;
  t.pos = pos_of(start);
  func_header_ = false;
  const char* p = start + 1;
  int depth = 1;
  while (depth > 0) {
    while (!kBodyBytes.special[static_cast<unsigned char>(*p)]) ++p;
    char c = *p++;
    switch (c) {
      case '\0':
        if (p > lim_) {  // the end of the text
          p = lim_;
          depth = 0;
        }
        break;
      case '\n': newline_at(p - 1); break;
      case '{': ++depth; break;
      case '}': --depth; break;
      case '/':
        if (*p == '/') {
          while (p < lim_ && *p != '\n') ++p;
        } else if (*p == '*') {
          for (++p; p < lim_ && !(p[0] == '*' && p[1] == '/'); ++p) {
            if (*p == '\n') newline_at(p);
          }
          if (p < lim_) p += 2;
        }
        break;
      case '"': case '\'':
        for (; p < lim_ && *p != c && *p != '\n'; ++p) {
          if (*p == '\\' && p + 1 < lim_ && p[1] != '\n') ++p;  // escaped: a quote or \\ goes on
        }
        if (p < lim_ && *p == c) ++p;
        break;
      case '`':
        for (; p < lim_ && *p != '`'; ++p) {
          if (*p == '\n') newline_at(p);
        }
        if (p < lim_) ++p;
        break;
    }
  }
  cur_ = p;
  t.text = std::string_view(start, cur_ - start);
  return t;
}

// ---------------------------------------------------------------- literals
// The functions below mirror Go's scanner.go (number, digits, invalidSep,
// stdString, rawString, rune, escape) so errors match Go's exactly.

namespace {

// The index of the first misplaced '_' in a number literal, or -1 (Go's
// invalidSep): '_' must sit between two digits, or after a base prefix.
int invalid_sep(std::string_view x) {
  int x1 = ' ';  // prefix letter; only 'x' matters
  int d = '.';   // '_', '0' (a digit) or '.' (anything else)
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    int p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return int(i);
    } else if (is_decimal(d) || (x1 == 'x' && is_hex(d))) {
      d = '0';
    } else {
      if (p == '_') return int(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return int(x.size()) - 1;
  return -1;
}

}  // namespace

// Consumes digits of `base` (and '_'); returns bit 0 if a digit was seen and
// bit 1 if a '_' was. For bases up to 10, records the first digit too large
// for the base in *invalid (an offset from cur_ at entry's literal start is
// computed by the caller).
int Lexer::digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    int max = '0' + base;
    while (cur_ < lim_ && (is_decimal(*cur_) || *cur_ == '_')) {
      int ds = 1;
      if (*cur_ == '_') {
        ds = 2;
      } else if (*cur_ >= max && invalid && *invalid < 0) {
        *invalid = int(cur_ - src_.data());
      }
      digsep |= ds;
      ++cur_;
    }
  } else {
    while (cur_ < lim_ && (is_hex(*cur_) || *cur_ == '_')) {
      digsep |= *cur_ == '_' ? 2 : 1;
      ++cur_;
    }
  }
  return digsep;
}

Token Lexer::number(const char* start) {
  bool ok = true;
  Tok kind = Tok::Int;
  int base = 10;
  int prefix = 0;  // 0 (decimal), '0' (0-octal), 'x', 'o' or 'b'
  int digsep = 0;
  int invalid = -1;  // offset in src_ of the first invalid digit
  bool seen_point = *cur_ == '.';
  auto ch = [&]() -> int { return cur_ < lim_ ? (unsigned char)*cur_ : -1; };
  if (seen_point) {
    ++cur_;
  } else {
    if (ch() == '0') {
      ++cur_;
      switch (lower(ch())) {
        case 'x': ++cur_; base = 16; prefix = 'x'; break;
        case 'o': ++cur_; base = 8; prefix = 'o'; break;
        case 'b': ++cur_; base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1;  // the leading 0
      }
    }
    digsep |= digits(base, &invalid);
    if (ch() == '.') {
      if (prefix == 'o' || prefix == 'b') {
        error_at(cur_, std::string("invalid radix point in ") + base_name(base) + " literal");
        ok = false;
      }
      ++cur_;
      seen_point = true;
    }
  }
  if (seen_point) {
    kind = Tok::Float;
    digsep |= digits(base, &invalid);
  }
  if ((digsep & 1) == 0 && ok) {
    error_at(cur_, std::string(base_name(base)) + " literal has no digits");
    ok = false;
  }
  int e = ch() < 0 ? -1 : lower(ch());
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        error_at(cur_, quote_char(ch()) + " exponent requires decimal mantissa");
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        error_at(cur_, quote_char(ch()) + " exponent requires hexadecimal mantissa");
        ok = false;
      }
    }
    ++cur_;
    kind = Tok::Float;
    if (ch() == '+' || ch() == '-') ++cur_;
    digsep = digits(10, nullptr) | (digsep & 2);
    if ((digsep & 1) == 0 && ok) {
      error_at(cur_, "exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == Tok::Float && ok) {
    error_at(cur_, "hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }
  if (ch() == 'i') {
    kind = Tok::Imag;
    ++cur_;
  }
  Token t = make(kind, start);
  if (kind == Tok::Int && invalid >= 0 && ok) {
    const char* p = src_.data() + invalid;
    error_at(p, "invalid digit " + quote_char(*p) + " in " + base_name(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = invalid_sep(t.text);
    if (i >= 0) error_at(start + i, "'_' must separate successive digits");
  }
  return t;
}

// Consumes one escape after a backslash; false (after reporting) if invalid.
bool Lexer::escape(char quote) {
  auto ch = [&]() -> int { return cur_ < lim_ ? (unsigned char)*cur_ : -1; };
  int n;
  uint32_t base, max;
  int c = ch();
  if (c == quote || c == 'a' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' ||
      c == 'v' || c == '\\') {
    ++cur_;
    return true;
  }
  if (c >= '0' && c <= '7') {
    n = 3; base = 8; max = 255;
  } else if (c == 'x') {
    ++cur_; n = 2; base = 16; max = 255;
  } else if (c == 'u') {
    ++cur_; n = 4; base = 16; max = 0x10FFFF;
  } else if (c == 'U') {
    ++cur_; n = 8; base = 16; max = 0x10FFFF;
  } else {
    if (c < 0) return true;  // the caller complains about the EOF
    error_at(cur_, "unknown escape");
    return false;
  }
  uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    c = ch();
    if (c < 0) return true;
    uint32_t d = base;
    if (is_decimal(c)) d = c - '0';
    else if (lower(c) >= 'a' && lower(c) <= 'f') d = lower(c) - 'a' + 10;
    if (d >= base) {
      error_at(cur_, "invalid character " + quote_char(c) + " in " + base_name(int(base)) + " escape");
      return false;
    }
    x = x * base + d;
    ++cur_;
  }
  if (x > max && base == 8) {
    error_at(cur_, "octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    error_at(cur_, "escape is invalid Unicode code point " + format_U(int32_t(x), ""));
    return false;
  }
  return true;
}

Token Lexer::std_string(const char* start) {
  ++cur_;
  for (;;) {
    if (cur_ >= lim_) {
      error_at(start, "string not terminated");
      break;
    }
    char c = *cur_;
    if (c == '"') {
      ++cur_;
      break;
    }
    if (c == '\\') {
      ++cur_;
      escape('"');
      continue;
    }
    if (c == '\n') {
      error_at(cur_, "newline in string");
      break;
    }
    ++cur_;
  }
  return make(Tok::String, start);
}

// Raw strings may span lines; the parser drops their carriage returns when
// it decodes them (the token text stays the source text).
Token Lexer::raw_string(const char* start) {
  Pos p = pos_of(start);
  ++cur_;
  for (;;) {
    if (cur_ >= lim_) {
      if (on_error_) on_error_(p, "string not terminated");
      break;
    }
    char c = *cur_;
    if (c == '`') {
      ++cur_;
      break;
    }
    if (c == '\n') newline_at(cur_);
    ++cur_;
  }
  Token t;
  t.tok = Tok::String;
  t.pos = p;
  t.text = std::string_view(start, cur_ - start);
  return t;
}

Token Lexer::rune(const char* start) {
  bool ok = true;
  ++cur_;
  for (int n = 0;; n++) {
    if (cur_ >= lim_) {
      if (ok) error_at(start, "rune literal not terminated");
      break;
    }
    char c = *cur_;
    if (c == '\'') {
      if (ok) {
        if (n == 0) error_at(cur_, "empty rune literal or unescaped '");
        else if (n != 1) error_at(start, "more than one character in rune literal");
      }
      ++cur_;
      break;
    }
    if (c == '\\') {
      ++cur_;
      if (!escape('\'')) ok = false;
      continue;
    }
    if (c == '\n') {
      if (ok) error_at(cur_, "newline in rune literal");
      break;
    }
    // One character: skip a whole UTF-8 sequence.
    ++cur_;
    while (cur_ < lim_ && (static_cast<unsigned char>(*cur_) & 0xC0) == 0x80) ++cur_;
  }
  return make(Tok::Char, start);
}

}  // namespace mgo
