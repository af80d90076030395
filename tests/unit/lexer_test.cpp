// Lexer tests: tokens, Go's semicolon insertion, literals and lexical errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lang/lexer.h"

namespace mgo {
namespace {

struct Lexed {
  std::vector<Token> toks;
  std::vector<std::string> errors;  // "line:col: msg"
};

Lexed lex(const std::string& src) {
  Lexed r;
  static std::string keep;  // tokens point into the lexer's source
  keep = src;
  Lexer lx(keep, [&](Pos p, std::string m) {
    r.errors.push_back(std::to_string(p.line) + ":" + std::to_string(p.col) + ": " + m);
  });
  for (int i = 0; i < 10000; i++) {
    Token t = lx.next();
    if (t.tok == Tok::EOF_) break;
    r.toks.push_back(t);
  }
  return r;
}

// The tokens as text, automatic semicolons as ";nl" / ";eof".
std::string texts(const std::string& src) {
  std::string out;
  for (const Token& t : lex(src).toks) {
    if (!out.empty()) out += " ";
    if (t.tok == Tok::Semi && t.text == "newline") out += ";nl";
    else if (t.tok == Tok::Semi && t.text == "EOF") out += ";eof";
    else out += std::string(t.text);
  }
  return out;
}

std::string first_error(const std::string& src) {
  auto r = lex(src);
  return r.errors.empty() ? "" : r.errors[0];
}

TEST(Lexer, Operators) {
  EXPECT_EQ(texts("a &^= b &^ c <- d ... := ~ && || == != <= >= << >> ++ --"),
            "a &^= b &^ c <- d ... := ~ && || == != <= >= << >> ++ -- ;eof");
  auto r = lex("x += 1; y &^= 2");
  EXPECT_EQ(r.toks[1].tok, Tok::AssignOp);
  EXPECT_EQ(r.toks[1].op, Op::Add);
  EXPECT_EQ(r.toks[5].op, Op::AndNot);
}

TEST(Lexer, SemicolonInsertion) {
  EXPECT_EQ(texts("x\ny"), "x ;nl y ;eof");
  EXPECT_EQ(texts("return\nbreak\ncontinue\nfallthrough\n"), "return ;nl break ;nl continue ;nl fallthrough ;nl");
  EXPECT_EQ(texts("x++\ny--\n)\n]\n}\n"), "x ++ ;nl y -- ;nl ) ;nl ] ;nl } ;nl");
  EXPECT_EQ(texts("a +\nb"), "a + b ;eof");
  EXPECT_EQ(texts("f(a,\nb)"), "f ( a , b ) ;eof");
  EXPECT_EQ(texts("1\n2.5\n'a'\n\"s\"\n`r`\n3i\n"), "1 ;nl 2.5 ;nl 'a' ;nl \"s\" ;nl `r` ;nl 3i ;nl");
  EXPECT_EQ(texts("x // comment\ny"), "x ;nl y ;eof");
  EXPECT_EQ(texts("x /* one line */ y"), "x y ;eof");
  EXPECT_EQ(texts("x /* two\nlines */ y"), "x ;nl y ;eof");
  EXPECT_EQ(texts("if x {\n}"), "if x { } ;eof");
  EXPECT_EQ(texts("func\n"), "func");
}

TEST(Lexer, Positions) {
  auto r = lex("package main\n\tx := 1 // c\n");
  ASSERT_GE(r.toks.size(), 6u);
  EXPECT_EQ(r.toks[2].pos.line, 1);  // the newline semicolon
  EXPECT_EQ(r.toks[2].pos.col, 13);
  EXPECT_EQ(r.toks[3].pos.line, 2);
  EXPECT_EQ(r.toks[3].pos.col, 2);
  EXPECT_EQ(r.toks[4].pos.col, 4);
  EXPECT_EQ(r.toks[6].pos.col, 13);  // semicolon at the newline after the comment
}

TEST(Lexer, BodyToken) {
  auto r = lex("if x == (T{}) { y := T{} }");
  std::vector<Tok> kinds;
  for (auto& t : r.toks) if (t.tok == Tok::LBrace || t.tok == Tok::Body) kinds.push_back(t.tok);
  ASSERT_EQ(kinds.size(), 3u);
  EXPECT_EQ(kinds[0], Tok::LBrace);
  EXPECT_EQ(kinds[1], Tok::Body);
  EXPECT_EQ(kinds[2], Tok::LBrace);
}

TEST(Lexer, Numbers) {
  for (const char* ok : {"0", "42", "0x_1F", "0X1f", "0o17", "0O17", "017", "0b1010", "1_000_000",
                         "1.5", ".5", "1.", "1e10", "1E-3", "0x1p-2", "0x1.8p3", "1i", "0i", "1.5e3i",
                         "08.5", "0_17"}) {
    auto r = lex(ok);
    EXPECT_TRUE(r.errors.empty()) << ok << ": " << (r.errors.empty() ? "" : r.errors[0]);
    ASSERT_FALSE(r.toks.empty());
    EXPECT_EQ(r.toks[0].text, ok);
  }
  EXPECT_EQ(lex("1i").toks[0].tok, Tok::Imag);
  EXPECT_EQ(lex("1e3").toks[0].tok, Tok::Float);
  EXPECT_EQ(lex("0x10").toks[0].tok, Tok::Int);
}

TEST(Lexer, NumberErrors) {
  // Messages and columns as go 1.19 reports them.
  EXPECT_EQ(first_error("x := 0128"), "1:9: invalid digit '8' in octal literal");
  EXPECT_EQ(first_error("x := 1__2"), "1:8: '_' must separate successive digits");
  EXPECT_EQ(first_error("x := 0x"), "1:8: hexadecimal literal has no digits");
  EXPECT_EQ(first_error("x := 1e"), "1:8: exponent has no digits");
  EXPECT_EQ(first_error("x := 0b102"), "1:10: invalid digit '2' in binary literal");
  EXPECT_EQ(first_error("x := 1_"), "1:7: '_' must separate successive digits");
  EXPECT_EQ(first_error("x := 0x1.5"), "1:11: hexadecimal mantissa requires a 'p' exponent");
  EXPECT_EQ(first_error("x := 0o1.5"), "1:9: invalid radix point in octal literal");
  EXPECT_EQ(first_error("x := 0b1e1"), "1:9: 'e' exponent requires decimal mantissa");
  EXPECT_EQ(first_error("x := 1_000_"), "1:11: '_' must separate successive digits");
}

TEST(Lexer, Strings) {
  for (const char* ok : {R"("")", R"("abc")", R"("\a\b\f\n\r\t\v\\\"")", R"("\377\x41\u00e9\U0001F600")",
                         "`raw \\n`", "'a'", R"('\'')", R"('\x41')", R"('\u00e9')", R"('\U0001F600')",
                         "'é'", R"('\000')", R"('"')"}) {
    auto r = lex(ok);
    EXPECT_TRUE(r.errors.empty()) << ok << ": " << (r.errors.empty() ? "" : r.errors[0]);
    ASSERT_EQ(r.toks.size(), 2u) << ok;
    EXPECT_EQ(r.toks[0].text, ok);
  }
  auto r = lex("`a\nb`\nx");
  EXPECT_EQ(r.toks[0].text, "`a\nb`");
  EXPECT_EQ(r.toks[2].pos.line, 3);
}

TEST(Lexer, StringErrors) {
  EXPECT_EQ(first_error("s := \"abc\n"), "1:10: newline in string");
  EXPECT_EQ(first_error("s := \"abc"), "1:6: string not terminated");
  EXPECT_EQ(first_error("s := `abc"), "1:6: string not terminated");
  EXPECT_EQ(first_error("r := 'ab'"), "1:6: more than one character in rune literal");
  EXPECT_EQ(first_error("r := ''"), "1:7: empty rune literal or unescaped '");
  EXPECT_EQ(first_error("r := 'a"), "1:6: rune literal not terminated");
  EXPECT_EQ(first_error("r := 'a\n"), "1:8: newline in rune literal");
  EXPECT_EQ(first_error("s := \"\\q\""), "1:8: unknown escape");
  EXPECT_EQ(first_error("r := '\\400'"), "1:11: octal escape value 256 > 255");
  EXPECT_EQ(first_error("s := \"\\xZZ\""), "1:9: invalid character 'Z' in hexadecimal escape");
  EXPECT_EQ(first_error("s := \"\\uD800\""), "1:13: escape is invalid Unicode code point U+D800");
  EXPECT_EQ(first_error("r := '\\u12'"), "1:11: invalid character '\\'' in hexadecimal escape");
}

TEST(Lexer, CharacterErrors) {
  EXPECT_EQ(first_error("x := 1 @ 2"), "1:8: invalid character U+0040 '@'");
  EXPECT_EQ(first_error("x := \xff"), "1:6: invalid UTF-8 encoding");
  EXPECT_EQ(first_error(std::string("x := \"a\" + \x00 y", 14)), "1:12: invalid NUL character");
  EXPECT_EQ(first_error("/* abc"), "1:1: comment not terminated");
  EXPECT_EQ(first_error("\xd9\xa1 := 2"), "1:1: identifier cannot begin with digit U+0661 '\xd9\xa1'");
  auto r = lex("x := 1 @ 2");
  EXPECT_EQ(r.toks.size(), 5u);  // the bad character is skipped
}

TEST(Lexer, UnicodeNames) {
  auto r = lex("héllo := 世界 + _x9");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.toks[0].tok, Tok::Name);
  EXPECT_EQ(r.toks[0].text, "héllo");
  EXPECT_EQ(r.toks[2].text, "世界");
  EXPECT_EQ(r.toks[4].text, "_x9");
}

TEST(Lexer, ShebangAndBOM) {
  EXPECT_EQ(texts("#!/usr/bin/env mgo run\npackage main"), "package main ;eof");
  EXPECT_EQ(texts("\xEF\xBB\xBFpackage main"), "package main ;eof");
}

TEST(Lexer, TokenDescription) {
  auto r = lex("x 42 \"s\" += ;\n");
  EXPECT_EQ(token_description(r.toks[0]), "name x");
  EXPECT_EQ(token_description(r.toks[1]), "literal 42");
  EXPECT_EQ(token_description(r.toks[2]), "literal \"s\"");
  EXPECT_EQ(token_description(r.toks[3]), "+=");
  EXPECT_EQ(token_description(r.toks[4]), "semicolon");
}

}  // namespace
}  // namespace mgo
