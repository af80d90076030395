// The Go twins of bench/runtime/runtime_bench.cpp: same names, same
// scenarios. bench/runtime/run.sh runs them with
//
//	go test -run '^$' -bench . -count 3
//
// and prints them beside mgo's. Every benchmark sets GOMAXPROCS to the P
// count in its name.
package runtimebench

import (
	"runtime"
	"sync"
	"testing"
	_ "unsafe" // go:linkname
)

//go:linkname semacquire sync.runtime_Semacquire
func semacquire(addr *uint32)

//go:linkname semrelease sync.runtime_Semrelease
func semrelease(addr *uint32, handoff bool, skipframes int)

// withProcs runs f as sub-benchmark P<n> with GOMAXPROCS n.
func withProcs(b *testing.B, procs []int, f func(b *testing.B, procs int)) {
	for _, p := range procs {
		p := p
		b.Run("P"+itoa(p), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(p))
			f(b, p)
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}

// ---------------------------------------------------------------- park/ready

func BenchmarkSemaPingPong(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		var ping, pong uint32
		stop := false
		done := make(chan bool)
		go func() {
			for {
				semacquire(&ping)
				if stop {
					done <- true
					return
				}
				semrelease(&pong, false, 0)
			}
		}()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			semrelease(&ping, false, 0)
			semacquire(&pong)
		}
		b.StopTimer()
		stop = true
		semrelease(&ping, false, 0)
		<-done
	})
}

// ---------------------------------------------------------------- spawn

// Go's BenchmarkCreateGoroutines (runtime/proc_test.go).
func BenchmarkSpawn(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, procs int) {
		c := make(chan bool)
		var f func(n int)
		f = func(n int) {
			if n == 0 {
				c <- true
				return
			}
			go f(n - 1)
		}
		for i := 0; i < procs; i++ {
			go f(b.N / procs)
		}
		for i := 0; i < procs; i++ {
			<-c
		}
	})
}

// ---------------------------------------------------------------- sync

func BenchmarkMutexUncontended(b *testing.B) {
	withProcs(b, []int{1}, func(b *testing.B, _ int) {
		var mu sync.Mutex
		for i := 0; i < b.N; i++ {
			mu.Lock()
			mu.Unlock()
		}
	})
}

func BenchmarkMutexContended(b *testing.B) {
	withProcs(b, []int{2}, func(b *testing.B, procs int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		counter := 0
		workers := 4 * procs
		each := b.N/workers + 1
		wg.Add(workers)
		for w := 0; w < workers; w++ {
			go func() {
				for i := 0; i < each; i++ {
					mu.Lock()
					counter++
					mu.Unlock()
				}
				wg.Done()
			}()
		}
		wg.Wait()
	})
}

func BenchmarkWaitGroupUncontended(b *testing.B) {
	withProcs(b, []int{1}, func(b *testing.B, _ int) {
		var wg sync.WaitGroup
		for i := 0; i < b.N; i++ {
			wg.Add(1)
			wg.Done()
			wg.Wait()
		}
	})
}

func BenchmarkWaitGroupFanIn(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		var wg sync.WaitGroup
		for i := 0; i < b.N; i += 100 {
			wg.Add(100)
			for k := 0; k < 100; k++ {
				go wg.Done()
			}
			wg.Wait()
		}
	})
}

// ---------------------------------------------------------------- channels

func BenchmarkChanPingPong(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		ping := make(chan int64)
		pong := make(chan int64)
		go func() {
			for {
				v := <-ping
				if v < 0 {
					return
				}
				pong <- v
			}
		}()
		for i := 0; i < b.N; i++ {
			ping <- int64(i)
			<-pong
		}
		ping <- -1
	})
}

func BenchmarkChanBuffered(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		ch := make(chan int64, 128)
		n := b.N
		go func() {
			for i := 0; i < n; i++ {
				ch <- int64(i)
			}
		}()
		for i := 0; i < n; i++ {
			<-ch
		}
	})
}

func benchmarkSelect(b *testing.B, k int) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		chs := make([]chan int64, k)
		for i := range chs {
			chs[i] = make(chan int64)
			n := b.N / k
			if i < b.N%k {
				n++
			}
			go func(ch chan int64, n int) {
				for j := 0; j < n; j++ {
					ch <- int64(j)
				}
			}(chs[i], n)
		}
		for i := 0; i < b.N; i++ {
			if k == 2 {
				select {
				case <-chs[0]:
				case <-chs[1]:
				}
			} else {
				select {
				case <-chs[0]:
				case <-chs[1]:
				case <-chs[2]:
				case <-chs[3]:
				}
			}
		}
	})
}

func BenchmarkSelect2(b *testing.B) { benchmarkSelect(b, 2) }
func BenchmarkSelect4(b *testing.B) { benchmarkSelect(b, 4) }

// ---------------------------------------------------------------- sieve

func generate(ch chan<- int64) {
	for i := int64(2); ; i++ {
		ch <- i
	}
}

func filter(in <-chan int64, out chan<- int64, prime int64) {
	for {
		if v := <-in; v%prime != 0 {
			out <- v
		}
	}
}

// The first 1000 primes through a chain of 1000 filter goroutines (left
// blocked afterwards, as in mgo's twin).
func BenchmarkSieve1000(b *testing.B) {
	withProcs(b, []int{1, 2}, func(b *testing.B, _ int) {
		for it := 0; it < b.N; it++ {
			ch := make(chan int64)
			go generate(ch)
			var prime int64
			for i := 0; i < 1000; i++ {
				prime = <-ch
				ch1 := make(chan int64)
				go filter(ch, ch1, prime)
				ch = ch1
			}
			if prime != 7919 {
				b.Fatalf("the 1000th prime is %d, not 7919", prime)
			}
		}
	})
}
