// Package utf8 implements functions and constants to support text encoded
// in UTF-8 (natives in stdlib/unicode.cpp).
package utf8

const (
	RuneError = '\uFFFD'     // the "error" Rune or "Unicode replacement character"
	RuneSelf  = 0x80         // characters below RuneSelf are represented as themselves in a single byte.
	MaxRune   = '\U0010FFFF' // Maximum valid Unicode code point.
	UTFMax    = 4            // maximum number of bytes of a UTF-8 encoded Unicode character.
)

func RuneLen(r rune) int
func RuneCountInString(s string) int
func RuneCount(p []byte) int
func ValidString(s string) bool
func Valid(p []byte) bool
func DecodeRuneInString(s string) (rune, int)
func DecodeRune(p []byte) (rune, int)
func DecodeLastRuneInString(s string) (rune, int)
func DecodeLastRune(p []byte) (rune, int)
func EncodeRune(p []byte, r rune) int
func FullRuneInString(s string) bool

func encodeRune(r rune) string

// AppendRune appends the UTF-8 encoding of r to the end of p.
func AppendRune(p []byte, r rune) []byte {
	return append(p, encodeRune(r)...)
}

// FullRune reports whether the bytes in p begin with a full UTF-8 encoding
// of a rune.
func FullRune(p []byte) bool {
	return FullRuneInString(string(p))
}

// ValidRune reports whether r can be legally encoded as UTF-8.
func ValidRune(r rune) bool {
	switch {
	case 0 <= r && r < 0xD800:
		return true
	case 0xDFFF < r && r <= MaxRune:
		return true
	}
	return false
}

// RuneStart reports whether the byte could be the first byte of an encoded,
// possibly invalid rune.
func RuneStart(b byte) bool { return b&0xC0 != 0x80 }
