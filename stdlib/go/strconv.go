// Package strconv converts between strings and numbers, bools and quoted
// strings. Parsing and formatting run natively (stdlib/strconv.cpp); this
// file maps their status codes onto Go's *NumError values.
package strconv

import "errors"

// IntSize is the size in bits of an int or uint value.
const IntSize = 64

// ErrRange indicates that a value is out of range for the target type.
var ErrRange = errors.New("value out of range")

// ErrSyntax indicates that a value does not have the right syntax.
var ErrSyntax = errors.New("invalid syntax")

// A NumError records a failed conversion.
type NumError struct {
	Func string // the failing function (ParseBool, ParseInt, ParseUint, ParseFloat, Atoi)
	Num  string // the input
	Err  error  // the reason the conversion failed (e.g. ErrRange, ErrSyntax, etc.)
}

func (e *NumError) Error() string {
	return "strconv." + e.Func + ": " + "parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

func (e *NumError) Unwrap() error { return e.Err }

// Status codes of the native parsers (stdlib/strconv.h ParseStatus).
const (
	statusOK         = 0
	statusSyntax     = 1
	statusRange      = 2
	statusBadBase    = 3
	statusBadBitSize = 4
)

func numError(fn, s string, status, base, bitSize int) error {
	var err error
	switch status {
	case statusSyntax:
		err = ErrSyntax
	case statusRange:
		err = ErrRange
	case statusBadBase:
		err = errors.New("invalid base " + Itoa(base))
	default:
		err = errors.New("invalid bit size " + Itoa(bitSize))
	}
	return &NumError{Func: fn, Num: s, Err: err}
}

func parseInt(s string, base int, bitSize int) (int64, int)
func parseUint(s string, base int, bitSize int) (uint64, int)
func parseFloat(s string, bitSize int) (float64, int)
func unquote(s string) (string, bool)

// ParseInt interprets s in the given base (0, 2 to 36) and bit size.
func ParseInt(s string, base int, bitSize int) (int64, error) {
	v, status := parseInt(s, base, bitSize)
	if status != statusOK {
		return v, numError("ParseInt", s, status, base, bitSize)
	}
	return v, nil
}

// ParseUint is like ParseInt but for unsigned numbers.
func ParseUint(s string, base int, bitSize int) (uint64, error) {
	v, status := parseUint(s, base, bitSize)
	if status != statusOK {
		return v, numError("ParseUint", s, status, base, bitSize)
	}
	return v, nil
}

// Atoi is equivalent to ParseInt(s, 10, 0), converted to type int.
func Atoi(s string) (int, error) {
	v, status := parseInt(s, 10, 0)
	if status != statusOK {
		return int(v), numError("Atoi", s, status, 10, 0)
	}
	return int(v), nil
}

// ParseFloat converts s to a floating-point number of bitSize 32 or 64.
func ParseFloat(s string, bitSize int) (float64, error) {
	v, status := parseFloat(s, bitSize)
	if status != statusOK {
		return v, numError("ParseFloat", s, status, 10, bitSize)
	}
	return v, nil
}

// ParseBool returns the boolean value represented by the string.
func ParseBool(str string) (bool, error) {
	switch str {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, &NumError{Func: "ParseBool", Num: str, Err: ErrSyntax}
}

// FormatBool returns "true" or "false" according to the value of b.
func FormatBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func Itoa(i int) string
func FormatInt(i int64, base int) string
func FormatUint(i uint64, base int) string
func FormatFloat(f float64, fmt byte, prec, bitSize int) string
func Quote(s string) string
func QuoteToASCII(s string) string
func QuoteToGraphic(s string) string
func QuoteRune(r rune) string
func QuoteRuneToASCII(r rune) string
func CanBackquote(s string) bool
func IsPrint(r rune) bool

// Unquote interprets s as a single-quoted, double-quoted, or backquoted Go
// string literal, returning the string value that s quotes.
func Unquote(s string) (string, error) {
	t, ok := unquote(s)
	if !ok {
		return "", ErrSyntax
	}
	return t, nil
}

// AppendInt appends the string form of the integer i to dst.
func AppendInt(dst []byte, i int64, base int) []byte {
	return append(dst, FormatInt(i, base)...)
}

// AppendQuote appends a double-quoted Go string literal representing s to dst.
func AppendQuote(dst []byte, s string) []byte {
	return append(dst, Quote(s)...)
}

// AppendFloat appends the string form of the floating-point number f to dst.
func AppendFloat(dst []byte, f float64, fmt byte, prec, bitSize int) []byte {
	return append(dst, FormatFloat(f, fmt, prec, bitSize)...)
}
