// Four goroutines, each computing fib(27) recursively, with no
// communication until the end: pure interpretation that should scale with
// the number of P's. The runner runs it with GOMAXPROCS=1 and =2; the
// speed-up is time(1) / time(2).
package main

import (
	"fmt"
	"sync"
)

const (
	workers = 4
	n       = 27
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	var wg sync.WaitGroup
	results := make([]int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			results[w] = fib(n)
			wg.Done()
		}(w)
	}
	wg.Wait()
	fmt.Println("fib", n, "x", workers, ":", results)
}
