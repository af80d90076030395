// bench/rusage.c: rusage OUTFILE TIMEOUT [VAR=value...] CMD [ARGS...]
//
// Runs CMD, with the VAR=value pairs added to its environment (as env(1)
// would), and writes one line to OUTFILE: its wall-clock, user and system
// seconds, to the microsecond, and its peak resident set in KiB (the
// kernel's rusage of CMD). The wall clock runs from the fork to the wait.
// After TIMEOUT seconds CMD is killed and the exit status is 124, as
// timeout(1)'s; otherwise it is CMD's (128 + N if signal N killed it).
//
// The benchmark runners build it into their scratch directory with cc.
// One small C process instead of python3 + GNU time + timeout: each
// program in such a chain costs a millisecond or more of start-up inside
// the wall clock, against programs that run for 20-60 ms; and a child
// forked from Python carries Python's ~10 MiB resident set into its
// ru_maxrss (exec keeps the high-water mark), where this one carries ~1.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out = 0;

static void on_alarm(int sig) {
  (void)sig;
  timed_out = 1;
}

static double seconds(struct timeval tv) { return tv.tv_sec + tv.tv_usec / 1e6; }

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: rusage OUTFILE TIMEOUT [VAR=value...] CMD [ARGS...]\n");
    return 2;
  }
  const char* out = argv[1];
  unsigned timeout = (unsigned)strtoul(argv[2], NULL, 10);
  int cmd = 3;
  while (cmd < argc && strchr(argv[cmd], '=') && argv[cmd][0] != '=') cmd++;
  if (cmd == argc) {
    fprintf(stderr, "rusage: no command\n");
    return 2;
  }

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;  // no SA_RESTART: the alarm interrupts wait4
  sigaction(SIGALRM, &sa, NULL);

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("rusage: fork");
    return 2;
  }
  if (pid == 0) {
    for (int i = 3; i < cmd; i++) putenv(argv[i]);
    execvp(argv[cmd], argv + cmd);
    fprintf(stderr, "rusage: %s: %s\n", argv[cmd], strerror(errno));
    _exit(127);
  }
  if (timeout > 0) alarm(timeout);
  int status;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      perror("rusage: wait4");
      return 2;
    }
    if (timed_out) kill(pid, SIGKILL);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (timed_out) return 124;

  FILE* f = fopen(out, "w");
  if (!f) {
    perror(out);
    return 2;
  }
  double wall = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  fprintf(f, "%.6f %.6f %.6f %ld\n", wall, seconds(ru.ru_utime), seconds(ru.ru_stime), ru.ru_maxrss);
  fclose(f);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
