// Package errors implements functions to manipulate errors.
package errors

// New returns an error that formats as the given text. Each call to New
// returns a distinct error value even if the text is identical.
func New(text string) error {
	return &errorString{text}
}

type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

type wrapper interface {
	Unwrap() error
}

type multiWrapper interface {
	Unwrap() []error
}

type iser interface {
	Is(error) bool
}

type aser interface {
	As(any) bool
}

// Unwrap returns the result of calling the Unwrap method on err, if err's
// type contains an Unwrap method returning error. Otherwise, Unwrap returns nil.
func Unwrap(err error) error {
	u, ok := err.(wrapper)
	if !ok {
		return nil
	}
	return u.Unwrap()
}

// isComparable reports whether values of v's dynamic type may be compared
// with == (comparing others panics).
func isComparable(v error) bool

// Is reports whether any error in err's tree matches target.
func Is(err, target error) bool {
	if target == nil {
		return err == target
	}
	return is(err, target, isComparable(target))
}

func is(err, target error, targetComparable bool) bool {
	for {
		if targetComparable && isComparable(err) && err == target {
			return true
		}
		if x, ok := err.(iser); ok && x.Is(target) {
			return true
		}
		if u, ok := err.(wrapper); ok {
			err = u.Unwrap()
			if err == nil {
				return false
			}
			continue
		}
		if m, ok := err.(multiWrapper); ok {
			for _, e := range m.Unwrap() {
				if e != nil && is(e, target, targetComparable) {
					return true
				}
			}
		}
		return false
	}
}

// checkAsTarget panics as Go does when target is not a non-nil pointer to
// an interface type or to a type implementing error.
func checkAsTarget(target any)

// asAssign stores err in *target and reports true when err's dynamic type
// is assignable to target's element type.
func asAssign(err error, target any) bool

// As finds the first error in err's tree that matches target, and if one is
// found, sets target to that error value and returns true.
func As(err error, target any) bool {
	if err == nil {
		return false
	}
	checkAsTarget(target)
	return as(err, target)
}

func as(err error, target any) bool {
	for {
		if asAssign(err, target) {
			return true
		}
		if x, ok := err.(aser); ok && x.As(target) {
			return true
		}
		if u, ok := err.(wrapper); ok {
			err = u.Unwrap()
			if err == nil {
				return false
			}
			continue
		}
		if m, ok := err.(multiWrapper); ok {
			for _, e := range m.Unwrap() {
				if e != nil && as(e, target) {
					return true
				}
			}
		}
		return false
	}
}

// Join returns an error that wraps the given errors, discarding nils.
func Join(errs ...error) error {
	n := 0
	for _, err := range errs {
		if err != nil {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	e := &joinError{errs: make([]error, 0, n)}
	for _, err := range errs {
		if err != nil {
			e.errs = append(e.errs, err)
		}
	}
	return e
}

type joinError struct {
	errs []error
}

func (e *joinError) Error() string {
	s := ""
	for i, err := range e.errs {
		if i > 0 {
			s += "\n"
		}
		s += err.Error()
	}
	return s
}

func (e *joinError) Unwrap() []error {
	return e.errs
}
