// index_decls: a lazy_decls parse's look at the declarations it skips. The
// declarations of an imported standard-library package are mostly never
// named, so the file is not lexed: a scan over its bytes that knows just
// enough of Go's lexical structure (comments, literals, brackets and
// automatic semicolons) finds where each top-level declaration begins and
// ends and what it declares. Inside brackets it looks only at the bytes that
// open or close a bracket, a comment or a literal, or end a line; comments
// are passed over with memchr. (The Lexer, run over the whole file, cost
// about twice as much.)
//
// The scan is exact for valid Go. Invalid text either makes it give up
// (index_decls returns false, and parse_file parses the file the ordinary
// way, which reports what is wrong) or ends up in some declaration's text,
// whose parse_decl reports it.
#include "lang/decl_index.h"

#include <cstring>
#include <string>

namespace mgo {

namespace {

// ---------------------------------------------------------------- bytes

enum ByteClass : uint8_t {
  kInvalid,  // not allowed outside comments and literals (a control byte, `#`, `$`, `?`, `@`, `\`)
  kNul,      // the sentinel after the text, or an invalid NUL in it
  kSpace,    // ' ', '\t', '\r' (the lexer's white space; CRLF line ends are two of them)
  kNewline,
  kWord,       // starts or continues an identifier or keyword: a letter, '_', any byte >= 0x80
  kDigit,
  kOperator,   // a byte of an operator other than those below
  kPlusMinus,  // '+' '-': "++" and "--" end a line
  kSlash,      // '/': an operator or a comment
  kDot,        // '.': an operator or a number (".5")
  kQuote,      // '"' '\''
  kBackquote,
  kOpen,   // ( [ {
  kClose,  // ) ] }
  kComma,
  kSemicolon,
};

struct ByteTables {
  ByteClass cls[256] = {};
  bool word[256] = {};  // kWord and kDigit: the bytes of an identifier
  // The bytes skip_nested stops at; any other byte is passed over unread.
  bool nested[256] = {};
  constexpr ByteTables() {
    for (int c = 0x80; c < 256; c++) cls[c] = kWord;
    for (int c = 'a'; c <= 'z'; c++) cls[c] = kWord;
    for (int c = 'A'; c <= 'Z'; c++) cls[c] = kWord;
    cls[int('_')] = kWord;
    for (int c = '0'; c <= '9'; c++) cls[c] = kDigit;
    cls[0] = kNul;
    cls[int(' ')] = cls[int('\t')] = cls[int('\r')] = kSpace;
    cls[int('\n')] = kNewline;
    for (unsigned char c : {'*', '%', '&', '|', '^', '<', '>', '=', '!', ':', '~'}) cls[c] = kOperator;
    cls[int('+')] = cls[int('-')] = kPlusMinus;
    cls[int('/')] = kSlash;
    cls[int('.')] = kDot;
    cls[int('"')] = cls[int('\'')] = kQuote;
    cls[int('`')] = kBackquote;
    cls[int('(')] = cls[int('[')] = cls[int('{')] = kOpen;
    cls[int(')')] = cls[int(']')] = cls[int('}')] = kClose;
    cls[int(',')] = kComma;
    cls[int(';')] = kSemicolon;
    for (int c = 0; c < 256; c++) word[c] = cls[c] == kWord || cls[c] == kDigit;
    for (unsigned char c : {'\0', '(', '[', '{', ')', ']', '}', '\n', '/', '"', '\'', '`'}) nested[c] = true;
  }
};
constexpr ByteTables kBytes;

ByteClass class_of(char c) { return kBytes.cls[static_cast<unsigned char>(c)]; }
bool is_word_byte(char c) { return kBytes.word[static_cast<unsigned char>(c)]; }

// ---------------------------------------------------------------- tokens

// What the indexer needs to know of a word: the declaration keywords, and
// whether a newline after it is a semicolon (after a name and four of the
// keywords, as in Go's lexer).
enum class Kw : uint8_t { None, Package, Import, Const, Var, Type, Func, EndsLine, Other };

Kw classify(std::string_view w) {
  switch (w.size()) {
    case 2: return w == "if" || w == "go" ? Kw::Other : Kw::None;
    case 3:
      if (w == "var") return Kw::Var;
      return w == "for" || w == "map" ? Kw::Other : Kw::None;
    case 4:
      if (w == "func") return Kw::Func;
      if (w == "type") return Kw::Type;
      return w == "case" || w == "chan" || w == "else" || w == "goto" ? Kw::Other : Kw::None;
    case 5:
      if (w == "const") return Kw::Const;
      if (w == "break") return Kw::EndsLine;
      return w == "defer" || w == "range" ? Kw::Other : Kw::None;
    case 6:
      if (w == "import") return Kw::Import;
      if (w == "return") return Kw::EndsLine;
      return w == "select" || w == "struct" || w == "switch" ? Kw::Other : Kw::None;
    case 7:
      if (w == "package") return Kw::Package;
      return w == "default" ? Kw::Other : Kw::None;
    case 8: return w == "continue" ? Kw::EndsLine : Kw::None;
    case 9: return w == "interface" ? Kw::Other : Kw::None;
    case 11: return w == "fallthrough" ? Kw::EndsLine : Kw::None;
    default: return Kw::None;
  }
}

struct Token {
  enum Kind : uint8_t { Word, Semi, Open, Close, Comma, Other, End } kind = End;
  Kw kw = Kw::None;  // for kind Word
  const char* begin = nullptr;
  const char* end = nullptr;  // just after the token's last byte
  bool is(Kw k) const { return kind == Word && kw == k; }
};

// The scanner: Go's tokens as far as the indexer looks at them, with Go's
// automatic semicolons. A lexical error it can see (an unterminated comment
// or literal, a byte no token starts with) clears ok(). `text` must have a
// NUL after it (a sentinel: no loop over bytes checks for the end).
class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : p_(text.data()), end_(text.data() + text.size()), line_start_(p_) {}

