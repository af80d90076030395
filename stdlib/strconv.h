// Go's strconv number formatting, parsing and quoting, for the natives of
// strconv and for fmt's formatting engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mgo::stdlib {

// strconv.FormatFloat(v, fmt, prec, bitSize): fmt is one of b e E f g G x X;
// prec -1 is the shortest representation that round-trips at bitSize.
std::string format_float(double v, char fmt, int prec, int bit_size);
// strconv.FormatInt / FormatUint in base 2..36.
std::string format_int(int64_t v, int base);
std::string format_uint(uint64_t v, int base);

// strconv.Quote, QuoteToASCII and QuoteToGraphic (quote is '"' or '\'').
std::string quote_with(std::string_view s, char quote, bool ascii_only, bool graphic_only);
std::string quote(std::string_view s);
std::string quote_rune(int32_t r, bool ascii_only);
bool can_backquote(std::string_view s);
// strconv.Unquote: false on invalid syntax.
bool unquote(std::string_view s, std::string* out);

// Parse results: what went wrong, mapped to *NumError by strconv.go.
enum class ParseStatus : int64_t { Ok = 0, Syntax = 1, Range = 2, BadBase = 3, BadBitSize = 4 };
ParseStatus parse_int(std::string_view s, int base, int bit_size, int64_t* out);
ParseStatus parse_uint(std::string_view s, int base, int bit_size, uint64_t* out);
ParseStatus parse_float(std::string_view s, int bit_size, double* out);
// ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
bool parse_bool(std::string_view s, bool* out);

}  // namespace mgo::stdlib
