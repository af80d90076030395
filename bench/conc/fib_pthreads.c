/* bench/conc/fib_pthreads.c — the machine's own ceiling for fib.go's
 * speed-up: fib.go's four tasks (fib(FIB_N) each, default 33, about as long
 * as mgo's fib(27)) taken from a shared counter by GOMAXPROCS POSIX threads
 * (default 2). There is no runtime between the work and the kernel, so the
 * speed-up from 1 to 2 threads is the best any Go implementation can show on
 * this machine in the same minute: a guest whose kernel packs busy threads
 * onto one vCPU, or whose host runs both vCPUs on one core, shows it here.
 *
 * Prints "fib N x 4 : [results]" like fib.go, and on stderr the microseconds
 * from the first pthread_create to the last pthread_join.
 * Build: cc -O2 -pthread -o fib_pthreads fib_pthreads.c */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { TASKS = 4, MAX_THREADS = 64 };

static int n = 31;
static long results[TASKS];
static int next_task;  /* taken with __atomic_fetch_add */

static long fib(int k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }

static void *worker(void *arg) {
  (void)arg;
  for (;;) {
    int t = __atomic_fetch_add(&next_task, 1, __ATOMIC_RELAXED);
    if (t >= TASKS) return NULL;
    results[t] = fib(n);
  }
}

static long long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int env_int(const char *name, int dflt, int lo, int hi) {
  const char *s = getenv(name);
  int v = s && *s ? atoi(s) : dflt;
  return v < lo ? lo : v > hi ? hi : v;
}

int main(void) {
  int threads = env_int("GOMAXPROCS", 2, 1, MAX_THREADS);
  n = env_int("FIB_N", 33, 0, 45);
  pthread_t th[MAX_THREADS];
  long long t0 = now_us();
  for (int i = 0; i < threads; i++)
    if (pthread_create(&th[i], NULL, worker, NULL) != 0) { perror("pthread_create"); return 1; }
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  long long t1 = now_us();
  printf("fib %d x %d : [", n, TASKS);
  for (int t = 0; t < TASKS; t++) printf(t ? " %ld" : "%ld", results[t]);
  printf("]\n");
  fprintf(stderr, "%lld\n", t1 - t0);
  return 0;
}
