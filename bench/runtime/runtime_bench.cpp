// Micro-benchmarks of mgo's native runtime (Google Benchmark), each the
// twin of a Go benchmark in bench/runtime/go/runtime_test.go with the same
// name: bench/runtime/run.sh runs both and prints them side by side.
//
// Every benchmark runs its body as goroutines under run_main with the P
// count in its name, b.N style: the whole batch of state.max_iterations
// operations runs in one timed stretch (KeepRunningBatch), exactly as a Go
// benchmark loops b.N times. Times are wall-clock (the goroutines move
// between threads, so per-thread CPU time would mean nothing).
//
// Helper goroutines always finish before the main goroutine returns: its
// frame (where they find their shared state) is overwritten by goexit the
// moment it returns, and run_main drops goroutines still parked.
//
// `mgo_runtime_bench --rss=N` instead parks N goroutines and prints the
// resident memory they cost (VmRSS before and after), per goroutine.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/chan.h"
#include "runtime/lock.h"
#include "runtime/proc.h"
#include "runtime/select.h"
#include "runtime/sema.h"
#include "runtime/sync.h"

namespace {

using namespace mgo::rt;

// Runs body() as the main goroutine on nprocs P's.
template <class F>
void run(int nprocs, F&& body) {
  struct Box {
    F* f;
  } box{&body};
  run_main([](void* p) { (*static_cast<Box*>(p)->f)(); }, &box, nprocs);
}

// Starts a goroutine running (*f)(); f must outlive it.
template <class F>
void go(F* f) {
  newproc([](void* p) { (*static_cast<F*>(p))(); }, f);
}

// The b.N loop: body(n) does n operations, timed as one batch.
template <class F>
void batch(benchmark::State& state, F&& body) {
  const auto n = state.max_iterations;
  while (state.KeepRunningBatch(n)) body(int64_t(n));
}

// ---------------------------------------------------------------- park/ready

// Two goroutines hand a token back and forth through two semaphores: one
// op is a round trip (two parks, two readies). Go's twin uses
// sync.runtime_Semacquire/Semrelease, the same primitives.
void SemaPingPong(benchmark::State& state, int procs) {
  run(procs, [&] {
    struct Ctx {
      uint32_t ping = 0, pong = 0;
      bool stop = false;
    } c;
    struct Partner {
      Ctx* c;
      void operator()() {
        for (;;) {
          semacquire(&c->ping);
          if (c->stop) break;
          semrelease(&c->pong);
        }
        semrelease(&c->pong);  // gone: the main goroutine may return
      }
    } partner{&c};
    go(&partner);
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        semrelease(&c.ping);
        semacquire(&c.pong);
      }
    });
    c.stop = true;
    semrelease(&c.ping);
    semacquire(&c.pong);
  });
}

// The same round trip on bare gopark/goready (mgo only: Go's user code
// cannot call them).
void ParkReady(benchmark::State& state, int procs) {
  run(procs, [&] {
    struct Ctx {
      mutex mu;
      g* parked[2] = {nullptr, nullptr};
      bool token[2] = {false, false};
      bool stop = false;
      void pass(int to) {
        mu.lock();
        token[to] = true;
        g* w = parked[to];
        parked[to] = nullptr;
        mu.unlock();
        if (w) goready(w);
      }
      void take(int me) {
        mu.lock();
        while (!token[me]) {
          parked[me] = getg();
          gopark(parkunlock_c, &mu, waitReason::chanReceive);
          mu.lock();
        }
        token[me] = false;
        mu.unlock();
      }
    } c;
    struct Partner {
      Ctx* c;
      void operator()() {
        for (;;) {
          c->take(1);
          if (c->stop) break;
          c->pass(0);
        }
        c->pass(0);  // gone
      }
    } partner{&c};
    go(&partner);
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        c.pass(1);
        c.take(0);
      }
    });
    c.stop = true;
    c.pass(1);
    c.take(0);
  });
}

// ---------------------------------------------------------------- spawn

// Go's BenchmarkCreateGoroutines: each goroutine starts the next and
// exits; procs chains run at once. One op: one goroutine created and ended.
struct SpawnCtx {
  uint32_t done = 0;
} spawnCtx;

void spawnChain(void* arg) {
  auto n = reinterpret_cast<intptr_t>(arg);
  if (n == 0) {
    semrelease(&spawnCtx.done);
    return;
  }
  newproc(spawnChain, reinterpret_cast<void*>(n - 1));
}