  bool ok() const { return ok_; }
  // The position of a byte on the line now being scanned.
  Pos pos_of(const char* p) const { return Pos{line_, int(p - line_start_) + 1}; }

  // (The loops over bytes keep the cursor in a local: a char read may alias
  // the members, so the compiler would store p_ on every byte.)
  Token next() {
    const char* p = p_;
    for (;;) {
      while (class_of(*p) == kSpace) ++p;
      const char* start = p++;
      switch (class_of(*start)) {
        case kNul:
          if (start != end_) return error(start);  // a NUL in the text
          return token(nlsemi_ ? Token::Semi : Token::End, start, start);
        case kNewline:
          newline(start);
          if (nlsemi_) return token(Token::Semi, start, p);
          continue;
        case kSlash:
          if (*p == '/') {
            p = line_comment(p);
            continue;
          }
          if (*p == '*') {
            // A comment with a newline in it acts like a newline.
            int line0 = line_;
            p = block_comment(p);
            if (!p) return error(start);
            if (line_ != line0 && nlsemi_) return token(Token::Semi, start, p);
            continue;
          }
          return token(Token::Other, start, p);
        case kWord: return word(start, p);
        case kDigit: return number(start, p);
        case kDot:
          if (class_of(*p) == kDigit) return number(start, p);
          return token(Token::Other, start, p);
        case kQuote:
          p = quoted(p, *start);
          return p ? token(Token::Other, start, p, true) : error(start);
        case kBackquote:
          p = raw(p);
          return p ? token(Token::Other, start, p, true) : error(start);
        case kPlusMinus:
          // "++" and "--" end a line, "+" "-" (and "<-") do not.
          if (*p == *start) return token(Token::Other, start, p + 1, true);
          return token(Token::Other, start, p);
        case kOperator:
          if (*start == '<' && *p == '-') ++p;
          return token(Token::Other, start, p);
        case kOpen: return token(Token::Open, start, p);
        case kClose: return token(Token::Close, start, p, true);
        case kComma: return token(Token::Comma, start, p);
        case kSemicolon: return token(Token::Semi, start, p);
        default: return error(start);
      }
    }
  }

  // After an opening bracket: passes over the text to the bracket that
  // closes it and returns that as the token (brackets of every kind nest).
  // Only the bytes that can open or close a bracket, comment or literal, or
  // end a line are looked at.
  Token skip_nested() {
    int depth = 1;
    const char* p = p_;
    for (;;) {
      p = skip_plain(p);
      const char* start = p++;
      switch (*start) {
        case '\0':
          if (start == end_) return error(start);  // unbalanced
          break;  // a NUL in the text, for parse_decl to report
        case '(': case '[': case '{': ++depth; break;
        case ')': case ']': case '}':
          if (--depth == 0) return token(Token::Close, start, p, true);
          break;
        case '\n': newline(start); break;
        case '/':
          if (*p == '/') {
            p = line_comment(p);
          } else if (*p == '*') {
            p = block_comment(p);
            if (!p) return error(start);
          }
          break;
        case '"': case '\'':
          p = quoted(p, *start);
          if (!p) return error(start);
          break;
        case '`':
          p = raw(p);
          if (!p) return error(start);
          break;
      }
    }
  }

