// Package fmt implements formatted I/O with functions analogous to C's
// printf and scanf. The formatting engine is native (stdlib/fmt_print.cpp,
// a rendering of Go's print.go and format.go); scanning is
// stdlib/fmt_scan.cpp.
package fmt

import (
	"errors"
	"io"
	"os"
)

// Stringer is implemented by any value that has a String method, which
// defines the "native" format for that value.
type Stringer interface {
	String() string
}

// GoStringer is implemented by any value that has a GoString method, which
// defines the Go syntax for that value (%#v).
type GoStringer interface {
	GoString() string
}

func Sprintf(format string, a ...any) string
func Sprint(a ...any) string
func Sprintln(a ...any) string
func Printf(format string, a ...any) (n int, err error)
func Print(a ...any) (n int, err error)
func Println(a ...any) (n int, err error)

// Fprintf formats according to a format specifier and writes to w.
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return io.WriteString(w, Sprintf(format, a...))
}

// Fprint formats using the default formats for its operands and writes to w.
func Fprint(w io.Writer, a ...any) (n int, err error) {
	return io.WriteString(w, Sprint(a...))
}

// Fprintln formats using the default formats for its operands and writes to
// w, always adding spaces between operands and a newline.
func Fprintln(w io.Writer, a ...any) (n int, err error) {
	return io.WriteString(w, Sprintln(a...))
}

// Appendf formats according to a format specifier and appends to b.
func Appendf(b []byte, format string, a ...any) []byte {
	return append(b, Sprintf(format, a...)...)
}

// Append formats using the default formats for its operands and appends to b.
func Append(b []byte, a ...any) []byte {
	return append(b, Sprint(a...)...)
}

// Appendln is Append with Println's spacing and a final newline.
func Appendln(b []byte, a ...any) []byte {
	return append(b, Sprintln(a...)...)
}

func errorf(format string, a []any) (string, []int)

// Errorf formats according to a format specifier and returns the string as
// a value that satisfies error. An operand of %w is wrapped: the result has
// an Unwrap method returning it (or, for several %w, Unwrap() []error).
func Errorf(format string, a ...any) error {
	s, wrapped := errorf(format, a)
	switch len(wrapped) {
	case 0:
		return errors.New(s)
	case 1:
		w := &wrapError{msg: s}
		w.err, _ = a[wrapped[0]].(error)
		return w
	}
	var errs []error
	for _, argNum := range wrapped {
		if e, ok := a[argNum].(error); ok {
			errs = append(errs, e)
		}
	}
	return &wrapErrors{s, errs}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }

func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string { return e.msg }

func (e *wrapErrors) Unwrap() []error { return e.errs }

// ---------------------------------------------------------------- scanning

// scanString scans s into the operands (Sscan when nlIsSpace, else Sscanln);
// it returns the count scanned, the bytes consumed, and an error text ("" if
// none; "EOF" and "unexpected EOF" map to io's errors).
func scanString(s string, a []any, nlIsSpace bool) (int, int, string)

// scanfString is Sscanf's engine.
func scanfString(s string, format string, a []any) (int, int, string)

func scanError(msg string) error {
	switch msg {
	case "":
		return nil
	case "EOF":
		return io.EOF
	case "unexpected EOF":
		return io.ErrUnexpectedEOF
	}
	return errors.New(msg)
}

// Sscan scans the argument string, storing successive space-separated values
// into successive arguments. Newlines count as space.
func Sscan(str string, a ...any) (n int, err error) {
	n, _, msg := scanString(str, a, true)
	return n, scanError(msg)
}

// Sscanln is similar to Sscan, but stops scanning at a newline.
func Sscanln(str string, a ...any) (n int, err error) {
	n, _, msg := scanString(str, a, false)
	return n, scanError(msg)
}

// Sscanf scans the argument string, storing successive space-separated
// values into successive arguments as determined by the format.
func Sscanf(str string, format string, a ...any) (n int, err error) {
	n, _, msg := scanfString(str, format, a)
	return n, scanError(msg)
}

// Reading from an io.Reader goes one byte at a time, as Go's fmt does for
// readers without UnreadRune, so no input past the last operand is consumed.

type readRuner struct {
	r       io.Reader
	buf     []byte
	pending int // a byte read ahead and pushed back, or -1
}

func (rr *readRuner) readByte() (byte, bool) {
	if rr.pending >= 0 {
		b := byte(rr.pending)
		rr.pending = -1
		return b, true
	}
	for {
		n, err := rr.r.Read(rr.buf)
		if n > 0 {
			return rr.buf[0], true
		}
		if err != nil {
			return 0, false
		}
	}
}

func isSpaceByte(b byte, nlIsSpace bool) bool {
	if b == '\n' {
		return nlIsSpace
	}
	return b == ' ' || b == '\t' || b == '\r' || b == '\v' || b == '\f'
}

// readTokens reads the text of up to n space-separated tokens (through the
// end of the line for Scanln) and returns it for scanString.
func readTokens(r io.Reader, n int, nlIsSpace bool) string {
	rr := &readRuner{r: r, buf: make([]byte, 1), pending: -1}
	var text []byte
	for i := 0; i < n; i++ {
		b, ok := rr.readByte()
		for ok && isSpaceByte(b, nlIsSpace) {
			text = append(text, b)
			b, ok = rr.readByte()
		}
		if !ok {
			return string(text)
		}
		if b == '\n' {
			return string(append(text, b))
		}
		for ok && !isSpaceByte(b, true) {
			text = append(text, b)
			b, ok = rr.readByte()
		}
		if !ok {
			return string(text)
		}
		if b == '\n' && !nlIsSpace {
			return string(append(text, b))
		}
		if i == n-1 && nlIsSpace {
			return string(text)
		}
		text = append(text, b)
	}
	if !nlIsSpace {
		// Scanln consumes the rest of the line, which must be empty.
		for {
			b, ok := rr.readByte()
			if !ok {
				break
			}
			text = append(text, b)
			if b == '\n' {
				break
			}
		}
	}
	return string(text)
}

// Fscan scans text read from r, storing successive space-separated values
// into successive arguments. Newlines count as space.
func Fscan(r io.Reader, a ...any) (n int, err error) {
	n, _, msg := scanString(readTokens(r, len(a), true), a, true)
	return n, scanError(msg)
}

// Fscanln is similar to Fscan, but stops scanning at a newline.
func Fscanln(r io.Reader, a ...any) (n int, err error) {
	n, _, msg := scanString(readTokens(r, len(a), false), a, false)
	return n, scanError(msg)
}

// Scan scans text read from standard input.
func Scan(a ...any) (n int, err error) {
	return Fscan(os.Stdin, a...)
}

// Scanln is similar to Scan, but stops scanning at a newline.
func Scanln(a ...any) (n int, err error) {
	return Fscanln(os.Stdin, a...)
}

// Fscanf scans text read from r as determined by the format; mgo reads the
// rest of the current line and scans it.
func Fscanf(r io.Reader, format string, a ...any) (n int, err error) {
	rr := &readRuner{r: r, buf: make([]byte, 1), pending: -1}
	var line []byte
	for {
		b, ok := rr.readByte()
		if !ok {
			break
		}
		line = append(line, b)
		if b == '\n' {
			break
		}
	}
	if len(line) == 0 && len(a) > 0 {
		return 0, io.EOF
	}
	n, _, msg := scanfString(string(line), format, a)
	return n, scanError(msg)
}

// Scanf scans text read from standard input as determined by the format.
func Scanf(format string, a ...any) (n int, err error) {
	return Fscanf(os.Stdin, format, a...)
}