void Spawn(benchmark::State& state, int procs) {
  run(procs, [&] {
    batch(state, [&](int64_t n) {
      for (int i = 0; i < procs; ++i) newproc(spawnChain, reinterpret_cast<void*>(intptr_t(n / procs)));
      for (int i = 0; i < procs; ++i) semacquire(&spawnCtx.done);
    });
  });
}

// ---------------------------------------------------------------- sync

void MutexUncontended(benchmark::State& state, int procs) {
  run(procs, [&] {
    Mutex mu;
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        mu.Lock();
        mu.Unlock();
      }
    });
  });
}

// Go's BenchmarkMutex shape: 4 goroutines per P share one mutex, with no
// work inside; one op is one Lock/Unlock by any of them.
void MutexContended(benchmark::State& state, int procs) {
  run(procs, [&] {
    struct Ctx {
      Mutex mu;
      WaitGroup wg;
      int64_t each = 0;
      int64_t counter = 0;
    } c;
    struct Worker {
      Ctx* c;
      void operator()() {
        for (int64_t i = 0; i < c->each; ++i) {
          c->mu.Lock();
          c->counter++;
          c->mu.Unlock();
        }
        c->wg.Done();
      }
    } worker{&c};
    const int workers = 4 * procs;
    batch(state, [&](int64_t n) {
      c.each = n / workers + 1;
      c.wg.Add(workers);
      for (int i = 0; i < workers; ++i) go(&worker);
      c.wg.Wait();
    });
  });
}

// Go's BenchmarkWaitGroupUncontended: Add(1); Done(); Wait() on one group.
void WaitGroupUncontended(benchmark::State& state, int procs) {
  run(procs, [&] {
    WaitGroup wg;
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        wg.Add(1);
        wg.Done();
        wg.Wait();
      }
    });
  });
}

// Fan-out/fan-in: one op is a goroutine started and waited for through a
// WaitGroup, 100 per Wait.
void WaitGroupFanIn(benchmark::State& state, int procs) {
  run(procs, [&] {
    WaitGroup wg;
    struct Worker {
      WaitGroup* wg;
      void operator()() { wg->Done(); }
    } worker{&wg};
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; i += 100) {
        wg.Add(100);
        for (int k = 0; k < 100; ++k) go(&worker);
        wg.Wait();
      }
    });
  });
}

// ---------------------------------------------------------------- channels

// Unbuffered ping-pong: one op is a round trip (two sends, two receives).
void ChanPingPong(benchmark::State& state, int procs) {
  run(procs, [&] {
    struct Ctx {
      hchan* ping = makechan(8, 0);
      hchan* pong = makechan(8, 0);
    } c;
    struct Partner {
      Ctx* c;
      void operator()() {
        int64_t v;
        for (;;) {
          chanrecv(c->ping, &v, true);
          chansend(c->pong, &v, true);
          if (v < 0) return;  // the main goroutine waits for this last send
        }
      }
    } partner{&c};
    go(&partner);
    batch(state, [&](int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = i;
        chansend(c.ping, &v, true);
        chanrecv(c.pong, &v, true);
      }
    });
    int64_t stop = -1;
    chansend(c.ping, &stop, true);
    chanrecv(c.pong, &stop, true);
  });
}

// A producer and a consumer through a channel of 128: one op is one value.
void ChanBuffered(benchmark::State& state, int procs) {
  run(procs, [&] {
    struct Ctx {
      hchan* ch = makechan(8, 128);
      int64_t n = 0;
      uint32_t done = 0;
    } c;
    struct Producer {
      Ctx* c;
      void operator()() {
        for (int64_t i = 0; i < c->n; ++i) chansend(c->ch, &i, true);
        semrelease(&c->done);
      }
    } producer{&c};
    batch(state, [&](int64_t n) {
      c.n = n;
      go(&producer);
      int64_t v;
      for (int64_t i = 0; i < n; ++i) chanrecv(c.ch, &v, true);
      semacquire(&c.done);
    });
  });
}

// k senders, each on its own unbuffered channel; the receiver selects over
// the k channels. One op is one select.
void SelectK(benchmark::State& state, int procs, int k) {
  run(procs, [&] {
    uint32_t done = 0;
    struct Sender {
      hchan* ch;
      int64_t n;
      uint32_t* done;
      void operator()() {
        for (int64_t i = 0; i < n; ++i) chansend(ch, &i, true);
        semrelease(done);
      }
    };
    std::vector<Sender> senders(k);
    std::vector<scase> cases(k);
    int64_t v;
    for (int i = 0; i < k; ++i) senders[i] = Sender{makechan(8, 0), 0, &done};
    batch(state, [&](int64_t n) {
      for (int i = 0; i < k; ++i) {
        senders[i].n = n / k + (i < n % k);
        go(&senders[i]);
      }
      for (int64_t i = 0; i < n; ++i) {
        for (int j = 0; j < k; ++j) cases[j] = scase{senders[j].ch, &v};
        selectgo(cases.data(), 0, k, true);
      }
      for (int i = 0; i < k; ++i) semacquire(&done);
    });
  });
}

