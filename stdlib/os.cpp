// os: standard files, arguments, environment, exit, whole-file I/O and
// the path operations (remove, mkdir, chdir, getwd).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runtime/proc.h"
#include "stdlib/natives.h"

extern char** environ;

namespace mgo::vm {
// The VM's exit (vm/api.h, added by the VM engineer): flushes stdout and
// exits with `code` without running deferred calls. Declared here too so
// os.Exit has one definition to bind to.
[[noreturn]] void exit_program(int code);
}  // namespace mgo::vm

namespace mgo::stdlib {

namespace {

// Writes all of b to fd; returns the count written and an errno (0 if none).
std::pair<int64_t, int> write_all(int64_t fd, std::string_view b) {
  if (fd == 1) { vm::write_stdout(b); return {int64_t(b.size()), 0}; }
  if (fd == 2) { vm::write_stderr(b); return {int64_t(b.size()), 0}; }
  size_t done = 0;
  while (done < b.size()) {
    ssize_t n = ::write(int(fd), b.data() + done, b.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {int64_t(done), errno};
    }
    done += size_t(n);
  }
  return {int64_t(done), 0};
}

// func writeFD(fd int, b []byte) (int, int)
void writeFD(Thread&, Slot* a) {
  auto [n, err] = write_all(arg_int(a[0]), byte_slice_bytes(a[1]));
  a[0] = from_int(n);
  a[1] = from_int(err);
}

// func writeStringFD(fd int, s string) (int, int)
void writeStringFD(Thread&, Slot* a) {
  auto [n, err] = write_all(arg_int(a[0]), arg_str(a[1]));
  a[0] = from_int(n);
  a[1] = from_int(err);
}

// func readFD(fd int, b []byte) (int, int): a short read as read(2) gives.
void readFD(Thread&, Slot* a) {
  int64_t fd = arg_int(a[0]);
  auto* b = vm::as_ptr<vm::Slice>(a[1]);
  if (fd == 0) vm::flush_stdout();  // interactive programs see their prompt
  std::string buf(size_t(std::min<int64_t>(b ? b->len : 0, 1 << 20)), '\0');
  // A read may block (a terminal, a pipe): the P goes to other goroutines
  // meanwhile (Go's entersyscall/exitsyscall).
  ssize_t n;
  int err = 0;
  rt::entersyscall();
  do {
    n = ::read(int(fd), buf.data(), buf.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) err = errno;
  rt::exitsyscall();
  if (n < 0) {
    a[0] = 0;
    a[1] = from_int(err);
    return;
  }
  for (ssize_t i = 0; i < n; i++) b->data[i] = static_cast<unsigned char>(buf[size_t(i)]);
  a[0] = from_int(n);
  a[1] = 0;
}

// func errnoString(errno int) string: Go's syscall texts are strerror's,
// starting in lower case.
void errnoString(Thread&, Slot* a) {
  std::string s = std::strerror(int(arg_int(a[0])));
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  a[0] = vm::make_string(s);
}

// func readFile(name string) ([]byte, int)
void readFile(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    a[0] = 0;
    a[1] = from_int(errno);
    return;
  }
  std::string data;
  std::vector<char> buf(65536);  // not on the goroutine's small native stack
  int err = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    data.append(buf.data(), size_t(n));
  }
  ::close(fd);
  a[0] = err ? 0 : new_byte_slice(data);
  a[1] = from_int(err);
}

// func writeFile(name string, data []byte, perm uint32) int
void writeFile(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(a[2] & 07777));
  if (fd < 0) {
    a[0] = from_int(errno);
    return;
  }
  auto [n, err] = write_all(fd, byte_slice_bytes(a[1]));
  (void)n;
  ::close(fd);
  a[0] = from_int(err);
}

// The path natives return an errno, 0 on success; EINTR is retried as Go's
// ignoringEINTR does.
template <typename Call>
int errno_of(Call call) {
  int r;
  do {
    r = call();
  } while (r < 0 && errno == EINTR);
  return r < 0 ? errno : 0;
}

