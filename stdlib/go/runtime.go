// Package runtime: the parts of Go's package runtime mgo programs can see.
// The VM instantiates the error types below for runtime panics (vm/support.cpp
// finds them by name), as Go's runtime does.
package runtime

// The Error interface identifies a run time error.
type Error interface {
	error
	// RuntimeError is a no-op function but
	// serves to distinguish types that are run time
	// errors from ordinary errors: a type is a
	// run time error if it has a RuntimeError method.
	RuntimeError()
}

// An errorString represents a runtime error described by a single string.
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// A plainError is a runtime error without the "runtime error: " prefix
// ("assignment to entry in nil map").
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// A textError is an error raised by the runtime on behalf of a package that
// is not a runtime.Error.
type textError string

func (e textError) Error() string {
	return string(e)
}

// A TypeAssertionError explains a failed type assertion.
type TypeAssertionError struct {
	msg string
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string {
	return e.msg
}

// A PanicNilError happens when code calls panic(nil).
type PanicNilError struct {
	_ [0]int
}

func (*PanicNilError) Error() string { return "panic called with nil argument" }

func (*PanicNilError) RuntimeError() {}

// Gosched yields the processor, allowing other goroutines to run. It does
// not suspend the current goroutine, so execution resumes automatically.
func Gosched()

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int

// NumCPU returns the number of logical CPUs usable by the current process.
func NumCPU() int

// GOMAXPROCS sets the number of Ps (goroutines running at once) and returns
// the previous setting; n < 1 only reports it. It starts as the GOMAXPROCS
// environment variable, else the number of CPUs.
func GOMAXPROCS(n int) int

// Goexit runs all deferred calls of the calling goroutine and then ends it.
// No other goroutine is affected; recover returns nil while it unwinds.
func Goexit()

// GC runs a garbage collection (mgo has no collector yet: nothing to do).
func GC() {}