// The classic concurrent prime sieve: a generator and a chain of 1000
// filter goroutines, one per prime. One op is the whole sieve (the first
// 1000 primes); the goroutines stay blocked afterwards, as in Go's twin.
struct SieveFilter {
  hchan* in;
  hchan* out;
  int64_t prime;
};

void sieveGenerate(void* arg) {
  auto* ch = static_cast<hchan*>(arg);
  for (int64_t i = 2;; ++i) chansend(ch, &i, true);
}

void sieveFilter(void* arg) {
  auto* f = static_cast<SieveFilter*>(arg);
  for (int64_t v;;) {
    chanrecv(f->in, &v, true);
    if (v % f->prime != 0) chansend(f->out, &v, true);
  }
}

void Sieve1000(benchmark::State& state, int procs) {
  // Each sieve's filters stay in use by its blocked goroutines until
  // run_main ends: fresh ones for every sieve, freed after.
  std::vector<std::vector<SieveFilter>> all;
  run(procs, [&] {
    batch(state, [&](int64_t n) {
      for (int64_t it = 0; it < n; ++it) {
        auto& filters = all.emplace_back(1000);
        hchan* ch = makechan(8, 0);
        newproc(sieveGenerate, ch);
        for (int i = 0; i < 1000; ++i) {
          int64_t prime;
          chanrecv(ch, &prime, true);
          hchan* ch1 = makechan(8, 0);
          filters[i] = SieveFilter{ch, ch1, prime};
          newproc(sieveFilter, &filters[i]);
          ch = ch1;
        }
        if (filters[999].prime != 7919) state.SkipWithError("the 1000th prime is not 7919");
      }
    });
  });
}

// ---------------------------------------------------------------- memory

long vmrss_kib() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
  std::fclose(f);
  return kib;
}

// Parks n goroutines on one semaphore and prints the resident memory they
// add, per goroutine (stack page, g, scheduler bookkeeping).
int rss_mode(long n) {
  struct Ctx {
    uint32_t sema = 0;
    std::atomic<long> parked{0};
    long before = 0, after = 0;
  } c;
  struct Sleeper {
    Ctx* c;
    void operator()() {
      c->parked.fetch_add(1, std::memory_order_relaxed);
      semacquire(&c->sema);
    }
  } sleeper{&c};
  run(1, [&] {
    c.before = vmrss_kib();
    for (long i = 0; i < n; ++i) go(&sleeper);
    // One P: every goroutine has run up to its park once we get the P back.
    while (c.parked.load() < n || semawaiters(&c.sema) < uint32_t(n)) Gosched();
    c.after = vmrss_kib();
    for (long i = 0; i < n; ++i) semrelease(&c.sema);
  });
  double per = double(c.after - c.before) / double(n);
  std::printf("rss %ld goroutines: %ld KiB -> %ld KiB: %.2f KiB per goroutine\n", n, c.before, c.after, per);
  return 0;
}

void register_all() {
  struct Entry {
    const char* name;
    void (*fn)(benchmark::State&, int);
    std::vector<int> procs;
  };
  const Entry entries[] = {
      {"SemaPingPong", SemaPingPong, {1, 2}},
      {"ParkReady", ParkReady, {1, 2}},
      {"Spawn", Spawn, {1, 2}},
      {"MutexUncontended", MutexUncontended, {1}},
      {"MutexContended", MutexContended, {2}},
      {"WaitGroupUncontended", WaitGroupUncontended, {1}},
      {"WaitGroupFanIn", WaitGroupFanIn, {1, 2}},
      {"ChanPingPong", ChanPingPong, {1, 2}},
      {"ChanBuffered", ChanBuffered, {1, 2}},
      {"Sieve1000", Sieve1000, {1, 2}},
  };
  for (const Entry& e : entries)
    for (int p : e.procs)
      benchmark::RegisterBenchmark((std::string(e.name) + "/P" + std::to_string(p)).c_str(), e.fn, p)
          ->UseRealTime();
  for (int k : {2, 4})
    for (int p : {1, 2})
      benchmark::RegisterBenchmark(("Select" + std::to_string(k) + "/P" + std::to_string(p)).c_str(),
                                   [k](benchmark::State& s, int procs) { SelectK(s, procs, k); }, p)
          ->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--rss=", 6) == 0) return rss_mode(std::atol(argv[i] + 6));
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
