// Memory per parked goroutine, Go's side (mgo's: mgo_runtime_bench
// --rss=N): parks N goroutines on one channel and prints the growth of
// VmRSS, per goroutine, in the same format.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
)

func vmrssKiB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if strings.HasPrefix(s.Text(), "VmRSS:") {
			var kib int64
			fmt.Sscanf(strings.TrimPrefix(s.Text(), "VmRSS:"), "%d", &kib)
			return kib
		}
	}
	return -1
}

func main() {
	n := flag.Int("n", 100000, "goroutines to park")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	block := make(chan struct{})
	var started sync.WaitGroup
	before := vmrssKiB()
	started.Add(*n)
	for i := 0; i < *n; i++ {
		go func() {
			started.Done()
			<-block
		}()
	}
	started.Wait()
	runtime.Gosched()
	after := vmrssKiB()
	close(block)
	fmt.Printf("rss %d goroutines: %d KiB -> %d KiB: %.2f KiB per goroutine\n", *n, before, after,
		float64(after-before)/float64(*n))
}
