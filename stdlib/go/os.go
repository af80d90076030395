// Package os provides a platform-independent interface to operating system
// functionality: the standard files, arguments, environment, exit, and
// whole-file reads and writes.
package os

import (
	"errors"
	"io"
)

// Errors matching the failures of file operations (errors.Is).
var (
	ErrNotExist   = errors.New("file does not exist")
	ErrExist      = errors.New("file already exists")
	ErrPermission = errors.New("permission denied")
)

// A FileMode represents a file's mode and permission bits.
type FileMode uint32

// File is an open file descriptor.
type File struct {
	fd   int
	name string
}

var (
	Stdin  = newFile(0, "/dev/stdin")
	Stdout = newFile(1, "/dev/stdout")
	Stderr = newFile(2, "/dev/stderr")
)

// newFile returns a new File with the given file descriptor and name.
func newFile(fd uintptr, name string) *File {
	f := &File{int(fd), name}
	setFinalizer(f)
	return f
}

// setFinalizer is where Go sets the finalizer that closes a lost File:
// the first one starts Go's finalizer goroutine (runtime.createfing).
func setFinalizer(f *File)

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtimeArgs()

func runtimeArgs() []string

// Name returns the name of the file.
func (f *File) Name() string { return f.name }

// Fd returns the file's descriptor.
func (f *File) Fd() uintptr { return uintptr(f.fd) }

func writeFD(fd int, b []byte) (int, int)
func writeStringFD(fd int, s string) (int, int)
func readFD(fd int, b []byte) (int, int)
func errnoString(errno int) string

// Write writes len(b) bytes from b to the File.
func (f *File) Write(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	n, errno := writeFD(f.fd, b)
	if errno != 0 {
		return n, &PathError{Op: "write", Path: f.name, Err: syscallError(errno)}
	}
	return n, nil
}

// WriteString is like Write, but writes the contents of string s.
func (f *File) WriteString(s string) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	n, errno := writeStringFD(f.fd, s)
	if errno != 0 {
		return n, &PathError{Op: "write", Path: f.name, Err: syscallError(errno)}
	}
	return n, nil
}

// Read reads up to len(b) bytes from the File; at end of file it returns
// 0, io.EOF.
func (f *File) Read(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, errno := readFD(f.fd, b)
	if errno != 0 {
		return n, &PathError{Op: "read", Path: f.name, Err: syscallError(errno)}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Close is accepted on the standard files and does nothing.
func (f *File) Close() error {
	if f == nil {
		return ErrInvalid
	}
	return nil
}

// ErrInvalid indicates an invalid argument.
var ErrInvalid = errors.New("invalid argument")

// PathError records an error and the operation and file path that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// Errno is a system error number; it matches ErrNotExist and friends with
// errors.Is as Go's syscall.Errno does.
type Errno int

func (e Errno) Error() string { return errnoString(int(e)) }

func (e Errno) Is(target error) bool {
	switch target {
	case ErrPermission:
		return e == 1 || e == 13 // EPERM, EACCES
	case ErrExist:
		return e == 17 || e == 39 // EEXIST, ENOTEMPTY
	case ErrNotExist:
		return e == 2 // ENOENT
	}
	return false
}

func syscallError(errno int) error { return Errno(errno) }

// IsNotExist reports whether err says a file does not exist.
func IsNotExist(err error) bool { return errors.Is(err, ErrNotExist) }

// IsExist reports whether err says a file already exists.
func IsExist(err error) bool { return errors.Is(err, ErrExist) }

func readFile(name string) ([]byte, int)
func writeFile(name string, data []byte, perm uint32) int

// ReadFile reads the named file and returns its contents.
func ReadFile(name string) ([]byte, error) {
	data, errno := readFile(name)
	if errno != 0 {
		return nil, &PathError{Op: "open", Path: name, Err: syscallError(errno)}
	}
	return data, nil
}

// WriteFile writes data to the named file, creating it if necessary with
// permissions perm, and truncating it otherwise.
func WriteFile(name string, data []byte, perm FileMode) error {
	errno := writeFile(name, data, uint32(perm))
	if errno != 0 {
		return &PathError{Op: "open", Path: name, Err: syscallError(errno)}
	}
	return nil
}

func unlink(name string) int
func rmdir(name string) int
func mkdir(name string, perm uint32) int
func chdir(name string) int

// ENOTDIR, which Remove's rmdir gives for a file that unlink could not
// remove.
const errnoENOTDIR = 20

// Remove removes the named file or (empty) directory.
func Remove(name string) error {
	// System call interface forces us to know whether name is a file or
	// directory. Try both: it is cheaper on average than doing a Stat plus
	// the right one.
	e := unlink(name)
	if e == 0 {
		return nil
	}
	e1 := rmdir(name)
	if e1 == 0 {
		return nil
	}
	// Both failed: figure out which error to return. rmdir gives ENOTDIR
	// for a file, and then unlink's error is the interesting one.
	if e1 != errnoENOTDIR {
		e = e1
	}
	return &PathError{Op: "remove", Path: name, Err: syscallError(e)}
}

// Mkdir creates a new directory with the specified name and permission bits
// (before umask).
func Mkdir(name string, perm FileMode) error {
	if e := mkdir(name, uint32(perm)); e != 0 {
		return &PathError{Op: "mkdir", Path: name, Err: syscallError(e)}
	}
	return nil
}

// Chdir changes the current working directory to the named directory.
func Chdir(dir string) error {
	if e := chdir(dir); e != 0 {
		return &PathError{Op: "chdir", Path: dir, Err: syscallError(e)}
	}
	return nil
}

// Getwd returns a rooted path name corresponding to the current directory
// ($PWD when that names the current directory, as in Go).
func Getwd() (dir string, err error) {
	dir, e := getwd()
	if e != 0 {
		return "", &PathError{Op: "getwd", Path: "", Err: syscallError(e)}
	}
	return dir, nil
}

func getwd() (string, int)

// TempDir returns the default directory to use for temporary files: $TMPDIR
// if non-empty, else /tmp.
func TempDir() string {
	dir := Getenv("TMPDIR")
	if dir == "" {
		dir = "/tmp"
	}
	return dir
}

// Exit causes the current program to exit with the given status code
// immediately; deferred functions are not run.
func Exit(code int)

// Getenv retrieves the value of the environment variable named by the key;
// empty if it is not present.
func Getenv(key string) string

// LookupEnv retrieves the value of the environment variable named by the key
// and whether it is present.
func LookupEnv(key string) (string, bool)

// Setenv sets the value of the environment variable named by the key.
func Setenv(key, value string) error {
	setenv(key, value)
	return nil
}

func setenv(key, value string)

// Unsetenv unsets a single environment variable.
func Unsetenv(key string) error {
	unsetenv(key)
	return nil
}

func unsetenv(key string)

// Environ returns a copy of strings representing the environment, in the
// form "key=value".
func Environ() []string

// Getpid returns the process id of the caller.
func Getpid() int

// Hostname returns the host name reported by the kernel.
func Hostname() (name string, err error) {
	return hostname(), nil
}

func hostname() string