 private:
  // The token [start, end); the scan goes on after it.
  Token token(Token::Kind k, const char* start, const char* end, bool nlsemi = false) {
    p_ = end;
    nlsemi_ = nlsemi;
    Token t;
    t.kind = k;
    t.begin = start;
    t.end = end;
    return t;
  }
  // A lexical error at p: the scan stops.
  Token error(const char* p) {
    ok_ = false;
    return token(Token::End, p, p);
  }

  // After a word's first byte.
  Token word(const char* start, const char* p) {
    while (is_word_byte(*p)) ++p;
    Kw kw = classify(std::string_view(start, p - start));
    Token t = token(Token::Word, start, p, kw == Kw::None || kw == Kw::EndsLine);
    t.kw = kw;
    return t;
  }

  // A number's bytes: letters, digits, '_' and '.', and the sign of an
  // exponent (e or E after a decimal mantissa, p or P after any).
  Token number(const char* start, const char* p) {
    bool hex = *start == '0' && (*p == 'x' || *p == 'X');
    for (;; ++p) {
      char c = *p;
      if (c == '+' || c == '-') {
        char e = p[-1];
        if (!(e == 'p' || e == 'P' || (!hex && (e == 'e' || e == 'E')))) break;
      } else if (!is_word_byte(c) && c != '.') {
        break;
      }
    }
    return token(Token::Other, start, p, true);
  }

  // The first byte at or after p that skip_nested must look at (the
  // sentinel at the latest).
  static const char* skip_plain(const char* p) {
    for (;; p += 4) {
      if (kBytes.nested[static_cast<unsigned char>(p[0])]) return p;
      if (kBytes.nested[static_cast<unsigned char>(p[1])]) return p + 1;
      if (kBytes.nested[static_cast<unsigned char>(p[2])]) return p + 2;
      if (kBytes.nested[static_cast<unsigned char>(p[3])]) return p + 3;
    }
  }

  void newline(const char* at) {
    ++line_;
    line_start_ = at + 1;
  }

  // The helpers below start after a comment's or literal's first byte and
  // return where it ends, or nullptr if it does not (a lexical error).

  // The rest of a "//" comment: up to its newline.
  const char* line_comment(const char* p) const {
    const void* nl = memchr(p, '\n', size_t(end_ - p));
    return nl ? static_cast<const char*>(nl) : end_;
  }

  // A "/* */" comment; its newlines are counted.
  const char* block_comment(const char* p) {
    for (++p;; ++p) {
      if (*p == '\n') {
        newline(p);
      } else if (*p == '*' && p[1] == '/') {
        return p + 2;
      } else if (*p == '\0' && p == end_) {
        return nullptr;
      }
    }
  }

  // An interpreted string or a rune literal: to its closing quote; a
  // newline or the end of the text first is an error.
  const char* quoted(const char* p, char quote) const {
    for (;; ++p) {
      char c = *p;
      if (c == quote) return p + 1;
      if (c == '\n' || (c == '\0' && p == end_)) return nullptr;
      if (c == '\\' && p[1] != '\n' && p + 1 != end_) ++p;  // an escaped quote or '\\'
    }
  }

  // A raw string: to the closing "`", over any newlines.
  const char* raw(const char* p) {
    for (;; ++p) {
      if (*p == '`') return p + 1;
      if (*p == '\n') newline(p);
      if (*p == '\0' && p == end_) return nullptr;
    }
  }

  const char* p_;    // where the scan goes on
  const char* end_;  // the sentinel
  const char* line_start_;
  int line_ = 1;
  bool nlsemi_ = false;  // a newline or the end of the text now ends the statement
  bool ok_ = true;
};

// ---------------------------------------------------------------- index

class Indexer {
 public:
  // text: src's copy, with the NUL after it that the scanner needs.
  Indexer(std::string_view src, std::string_view text) : src_(src), text_(text), scan_(text) {}

  bool run(std::vector<LazyDecl>* out, size_t* prefix_end) {
    *prefix_end = src_.size();
    if (!next().is(Kw::Package) || !next().is(Kw::None) || next().kind != Token::Semi)
      return false;
    for (;;) {
      Token kw = next();
      if (kw.kind == Token::End) return ok();
      if (kw.kind != Token::Word) return false;
      switch (kw.kw) {
        case Kw::Import:
          if (!out->empty()) return false;  // imports must come first
          read_to_end(&kw);
          break;
        case Kw::Const: case Kw::Var: case Kw::Type: case Kw::Func:
          if (out->empty()) *prefix_end = offset(kw.begin);
          out->push_back(decl(kw));
          break;
        default: return false;
      }
      if (!ok()) return false;
    }
  }