// func unlink(name string) int
void unlink_native(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  a[0] = from_int(errno_of([&] { return ::unlink(name.c_str()); }));
}

// func rmdir(name string) int
void rmdir_native(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  a[0] = from_int(errno_of([&] { return ::rmdir(name.c_str()); }));
}

// func mkdir(name string, perm uint32) int
void mkdir_native(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  auto perm = mode_t(a[1] & 0777);
  a[0] = from_int(errno_of([&] { return ::mkdir(name.c_str(), perm); }));
}

// func chdir(name string) int
void chdir_native(Thread&, Slot* a) {
  std::string name(arg_str(a[0]));
  a[0] = from_int(errno_of([&] { return ::chdir(name.c_str()); }));
}

bool same_file(const char* x, const char* y) {
  struct stat sx, sy;
  return ::stat(x, &sx) == 0 && ::stat(y, &sy) == 0 && sx.st_dev == sy.st_dev &&
         sx.st_ino == sy.st_ino;
}

// func getwd() (string, int): $PWD if it is an absolute name of ".", as Go
// prefers it (it keeps the symbolic links the shell followed), else getcwd.
void getwd_native(Thread&, Slot* a) {
  const char* pwd = std::getenv("PWD");
  if (pwd && pwd[0] == '/' && same_file(pwd, ".")) {
    a[0] = vm::make_string(pwd);
    a[1] = 0;
    return;
  }
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) {
    a[0] = 0;
    a[1] = from_int(errno);
    return;
  }
  a[0] = vm::make_string(buf.c_str());
  a[1] = 0;
}

void runtimeArgs(Thread&, Slot* a) { a[0] = new_string_slice(vm::program_args()); }

// mgo closes no lost File (there is no collector yet); what stays of Go's
// SetFinalizer is the finalizer goroutine's goid (rt::createfing).
void setFinalizer(Thread&, Slot*) { rt::createfing(); }

void Exit(Thread&, Slot* a) { vm::exit_program(int(arg_int(a[0]))); }

void Getenv(Thread&, Slot* a) {
  const char* v = std::getenv(std::string(arg_str(a[0])).c_str());
  a[0] = v ? vm::make_string(v) : 0;
}

void LookupEnv(Thread&, Slot* a) {
  const char* v = std::getenv(std::string(arg_str(a[0])).c_str());
  a[0] = v ? vm::make_string(v) : 0;
  a[1] = from_bool(v != nullptr);
}

void setenv_native(Thread&, Slot* a) {
  ::setenv(std::string(arg_str(a[0])).c_str(), std::string(arg_str(a[1])).c_str(), 1);
}

void unsetenv_native(Thread&, Slot* a) { ::unsetenv(std::string(arg_str(a[0])).c_str()); }

void Environ(Thread&, Slot* a) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  a[0] = new_string_slice(env);
}

void Getpid(Thread&, Slot* a) { a[0] = from_int(::getpid()); }

void hostname(Thread&, Slot* a) {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  a[0] = vm::make_string(buf);
}

const vm::NativeEntry kNatives[] = {
    {"os.writeFD", writeFD},
    {"os.writeStringFD", writeStringFD},
    {"os.readFD", readFD},
    {"os.errnoString", errnoString},
    {"os.readFile", readFile},
    {"os.writeFile", writeFile},
    {"os.runtimeArgs", runtimeArgs},
    {"os.setFinalizer", setFinalizer},
    {"os.Exit", Exit},
    {"os.Getenv", Getenv},
    {"os.LookupEnv", LookupEnv},
    {"os.setenv", setenv_native},
    {"os.unsetenv", unsetenv_native},
    {"os.Environ", Environ},
    {"os.unlink", unlink_native},
    {"os.rmdir", rmdir_native},
    {"os.mkdir", mkdir_native},
    {"os.chdir", chdir_native},
    {"os.getwd", getwd_native},
    {"os.Getpid", Getpid},
    {"os.hostname", hostname},
};

}  // namespace

std::span<const vm::NativeEntry> os_natives() { return kNatives; }

}  // namespace mgo::stdlib
