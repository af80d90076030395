// Rune classification and case mapping tables (generated from Go's unicode
// package by stdlib/tools/gen_unicode_tables.go), and the lookups over them.
#pragma once

#include <cstdint>

namespace mgo::stdlib::unicode_tables {

struct RuneRange {
  int32_t lo, hi;  // inclusive
};

struct RangeTable {
  const RuneRange* ranges;  // sorted, disjoint
  int n;
};

// Go's unicode.CaseRange: Delta is added for UpperCase, LowerCase, TitleCase;
// a delta of kUpperLower means the range alternates Upper, Lower, Upper, ...
struct CaseRange {
  int32_t lo, hi;
  int32_t delta[3];
};
constexpr int32_t kUpperLower = 0x10FFFF + 1;
enum CaseKind { kUpperCase = 0, kLowerCase = 1, kTitleCase = 2 };

// Go's unicode.Range16 / Range32 / RangeTable, for the exported tables
// (unicode.Greek, unicode.L, ...) that Go programs pass to unicode.Is.
struct Range16 {
  uint16_t lo, hi, stride;
};
struct Range32 {
  uint32_t lo, hi, stride;
};
struct GoRangeTable {
  const Range16* r16;
  int n16;
  const Range32* r32;
  int n32;
  int latin_offset;
};
// Indexed by the ids stdlib/go/unicode.go passes to newTable.
extern const GoRangeTable* const GoTables;
extern const int NumGoTables;

// A rune whose unicode.SimpleFold is `to` rather than the default
// (ToLower(r) if different, else ToUpper(r)); sorted by from.
struct FoldPair {
  int32_t from, to;
};
extern const FoldPair* const FoldOrbit;
extern const int NumFoldOrbit;

extern const RangeTable Letter, Digit, Number, Space, Upper, Lower, Title, Punct, Control,
    Print, Graphic, Mark, Symbol;
extern const CaseRange* const CaseRanges;
extern const int NumCaseRanges;

// Whether r lies in one of t's ranges (binary search).
bool in_table(const RangeTable& t, int32_t r);
// Go's unicode.To(kind, r).
int32_t to_case(CaseKind kind, int32_t r);
// Go's unicode.SimpleFold(r): the next rune of r's case-folding orbit.
int32_t simple_fold(int32_t r);

}  // namespace mgo::stdlib::unicode_tables