 private:
  bool ok() const { return ok_ && scan_.ok(); }
  void fail() { ok_ = false; }

  // The next token; End also after a lexical error.
  Token next() {
    Token t = scan_.next();
    if (!scan_.ok()) t.kind = Token::End;
    return t;
  }
  // After an opening bracket: its closing one (End if there is none).
  Token closing() {
    Token t = scan_.skip_nested();
    if (!scan_.ok()) t.kind = Token::End;
    return t;
  }
  uint32_t offset(const char* p) const { return uint32_t(p - text_.data()); }
  // The token's text in src (which the index points into).
  std::string_view source(const Token& t) const {
    return src_.substr(offset(t.begin), size_t(t.end - t.begin));
  }
  void add_name(LazyDecl& d, const Token& t) {
    d.names.push_back(LazyDecl::Name{source(t), scan_.pos_of(t.begin)});
  }

  // Reads to the ";" that ends the declaration at top level; *last: its
  // last token before it.
  void read_to_end(Token* last) {
    for (Token t = next(); t.kind != Token::Semi; t = next()) {
      if (t.kind == Token::Close) return fail();  // unbalanced
      if (t.kind == Token::Open) t = closing();
      if (t.kind == Token::End) return fail();
      *last = t;
    }
  }

  LazyDecl decl(const Token& kw) {
    LazyDecl d;
    d.kind = kw.kw == Kw::Const ? LazyDecl::Const
             : kw.kw == Kw::Var ? LazyDecl::Var
             : kw.kw == Kw::Type ? LazyDecl::Type
                                 : LazyDecl::Func;
    d.begin = offset(kw.begin);
    d.pos = scan_.pos_of(kw.begin);
    Token last = kw;  // the last token of the declaration so far
    if (d.kind == LazyDecl::Func) {
      func_names(d, &last);
    } else {
      spec_names(d, &last);
    }
    d.end = offset(last.end);
    return d;
  }

  // `func Name ...` or `func (r *T) Name ...`, to the end of the declaration.
  void func_names(LazyDecl& d, Token* last) {
    Token t = next();
    if (t.kind == Token::Open && *t.begin == '(') {
      // The receiver: its base type is the last name in its parentheses.
      for (int depth = 1; depth > 0; ) {
        t = next();
        if (t.kind == Token::End) return fail();
        if (t.is(Kw::None)) d.recv = source(t);
        if (t.kind == Token::Open) ++depth;
        if (t.kind == Token::Close) --depth;
      }
      t = next();
    }
    if (!t.is(Kw::None)) return fail();
    add_name(d, t);
    *last = t;
    read_to_end(last);
  }

  // The names of a const, var or type declaration, single or a group: the
  // names at the start of each spec (one for a type spec), to the end of the
  // declaration. Brackets inside a spec are passed over whole.
  void spec_names(LazyDecl& d, Token* last) {
    bool group = false;     // in the group's parentheses
    bool name_next = true;  // a name now starts a spec
    bool list = false;      // after a spec's name: "," and another name may follow
    for (Token t = next(); ok_; t = next()) {
      if (t.kind == Token::End) return fail();
      if (t.kind == Token::Semi && !group) return;
      if (name_next) {
        name_next = false;
        if (t.kind == Token::Open && *t.begin == '(' && !group && d.names.empty()) {
          group = true;
          name_next = true;
          *last = t;
          continue;
        }
        if (t.is(Kw::None)) {
          add_name(d, t);
          list = d.kind != LazyDecl::Type;
          *last = t;
          continue;
        }
      }
      if (list) {
        list = false;
        if (t.kind == Token::Comma) {
          name_next = true;
          *last = t;
          continue;
        }
      }
      if (t.kind == Token::Semi) {
        name_next = true;  // in the group: the next spec
        continue;          // not the end of the declaration's text
      }
      if (t.kind == Token::Open) {
        t = closing();
        if (t.kind == Token::End) return fail();
      } else if (t.kind == Token::Close) {
        if (!group) return fail();
        group = false;  // the group's ")": the declaration ends at the next ";"
      }
      *last = t;
    }
  }

  std::string_view src_;
  std::string_view text_;
  Scanner scan_;
  bool ok_ = true;
};

}  // namespace

bool index_decls(std::string_view src, std::vector<LazyDecl>* out, size_t* prefix_end) {
  std::string text(src);  // the scanner needs a NUL after the text
  // About one declaration per hundred bytes in the standard library: one
  // allocation instead of the vector's doublings.
  out->reserve(out->size() + src.size() / 100);
  Indexer ix(src, text);
  return ix.run(out, prefix_end);
}

}  // namespace mgo
